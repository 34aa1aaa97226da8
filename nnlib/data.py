"""Small data sets made in code (no downloads), seeded through an ``rng`` argument."""

import numpy as np

from nnlib._checks import as_numbers
from nnlib.activations import sigmoid

__all__ = ["single_input_data"]


def single_input_data(rng, n=20, w=2.0, b=0.0, x_range=(-3.0, 3.0)):
    """X (n, 1) spread over x_range, targets y = sigmoid(X w + b) (n, 1): one neuron can reach L = 0 at this w, b."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    if not (isinstance(n, (int, np.integer)) and n >= 1):
        raise ValueError(f"n must be a whole number of examples >= 1, got {n!r}")
    w, b = float(as_numbers("w", w)), float(as_numbers("b", b))
    X = np.sort(rng.uniform(*x_range, size=n)).reshape(n, 1)
    return X, sigmoid(X * w + b)
