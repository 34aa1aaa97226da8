"""Every bad input gets a clear error from nnlib itself, never a traceback from deep inside NumPy.

The math first (one layer, two layers, the loss, the gradient check), then the pictures,
the explorers and the data makers.

Each case asserts three things: the error is a ValueError or TypeError; its
message names the parameter and what was received; and it was raised by
nnlib's own code (the last frame of the traceback is in the nnlib package),
with no NumPy warning printed on the way.
"""

import math
import warnings
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnlib
from nnlib import data, explorers, plotting
from nnlib import (descent_path, forward, forward_two_layer, gradients, gradients_two_layer, learning_rate_verdict,
                   loss_curve, mean_sum_squared_loss, mean_sum_squared_loss_derivative, numerical_gradient, sigmoid,
                   sigmoid_derivative, train, train_two_layer, weighted_sum)

NNLIB = Path(nnlib.__file__).parent


def assert_clear_error(call, error, *words):
    """``call()`` raises ``error`` from inside nnlib, with every one of ``words`` in its message and no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")           # a NumPy RuntimeWarning on the way fails the test
        with pytest.raises(error) as raised:
            call()
    message = str(raised.value)
    for word in words:
        assert word in message, f"{word!r} not in the message: {message}"
    assert NNLIB in Path(raised.traceback[-1].path).parents, f"raised outside nnlib: {raised.traceback[-1]}"
    return message


# A small, valid problem of each kind; each case below spoils one argument.
X4, Y4, W2 = np.ones((4, 2)), np.zeros((4, 1)), np.ones((2, 1))
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
NET = (np.ones((2, 3)), np.zeros(3), np.ones((3, 1)), np.zeros(1))
X20 = np.linspace(-3, 3, 20).reshape(20, 1)
Y20 = 1 / (1 + np.exp(-2.0 * X20))


LAYER_CASES = [
    (np.ones((4, 3)), np.ones((2, 1)), 0.0, ValueError, ["columns of X (3) to equal the number of rows of w (2)"]),
    (np.ones((4, 2)), np.ones(3), 0.0, ValueError, ["columns of X (2) to equal the length of w (3)"]),
    (np.ones(3), np.ones((3, 1)), 0.0, ValueError, ["X must be a batch", "X.reshape(1, -1)"]),
    (np.ones((4, 2)), np.ones((2, 3)), np.zeros(2), ValueError, ["b must be a single number or shape (3,)", "(2,)"]),
    (np.ones((4, 2)), np.ones(2), np.zeros(4), ValueError, ["b must be a single number", "got b of shape (4,)"]),
    (np.ones((4, 2)), np.ones((2, 1, 1)), 0.0, ValueError, ["w must have shape (d_in, d_out)", "(2, 1, 1)"]),
    (np.ones(4), 2.0, np.zeros(4), ValueError, ["with a single weight w, b must be a single number", "(4,)"]),
    (np.ones((4, 3)), 2.0, 0.0, ValueError, ["with a single number w, X must be", "(4, 3)"]),
    ([["1", "2"]], np.ones((2, 1)), 0.0, TypeError, ["X must contain real numbers", "'1'"]),
    (np.ones((0, 2)), np.ones((2, 1)), 0.0, ValueError, ["X is empty", "(0, 2)"]),
    (np.ones((2, 2)), [[np.inf], [1.0]], 0.0, ValueError, ["w contains inf at index (0, 0)"]),
    (np.ones((2, 2)), np.ones((2, 1)), np.nan, ValueError, ["b contains nan", "finite"]),
    ([[1.0, 2.0], [3.0]], np.ones((2, 1)), 0.0, ValueError, ["X must be a rectangular array"]),
    (None, np.ones((2, 1)), 0.0, TypeError, ["X must contain real numbers", "None"]),
    (np.ones((2, 2)), "w", 0.0, TypeError, ["w must contain real numbers", "'w'"]),
    (np.ones((2, 2)), np.ones((2, 1)), [1j], TypeError, ["b must contain real numbers", "complex"]),
]


@pytest.mark.parametrize("X, w, b, error, words", LAYER_CASES)
@pytest.mark.parametrize("function", ["weighted_sum", "forward", "gradients", "train"])
def test_one_layer(function, X, w, b, error, words):
    call = {
        "weighted_sum": lambda: weighted_sum(X, w, b),
        "forward": lambda: forward(X, w, b),
        "gradients": lambda: gradients(X, np.zeros((len(X), 1)) if hasattr(X, "__len__") else 0.0, w, b),
        "train": lambda: train(X, np.zeros((len(X), 1)) if hasattr(X, "__len__") else 0.0, w, b),
    }[function]
    assert_clear_error(call, error, *words)


@pytest.mark.parametrize("call, error, words", [
    # targets must have exactly the outputs' shape: no silent (n, 1) against (n,) broadcasting
    (lambda: gradients(X4, np.zeros(4), W2), ValueError, ["(4, 1)", "y has shape (4,)", "(4, 4)"]),
    (lambda: gradients(X4, np.zeros((4, 1)), np.ones(2)), ValueError, ["(4,)", "y has shape (4, 1)", "(4, 4)"]),
    (lambda: gradients(X4, [[0.0], [np.nan], [0.0], [0.0]], W2), ValueError, ["y contains nan at index (1, 0)"]),
    (lambda: train(X4, np.zeros(4), W2), ValueError, ["y has shape (4,)"]),
    (lambda: train(X4, Y4, W2, eta=-0.1), ValueError, ["eta (the learning rate) must be positive", "-0.1"]),
    (lambda: train(X4, Y4, W2, eta=0), ValueError, ["eta (the learning rate) must be positive", "0"]),
    (lambda: train(X4, Y4, W2, eta=[0.5]), TypeError, ["eta must be a single number", "[0.5]"]),
    (lambda: train(X4, Y4, W2, eta=np.array([0.5])), TypeError, ["eta must be a single number", "(1,)"]),
    (lambda: train(X4, Y4, W2, eta="1"), TypeError, ["eta must be a single number", "'1'"]),
    (lambda: train(X4, Y4, W2, eta=np.inf), ValueError, ["eta must be a finite number", "inf"]),
    (lambda: train(X4, Y4, W2, epochs=-1), ValueError, ["epochs must be a whole number >= 0", "-1"]),
    (lambda: train(X4, Y4, W2, epochs=2.5), TypeError, ["epochs must be a whole number", "2.5"]),
    (lambda: train(X4, Y4, W2, epochs=True), TypeError, ["epochs must be a whole number", "True (a bool)"]),
    (lambda: train(X4, Y4, W2, epochs="10"), TypeError, ["epochs must be a whole number", "'10'"]),
])
def test_targets_and_training_schedule(call, error, words):
    assert_clear_error(call, error, *words)


@pytest.mark.parametrize("call, error, words", [
    (lambda: sigmoid("a"), TypeError, ["z must contain real numbers", "'a'"]),
    (lambda: sigmoid([]), ValueError, ["z is empty"]),
    (lambda: sigmoid(None), TypeError, ["z must contain real numbers", "None"]),
    (lambda: sigmoid([[1.0, 2.0], [3.0]]), ValueError, ["z must be a rectangular array"]),
    (lambda: sigmoid([0.0, np.nan]), ValueError, ["z contains nan at index (1,)"]),
    (lambda: sigmoid_derivative("x"), TypeError, ["z must contain real numbers", "'x'"]),
    (lambda: sigmoid_derivative([np.inf]), ValueError, ["z contains inf at index (0,)"]),
    (lambda: mean_sum_squared_loss(np.zeros((4, 1)), np.zeros(4)), ValueError,
     ["o has shape (4, 1) but y has shape (4,)", "(4, 4)", "y.reshape((4, 1))"]),
    (lambda: mean_sum_squared_loss(np.zeros((2, 2, 2)), np.zeros((2, 2, 2))), ValueError, ["(n, d_out)", "(2, 2, 2)"]),
    (lambda: mean_sum_squared_loss(["a"], [1.0]), TypeError, ["o must contain real numbers", "'a'"]),
    (lambda: mean_sum_squared_loss([1.0], [None]), TypeError, ["y must contain real numbers", "None"]),
    (lambda: mean_sum_squared_loss([1e308], [-1e308]), ValueError, ["loss does not fit in a float64"]),
    (lambda: mean_sum_squared_loss_derivative([1.0, 2.0], [1.0]), ValueError, ["o has shape (2,) but y has shape (1,)"]),
    (lambda: mean_sum_squared_loss_derivative([], []), ValueError, ["o is empty"]),
])
def test_activation_and_loss(call, error, words):
    assert_clear_error(call, error, *words)


def test_a_single_number_is_not_reported_at_an_index():
    message = assert_clear_error(lambda: sigmoid(np.inf), ValueError, "z contains inf")
    assert "index" not in message


def test_an_overflowing_weighted_sum_is_said_not_returned():
    # forward(1e308, 10.0) is 1.0, right (sigmoid of a huge z); but z itself does not fit in a float64.
    assert_clear_error(lambda: weighted_sum(1e308, 10.0), ValueError, "does not fit in a float64")


@pytest.mark.parametrize("call, error, words", [
    (lambda: loss_curve(np.ones((4, 2)), np.ones((4, 2)), [1.0]), ValueError, ["one-input model", "(4, 2)"]),
    (lambda: loss_curve(np.ones((4, 1)), np.ones(4), [1.0]), ValueError, ["(4, 1) but y has shape (4,)"]),
    (lambda: loss_curve(np.ones((4, 1)), np.ones((4, 1)), [[1.0]]), ValueError, ["weights must be a 1-D", "(1, 1)"]),
    (lambda: loss_curve(np.ones((4, 1)), np.ones((4, 1)), [1.0], [0.0, 1.0]), ValueError,
     ["b must be a single number", "(2,)"]),
    (lambda: loss_curve([[1.0], [np.nan]], np.ones((2, 1)), [1.0]), ValueError, ["X contains nan at index (1, 0)"]),
    (lambda: loss_curve(X20, Y20, ["a"]), TypeError, ["weights must contain real numbers", "'a'"]),
    (lambda: loss_curve(X20, Y20, []), ValueError, ["weights is empty"]),
    (lambda: loss_curve(X20, Y20, [1.0], max_chunk_bytes=0), ValueError, ["max_chunk_bytes must be positive", "0"]),
    (lambda: descent_path(X20, Y20, [[1.0]]), TypeError, ["w must be a single number", "[[1.0]]"]),
    (lambda: descent_path(X20, Y20, 0.5, steps=-1), ValueError, ["steps must be a whole number >= 0", "-1"]),
    (lambda: descent_path(X20, Y20, 0.5, steps=2.5), TypeError, ["steps must be a whole number", "2.5"]),
    (lambda: descent_path(X20, Y20, 0.5, steps=True), TypeError, ["steps must be a whole number", "True (a bool)"]),
    (lambda: descent_path(X20, Y20, 0.5, eta=0.0), ValueError, ["eta (the learning rate) must be positive"]),
    (lambda: descent_path(X20, Y20, 0.5, eta=[0.5]), TypeError, ["eta must be a single number", "[0.5]"]),
    (lambda: descent_path(X20, Y20, 0.5, eta=np.array([0.5, 1.0])), TypeError, ["eta must be a single number", "(2,)"]),
    (lambda: descent_path(X20, np.zeros(20), 0.5), ValueError, ["y has shape (20,)"]),
    (lambda: descent_path(np.ones((4, 2)), Y4, 0.5), ValueError, ["one-input model", "(4, 2)"]),
    (lambda: descent_path(X20, Y20, 0.5, b=[0.0, 1.0]), ValueError, ["b must be a single number", "(2,)"]),
])
def test_one_weight_curves(call, error, words):
    assert_clear_error(call, error, *words)


@pytest.mark.parametrize("net, error, words", [
    ((np.ones(2), 0.0, np.ones((2, 1)), 0.0), ValueError, ["w1 must be a matrix", "(2,)"]),
    ((np.ones((2, 3)), 0.0, np.ones(3), 0.0), ValueError, ["w2 must be a matrix", "(3,)"]),
    ((None, 0.0, np.ones((2, 1)), 0.0), ValueError, ["w1 must be a matrix", "None"]),
    ((np.ones((2, 3)), 0.0, np.ones((2, 1)), 0.0), ValueError,
     ["w1 (2, 3) makes 3 hidden units but w2 (2, 1) expects 2"]),
    ((np.ones((3, 2)), 0.0, np.ones((2, 1)), 0.0), ValueError,
     ["columns of X (2) to equal the number of rows of w1 (3)"]),
    ((np.ones((2, 3)), np.zeros(2), np.ones((3, 1)), 0.0), ValueError, ["b1 must be", "(3,)", "got b1 of shape (2,)"]),
    ((np.ones((2, 3)), 0.0, np.ones((3, 1)), np.zeros(3)), ValueError, ["b2 must be", "(1,)", "got b2 of shape (3,)"]),
    ((np.ones((2, 3)), 0.0, [["a"], ["b"], ["c"]], 0.0), TypeError, ["w2 must contain real numbers", "'a'"]),
    ((np.ones((2, 3)), [np.nan, 0.0, 0.0], np.ones((3, 1)), 0.0), ValueError, ["b1 contains nan at index (0,)"]),
])
@pytest.mark.parametrize("function", ["forward_two_layer", "gradients_two_layer", "train_two_layer"])
def test_two_layers(function, net, error, words):
    call = {
        "forward_two_layer": lambda: forward_two_layer(XOR_X, *net),
        "gradients_two_layer": lambda: gradients_two_layer(XOR_X, XOR_Y, *net),
        "train_two_layer": lambda: train_two_layer(XOR_X, XOR_Y, *net, epochs=2),
    }[function]
    assert_clear_error(call, error, *words)


@pytest.mark.parametrize("call, error, words", [
    (lambda: gradients_two_layer(XOR_X, XOR_Y.ravel(), *NET), ValueError,
     ["o = forward_two_layer(X, w1, b1, w2, b2) has shape (4, 1) but y has shape (4,)"]),
    (lambda: train_two_layer(XOR_X, XOR_Y.ravel(), *NET), ValueError, ["but y has shape (4,)"]),
    (lambda: train_two_layer(XOR_X, XOR_Y, *NET, eta=-2.0), ValueError, ["eta (the learning rate) must be positive"]),
    (lambda: train_two_layer(XOR_X, XOR_Y, *NET, epochs=True), TypeError, ["epochs must be a whole number", "True"]),
    (lambda: train_two_layer(XOR_X, XOR_Y, None, 0.0, None, 0.0), ValueError, ["w1 must be a matrix", "None"]),
])
def test_two_layer_targets_and_schedule(call, error, words):
    assert_clear_error(call, error, *words)


@pytest.mark.parametrize("call, error, words", [
    (lambda: numerical_gradient("not a function", 1.0), TypeError, ["f must be a function", "'not a function'"]),
    (lambda: numerical_gradient(lambda w: w ** 2, 3.0, eps=1e-17), ValueError, ["eps = 1e-17 is too small", "3"]),
    (lambda: numerical_gradient(lambda w: w ** 2, 3.0, eps=1e-15), ValueError, ["eps = 1e-15 is too small"]),
    (lambda: numerical_gradient(lambda w: w ** 2, 1e6, eps=1e-6), ValueError, ["eps = 1e-06 is too small", "1e+06"]),
    (lambda: numerical_gradient(lambda w: w, 1.0, eps=0.0), ValueError, ["eps must be positive", "0"]),
    (lambda: numerical_gradient(lambda w: w, 1.0, eps="tiny"), TypeError, ["eps must be a single number", "'tiny'"]),
    (lambda: numerical_gradient(lambda w: w, 1.0, eps=True), TypeError, ["eps must be a single number", "True"]),
    (lambda: numerical_gradient(lambda w: np.float32(w ** 2), 3.0), TypeError, ["f returned a float32", "float64"]),
    (lambda: numerical_gradient(lambda w: "loss", 3.0), TypeError, ["f must return a single number", "'loss'"]),
    (lambda: numerical_gradient(lambda w: None, 3.0), TypeError, ["f returned None", "return"]),
    (lambda: numerical_gradient(lambda w: 1j * w, 3.0), TypeError, ["f must return a single number", "complex"]),
    (lambda: numerical_gradient(lambda w: w, [1.0, 2.0]), TypeError, ["f must return a single number", "(2,)"]),
    (lambda: numerical_gradient(lambda w: np.inf if w > 1 else 0.0, 1.0), ValueError, ["f returned inf", "finite"]),
    (lambda: numerical_gradient(lambda w: 0.0, []), ValueError, ["w is empty"]),
    (lambda: numerical_gradient(lambda w: 0.0, "w"), TypeError, ["w must contain real numbers", "'w'"]),
])
def test_numerical_gradient(call, error, words):
    assert_clear_error(call, error, *words)


@pytest.mark.parametrize("losses, error, words", [
    ([1.0], ValueError, ["at least 2 epochs", "(1,)"]),
    ([[1.0, 0.5], [0.4, 0.3]], ValueError, ["1-D history", "(2, 2)"]),
    ([-1.0, -2.0], ValueError, ["losses must be >= 0", "-2", "epoch 1"]),
    (["a", "b"], TypeError, ["losses must contain real numbers", "'a'"]),
    ([np.nan, 1.0], ValueError, ["losses contains nan at index (0,)"]),
])
def test_learning_rate_verdict(losses, error, words):
    assert_clear_error(lambda: learning_rate_verdict(losses), error, *words)


def test_the_checks_name_what_they_received_not_just_that_it_was_wrong():
    # One of each kind, read in full: a learner must be able to act on it.
    message = assert_clear_error(lambda: train(X4, Y4, W2, eta=[0.5]), TypeError)
    assert message == "eta must be a single number, got [0.5] (a list of 1)"
    message = assert_clear_error(lambda: gradients(X4, np.zeros(4), W2), ValueError)
    assert message.startswith("o = forward(X, w, b) has shape (4, 1) but y has shape (4,)")


# --- Pictures, explorers and data makers -----------------------------------------------------

@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def ax():
    return plotting.new_figure()[1][0]


def two_axes():
    return plotting.new_figure(ncols=2)[1]


rng = np.random.default_rng
X = np.array([1.0, 2.0, 3.0, 4.0])                                        # one input per example
Y = 2 * X
X1 = np.linspace(-3, 3, 9).reshape(9, 1)
Y1 = 1 / (1 + np.exp(-2.0 * X1))
W = np.linspace(-2, 6, 81)                                                # the w axis of the loss pictures
X2 = np.array([[0.0, 1.0], [1.0, 0.0], [3.0, 4.0], [4.0, 5.0]])           # two features per example
Y2 = np.array([[0.0], [0.0], [1.0], [1.0]])
START = (np.eye(2), np.zeros(2), np.ones((2, 1)), np.zeros(1))            # w1, b1, w2, b2
HISTORY = nnlib.train(X2, Y2, np.array([[0.1], [-0.1]]), 0.0, eta=1.0, epochs=5)
TWO_LAYER_HISTORY = nnlib.train_two_layer(XOR_X, XOR_Y, *START, epochs=3)
LOSSES = np.array([0.5, 0.3, 0.2])
# Ten emails for notebook 00's spam rule: the count of "free", the number of links and of "!"; labels (1 = spam).
SPAM_X = np.array([[0, 1, 1], [0, 0, 2], [1, 2, 0], [1, 0, 1], [2, 1, 1],
                   [2, 5, 6], [3, 4, 2], [0, 3, 7], [5, 2, 4], [1, 1, 0]], dtype=float)
SPAM_Y = np.array([[0], [0], [0], [1], [0], [1], [1], [1], [1], [0]], dtype=float)
FREE, LABELS = [0, 0, 1, 1, 2, 2, 3, 0, 5, 1], [0, 0, 0, 1, 0, 1, 1, 1, 1, 0]


def spam_rule_drawn():
    return plotting.draw_spam_rule(ax(), SPAM_X[:, 0], SPAM_Y, 1.5)


CASES = {
    # --- data makers ----------------------------------------------------------------------------
    "single_input_data w a list": (lambda: data.single_input_data(rng(0), w=[1, 2]), TypeError, "w", "[1, 2]"),
    "single_input_data n True": (lambda: data.single_input_data(rng(0), n=True), TypeError, "n", "True"),
    "single_input_data x_range reversed": (lambda: data.single_input_data(rng(0), x_range=(3, -3)),
                                           ValueError, "x_range", "(3, -3)"),
    "single_input_data x_range text": (lambda: data.single_input_data(rng(0), x_range=("a", "b")),
                                       TypeError, "x_range[0]", "'a'"),
    "single_input_data x_range to inf": (lambda: data.single_input_data(rng(0), x_range=(0, math.inf)),
                                         ValueError, "x_range[1]", "inf"),
    "single_input_data x_range of 3": (lambda: data.single_input_data(rng(0), x_range=(1, 2, 3)),
                                       ValueError, "x_range", "(1, 2, 3)"),
    "single_input_data a seed for rng": (lambda: data.single_input_data(42), TypeError, "rng", "42"),
    "digits_data a seed for rng": (lambda: data.digits_data(0), TypeError, "rng must be a NumPy Generator", "0 (an int)"),
    "digits_data no validation": (lambda: data.digits_data(rng(0), validation=0.0), ValueError,
                                  "validation and test are fractions", "validation=0"),
    "digits_data nothing left to train": (lambda: data.digits_data(rng(0), test=0.5, validation=0.5), ValueError,
                                          "room left for training", "test=0.5"),
    "digits_data test as text": (lambda: data.digits_data(rng(0), test="0.2"), TypeError,
                                 "test must be a single number", "'0.2'"),
    "spam_data spam_fraction text": (lambda: data.spam_data(rng(0), spam_fraction="0.4"),
                                     TypeError, "spam_fraction", "'0.4'"),
    "spam_data spam_fraction None": (lambda: data.spam_data(rng(0), spam_fraction=None),
                                     TypeError, "spam_fraction", "None"),
    "spam_data spam_fraction a list": (lambda: data.spam_data(rng(0), spam_fraction=[0.4]),
                                       TypeError, "spam_fraction", "[0.4]"),
    "spam_data spam_fraction an array": (lambda: data.spam_data(rng(0), spam_fraction=np.array([0.3, 0.4])),
                                         TypeError, "spam_fraction", "shape (2,)"),
    "spam_data spam_fraction 1.5": (lambda: data.spam_data(rng(0), spam_fraction=1.5),
                                    ValueError, "spam_fraction", "1.5"),
    # --- figures ----------------------------------------------------------------------------------
    "new_figure ncols 0": (lambda: plotting.new_figure(ncols=0), ValueError, "ncols", "0"),
    "new_figure width negative": (lambda: plotting.new_figure(width=-2.0), ValueError, "width", "-2"),
    "as_picture of axes": (lambda: plotting.as_picture(ax()), TypeError, "fig", "Axes"),
    # --- one weight -------------------------------------------------------------------------------
    "draw_single_weight ax None": (lambda: plotting.draw_single_weight(None, X, Y, 1.0), TypeError, "ax", "None"),
    "draw_single_weight X text": (lambda: plotting.draw_single_weight(ax(), ["a", "b"], ["c", "d"], 1.0),
                                  TypeError, "X", "'a'"),
    "draw_single_weight y shorter": (lambda: plotting.draw_single_weight(ax(), X, Y[:3], 1.0),
                                     ValueError, "X", "y", "(4,)", "(3,)"),
    "draw_single_weight y (n, 1) for X (n,)": (lambda: plotting.draw_single_weight(ax(), X, Y.reshape(4, 1), 1.0),
                                               ValueError, "y", "(4, 1)", "(4, 4)"),
    "draw_single_weight w a list": (lambda: plotting.draw_single_weight(ax(), X, Y, [1.0]), TypeError, "w", "[1.0]"),
    "draw_single_weight x_max 0": (lambda: plotting.draw_single_weight(ax(), X, Y, 1.0, x_max=0),
                                   ValueError, "x_max", "0"),
    "update_single_weight artists empty": (lambda: plotting.update_single_weight({}, X, 2.0),
                                           TypeError, "artists", "draw_single_weight", "a dict without line"),
    "update_single_weight another X": (
        lambda: plotting.update_single_weight(plotting.draw_single_weight(ax(), X, Y, 1.0), X[:3], 2.0),
        ValueError, "X", "3 examples", "shows 4"),
    # --- shapes of a matrix product -------------------------------------------------------------
    "draw_matmul_shapes negative": (lambda: plotting.draw_matmul_shapes(ax(), (4, -2), (-2, 3)),
                                    ValueError, "X_shape[1]", "-2"),
    "draw_matmul_shapes 3-D": (lambda: plotting.draw_matmul_shapes(ax(), (2, 3, 4), (4, 1)),
                               ValueError, "X_shape", "(2, 3, 4)"),
    "draw_matmul_shapes arrays": (lambda: plotting.draw_matmul_shapes(ax(), np.ones((4, 2)), np.ones((2, 3))),
                                  TypeError, "X_shape", "array of shape (4, 2)"),
    "draw_matmul_shapes w_shape float": (lambda: plotting.draw_matmul_shapes(ax(), (4, 2), (2, 2.5)),
                                         TypeError, "w_shape[1]", "2.5"),
    "draw_matmul_shapes inner sizes": (lambda: plotting.draw_matmul_shapes(ax(), (4, 2), (3, 3)),
                                       ValueError, "X_shape", "w_shape", "2 and 3"),
    "draw_matmul_shapes too big to draw": (lambda: plotting.draw_matmul_shapes(ax(), (1000, 2), (2, 3)),
                                           ValueError, "X_shape", "1000"),
    # --- two weights ------------------------------------------------------------------------------
    "draw_two_weights w of 3": (lambda: plotting.draw_two_weights(ax(), X2, Y2, [1.0, 2.0, 3.0]),
                                ValueError, "w", "(3,)", "(4, 2)"),
    "draw_two_weights y of 3": (lambda: plotting.draw_two_weights(ax(), X2, [1.0, 2.0, 3.0], [1.0, 2.0]),
                                ValueError, "y", "(3,)"),
    "update_two_weights nan": (
        lambda: plotting.update_two_weights(plotting.draw_two_weights(ax(), X2, Y2, [1.0, 1.0]), X2,
                                            [np.nan, 1.0]),
        ValueError, "w", "nan"),
    # --- sigmoid ----------------------------------------------------------------------------------
    "draw_sigmoid_curve w text": (lambda: plotting.draw_sigmoid_curve(ax(), "1", 0.0), TypeError, "w", "'1'"),
    "draw_sigmoid_curve x_range reversed": (lambda: plotting.draw_sigmoid_curve(ax(), 1.0, 0.0, x_range=(6, -6)),
                                            ValueError, "x_range", "(6, -6)"),
    "update_sigmoid_curve b inf": (
        lambda: plotting.update_sigmoid_curve(plotting.draw_sigmoid_curve(ax(), 1.0, 0.0), 1.0, math.inf),
        ValueError, "b", "inf"),
    # --- loss, tangent, descent -----------------------------------------------------------------
    "draw_loss_and_fit one weight": (lambda: plotting.draw_loss_and_fit(*two_axes(), X1, Y1, 0.5, 0.0, [1.0]),
                                     ValueError, "weights", "[1.0]"),
    "draw_loss_and_fit weights decreasing": (
        lambda: plotting.draw_loss_and_fit(*two_axes(), X1, Y1, 0.5, 0.0, [3.0, 2.0, 1.0]),
        ValueError, "weights", "[3.0, 2.0, 1.0]"),
    "draw_loss_and_fit X of 2 inputs": (lambda: plotting.draw_loss_and_fit(*two_axes(), X2, Y2, 0.5, 0.0, W),
                                        ValueError, "X", "(4, 2)"),
    "update_loss_and_fit ax as artists": (lambda: plotting.update_loss_and_fit(ax(), X1, Y1, 0.5, 0.0),
                                          TypeError, "artists", "draw_loss_and_fit", "Axes"),
    "draw_tangent half_width 0": (lambda: plotting.draw_tangent(ax(), X1, Y1, 0.5, 0.0, W, half_width=0),
                                  ValueError, "half_width", "0"),
    "update_tangent half_width negative": (
        lambda: plotting.update_tangent(plotting.draw_tangent(ax(), X1, Y1, 0.5, 0.0, W), X1, Y1, 1.0, 0.0,
                                        half_width=-1.0),
        ValueError, "half_width", "-1"),
    "draw_descent eta 0": (lambda: plotting.draw_descent(ax(), X1, Y1, -1.0, 0.0, 0.0, 3, W), ValueError, "eta", "0"),
    "draw_descent step 2.5": (lambda: plotting.draw_descent(ax(), X1, Y1, -1.0, 0.0, 1.0, 2.5, W),
                              TypeError, "step", "2.5"),
    "update_descent step negative": (
        lambda: plotting.update_descent(plotting.draw_descent(ax(), X1, Y1, -1.0, 0.0, 1.0, 0, W), X1, Y1,
                                        -1.0, 0.0, 1.0, -1),
        ValueError, "step", "-1"),
    # --- decision boundary ----------------------------------------------------------------------
    "draw_decision_boundary X of 3 features": (
        lambda: plotting.draw_decision_boundary(ax(), np.ones((4, 3)), Y2, [1.0, 1.0], 0.0),
        ValueError, "X", "(4, 3)"),
    "draw_decision_boundary y not 0 or 1": (
        lambda: plotting.draw_decision_boundary(ax(), X2, [0.0, 0.5, 1.0, 1.0], [1.0, 1.0], 0.0),
        ValueError, "y", "0.5"),
    "draw_decision_boundary w of 3": (lambda: plotting.draw_decision_boundary(ax(), X2, Y2, [1.0, 1.0, 1.0], 0.0),
                                      ValueError, "w", "(3,)"),
    "draw_decision_boundary b of 2": (lambda: plotting.draw_decision_boundary(ax(), X2, Y2, [1.0, 1.0], [0.0, 0.0]),
                                      ValueError, "b", "(2,)"),
    "draw_decision_boundary labels one text": (
        lambda: plotting.draw_decision_boundary(ax(), X2, Y2, [1.0, 1.0], 0.0, labels="spam"),
        TypeError, "labels", "'spam'"),
    "update_decision_boundary y text": (
        lambda: plotting.update_decision_boundary(
            plotting.draw_decision_boundary(ax(), X2, Y2, [1.0, 1.0], 0.0), X2, "0011", [1.0, 1.0], 0.0),
        TypeError, "y", "'0011'"),
    # --- loss history -----------------------------------------------------------------------------
    "draw_loss_history empty": (lambda: plotting.draw_loss_history(ax(), []), ValueError, "losses", "empty"),
    "draw_loss_history one loss": (lambda: plotting.draw_loss_history(ax(), [0.5]), ValueError, "losses", "[0.5]"),
    "draw_loss_history 2-D": (lambda: plotting.draw_loss_history(ax(), np.ones((3, 2))),
                              ValueError, "losses", "(3, 2)"),
    "draw_loss_history negative": (lambda: plotting.draw_loss_history(ax(), [0.5, -1.0]),
                                   ValueError, "losses", "-1"),
    "draw_loss_history label a number": (lambda: plotting.draw_loss_history(ax(), LOSSES, label=3),
                                         TypeError, "label", "3"),
    "update_loss_history epoch past the end": (
        lambda: plotting.update_loss_history(plotting.draw_loss_history(ax(), LOSSES), LOSSES, epoch=5),
        ValueError, "epoch", "5", "0 to 2"),
    "update_loss_history epoch True": (
        lambda: plotting.update_loss_history(plotting.draw_loss_history(ax(), LOSSES), LOSSES, epoch=True),
        TypeError, "epoch", "True"),
    "update_loss_history note a number": (
        lambda: plotting.update_loss_history(plotting.draw_loss_history(ax(), LOSSES), LOSSES, note=1.0),
        TypeError, "note", "1.0"),
    # --- hidden layer -----------------------------------------------------------------------------
    "draw_hidden_view w1 of 3 units": (
        lambda: plotting.draw_hidden_view(*two_axes(), XOR_X, XOR_Y, np.ones((2, 3)), 0.0, np.ones((3, 1)), 0.0),
        ValueError, "w1", "(2, 3)"),
    "draw_hidden_view b1 of 3": (
        lambda: plotting.draw_hidden_view(*two_axes(), XOR_X, XOR_Y, np.eye(2), np.zeros(3), np.ones((2, 1)), 0.0),
        ValueError, "b1", "(3,)"),
    "draw_hidden_view X of 3 inputs": (
        lambda: plotting.draw_hidden_view(*two_axes(), np.ones((4, 3)), XOR_Y, *START),
        ValueError, "X", "(4, 3)"),
    "update_hidden_view b2 text": (
        lambda: plotting.update_hidden_view(plotting.draw_hidden_view(*two_axes(), XOR_X, XOR_Y, *START),
                                            XOR_X, *START[:3], "0"),
        TypeError, "b2", "'0'"),
    # --- explorers --------------------------------------------------------------------------------
    "explore_sigmoid w outside w_range": (lambda: nnlib.explore_sigmoid(w=5.0), ValueError, "w = 5", "w_range", "3"),
    "explore_sigmoid w_range reversed": (lambda: nnlib.explore_sigmoid(w_range=(3, -3)),
                                         ValueError, "w_range", "(3, -3)"),
    "explore_sigmoid b outside b_range": (lambda: nnlib.explore_sigmoid(b=-6.0), ValueError, "b = -6", "b_range"),
    "explore_single_weight X text": (lambda: nnlib.explore_single_weight(["1", "2"], ["2", "4"]),
                                     TypeError, "X", "'1'"),
    "explore_single_weight w outside w_range": (lambda: nnlib.explore_single_weight(X, Y, w=5.0),
                                                ValueError, "w = 5", "w_range", "(-1, 4)"),
    "explore_two_weights one weight": (lambda: nnlib.explore_two_weights(X2, Y2, w=(0.5,)),
                                       ValueError, "w", "(1,)"),
    "explore_two_weights 3 inputs": (lambda: nnlib.explore_two_weights(np.ones((4, 3)), Y2, w=(0.5, 0.5, 0.5)),
                                     ValueError, "w", "(3,)", "2 weights"),
    "explore_two_weights w2 outside w_range": (lambda: nnlib.explore_two_weights(X2, Y2, w=(0.5, 9.0)),
                                               ValueError, "w[1] = 9", "w_range"),
    "explore_loss w outside weights": (lambda: nnlib.explore_loss(X1, Y1, w=7.0), ValueError, "w = 7", "weights"),
    "explore_loss X and y of other shapes": (lambda: nnlib.explore_loss(X1, Y1.ravel(), w=0.0),
                                             ValueError, "X", "y", "(9, 1)", "(9,)"),
    "explore_tangent half_width 0": (lambda: nnlib.explore_tangent(X1, Y1, w=0.0, half_width=0.0),
                                     ValueError, "half_width", "0"),
    "explore_descent steps 0": (lambda: nnlib.explore_descent(X1, Y1, w0=-1.0, steps=0), ValueError, "steps", "0"),
    "explore_descent eta outside eta_range": (lambda: nnlib.explore_descent(X1, Y1, w0=-1.0, eta=30.0),
                                              ValueError, "eta = 30", "eta_range"),
    "explore_descent eta_range from 0": (lambda: nnlib.explore_descent(X1, Y1, w0=-1.0, eta_range=(0.0, 5.0)),
                                         ValueError, "eta_range[0]", "0"),
    "explore_training history None": (lambda: nnlib.explore_training(X2, Y2, None), TypeError, "history", "None"),
    "explore_training two-layer history": (lambda: nnlib.explore_training(X2, Y2, TWO_LAYER_HISTORY),
                                           TypeError, "history", "two-layer"),
    "explore_learning_rates eta not in etas": (
        lambda: nnlib.explore_learning_rates(X2, Y2, [[0.1], [-0.1]], etas=(0.1, 1.0), epochs=5, eta=0.5),
        ValueError, "eta = 0.5", "etas", "(0.1, 1.0)"),
    "explore_learning_rates etas negative": (
        lambda: nnlib.explore_learning_rates(X2, Y2, [[0.1], [-0.1]], etas=(-1.0, 1.0), epochs=5),
        ValueError, "etas", "(-1.0, 1.0)"),
    "explore_learning_rates epochs 0": (
        lambda: nnlib.explore_learning_rates(X2, Y2, [[0.1], [-0.1]], etas=(0.1, 1.0), epochs=0),
        ValueError, "epochs", "0"),
    "explore_hidden_layer every 0": (lambda: nnlib.explore_hidden_layer(XOR_X, XOR_Y, *START, every=0),
                                     ValueError, "every", "0"),
    "explore_hidden_layer every past epochs": (
        lambda: nnlib.explore_hidden_layer(XOR_X, XOR_Y, *START, epochs=10, every=50),
        ValueError, "every = 50", "epochs = 10"),
    "explore_hidden_layer y of 3": (lambda: nnlib.explore_hidden_layer(XOR_X, XOR_Y[:3], *START, epochs=10, every=5),
                                    ValueError, "y", "(3, 1)"),
    "explore_hidden_layer eta negative": (
        lambda: nnlib.explore_hidden_layer(XOR_X, XOR_Y, *START, eta=-1.0, epochs=10, every=5),
        ValueError, "eta", "-1"),
    "Explorer artists hold a number": (
        lambda: nnlib.Explorer(plotting.new_figure()[0], lambda w: None, {"w": widgets.FloatSlider()},
                               {"half_width": 1.0}),
        TypeError, "artists['half_width']", "1.0"),
    "Explorer sliders of numbers": (
        lambda: nnlib.Explorer(plotting.new_figure()[0], lambda w: None, {"w": 3.0}, {}),
        TypeError, "sliders", "{'w': 3.0}"),
    "Explorer update not a function": (
        lambda: nnlib.Explorer(plotting.new_figure()[0], "update", {"w": widgets.FloatSlider()}, {}),
        TypeError, "update", "'update'"),
    "Explorer fig an Axes": (lambda: nnlib.Explorer(ax(), lambda w: None, {"w": widgets.FloatSlider()}, {}),
                             TypeError, "fig", "Axes"),
    # --- notebook 00's spam rule -----------------------------------------------------------------
    "explore_spam_rule threshold outside the counts": (lambda: nnlib.explore_spam_rule(SPAM_X, SPAM_Y, threshold=7.0),
                                                      ValueError, "threshold = 7", "(-0.5, 5.5)"),
    "explore_spam_rule threshold text": (lambda: nnlib.explore_spam_rule(SPAM_X, SPAM_Y, threshold="2"),
                                         TypeError, "threshold", "'2'"),
    "explore_spam_rule X 3-D": (lambda: nnlib.explore_spam_rule(np.ones((10, 3, 1)), SPAM_Y),
                                ValueError, "X", "(10, 3, 1)"),
    "explore_spam_rule X text": (lambda: nnlib.explore_spam_rule([["a"], ["b"]], [0, 1]), TypeError, "X", "'a'"),
    "explore_spam_rule y shorter": (lambda: nnlib.explore_spam_rule(SPAM_X, SPAM_Y[:9]),
                                    ValueError, "y", "(10,)", "(9, 1)"),
    "explore_spam_rule y not labels": (lambda: nnlib.explore_spam_rule(SPAM_X, 2 * SPAM_Y),
                                       ValueError, "y", "0 and 1", "2.0"),
    "explore_spam_rule counts negative": (lambda: nnlib.explore_spam_rule(-SPAM_X, SPAM_Y),
                                          ValueError, "whole numbers >= 0"),
    "explore_spam_rule counts not whole": (lambda: nnlib.explore_spam_rule(SPAM_X + 0.5, SPAM_Y),
                                           ValueError, "whole numbers", "0.5"),
    "explore_spam_rule counts huge": (lambda: nnlib.explore_spam_rule(1e6 * SPAM_X, SPAM_Y),
                                      ValueError, "counts", "5e+06"),
    "draw_spam_rule ax None": (lambda: plotting.draw_spam_rule(None, FREE, LABELS, 1.5), TypeError, "ax", "None"),
    "draw_spam_rule counts of the whole X": (lambda: plotting.draw_spam_rule(ax(), SPAM_X, SPAM_Y, 1.5),
                                             ValueError, "counts", "(10, 3)", "X[:, 0]"),
    "draw_spam_rule counts nan": (lambda: plotting.draw_spam_rule(ax(), [0.0, np.nan], [0, 1], 1.5),
                                  ValueError, "counts contains nan"),
    "draw_spam_rule threshold a list": (lambda: plotting.draw_spam_rule(ax(), FREE, LABELS, [1.5]),
                                        TypeError, "threshold", "[1.5]"),
    "update_spam_rule artists of another picture": (
        lambda: plotting.update_spam_rule(plotting.draw_single_weight(ax(), [1.0], [2.0], 1.0), FREE, LABELS, 1.5),
        TypeError, "draw_spam_rule", "called"),
    "update_spam_rule threshold None": (lambda: plotting.update_spam_rule(spam_rule_drawn(), FREE, LABELS, None),
                                       TypeError, "threshold", "None"),
    "update_spam_rule y of other length": (lambda: plotting.update_spam_rule(spam_rule_drawn(), FREE, LABELS[:4], 1.5),
                                           ValueError, "y", "(10,)", "(4,)"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_a_clear_error(name):
    call, error_type, *words = CASES[name]
    assert_clear_error(call, error_type, *words)


PUBLIC = {f"{module.__name__}.{name}" for module in (plotting, explorers, data)
          for name in module.__all__ if callable(getattr(module, name))}


def test_every_public_function_has_a_case():
    tried = {name.split()[0] for name in CASES}
    missing = {name for name in PUBLIC if name.rsplit(".", 1)[1] not in tried}
    assert not missing, f"no bad-input case for {sorted(missing)}"


@pytest.mark.parametrize("name", [name for name in CASES if name.startswith("explore_")])
def test_a_refused_explorer_leaves_no_figure_behind(name):
    figures = plt.get_fignums()
    with pytest.raises((ValueError, TypeError)):
        CASES[name][0]()
    assert plt.get_fignums() == figures
