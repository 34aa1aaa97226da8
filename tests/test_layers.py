"""nnlib.layers: a network of any depth, backpropagation through every layer, mini-batches, softmax and cross-entropy.

Expected values are computed here from the formulas (or by nudging the weights), never by nnlib.
"""

import ast
import inspect

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnlib
from nnlib import layers as layers_module
from strategies import networks, relative_error


def sigma(z):
    return 1 / (1 + np.exp(-z))


def loss_of(X, y, layers, output):
    """The loss of the network, by the formulas, in plain NumPy."""
    h = X
    for w, b in layers[:-1]:
        h = sigma(h @ w + b)
    z = h @ layers[-1][0] + layers[-1][1]
    if output == "sigmoid":
        return np.sum((sigma(z) - y) ** 2) / len(X)
    o = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return -np.sum(y * np.log(o)) / len(X)


def nudged_gradients(X, y, layers, output):
    """[(dL/dw_l, dL/db_l)] by central differences (nnlib.numerical_gradient) on the loss above."""
    def replaced(l, w=None, b=None):
        copy = list(layers)
        copy[l] = (layers[l][0] if w is None else w, layers[l][1] if b is None else b)
        return copy

    return [(nnlib.numerical_gradient(lambda v: loss_of(X, y, replaced(l, w=v), output), w),
             nnlib.numerical_gradient(lambda v: loss_of(X, y, replaced(l, b=v), output), b))
            for l, (w, b) in enumerate(layers)]


def agree(exact, approx):
    """The series' gradient-check measure, relative, or absolute for small gradients: central differences on a loss
    of order 1 carry rounding errors near 1e-11 (the loss's 1e-16 divided by 2 eps = 2e-6), so a gradient
    of 1e-5 is only known to a relative 1e-6 or so. A wrong gradient differs by far more than 1e-9."""
    difference = np.max(np.abs(np.asarray(exact) - approx))
    return difference < 1e-9 or relative_error(exact, approx) < 1e-6


# --- Backpropagation through any number of layers, against nudging ------------------------------

@given(networks())
def test_backpropagation_matches_central_differences_at_every_layer(network):
    X, y, layers, output = network
    exact = nnlib.gradients_layers(X, y, layers, output)
    approx = nudged_gradients(X, y, layers, output)
    assert len(exact) == len(layers)
    for l, ((dL_dw, dL_db), (nw, nb), (w, b)) in enumerate(zip(exact, approx, layers), 1):
        assert dL_dw.shape == w.shape and dL_db.shape == b.shape
        assert agree(dL_dw, nw), f"layer {l} of {len(layers)} ({output}): dL/dw off by {relative_error(dL_dw, nw):.2g}"
        assert agree(dL_db, nb), f"layer {l} of {len(layers)} ({output}): dL/db off by {relative_error(dL_db, nb):.2g}"


@given(networks())
def test_forward_is_each_layer_in_turn(network):
    X, _, layers, output = network
    h = X
    for w, b in layers[:-1]:
        h = sigma(h @ w + b)
    z = h @ layers[-1][0] + layers[-1][1]
    o = sigma(z) if output == "sigmoid" else np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(nnlib.forward_layers(X, layers, output), o, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("broken", ["no hidden slope", "no 2 in dL/do"])
def test_the_gradient_check_catches_a_broken_backward_pass(broken, monkeypatch):
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(6, 4)), rng.uniform(size=(6, 3))
    layers = nnlib.random_layers(rng, [4, 5, 4, 3])
    right = nudged_gradients(X, y, layers, "sigmoid")
    if broken == "no hidden slope":   # every layer forgets its sigmoid's slope h (1 - h)
        monkeypatch.setattr(layers_module, "_backward", lambda X_, o, dL_do: (dL_do, X_.T @ dL_do, dL_do.sum(axis=0)))
    else:
        monkeypatch.setattr(layers_module, "_mean_sum_squared_loss_derivative", lambda o, y_: (o - y_) / len(o))
    wrong = nnlib.gradients_layers(X, y, layers)
    assert not any(agree(a, b) for (a, _), (b, _) in zip(wrong, right))


