import numpy as np
import pytest

from nnlib import single_input_data


def test_single_input_data_is_a_teacher_neuron():
    X, y = single_input_data(np.random.default_rng(0), n=20, w=2.0, b=-0.5)
    assert X.shape == (20, 1) and y.shape == (20, 1)
    assert np.all(np.diff(X[:, 0]) >= 0) and X.min() >= -3 and X.max() <= 3
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-(2.0 * X - 0.5))), rtol=1e-12)


def test_same_seed_same_data_other_seed_other_data():
    a = single_input_data(np.random.default_rng(7))[0]
    assert np.array_equal(a, single_input_data(np.random.default_rng(7))[0])
    assert not np.array_equal(a, single_input_data(np.random.default_rng(8))[0])


def test_spam_data_counts_and_labels():
    from nnlib import SPAM_FEATURES, spam_data
    X, y = spam_data(np.random.default_rng(0), n=400)
    assert X.shape == (400, len(SPAM_FEATURES)) and y.shape == (400, 1)
    assert set(np.unique(y)) == {0.0, 1.0}
    assert np.all(X >= 0) and np.all(X == np.round(X))               # counts
    spam, ham = X[y[:, 0] == 1], X[y[:, 0] == 0]
    assert np.all(spam.mean(axis=0) > 2 * ham.mean(axis=0))          # spam says "free", links and "!" more
    assert 0.3 < y.mean() < 0.5


# --- scikit-learn's handwritten digits, split three ways ----------------------------------------

def test_digits_data_is_every_digit_once_split_stratified():
    from sklearn.datasets import load_digits

    from nnlib import digits_data

    parts = digits_data(np.random.default_rng(0))
    digits = load_digits()
    assert [len(X) for X, _ in parts] == [1079, 359, 359]
    for X, labels in parts:
        assert X.shape == (len(labels), 64) and X.min() == 0.0 and X.max() == 1.0
        assert labels.dtype.kind == "i"
        # each part holds each digit in the proportion of the whole set (within one example)
        expected = np.bincount(digits.target) * len(labels) / len(digits.target)
        assert np.all(np.abs(np.bincount(labels, minlength=10) - expected) <= 1)
    # every image exactly once, scaled from 0..16 to [0, 1], with its own label
    X_all = np.concatenate([X for X, _ in parts])
    labels_all = np.concatenate([labels for _, labels in parts])
    order, reference = np.lexsort(X_all.T), np.lexsort(digits.data.T)
    np.testing.assert_array_equal(X_all[order] * 16, digits.data[reference])
    np.testing.assert_array_equal(labels_all[order], digits.target[reference])


def test_digits_split_same_seed_same_split_other_seed_other_split():
    from sklearn.datasets import load_digits

    from nnlib import digits_data

    a = digits_data(np.random.default_rng(3), validation=0.1, test=0.3)
    per_digit = np.bincount(load_digits().target)              # each digit is cut on its own, rounded
    test, validation = np.round(0.3 * per_digit), np.round(0.1 * per_digit)
    assert [len(X) for X, _ in a] == [(per_digit - test - validation).sum(), validation.sum(), test.sum()]
    b, c = digits_data(np.random.default_rng(3), validation=0.1, test=0.3), digits_data(np.random.default_rng(4))
    assert all(np.array_equal(x, y) for (x, _), (y, _) in zip(a, b))
    assert not np.array_equal(digits_data(np.random.default_rng(3))[2][0], c[2][0])
