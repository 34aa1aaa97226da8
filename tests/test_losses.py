import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import arrays
from nnlib import cross_entropy_loss, mean_sum_squared_loss, mean_sum_squared_loss_derivative, numerical_gradient


def test_perfect_prediction_has_zero_loss():
    y = np.array([[0.2, 0.9], [1.0, 0.0]])
    assert mean_sum_squared_loss(y.copy(), y) == 0.0
    assert np.all(mean_sum_squared_loss_derivative(y.copy(), y) == 0.0)


def test_known_values_sum_over_outputs_mean_over_samples():
    # Two samples, one output: errors 1 and 2 -> (1 + 4) / 2.
    assert mean_sum_squared_loss([[1.0], [2.0]], [[0.0], [0.0]]) == 2.5
    # One sample, two outputs: the squares are summed, not averaged -> 1 + 1.
    assert mean_sum_squared_loss([[1.0, -1.0]], [[0.0, 0.0]]) == 2.0
    # 1-D: n samples of one output each; a scalar is one sample.
    assert mean_sum_squared_loss([3.0, 0.0], [1.0, 0.0]) == 2.0
    assert mean_sum_squared_loss(0.5, 1.0) == 0.25
    assert isinstance(mean_sum_squared_loss(0.5, 1.0), float)


def test_derivative_known_value():
    # d/do of ((o1 - y1)^2 + (o2 - y2)^2) / 2 is (o - y).
    np.testing.assert_allclose(mean_sum_squared_loss_derivative([[3.0], [1.0]], [[1.0], [1.0]]), [[2.0], [0.0]])


@given(st.integers(1, 5).flatmap(lambda n: st.tuples(
    arrays((n, 2), 0, 1), arrays((n, 2), 0, 1))))
def test_derivative_matches_central_differences(pair):
    o, y = pair
    analytic = mean_sum_squared_loss_derivative(o, y)
    numeric = numerical_gradient(lambda o_: mean_sum_squared_loss(o_, y), o)
    assert analytic.shape == o.shape
    np.testing.assert_allclose(numeric, analytic, atol=1e-8)


def test_cross_entropy_known_values():
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    assert cross_entropy_loss(np.full((2, 3), 1 / 3), y) == pytest.approx(np.log(3))
    assert cross_entropy_loss(y, y) == 0.0
    # a confidently wrong output costs a lot, but a finite amount (o = 0 is kept at 1e-300)
    assert cross_entropy_loss(np.array([[1.0, 0.0, 0.0]]), np.array([[0.0, 1.0, 0.0]])) == pytest.approx(690.7755)
