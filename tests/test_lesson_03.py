"""Notebook 03: the sigmoid, the collapse of linear layers, the bias and forward propagation, checked another way."""

import numpy as np
import pytest

import lessons
import nnlib


@pytest.fixture(scope="module")
def ns():
    return lessons.run("03")


def test_nnlib_sigmoid_is_the_notebooks(ns):
    z = ns["z_line"]
    assert np.allclose(nnlib.sigmoid(z), ns["sigmoid"](z), rtol=1e-15, atol=0)
    assert nnlib.sigmoid(0.0) == 0.5 and nnlib.sigmoid(np.log(3.0)) == pytest.approx(0.75)  # 1 / (1 + 1/3)


def test_email_2_has_the_highest_output_as_the_prose_says(ns):
    X, w = ns["X"], np.array([0.5, 0.25])
    o = 1 / (1 + np.exp(-(X @ w)))
    assert np.argmax(o) == 2 and o[1] == 0.5


def test_two_linear_layers_are_one(ns):
    X, rng = ns["X"], np.random.default_rng(0)
    for _ in range(5):
        w1, w2 = rng.normal(size=(2, 3)), rng.normal(size=(3, 1))
        assert np.allclose((X @ w1) @ w2, X @ (w1 @ w2))


def test_without_a_sigmoid_the_slope_is_constant_with_one_it_changes(ns):
    x = ns["x"].ravel()
    slope_without = np.diff(ns["without"].ravel()) / np.diff(x)
    slope_with = np.diff(ns["with_sigmoid"].ravel()) / np.diff(x)
    assert np.allclose(slope_without, (ns["w1"] @ ns["w2"]).item())   # x w1 w2: the slope is w1 w2
    assert slope_with.max() > 0 > slope_with.min()   # the prose: it falls, turns up, falls again
    assert np.abs(ns["with_sigmoid"]).max() < 1.7 and np.abs(ns["without"]).max() < 1.7  # both fit the y range


def test_an_input_of_zeros_is_stuck_at_one_half_without_a_bias():
    rng = np.random.default_rng(1)
    for _ in range(10):
        assert nnlib.forward(np.zeros((1, 2)), rng.normal(size=2)).item() == 0.5
    assert nnlib.forward(np.zeros((1, 2)), [1.0, 2.0], -1.0).item() == pytest.approx(1 / (1 + np.e))  # sigma(-1)


def test_forward_propagation_is_nnlib_forward(ns):
    X, w, b = ns["X"], ns["w"], ns["b"]
    by_hand = 1 / (1 + np.exp(-(X[:, 0] * w[0] + X[:, 1] * w[1] + b)))
    assert np.allclose(ns["o"], by_hand) and np.allclose(nnlib.forward(X, w, b), by_hand)