def test_two_layers_are_notebook_09s_network():
    rng = np.random.default_rng(9)
    X, y = rng.normal(size=(5, 3)), rng.uniform(size=(5, 2))
    (w1, _), (w2, _) = nnlib.random_layers(rng, [3, 4, 2])
    b1, b2 = rng.normal(size=4), rng.normal(size=2)
    layers = [(w1, b1), (w2, b2)]
    np.testing.assert_allclose(nnlib.forward_layers(X, layers), nnlib.forward_two_layer(X, w1, b1, w2, b2), rtol=1e-14)
    ours = [g for pair in nnlib.gradients_layers(X, y, layers) for g in pair]
    theirs = nnlib.gradients_two_layer(X, y, w1, b1, w2, b2)
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


def test_one_layer_is_notebook_06s_neuron():
    rng = np.random.default_rng(6)
    X, y, w, b = rng.normal(size=(5, 3)), rng.uniform(size=(5, 2)), rng.normal(size=(3, 2)), rng.normal(size=2)
    ((dL_dw, dL_db),) = nnlib.gradients_layers(X, y, [(w, b)])
    expected = nnlib.gradients(X, y, w, b)
    np.testing.assert_allclose(dL_dw, expected[0], rtol=1e-12)
    np.testing.assert_allclose(dL_db, expected[1], rtol=1e-12)


