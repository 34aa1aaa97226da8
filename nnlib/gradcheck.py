"""Gradient checking: derivatives by finite differences, to test the analytic ones."""

import numpy as np

from nnlib import _checks

__all__ = ["numerical_gradient"]


@_checks.door
def numerical_gradient(f, w, eps=1e-6):
    r"""Central differences: df/dw_i \approx (f(w + eps e_i) - f(w - eps e_i)) / (2 eps). Shape: w any -> like w."""
    if not callable(f):
        raise TypeError(f"f must be a function of w that returns a loss, got {_checks.describe(f)}")
    w_ = _checks.numbers("w", w)
    eps = _checks.positive("eps", eps)
    largest = float(np.max(np.abs(w_)))
    if eps < 1e-10 * max(1.0, largest):
        raise ValueError(f"eps = {eps:g} is too small for w of size up to {largest:g}: w + eps and w - eps keep "
                         "too few of w's digits (float64 holds about 16) for the difference to mean anything. "
                         "Use eps near 1e-6 times the size of w.")
    return _checks.given_back(_numerical_gradient(_loss_of(f, np.shape(w)), w_, eps), w)


def _numerical_gradient(f, w, eps):
    grad = np.zeros_like(w)
    for i in np.ndindex(w.shape):       # one weight at a time; the others stay put
        step = np.zeros_like(w)
        step[i] = eps
        grad[i] = (f(w + step) - f(w - step)) / (2 * eps)  # the error shrinks like eps^2
    return grad


def _loss_of(f, shape):
    """f, called with w in the caller's form (a number for a number), its answer checked to be one float64."""
    def loss(w):
        return _checks.loss_value("f", f(_checks.given_back(w, shape)), w)
    return loss
