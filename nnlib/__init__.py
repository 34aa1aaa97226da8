"""nnlib: the math of the companion notebooks, one small NumPy function per equation.

Symbols (batch-first): X (n, d_in) inputs, w (d_in, d_out) weights,
b (d_out,) bias, z = X @ w + b, o = sigmoid(z) outputs, y (n, d_out) targets,
L the loss, eta the learning rate, dL_dw and dL_db the gradients.
"""

from nnlib import exercises
from nnlib.activations import sigmoid, sigmoid_derivative
from nnlib.data import SPAM_FEATURES, single_input_data, spam_data
from nnlib.explorers import (Explorer, explore_descent, explore_hidden_layer, explore_learning_rates, explore_loss,
                             explore_sigmoid, explore_single_weight, explore_tangent, explore_training,
                             explore_two_weights)
from nnlib.gradcheck import numerical_gradient
from nnlib.losses import mean_sum_squared_loss, mean_sum_squared_loss_derivative
from nnlib.network import (descent_path, forward, forward_two_layer, gradients, gradients_two_layer, loss_curve,
                           weighted_sum)
from nnlib.training import History, learning_rate_verdict, train, train_two_layer
from nnlib.plotting import (as_picture, draw_decision_boundary, draw_descent, draw_hidden_view, draw_loss_and_fit,
                            draw_loss_history, draw_matmul_shapes, draw_sigmoid_curve, draw_single_weight,
                            draw_tangent, draw_two_weights, new_figure, update_decision_boundary, update_descent,
                            update_hidden_view, update_loss_and_fit, update_loss_history, update_sigmoid_curve,
                            update_single_weight, update_tangent, update_two_weights)

__all__ = [
    # math
    "sigmoid", "sigmoid_derivative",
    "mean_sum_squared_loss", "mean_sum_squared_loss_derivative",
    "weighted_sum", "forward", "gradients", "loss_curve", "descent_path",
    "forward_two_layer", "gradients_two_layer",
    "numerical_gradient",
    # training
    "History", "train", "train_two_layer", "learning_rate_verdict",
    # data
    "single_input_data", "spam_data", "SPAM_FEATURES",
    # pictures
    "new_figure", "as_picture", "draw_matmul_shapes",
    "draw_single_weight", "update_single_weight",
    "draw_two_weights", "update_two_weights",
    "draw_sigmoid_curve", "update_sigmoid_curve",
    "draw_loss_and_fit", "update_loss_and_fit",
    "draw_tangent", "update_tangent",
    "draw_descent", "update_descent",
    "draw_decision_boundary", "update_decision_boundary",
    "draw_loss_history", "update_loss_history",
    "draw_hidden_view", "update_hidden_view",
    # self-checked exercises: nnlib.exercises.check(id, answer), hint(id), solution(id)
    "exercises",
    # explorers
    "Explorer", "explore_single_weight", "explore_two_weights", "explore_sigmoid",
    "explore_loss", "explore_tangent", "explore_descent",
    "explore_training", "explore_learning_rates", "explore_hidden_layer",
]
