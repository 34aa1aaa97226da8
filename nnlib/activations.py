"""Activation functions: the squashing step after the weighted sum."""

import numpy as np

from nnlib._checks import as_numbers, plain


def sigmoid(z):
    """Logistic sigmoid sigma(z) = 1 / (1 + exp(-z)), elementwise. Shape: any -> same."""
    return plain(_sigmoid(as_numbers("z", z)))


def _sigmoid(z):
    """sigmoid on an already checked float array (the hot path inside nnlib)."""
    # exp(-z) overflows (inf, with a warning) for z < -709, so never form it:
    # e = exp(-|z|) is in (0, 1], and 1 / (1 + e) for z >= 0 and e / (1 + e)
    # for z < 0 are both the sigmoid, accurate to ~1e-15 relative for any z.
    e = np.exp(-np.abs(z))
    s = 1.0 / (1.0 + e)
    return np.where(z >= 0, s, e * s)


def sigmoid_derivative(z):
    """d sigma / dz = sigma(z) * (1 - sigma(z)), taken at z (not at sigma(z)). Shape: any -> same."""
    return plain(_sigmoid_derivative(as_numbers("z", z)))


def _sigmoid_derivative(z):
    # 1 - sigma(z) equals sigma(-z); the second form keeps its precision when
    # sigma(z) rounds to 1.0 for large z.
    return _sigmoid(z) * _sigmoid(-z)
