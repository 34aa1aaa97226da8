"""Activation functions: the step after the weighted sum that makes a network nonlinear."""

import numpy as np

from nnlib import _checks

__all__ = ["sigmoid", "sigmoid_derivative"]


@_checks.quiet_overflow
def sigmoid(z):
    """Logistic sigmoid sigma(z) = 1 / (1 + e^(-z)), elementwise. Shape: any -> same."""
    return _checks.given_back(_sigmoid(_checks.numbers("z", z)), np.shape(z))


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


@_checks.quiet_overflow
def sigmoid_derivative(z):
    """d sigma / dz = sigma(z) (1 - sigma(z)), taken at z. Shape: any -> same."""
    return _checks.given_back(_sigmoid_derivative(_checks.numbers("z", z)), np.shape(z))


def _sigmoid_derivative(z):
    o = _sigmoid(z)
    return o * (1 - o)