def test_softmax_cross_entropy_delta_is_o_minus_y_over_n():
    # With one layer, dL/dw = X^T (o - y) / n and dL/db = sum_i (o - y)_i / n: the slopes cancel.
    rng = np.random.default_rng(7)
    X, w, b = rng.normal(size=(6, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    y = np.eye(4)[rng.integers(0, 4, 6)]
    z = X @ w + b
    o = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    ((dL_dw, dL_db),) = nnlib.gradients_layers(X, y, [(w, b)], output="softmax")
    np.testing.assert_allclose(dL_dw, X.T @ (o - y) / 6, rtol=1e-12)
    np.testing.assert_allclose(dL_db, (o - y).sum(axis=0) / 6, rtol=1e-12)


def test_a_shared_number_b_gets_the_sum_of_its_copies_gradients():
    rng = np.random.default_rng(8)
    X, y = rng.normal(size=(4, 3)), rng.uniform(size=(4, 2))
    w1, w2 = rng.normal(size=(3, 2)), rng.normal(size=(2, 2))
    (_, g1), (_, g2) = nnlib.gradients_layers(X, y, [(w1, 0.5), (w2, np.full(2, -0.2))])
    (_, v1), _ = nnlib.gradients_layers(X, y, [(w1, np.full(2, 0.5)), (w2, np.full(2, -0.2))])
    assert isinstance(g1, float) and g1 == pytest.approx(v1.sum()) and g2.shape == (2,)


# --- One-hot targets and the accuracy ----------------------------------------------------------

def test_one_hot_and_accuracy():
    np.testing.assert_array_equal(nnlib.one_hot([2, 0, 1], classes=3), [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    assert nnlib.one_hot(np.array([9])).shape == (1, 10)
    o = np.array([[0.1, 0.8, 0.1], [0.6, 0.3, 0.1], [0.2, 0.2, 0.6], [0.5, 0.4, 0.1]])
    assert nnlib.accuracy(o, [1, 0, 2, 1]) == 0.75
    assert nnlib.accuracy(o, np.array([1.0, 0.0, 2.0, 0.0])) == 1.0


def test_a_tie_for_the_largest_output_is_no_answer():
    # Row 0's largest output is shared by classes 0 and 1: the network names no class, so it is wrong either way.
    o = np.array([[0.4, 0.4, 0.2], [0.1, 0.7, 0.2]])
    assert nnlib.accuracy(o, [0, 1]) == 0.5 and nnlib.accuracy(o, [1, 1]) == 0.5
    assert nnlib.accuracy(np.full((4, 3), 0.3), [0, 1, 2, 0]) == 0.0      # all outputs equal: no answers at all


def test_one_sigmoid_output_answers_yes_where_it_is_above_one_half():
    rng = np.random.default_rng(11)
    o, labels = rng.uniform(size=(50, 1)), rng.integers(0, 2, 50)
    assert nnlib.accuracy(o, labels) == np.mean((o[:, 0] > 0.5) == labels)
    assert nnlib.accuracy(np.full((3, 1), 0.7), [0, 0, 0]) == 0.0          # it says yes; every answer was no
    assert nnlib.accuracy([[0.5]], [0]) == nnlib.accuracy([[0.5]], [1]) == 0.0   # exactly 1/2: a tie, no answer


# --- Mini-batches and training --------------------------------------------------------------

@given(st.integers(1, 60), st.integers(1, 20), st.integers(0, 1000))
def test_minibatches_hold_every_example_once(n, batch_size, seed):
    batches = nnlib.minibatches(np.random.default_rng(seed), n, batch_size)
    assert sorted(np.concatenate(batches).tolist()) == list(range(n))
    assert all(len(batch) == batch_size for batch in batches[:-1]) and 1 <= len(batches[-1]) <= batch_size
    again = nnlib.minibatches(np.random.default_rng(seed), n, batch_size)
    assert all(np.array_equal(a, b) for a, b in zip(batches, again))


def test_random_layers_shapes_and_scale():
    layers = nnlib.random_layers(np.random.default_rng(0), [400, 300, 10])
    assert [(w.shape, b.shape) for w, b in layers] == [((400, 300), (300,)), ((300, 10), (10,))]
    assert all(not b.any() for _, b in layers)
    assert np.std(layers[0][0]) == pytest.approx(1 / np.sqrt(400), rel=0.02)   # so z = X @ w stays of order 1
    assert np.std(layers[1][0]) == pytest.approx(1 / np.sqrt(300), rel=0.1)


def loop_by_hand(X, y, layers, rng, eta, epochs, batch_size):
    """Mini-batch gradient descent written out, on nudged gradients: what train_layers must do."""
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            grads = nudged_gradients(X[batch], y[batch], layers, "sigmoid")
            layers = [(w - eta * gw, b - eta * gb) for (w, b), (gw, gb) in zip(layers, grads)]
    return layers


def test_train_layers_is_mini_batch_gradient_descent():
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(7, 3)), rng.uniform(size=(7, 2))
    start = nnlib.random_layers(rng, [3, 4, 2])
    history = nnlib.train_layers(X, y, start, np.random.default_rng(1), eta=0.5, epochs=3, batch_size=3)
    expected = loop_by_hand(X, y, start, np.random.default_rng(1), 0.5, 3, 3)
    for w, (w_expected, _) in zip(history.ws[-1], expected):
        np.testing.assert_allclose(w, w_expected, rtol=1e-6)
    for b, (_, b_expected) in zip(history.bs[-1], expected):
        np.testing.assert_allclose(b, b_expected, rtol=1e-6, atol=1e-9)
    assert len(history.ws) == len(history.bs) == len(history.losses) == 4
    assert all(np.array_equal(w, w0) for w, (w0, _) in zip(history.ws[0], start))
    for t in range(4):
        assert history.losses[t] == pytest.approx(loss_of(X, y, list(zip(history.ws[t], history.bs[t])), "sigmoid"))


def test_training_learns_a_small_classification_and_is_repeatable():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(60, 2))
    labels = (X[:, 0] > X[:, 1]).astype(int) + 2 * (X[:, 0] + X[:, 1] > 0)   # four quadrant-like classes
    y = nnlib.one_hot(labels, 4)
    for output in ["sigmoid", "softmax"]:
        start = nnlib.random_layers(np.random.default_rng(0), [2, 8, 4])
        history = nnlib.train_layers(X, y, start, np.random.default_rng(1), eta=1.0, epochs=40, batch_size=8,
                                     output=output)
        again = nnlib.train_layers(X, y, start, np.random.default_rng(1), eta=1.0, epochs=40, batch_size=8,
                                   output=output)
        assert history.losses[-1] < 0.5 * history.losses[0]
        assert np.array_equal(history.losses, again.losses)
        trained = list(zip(history.ws[-1], history.bs[-1]))
        assert nnlib.accuracy(nnlib.forward_layers(X, trained, output), labels) > 0.9


# --- Reads like the textbook --------------------------------------------------------------------

def test_the_math_reuses_the_series_one_layer_code():
    """One piece of code where the logic is the same: the sigmoid layer's forward and backward steps come from network.py."""
    calls = {node.func.id for node in ast.walk(ast.parse(inspect.getsource(layers_module)))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert {"_forward", "_backward", "_mean_sum_squared_loss", "_mean_sum_squared_loss_derivative", "_weighted_sum"} <= calls
    assert "np.exp(-" not in inspect.getsource(layers_module)            # no second sigmoid
