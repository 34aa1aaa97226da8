"""Activation functions: the squashing step after the weighted sum."""

import numpy as np

from nnlib._checks import as_numbers, plain


def sigmoid(z):
    """Logistic sigmoid sigma(z) = 1 / (1 + exp(-z)), elementwise. Shape: any -> same."""
    return plain(_sigmoid(as_numbers("z", z)))


def _sigmoid(z, out=None):
    """sigmoid on an already checked float array (the hot path inside nnlib); ``out`` may be ``z`` itself."""
    o = np.negative(z, out=np.empty_like(z) if out is None else out)  # then every step in place:
    with np.errstate(over="ignore"):             # for z < -709, exp(-z) overflows to inf and
        np.exp(o, out=o)                          # 1 / (1 + inf) = 0.0 is the right limit, so only
    o += 1.0                                      # NumPy's overflow warning would be wrong here
    return np.reciprocal(o, out=o)


def sigmoid_derivative(z):
    """d sigma / dz = sigma(z) * (1 - sigma(z)), taken at z (not at sigma(z)). Shape: any -> same."""
    return plain(_sigmoid_derivative(as_numbers("z", z)))


def _sigmoid_derivative(z):
    # 1 - sigma(z) equals sigma(-z); the second form keeps its precision when
    # sigma(z) rounds to 1.0 for large z.
    return _sigmoid(z) * _sigmoid(-z)
