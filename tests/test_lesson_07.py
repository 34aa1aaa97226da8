"""Notebook 07, gradients for a whole layer: the numbers the lesson shows are right.

Each expected value is computed here another way: the loss in plain NumPy and each partial derivative by
central differences, one number at a time, never by the X^T (dL/do * do/dz) the notebook derives.
"""

import numpy as np
import pytest

import lessons
from nnlib import exercises


@pytest.fixture(scope="module")
def ns():
    return lessons.run("07")


def _loss(X, y, w, b, squash=lambda z: 1 / (1 + np.exp(-z))):
    """L = (1/n) sum_i sum_j (o_ij - y_ij)^2 with o = squash(X w + b), written out."""
    o = squash(X @ w + b)
    return float(np.sum((o - y) ** 2) / len(X))


def _partials(f, v, eps=1e-6):
    """Every partial derivative of f at the array v, by central differences, one entry at a time."""
    slopes = np.zeros(v.shape)
    for index in np.ndindex(v.shape):
        up, down = v.copy(), v.copy()
        up[index] += eps
        down[index] -= eps
        slopes[index] = (f(up) - f(down)) / (2 * eps)
    return slopes


@pytest.fixture(scope="module")
def expected(ns):
    X, y, w, b = ns["X"], ns["y"], ns["w"], ns["b"]
    return (_partials(lambda v: _loss(X, y, v, b), w), _partials(lambda v: _loss(X, y, w, v), b))


def test_the_layers_weights_and_bias_gradients_are_the_partial_derivatives(ns, expected):
    dL_dw, dL_db = expected
    assert not np.any(ns["w"] == 0)          # a zero weight could hide a wrong gradient
    for name in ("dL_dw", "partials", "dL_dw_nudged", "dL_dw_nnlib"):   # the table's three columns, and c24's loop
        np.testing.assert_allclose(ns[name], dL_dw, rtol=1e-6, atol=1e-9, err_msg=name)
    for name in ("dL_db", "dL_db_nudged", "dL_db_nnlib"):
        np.testing.assert_allclose(ns[name], dL_db, rtol=1e-6, atol=1e-9, err_msg=name)
    assert ns["dL_dw"].shape == ns["w"].shape and ns["dL_db"].shape == ns["b"].shape


def test_one_entry_by_hand_is_the_sum_over_the_examples(ns, expected):
    assert ns["by_hand"] == pytest.approx(expected[0][0, 1], rel=1e-6)


def test_every_example_twice_leaves_the_gradient_as_it_was(ns, expected):
    X2, y2 = np.vstack([ns["X"]] * 2), np.vstack([ns["y"]] * 2)
    twice = _partials(lambda v: _loss(X2, y2, v, ns["b"]), ns["w"])
    np.testing.assert_allclose(twice, expected[0], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(ns["dL_dw_twice"], twice, rtol=1e-6, atol=1e-9)
    assert ns["ratio"] == pytest.approx(1.0, abs=1e-9)


def test_one_step_against_the_gradient_lowers_the_loss(ns):
    X, y, w, b = ns["X"], ns["y"], ns["w"], ns["b"]
    before, after = _loss(X, y, w, b), _loss(X, y, ns["w_next"], ns["b_next"])
    assert (round(before, 4), round(after, 4)) == (0.2908, 0.1936)      # the numbers the text quotes
    assert after < before


def test_the_picture_is_of_the_first_example_and_the_mean_of_the_examples_is_the_batch_gradient(ns, expected):
    X, y, w, b = ns["X"], ns["y"], ns["w"], ns["b"]
    first = _partials(lambda v: _loss(X[:1], y[:1], v, b), w)          # the first example's loss alone (n = 1)
    caption = ns["explorer"].artists["caption"].get_text()             # the picture starts at its last step
    assert f"{first[1, 1]:.3f}" in caption and "w_{22}" in caption      # its path ends at w_22 = w[1, 1]
    np.testing.assert_allclose(sum(ns["per_example"]) / ns["n"], expected[0], rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("case", range(len(exercises._get("07.input-gradient").cases)))
def test_the_input_exercise_reference_is_the_partial_derivative_for_each_input(case):
    exercise = exercises._get("07.input-gradient")
    X, y, w, b = (np.array(a) for a in exercise.cases[case])
    slopes = _partials(lambda v: _loss(v, y, w, b), X)
    np.testing.assert_allclose(exercise.reference(X, y, w, b), slopes, rtol=1e-6, atol=1e-9)
    if w.shape[1] > 1:   # with several outputs, following one output's chain is caught
        assert not np.allclose(exercise.wrong(X, y, w, b), slopes, rtol=1e-3)
