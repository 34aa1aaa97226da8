import math
import warnings

import numpy as np
import pytest
from hypothesis import given

from strategies import arrays, floats
from nnlib import numerical_gradient, sigmoid, sigmoid_derivative, softmax


def test_known_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(math.log(3)) == pytest.approx(0.75)         # 1 / (1 + 1/3)
    assert sigmoid(-math.log(3)) == pytest.approx(0.25)
    assert sigmoid_derivative(0.0) == pytest.approx(0.25)      # 0.5 * (1 - 0.5)
    assert sigmoid_derivative(math.log(3)) == pytest.approx(0.75 * 0.25)


@given(floats(-30, 30))
def test_sigmoid_matches_the_textbook_formula(z):
    assert sigmoid(z) == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-12)


@given(arrays((3, 2), -10, 10))
def test_symmetry_and_range(z):
    s = sigmoid(z)
    assert s.shape == z.shape
    assert np.all((s > 0) & (s < 1))
    np.testing.assert_allclose(s + sigmoid(-z), 1.0, rtol=1e-12)


def test_no_overflow_and_no_warning_for_large_inputs():
    z = np.array([-1e4, -800.0, -50.0, 0.0, 50.0, 800.0, 1e4])
    # Underflow of exp(-|z|) to 0.0 is the correctly rounded answer (NumPy ignores it
    # by default); overflow, 0/0 and division by zero would be real bugs.
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        s, ds = sigmoid(z), sigmoid_derivative(z)
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(ds))
    assert s[0] == 0.0 and s[-1] == 1.0 and s[3] == 0.5
    assert np.all(np.diff(s) >= 0)
    assert np.all(ds >= 0) and ds[3] == 0.25


@given(arrays((4,), -6, 6))
def test_derivative_matches_central_differences(z):
    for zi, dzi in zip(z, sigmoid_derivative(z)):
        assert numerical_gradient(sigmoid, zi) == pytest.approx(dzi, rel=1e-6, abs=1e-10)


def test_derivative_takes_z_not_sigmoid_of_z():
    # A common slip: s * (1 - s) applied to sigmoid(z) instead of z.
    z = 2.0
    assert sigmoid_derivative(z) == pytest.approx(sigmoid(z) * (1 - sigmoid(z)))
    assert sigmoid_derivative(z) != pytest.approx(z * (1 - z))


def test_softmax_rows_are_distributions_and_shifts_do_not_matter():
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [1000.0, 0.0, -1000.0]])
    o = softmax(z)
    np.testing.assert_allclose(o.sum(axis=1), 1.0)
    np.testing.assert_allclose(o[0], np.exp([1.0, 2.0, 3.0]) / np.exp([1.0, 2.0, 3.0]).sum())
    np.testing.assert_allclose(o[1], 1 / 3)
    np.testing.assert_allclose(o[2], [1.0, 0.0, 0.0])   # no overflow: e^1000 is never computed
    np.testing.assert_allclose(softmax(z[:2] + 50.0), o[:2], rtol=1e-12)
