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


def mean_sum_squared_loss(o, y):
    r"""L = \frac{1}{n} \sum_i \sum_j (o_{ij} - y_{ij})^2. Shapes: o, y (n, d_out) or (n,) or () -> a number."""
    o, y = _outputs_and_targets(o, y)
    with np.errstate(over="ignore"):  # checked just below, with a message instead of a warning
        L = float(_mean_sum_squared_loss(o, y))
    if not np.isfinite(L):
        raise ValueError("the loss does not fit in a float64 (it overflowed past 1.8e308): o and y are too far apart")
    return L


def _mean_sum_squared_loss(o, y):
    # Sums over the last two axes, (n, d_out). Any axes before them hold separate
    # candidates (loss_curve evaluates many weights at once): one loss each.
    return np.sum((o - y) ** 2, axis=(-2, -1)) / o.shape[-2]


def mean_sum_squared_loss_derivative(o, y):
    r"""dL/do = \frac{2}{n} (o - y). Shapes: o, y (n, d_out) or (n,) or () -> like o."""
    return _checks.given_back(_mean_sum_squared_loss_derivative(*_outputs_and_targets(o, y)), np.shape(o))


def _mean_sum_squared_loss_derivative(o, y):
    return 2 * (o - y) / len(o)


def cross_entropy_loss(o, y):
    """L = -(1/n) sum_i sum_j y_ij log(o_ij). Shapes: o, y (n, classes) -> a number."""
    o, y = _checks.numbers("o", o), _checks.numbers("y", y)
    _checks.same_shape("o", o, "y", y)
    if o.ndim != 2 or o.min() < 0 or o.max() > 1:
        raise ValueError(f"o must be outputs between 0 and 1 of shape (n, classes), e.g. from softmax; got shape "
                         f"{o.shape} with values from {o.min():g} to {o.max():g}")
    return float(_cross_entropy_loss(o, y))


def _cross_entropy_loss(o, y):
    # o is kept >= 1e-300 (log = -690.8): a softmax output rounded to 0.0 would make 0 * log(0) = nan
    return -np.sum(y * np.log(np.maximum(o, 1e-300))) / len(o)
