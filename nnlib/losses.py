"""The loss: one number that says how far the outputs are from the targets.

The mean sum squared loss is the post's; cross-entropy is the loss that goes with
a softmax output (notebook 10).
"""

import numpy as np

from nnlib import _checks

__all__ = ["mean_sum_squared_loss", "mean_sum_squared_loss_derivative", "cross_entropy_loss"]


def _outputs_and_targets(o, y):
    """The door of both functions: o and y of the same shape, a number, (n,) or (n, d_out), as (n, d_out)."""
    o, y = _checks.numbers("o", o), _checks.numbers("y", y)
    _checks.same_shape("o", o, "y", y)
    if o.ndim > 2:
        raise ValueError(f"o and y must be a number, (n,) or (n, d_out); got shape {o.shape}")
    return o.reshape(len(o) if o.ndim else 1, -1), y.reshape(len(y) if y.ndim else 1, -1)


@_checks.door
def mean_sum_squared_loss(o, y):
    r"""L = \frac{1}{n} \sum_i \sum_j (o_{ij} - y_{ij})^2. Shapes: o, y (n, d_out) or (n,) or () -> a number."""
    return float(_mean_sum_squared_loss(*_outputs_and_targets(o, y)))


def _mean_sum_squared_loss(o, y):
    # Sums over the last two axes, (n, d_out). Any axes before them hold separate
    # candidates (loss_curve evaluates many weights at once): one loss each.
    return np.sum((o - y) ** 2, axis=(-2, -1)) / o.shape[-2]


@_checks.door
def mean_sum_squared_loss_derivative(o, y):
    r"""dL/do = \frac{2}{n} (o - y). Shapes: o, y (n, d_out) or (n,) or () -> like o."""
    return _checks.given_back(_mean_sum_squared_loss_derivative(*_outputs_and_targets(o, y)), np.shape(o))


def _mean_sum_squared_loss_derivative(o, y):
    return 2 * (o - y) / len(o)


@_checks.door
def cross_entropy_loss(o, y):
    """L = -(1/n) sum_i sum_j y_ij log(o_ij). Shapes: o, y (n, classes) -> a number."""
    o, y = _checks.numbers("o", o), _checks.numbers("y", y)
    _checks.same_shape("o", o, "y", y)
    if o.ndim != 2:
        raise ValueError(f"o must be outputs of shape (n, classes), one row per example, e.g. from softmax; got "
                         f"shape {o.shape}")
    _checks.probabilities("o", o, "the outputs of a softmax are")
    _checks.probabilities("y", y, "one-hot targets are: use nnlib.one_hot(labels)")
    return float(_cross_entropy_loss(o, y))


def _cross_entropy_loss(o, y):
    # o is kept >= 1e-300 (log = -690.8): a softmax output rounded to 0.0 would make 0 * log(0) = nan
    return -np.sum(y * np.log(np.maximum(o, 1e-300))) / len(o)
