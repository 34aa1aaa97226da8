"""nnlib: the math of the companion notebooks, one small NumPy function per equation.

Symbols (batch-first): X (n, d_in) inputs, w (d_in, d_out) weights,
b (d_out,) bias, z = X @ w + b, o = sigmoid(z) outputs, y (n, d_out) targets,
L the loss, eta the learning rate, dL_dw and dL_db the gradients.

The math sits at the top level (``nnlib.forward``). Pictures live in
``nnlib.plotting`` (``draw_*`` builds one, ``update_*`` moves it), sliders in
the ``nnlib.explore_*`` functions (``nnlib.export`` turns one into pictures
for the website), and the self-checked exercises in ``nnlib.exercises``.
Backpropagation as a picture, the graph of the computation, is ``nnlib.graph_*``
and ``nnlib.explore_backprop`` (its drawing: ``nnlib.backprop.draw_backprop``).
"""

from nnlib import (activations, backprop, data, digit_explorers, digit_plots, exercises, explorers, export, gradcheck,
                   layers, losses, network, plotting, training)
from nnlib.activations import sigmoid, sigmoid_derivative
from nnlib.backprop import Graph, explore_backprop, graph_layer, graph_layers, graph_one_weight, graph_two_layer
from nnlib.data import SPAM_FEATURES, digits_data, single_input_data, spam_data
from nnlib.digit_explorers import DigitPad, explore_digit_pad, explore_digit_training
from nnlib.explorers import (Explorer, explore_descent, explore_hidden_layer, explore_learning_rates, explore_loss,
                             explore_sigmoid, explore_single_weight, explore_spam_rule, explore_tangent,
                             explore_training, explore_two_weights)
from nnlib.gradcheck import numerical_gradient
from nnlib.layers import (accuracy, cross_entropy_loss, forward_layers, gradients_layers, minibatches, one_hot,
                          random_layers, softmax, train_layers)
from nnlib.losses import mean_sum_squared_loss, mean_sum_squared_loss_derivative
from nnlib.network import (descent_path, forward, forward_two_layer, gradients, gradients_two_layer, loss_curve,
                           weighted_sum)
from nnlib.plotting import as_picture, new_figure
from nnlib.training import History, learning_rate_verdict, train, train_two_layer

# Every public name once, from the module that defines it (a test checks the imports above match).
__all__ = [
    *activations.__all__, *losses.__all__, *network.__all__, *gradcheck.__all__, *training.__all__, *layers.__all__,
    *data.__all__, *explorers.__all__, *digit_explorers.__all__,
    "Graph", "graph_one_weight", "graph_layer", "graph_two_layer", "graph_layers",   # backprop as a picture:
    "explore_backprop",                                                              # its graphs, its explorer
    "new_figure", "as_picture",       # the two plotting helpers every notebook uses
    "plotting", "digit_plots",        # nnlib.plotting.draw_*, nnlib.digit_plots.draw_*: the pictures
    "backprop",                       # nnlib.backprop.draw_backprop: the picture of the computation graph
    "exercises",                      # nnlib.exercises.check(id, answer)
    "export",                         # an explorer as pictures, for the website's sliders
]
