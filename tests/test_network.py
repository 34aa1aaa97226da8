import math
import tracemalloc
import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from strategies import arrays, layers, relative_error
from nnlib import (descent_path, forward, forward_two_layer, gradients, gradients_two_layer, loss_curve,
                   mean_sum_squared_loss, numerical_gradient, weighted_sum)


def test_forward_known_values():
    # z = 1 * 0.5 + 2 * (-0.25) + 0 = 0 -> sigmoid(0) = 0.5
    np.testing.assert_array_equal(forward([[1.0, 2.0]], [[0.5], [-0.25]]), [[0.5]])
    # the post's single weight: X = 2, w = 5 -> z = 10
    assert weighted_sum(2.0, 5.0) == 10.0
    assert forward(2.0, 5.0, b=-10.0) == 0.5


@given(layers())
def test_forward_is_sigmoid_of_the_weighted_sum(layer):
    X, _, w, b = layer
    z = np.asarray(X) * w + b if np.ndim(w) == 0 else np.einsum("ni,i...->n...", X, w) + b
    np.testing.assert_allclose(weighted_sum(X, w, b), z, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(forward(X, w, b), 1 / (1 + np.exp(-z)), rtol=1e-12)


def test_shapes_batch_first():
    X, w, b = np.ones((5, 3)), np.ones((3, 2)), np.zeros(2)
    assert forward(X, w, b).shape == (5, 2)
    dL_dw, dL_db = gradients(X, np.zeros((5, 2)), w, b)
    assert dL_dw.shape == (3, 2) and dL_db.shape == (2,)
    dL_dw, dL_db = gradients(X, np.zeros((5, 2)), w, 0.0)
    assert isinstance(dL_db, float)


def _loss_of_w(X, y, b):
    return lambda w_: mean_sum_squared_loss(forward(X, w_, b), y)


def _loss_of_b(X, y, w):
    return lambda b_: mean_sum_squared_loss(forward(X, w, b_), y)


@given(layers())
def test_gradients_match_central_differences(layer):
    X, y, w, b = layer
    dL_dw, dL_db = gradients(X, y, w, b)
    assert np.shape(dL_dw) == np.shape(w) and np.shape(dL_db) == np.shape(b)
    assume(np.linalg.norm(dL_dw) > 1e-4 and np.linalg.norm(dL_db) > 1e-4)
    assert relative_error(dL_dw, numerical_gradient(_loss_of_w(X, y, b), w)) < 1e-6
    assert relative_error(dL_db, numerical_gradient(_loss_of_b(X, y, w), b)) < 1e-6


def test_gradient_check_catches_a_wrong_chain_rule():
    # Drop the sigmoid factor dsigma/dz from the chain: the check must fail.
    rng = np.random.default_rng(3)
    X, y, w = rng.normal(size=(6, 3)), rng.uniform(size=(6, 1)), rng.normal(size=(3, 1))
    o = forward(X, w)
    wrong = X.T @ (2 * (o - y) / len(X))
    numeric = numerical_gradient(_loss_of_w(X, y, 0.0), w)
    assert relative_error(gradients(X, y, w)[0], numeric) < 1e-6
    assert relative_error(wrong, numeric) > 0.1


def test_a_step_against_the_gradient_lowers_the_loss():
    rng = np.random.default_rng(4)
    X, y, w = rng.normal(size=(8, 2)), rng.uniform(size=(8, 1)), rng.normal(size=(2, 1))
    dL_dw, dL_db = gradients(X, y, w, 0.1)
    loss = mean_sum_squared_loss(forward(X, w, 0.1), y)
    eta = 0.1
    assert mean_sum_squared_loss(forward(X, w - eta * dL_dw, 0.1 - eta * dL_db), y) < loss


@given(st.integers(1, 40), st.floats(-1, 1), st.booleans())
def test_loss_curve_equals_the_loss_at_each_weight(n, b, column):
    rng = np.random.default_rng(n)
    X = rng.normal(size=(n, 1) if column else n)
    y = rng.uniform(size=X.shape)
    weights = np.linspace(-4, 4, 37)
    expected = [mean_sum_squared_loss(forward(X, [[w]] if column else w, b), y) for w in weights]
    np.testing.assert_allclose(loss_curve(X, y, weights, b), expected, rtol=1e-12)


def test_loss_curve_of_targets_out_of_reach_is_their_true_loss():
    # Noisy targets may cross 0 or 1 (notebook 04): no gradient chases them here, so the losses are given.
    X, y = np.array([[1.0], [-2.0]]), np.array([[1.2], [-0.1]])
    expected = [np.mean((1 / (1 + np.exp(-w * X)) - y) ** 2) for w in (-1.0, 0.0, 2.0)]
    np.testing.assert_allclose(loss_curve(X, y, [-1.0, 0.0, 2.0]), expected, rtol=1e-12)


def test_loss_curve_chunks_give_the_same_answer():
    rng = np.random.default_rng(5)
    X, y, weights = rng.normal(size=(50, 1)), rng.uniform(size=(50, 1)), rng.normal(size=333)
    one_chunk = loss_curve(X, y, weights)
    many_chunks = loss_curve(X, y, weights, max_chunk_bytes=8 * 50 * 7)  # 7 weights per chunk
    np.testing.assert_allclose(many_chunks, one_chunk, rtol=1e-13)


def test_loss_curve_memory_stays_bounded():
    # 100,000 weights x 100 samples as one broadcast would hold ~76 MiB per temporary.
    rng = np.random.default_rng(6)
    X, y, weights = rng.normal(size=(100, 1)), rng.uniform(size=(100, 1)), np.linspace(-5, 5, 100_000)
    tracemalloc.start()
    loss_curve(X, y, weights)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MiB"


def test_results_come_back_in_the_callers_form():
    assert isinstance(forward(2.0, 5.0), float)                        # a number for a number
    assert forward(np.ones(3), 1.0).shape == (3,)                       # X (n,) with one weight -> (n,)
    assert forward(np.ones((3, 1)), 1.0).shape == (3, 1)
    assert forward(np.ones((3, 2)), np.ones(2)).shape == (3,)           # w (d_in,) -> o (n,)
    dL_dw, dL_db = gradients(np.ones((3, 2)), np.zeros(3), np.ones(2), 0.0)
    assert dL_dw.shape == (2,) and isinstance(dL_db, float)


def test_a_number_b_shared_by_several_outputs_gets_the_sum_of_their_gradients():
    rng = np.random.default_rng(9)
    X, y, w = rng.normal(size=(5, 2)), rng.uniform(size=(5, 3)), rng.normal(size=(2, 3))
    _, dL_db = gradients(X, y, w, 0.4)
    _, dL_db_each = gradients(X, y, w, np.full(3, 0.4))
    assert isinstance(dL_db, float) and dL_db == pytest.approx(dL_db_each.sum(), rel=1e-12)
    assert dL_db == pytest.approx(numerical_gradient(_loss_of_b(X, y, w), 0.4), rel=1e-6)


def test_huge_inputs_give_the_right_answer_without_a_warning():
    # z = 1e308 still fits in a float64; sigmoid(z) is exactly 1.0 for every z above 37 (e^-37 is below half of
    # 1.0's last digit), and its slope o (1 - o) exactly 0. For z = -1e308, e^(-z) overflows and o = 0.0 is right.
    assert 1 / (1 + math.exp(-37.5)) == 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert forward(1e307, 10.0) == 1.0
        assert forward(-1e307, 10.0) == 0.0
        assert gradients(1e307, 1.0, 10.0) == (0.0, 0.0)                # a saturated neuron: zero slope
        assert mean_sum_squared_loss([1e308, 1e308], [1e308, 1e308]) == 0.0


def _teacher(n=20):
    X = np.linspace(-3, 3, n).reshape(n, 1)
    return X, 1 / (1 + np.exp(-2.0 * X))


def test_descent_path_steps_against_the_numerical_gradient():
    X, y = _teacher()
    eta, path = 0.8, None
    path = descent_path(X, y, -1.0, 0.0, eta, steps=5)
    assert path.shape == (6,) and path[0] == -1.0
    for w_now, w_next in zip(path[:-1], path[1:]):
        slope = numerical_gradient(lambda v: mean_sum_squared_loss(forward(X, v), y), w_now)
        assert w_next == pytest.approx(w_now - eta * slope, abs=1e-8)


def test_descent_path_walks_down_to_the_teacher_weight():
    X, y = _teacher()
    path = descent_path(X, y, -1.0, 0.0, eta=3.0, steps=300)
    losses = loss_curve(X, y, path)
    assert np.all(np.diff(losses) <= 1e-15)          # a small enough step never goes uphill here
    assert path[-1] == pytest.approx(2.0, abs=0.05)


@st.composite
def two_layer_nets(draw):
    n, d_in, d_hidden, d_out = (draw(st.integers(1, k)) for k in (5, 3, 4, 2))
    nonzero = lambda a: np.all(np.abs(a) > 0.05)
    X = draw(arrays((n, d_in)))
    y = draw(arrays((n, d_out), 0.0, 1.0))
    w1 = draw(arrays((d_in, d_hidden), -1.5, 1.5).filter(nonzero))
    w2 = draw(arrays((d_hidden, d_out), -1.5, 1.5).filter(nonzero))
    b1, b2 = draw(arrays((d_hidden,), -1, 1)), draw(arrays((d_out,), -1, 1))
    return X, y, [w1, b1, w2, b2]


def test_two_layer_forward_known_value():
    # h = sigmoid(0) = 0.5 for both hidden units; z2 = 0.5 * 2 + 0.5 * (-2) + 0 = 0 -> o = 0.5
    o = forward_two_layer([[1.0, -1.0]], [[1.0, 1.0], [1.0, 1.0]], [0.0, 0.0], [[2.0], [-2.0]], [0.0])
    np.testing.assert_array_equal(o, [[0.5]])


@given(two_layer_nets())
def test_two_layer_gradients_match_central_differences(net):
    X, y, params = net
    grads = gradients_two_layer(X, y, *params)
    for i, (p, g) in enumerate(zip(params, grads)):
        assert np.shape(g) == p.shape

        def loss_of_p(value, i=i):
            changed = list(params)
            changed[i] = value
            return mean_sum_squared_loss(forward_two_layer(X, *changed), y)

        numeric = numerical_gradient(loss_of_p, p)
        assume(np.linalg.norm(numeric) > 1e-4)
        assert relative_error(g, numeric) < 1e-6, f"parameter {i}"


def test_two_layer_check_catches_a_missing_hidden_derivative():
    # Backpropagating through w2 but forgetting dh/dz1 = sigma'(z1) must fail the check.
    rng = np.random.default_rng(8)
    X, y = rng.normal(size=(5, 2)), rng.uniform(size=(5, 1))
    w1, b1, w2, b2 = rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=(3, 1)), rng.normal(size=1)
    h = 1 / (1 + np.exp(-(X @ w1 + b1)))
    o = 1 / (1 + np.exp(-(h @ w2 + b2)))
    dL_dz2 = 2 * (o - y) / len(X) * o * (1 - o)
    wrong_dL_dw1 = X.T @ (dL_dz2 @ w2.T)
    right = gradients_two_layer(X, y, w1, b1, w2, b2)[0]
    numeric = numerical_gradient(lambda v: mean_sum_squared_loss(forward_two_layer(X, v, b1, w2, b2), y), w1)
    assert relative_error(right, numeric) < 1e-6
    assert relative_error(wrong_dL_dw1, numeric) > 0.1


