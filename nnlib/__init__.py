"""nnlib: the math of the companion notebooks, one small NumPy function per equation.

Symbols (batch-first): X (n, d_in) inputs, w (d_in, d_out) weights,
b (d_out,) bias, z = X @ w + b, o = sigmoid(z) outputs, y (n, d_out) targets,
L the loss, eta the learning rate, dL_dw and dL_db the gradients.

The math sits at the top level (``nnlib.forward``). Pictures live in
``nnlib.plotting`` (``draw_*`` builds one, ``update_*`` moves it), sliders in
the ``nnlib.explore_*`` functions, and the self-checked exercises in ``nnlib.exercises``.
"""

from nnlib import (activations, data, digit_explorers, digit_plots, exercises, explorers, gradcheck, layers,
                   losses, network, plotting, training)
from nnlib.activations import sigmoid, sigmoid_derivative
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
    "new_figure", "as_picture",       # the two plotting helpers every notebook uses
    "plotting", "digit_plots",        # nnlib.plotting.draw_*, nnlib.digit_plots.draw_*: the pictures
    "exercises",                      # nnlib.exercises.check(id, answer)
]
