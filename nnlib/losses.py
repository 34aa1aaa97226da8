"""The loss: one number that says how far the outputs are from the targets."""

import numpy as np

from nnlib import _checks

__all__ = ["mean_sum_squared_loss", "mean_sum_squared_loss_derivative"]


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
