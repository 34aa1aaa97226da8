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


@pytest.mark.parametrize("kwargs, error, words", [
    ({"rng": 0}, TypeError, "rng must be a numpy Generator"),
    ({"n": 0}, ValueError, "n must be a whole number"),
    ({"n": 2.5}, ValueError, "n must be a whole number"),
    ({"w": "two"}, TypeError, "w must contain real numbers"),
])
def test_bad_input_is_named(kwargs, error, words):
    kwargs = {"rng": np.random.default_rng(0), **kwargs}
    with pytest.raises(error) as raised:
        single_input_data(**kwargs)
    assert words in str(raised.value)


def test_spam_data_counts_and_labels():
    from nnlib import SPAM_FEATURES, spam_data
    X, y = spam_data(np.random.default_rng(0), n=400)
    assert X.shape == (400, len(SPAM_FEATURES)) and y.shape == (400, 1)
    assert set(np.unique(y)) == {0.0, 1.0}
    assert np.all(X >= 0) and np.all(X == np.round(X))               # counts
    spam, ham = X[y[:, 0] == 1], X[y[:, 0] == 0]
    assert np.all(spam.mean(axis=0) > 2 * ham.mean(axis=0))          # spam says "free", links and "!" more
    assert 0.3 < y.mean() < 0.5


@pytest.mark.parametrize("kwargs, error, words", [
    ({"rng": None}, TypeError, "rng must be a numpy Generator"),
    ({"n": 1}, ValueError, "n must be a whole number of emails >= 2"),
    ({"spam_fraction": 1.0}, ValueError, "spam_fraction must be between 0 and 1"),
])
def test_spam_data_bad_input_is_named(kwargs, error, words):
    from nnlib import spam_data
    kwargs = {"rng": np.random.default_rng(0), **kwargs}
    with pytest.raises(error) as raised:
        spam_data(**kwargs)
    assert words in str(raised.value)
