"""Activation functions: the squashing step after the weighted sum."""

import numpy as np

from nnlib._checks import as_numbers


def sigmoid(z):
    """Logistic sigmoid sigma(z) = 1 / (1 + exp(-z)), elementwise. Shape: any -> same."""
    z = as_numbers("z", z)
    # exp(-|z|) is at most 1, so it never overflows (np.exp(1e4) would be inf
    # and warn); each branch is the same function written for its sign of z.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(z):
    """d sigma / dz = sigma(z) * (1 - sigma(z)), taken at z (not at sigma(z)). Shape: any -> same."""
    # 1 - sigma(z) equals sigma(-z); the second form keeps its precision when
    # sigma(z) rounds to 1.0 for large z.
    return sigmoid(z) * sigmoid(-as_numbers("z", z))
