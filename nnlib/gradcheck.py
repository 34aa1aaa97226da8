"""Gradient checking: derivatives by finite differences, to test the analytic ones."""

import numbers

import numpy as np

from nnlib._checks import as_numbers, plain


def _scalar_value(f, w):
    """f(w) as a float, or a clear error saying what f returned instead."""
    value = f(w)
    if np.ndim(value) != 0:
        raise ValueError(f"f must return a single number (a loss), got shape {np.shape(value)}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"f returned {value} at w = {np.round(w, 6).tolist()}; it must be finite")
    return value


def numerical_gradient(f, w, eps=1e-6):
    r"""Central differences: df/dw_i \approx (f(w + eps e_i) - f(w - eps e_i)) / (2 eps). Shape: w any -> like w."""
    if not callable(f):
        raise TypeError(f"f must be a function of w, got {type(f).__name__}")
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real) or not 0 < eps < np.inf:
        raise ValueError(f"eps must be a small positive number, got {eps!r}")
    w = as_numbers("w", w).copy()
    grad = np.empty_like(w)
    for i in np.ndindex(w.shape):       # one weight at a time; the others stay put
        original = w[i]
        w[i] = original + eps
        f_plus = _scalar_value(f, plain(w.copy()))
        w[i] = original - eps
        f_minus = _scalar_value(f, plain(w.copy()))
        w[i] = original
        # The error of the central difference shrinks like eps**2 (one-sided: like eps).
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return plain(grad)
