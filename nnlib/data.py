"""Small data sets made in code (no downloads), seeded through an ``rng`` argument."""

import numpy as np

from nnlib._checks import as_numbers
from nnlib.activations import sigmoid

__all__ = ["single_input_data", "spam_data", "SPAM_FEATURES"]


def single_input_data(rng, n=20, w=2.0, b=0.0, x_range=(-3.0, 3.0)):
    """X (n, 1) spread over x_range, targets y = sigmoid(X w + b) (n, 1): one neuron can reach L = 0 at this w, b."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    if not (isinstance(n, (int, np.integer)) and n >= 1):
        raise ValueError(f"n must be a whole number of examples >= 1, got {n!r}")
    w, b = float(as_numbers("w", w)), float(as_numbers("b", b))
    X = np.sort(rng.uniform(*x_range, size=n)).reshape(n, 1)
    return X, sigmoid(X * w + b)


SPAM_FEATURES = ("free", "links", "exclamations")


def spam_data(rng, n=200, spam_fraction=0.4):
    """Hand-made emails: X (n, 3) counts of the word "free", links and "!"; y (n, 1) is 1 for spam, 0 for not spam.

    Spam uses all three more often, but the counts overlap (Poisson counts),
    so no rule is perfect: a realistic, small classification problem.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    if not (isinstance(n, (int, np.integer)) and n >= 2):
        raise ValueError(f"n must be a whole number of emails >= 2, got {n!r}")
    if not 0 < spam_fraction < 1:
        raise ValueError(f"spam_fraction must be between 0 and 1, got {spam_fraction!r}")
    is_spam = rng.random(n) < spam_fraction
    mean_counts = np.where(is_spam[:, None], [3.0, 4.0, 5.0], [0.4, 1.0, 1.0])  # spam / not spam, per feature
    X = rng.poisson(mean_counts).astype(float)
    return X, is_spam.astype(float).reshape(n, 1)
