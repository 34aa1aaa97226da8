import numpy as np
import pytest
from hypothesis import given

from strategies import arrays, relative_error
from nnlib import numerical_gradient


@given(arrays((2, 3), -2, 2))
def test_matches_known_derivatives(w):
    # d/dw sum(w^3) = 3 w^2 and d/dw sum(sin w) = cos w: no nnlib code involved.
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**3), w), 3 * w**2, atol=1e-7)
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(np.sin(v)), w), np.cos(w), atol=1e-8)


def test_any_shape_including_a_single_number():
    assert numerical_gradient(lambda v: v**2, 3.0) == pytest.approx(6.0)
    assert isinstance(numerical_gradient(lambda v: v**2, 3.0), float)
    assert numerical_gradient(lambda v: np.sum(v), np.ones((2, 1, 3))).shape == (2, 1, 3)


def test_central_difference_is_more_accurate_than_one_sided():
    f, w, eps = np.exp, 1.0, 1e-4
    one_sided = (f(w + eps) - f(w)) / eps
    assert abs(numerical_gradient(f, w, eps) - np.e) < abs(one_sided - np.e) / 100


def test_does_not_change_the_callers_weights():
    w = np.array([1.0, 2.0])
    numerical_gradient(lambda v: np.sum(v**2), w)
    assert w.tolist() == [1.0, 2.0]


def test_relative_error_sees_a_wrong_gradient():
    # The measure the tests use must flag a gradient that is off by a factor of 2.
    w = np.array([0.3, -1.2])
    numeric = numerical_gradient(lambda v: np.sum(v**2), w)
    assert relative_error(numeric, 2 * w) < 1e-8
    assert relative_error(numeric, w) > 0.3


