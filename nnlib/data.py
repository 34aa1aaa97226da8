"""Small data sets made in code (no downloads), seeded through an ``rng`` argument."""

import numpy as np

from nnlib import _checks
from nnlib.activations import _sigmoid

__all__ = ["single_input_data", "spam_data", "SPAM_FEATURES", "digits_data"]


@_checks.door
def single_input_data(rng, n=20, w=2.0, b=0.0, x_range=(-3.0, 3.0)):
    """X (n, 1) spread over x_range, targets y = sigmoid(X w + b) (n, 1): one neuron can reach L = 0 at this w, b."""
    rng, n = _checks.generator(rng), _checks.whole("n", n, minimum=1)
    w, b = _checks.number("w", w), _checks.number("b", b)
    low, high = _checks.interval("x_range", x_range)
    X = np.sort(rng.uniform(low, high, size=n)).reshape(n, 1)
    return X, _sigmoid(X * w + b)


SPAM_FEATURES = ("free", "links", "exclamations")


@_checks.door
def spam_data(rng, n=200, spam_fraction=0.4):
    """Hand-made emails: X (n, 3) counts of the word "free", links and "!"; y (n, 1) is 1 for spam, 0 for not spam.

    Spam uses all three more often, but the counts overlap (Poisson counts),
    so no rule is perfect: a realistic, small classification problem.
    """
    rng, n = _checks.generator(rng), _checks.whole("n", n, minimum=2)
    spam_fraction = _checks.number("spam_fraction", spam_fraction)
    if not 0 < spam_fraction < 1:
        raise ValueError(f"spam_fraction must be between 0 and 1 (a fraction of the emails), got {spam_fraction:g}")
    is_spam = rng.random(n) < spam_fraction
    mean_counts = np.where(is_spam[:, None], [3.0, 4.0, 5.0], [0.4, 1.0, 1.0])  # spam / not spam, per feature
    X = rng.poisson(mean_counts).astype(float)
    return X, is_spam.astype(float).reshape(n, 1)


@_checks.door
def digits_data(rng, validation=0.2, test=0.2):
    """scikit-learn's 1,797 handwritten digits (8 x 8 pixels, shipped inside the package: no download), split three ways.

    Returns (X_train, labels_train), (X_validation, labels_validation), (X_test, labels_test):
    X (n, 64), one row of 64 pixels per image, scaled from 0..16 to [0, 1]; labels (n,), the digit 0-9.
    The split is stratified: each digit is shuffled with ``rng`` and cut into the three parts
    separately, so every part holds each digit in the same proportion.
    """
    from sklearn.datasets import load_digits  # imported here: notebooks that never call this never load scikit-learn

    rng = _checks.generator(rng)
    validation, test = _checks.number("validation", validation), _checks.number("test", test)
    if not (0 < validation < 1 and 0 < test < 1 and validation + test < 1):
        raise ValueError(f"validation and test are fractions of the examples, each between 0 and 1, with room left "
                         f"for training; got validation={validation:g}, test={test:g}")
    digits = load_digits()
    X, labels = digits.data / 16.0, digits.target       # pixels count ink from 0 to 16
    parts = [[], [], []]                                  # example numbers for train, validation, test
    for digit in range(10):
        pick = rng.permutation(np.flatnonzero(labels == digit))
        n_test, n_validation = round(test * len(pick)), round(validation * len(pick))
        cuts = [pick[n_test + n_validation:], pick[n_test:n_test + n_validation], pick[:n_test]]
        parts = [part + list(cut) for part, cut in zip(parts, cuts)]
    return tuple((X[np.sort(part)], labels[np.sort(part)]) for part in parts)
