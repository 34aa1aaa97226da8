"""The loss: one number that says how far the outputs are from the targets."""

import numpy as np

from nnlib._checks import as_numbers, same_shape


def _n_samples(o):
    """Samples lie along the first axis; a scalar output is one sample."""
    return o.shape[0] if o.ndim else 1


def mean_sum_squared_loss(o, y):
    r"""L = \frac{1}{n} \sum_i \sum_j (o_{ij} - y_{ij})^2. Shapes: o, y (n, d_out) or (n,) or () -> float."""
    o, y = as_numbers("o", o), as_numbers("y", y)
    same_shape("o", o, "y", y)
    return float(np.sum((o - y) ** 2) / _n_samples(o))


def mean_sum_squared_loss_derivative(o, y):
    r"""dL/do = \frac{2}{n} (o - y). Shapes: o, y (n, d_out) or (n,) or () -> like o."""
    o, y = as_numbers("o", o), as_numbers("y", y)
    same_shape("o", o, "y", y)
    return _mean_sum_squared_loss_derivative(o, y)


def _mean_sum_squared_loss_derivative(o, y):
    """dL/do on checked arrays of the same shape (the hot path inside nnlib)."""
    return 2.0 * (o - y) / _n_samples(o)
