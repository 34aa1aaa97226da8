"""nnlib: the math of the companion notebooks, one small NumPy function per equation.

Symbols (batch-first): X (n, d_in) inputs, w (d_in, d_out) weights,
b (d_out,) bias, z = X @ w + b, o = sigmoid(z) outputs, y (n, d_out) targets,
L the loss, eta the learning rate, dL_dw and dL_db the gradients.
"""

from nnlib.activations import sigmoid, sigmoid_derivative
from nnlib.explorers import Explorer, explore_single_weight
from nnlib.gradcheck import numerical_gradient
from nnlib.losses import mean_sum_squared_loss, mean_sum_squared_loss_derivative
from nnlib.network import forward, gradients, loss_curve, weighted_sum
from nnlib.plotting import as_picture, draw_single_weight, new_figure, update_single_weight

__all__ = [
    "sigmoid",
    "sigmoid_derivative",
    "mean_sum_squared_loss",
    "mean_sum_squared_loss_derivative",
    "weighted_sum",
    "forward",
    "gradients",
    "loss_curve",
    "numerical_gradient",
    "new_figure",
    "as_picture",
    "draw_single_weight",
    "update_single_weight",
    "Explorer",
    "explore_single_weight",
]
