"""Activation functions: the step after the weighted sum that makes a network nonlinear.

The sigmoid squeezes each output into (0, 1) on its own; the softmax turns a
whole row of outputs into probabilities that sum to 1 (one per class).
"""

import numpy as np

from nnlib import _checks

__all__ = ["sigmoid", "sigmoid_derivative", "softmax"]


@_checks.door
def sigmoid(z):
    """Logistic sigmoid sigma(z) = 1 / (1 + e^(-z)), elementwise. Shape: any -> same."""
    return _checks.given_back(_sigmoid(_checks.numbers("z", z)), np.shape(z))


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


@_checks.door
def sigmoid_derivative(z):
    """d sigma / dz = sigma(z) (1 - sigma(z)), taken at z. Shape: any -> same."""
    return _checks.given_back(_sigmoid_derivative(_checks.numbers("z", z)), np.shape(z))


def _sigmoid_derivative(z):
    o = _sigmoid(z)
    return o * (1 - o)


@_checks.door
def softmax(z):
    """o_ij = e^(z_ij) / sum_k e^(z_ik): each row of outputs is positive and sums to 1. z (n, classes) -> o like z."""
    z = _checks.numbers("z", z)
    if z.ndim != 2:
        raise ValueError(f"z must have shape (n, classes), one row per example (for one example: z.reshape(1, -1)); "
                         f"got shape {z.shape}")
    return _softmax(z)


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))           # minus each row's largest z: the ratio is unchanged
    return e / e.sum(axis=1, keepdims=True)                # (it cancels), and e^z can no longer overflow
