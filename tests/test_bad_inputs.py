"""Every bad input gets a clear error from nnlib itself, never a traceback from deep inside NumPy.

A case is a call that spoils one argument, the error it must raise, the parameter(s) its message must
name and the value(s) it must report. ``refused`` checks exactly that: the error's type; each parameter
named as a word and each value shown; the error raised by nnlib's own code (the last frame of the
traceback is in the nnlib package), with no warning on the way. The rest of the sentence is free: a
reworded message keeps a case green, one that forgets the parameter or the value fails it.

Inputs that used to pass silently (issue 23) are cases too, by the rule in nnlib/_checks.py's docstring:
a bool is not a number, targets a sigmoid cannot reach are refused, as are a softmax over one output,
rows that are not probabilities, a keyword of another course, and an overflow that would leave inf or
nan in the answer. The right answers the rule keeps are tested beside the math (test_network.py,
test_layers.py).
"""

import inspect
import math
import re
import warnings
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnlib
from nnlib import data, digit_explorers, plotting
from nnlib.formulas import MATH_MODULES

NNLIB = Path(nnlib.__file__).parent


def _raised(call, error):
    """The message of the ``error`` that ``call()`` raises from inside nnlib, with no warning on the way."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")           # a NumPy RuntimeWarning on the way fails the test
        with pytest.raises(error) as raised:
            call()
    assert NNLIB in Path(raised.traceback[-1].path).parents, f"raised outside nnlib: {raised.traceback[-1]}"
    return str(raised.value)


def refused(call, error, names, values):
    """``call()`` raises ``error`` from nnlib, naming each parameter in ``names`` and showing each value in ``values``."""
    names, values = ([names] if isinstance(names, str) else names), ([values] if isinstance(values, str) else values)
    assert names and values, "a case names at least one parameter and one value"
    message = _raised(call, error)
    for name in names:
        assert re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", message), f"{name!r} not named in: {message}"
    for value in values:
        assert value in message, f"{value!r} not shown in: {message}"
    return message


def assert_clear_error(call, error, *words):
    """Like ``refused``, for the tests that list the words a message must hold (the digit pictures' tests)."""
    message = _raised(call, error)
    for word in words:
        assert word in message, f"{word!r} not in the message: {message}"
    return message


# A small, valid problem of each kind; each case spoils one argument.
X4, Y4, W2 = np.ones((4, 2)), np.zeros((4, 1)), np.ones((2, 1))
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
NET = (np.ones((2, 3)), np.zeros(3), np.ones((3, 1)), np.zeros(1))          # w1, b1, w2, b2
X20 = np.linspace(-3, 3, 20).reshape(20, 1)
Y20 = 1 / (1 + np.exp(-2.0 * X20))
LAYERS = [(np.ones((3, 4)), np.zeros(4)), (np.ones((4, 2)), np.zeros(2))]   # a network of any depth: 3 -> 4 -> 2
ONE_OUT = [LAYERS[0], (np.ones((4, 1)), np.zeros(1))]                       # ... with one output
X3, Y2 = np.ones((5, 3)), np.full((5, 2), 0.5)
O3 = np.array([[0.1, 0.8, 0.1], [0.6, 0.3, 0.1], [0.2, 0.2, 0.6]])           # outputs of 3 classes
RNG = np.random.default_rng


# --- One layer: the same bad X, w or b in every function that takes them -------------------------

ONE_LAYER = {  # X, w, b, error, names, values
    "X columns against w rows": (np.ones((4, 3)), np.ones((2, 1)), 0.0, ValueError, ("X", "w"), ("(4, 3)", "(2, 1)")),
    "X columns against w length": (np.ones((4, 2)), np.ones(3), 0.0, ValueError, ("X", "w"), ("(4, 2)", "(3,)")),
    "one example, not a batch": (np.ones(3), np.ones((3, 1)), 0.0, ValueError, "X", "(3,)"),
    "b of another length": (np.ones((4, 2)), np.ones((2, 3)), np.zeros(2), ValueError, "b", "(2,)"),
    "b a vector for one output": (np.ones((4, 2)), np.ones(2), np.zeros(4), ValueError, "b", "(4,)"),
    "w 3-D": (np.ones((4, 2)), np.ones((2, 1, 1)), 0.0, ValueError, "w", "(2, 1, 1)"),
    "b a vector for one weight": (np.ones(4), 2.0, np.zeros(4), ValueError, "b", "(4,)"),
    "X of 3 inputs for one weight": (np.ones((4, 3)), 2.0, 0.0, ValueError, ("X", "w"), "(4, 3)"),
    "X text": ([["1", "2"]], np.ones((2, 1)), 0.0, TypeError, "X", "'1'"),
    "X empty": (np.ones((0, 2)), np.ones((2, 1)), 0.0, ValueError, "X", "(0, 2)"),
    "w inf": (np.ones((2, 2)), [[np.inf], [1.0]], 0.0, ValueError, "w", ("inf", "(0, 0)")),
    "b nan": (np.ones((2, 2)), np.ones((2, 1)), np.nan, ValueError, "b", "nan"),
    "X ragged": ([[1.0, 2.0], [3.0]], np.ones((2, 1)), 0.0, ValueError, "X", "[[1.0, 2.0], [3.0]]"),
    "X None": (None, np.ones((2, 1)), 0.0, TypeError, "X", "None"),
    "w text": (np.ones((2, 2)), "w", 0.0, TypeError, "w", "'w'"),
    "b complex": (np.ones((2, 2)), np.ones((2, 1)), [1j], TypeError, "b", "1j"),
    "w a bool": (np.ones((2, 1)), True, 0.0, TypeError, "w", "True"),
    "b a bool": (np.ones((2, 2)), np.ones((2, 1)), True, TypeError, "b", "True"),
    "X of bools": (np.array([[True, False]]), np.ones((2, 1)), 0.0, TypeError, "X", "True"),
}


def _one_layer_call(function, X, w, b):
    y = np.zeros((len(X), 1)) if hasattr(X, "__len__") else 0.0
    return {
        "weighted_sum": lambda: nnlib.weighted_sum(X, w, b),
        "forward": lambda: nnlib.forward(X, w, b),
        "gradients": lambda: nnlib.gradients(X, y, w, b),
        "train": lambda: nnlib.train(X, y, w, b),
    }[function]


CASES = {f"{function} {case}": (_one_layer_call(function, X, w, b), error, names, values)
         for function in ["weighted_sum", "forward", "gradients", "train"]
         for case, (X, w, b, error, names, values) in ONE_LAYER.items()}


# --- Two layers: the same bad network in every function that takes one -------------------------

TWO_LAYERS = {  # w1, b1, w2, b2, error, names, values
    "w1 a vector": ((np.ones(2), 0.0, np.ones((2, 1)), 0.0), ValueError, "w1", "(2,)"),
    "w2 a vector": ((np.ones((2, 3)), 0.0, np.ones(3), 0.0), ValueError, "w2", "(3,)"),
    "w1 None": ((None, 0.0, np.ones((2, 1)), 0.0), ValueError, "w1", "None"),
    "w2 a bool": ((np.ones((2, 3)), 0.0, True, 0.0), ValueError, "w2", "True"),
    "hidden sizes": ((np.ones((2, 3)), 0.0, np.ones((2, 1)), 0.0), ValueError, ("w1", "w2"), ("(2, 3)", "(2, 1)")),
    "X columns against w1": ((np.ones((3, 2)), 0.0, np.ones((2, 1)), 0.0), ValueError, ("X", "w1"),
                             ("(4, 2)", "(3, 2)")),
    "b1 of another length": ((np.ones((2, 3)), np.zeros(2), np.ones((3, 1)), 0.0), ValueError, "b1", "(2,)"),
    "b2 of another length": ((np.ones((2, 3)), 0.0, np.ones((3, 1)), np.zeros(3)), ValueError, "b2", "(3,)"),
    "w2 text": ((np.ones((2, 3)), 0.0, [["a"], ["b"], ["c"]], 0.0), TypeError, "w2", "'a'"),
    "b1 nan": ((np.ones((2, 3)), [np.nan, 0.0, 0.0], np.ones((3, 1)), 0.0), ValueError, "b1", ("nan", "(0,)")),
}


def _two_layer_call(function, net):
    return {
        "forward_two_layer": lambda: nnlib.forward_two_layer(XOR_X, *net),
        "gradients_two_layer": lambda: nnlib.gradients_two_layer(XOR_X, XOR_Y, *net),
        "train_two_layer": lambda: nnlib.train_two_layer(XOR_X, XOR_Y, *net, epochs=2),
    }[function]


CASES |= {f"{function} {case}": (_two_layer_call(function, net), error, names, values)
          for function in ["forward_two_layer", "gradients_two_layer", "train_two_layer"]
          for case, (net, error, names, values) in TWO_LAYERS.items()}


CASES |= {
    # --- targets and the training schedule ------------------------------------------------------
    "gradients y flat for a column of outputs": (lambda: nnlib.gradients(X4, np.zeros(4), W2),
                                                 ValueError, "y", ("(4,)", "(4, 1)")),
    "gradients y a column for flat outputs": (lambda: nnlib.gradients(X4, np.zeros((4, 1)), np.ones(2)),
                                              ValueError, "y", ("(4, 1)", "(4,)")),
    "gradients y nan": (lambda: nnlib.gradients(X4, [[0.0], [np.nan], [0.0], [0.0]], W2), ValueError, "y",
                        ("nan", "(1, 0)")),
    "gradients y out of a sigmoid's reach": (lambda: nnlib.gradients(X4, Y4 + 5, W2), ValueError, "y", "5"),
    "gradients y labels -1 and 1": (lambda: nnlib.gradients(X4, [[-1.0], [1.0], [-1.0], [1.0]], W2),
                                    ValueError, "y", "-1"),
    "train y 100 times too large": (lambda: nnlib.train(XOR_X, 100 * XOR_Y, W2), ValueError, "y", "100"),
    "train y flat": (lambda: nnlib.train(X4, np.zeros(4), W2), ValueError, "y", "(4,)"),
    "train eta negative": (lambda: nnlib.train(X4, Y4, W2, eta=-0.1), ValueError, "eta", "-0.1"),
    "train eta 0": (lambda: nnlib.train(X4, Y4, W2, eta=0), ValueError, "eta", "0"),
    "train eta a list": (lambda: nnlib.train(X4, Y4, W2, eta=[0.5]), TypeError, "eta", "[0.5]"),
    "train eta an array": (lambda: nnlib.train(X4, Y4, W2, eta=np.array([0.5])), TypeError, "eta", "(1,)"),
    "train eta text": (lambda: nnlib.train(X4, Y4, W2, eta="1"), TypeError, "eta", "'1'"),
    "train eta inf": (lambda: nnlib.train(X4, Y4, W2, eta=np.inf), ValueError, "eta", "inf"),
    "train eta a bool": (lambda: nnlib.train(X4, Y4, W2, eta=True), TypeError, "eta", "True"),
    "train epochs negative": (lambda: nnlib.train(X4, Y4, W2, epochs=-1), ValueError, "epochs", "-1"),
    "train epochs 2.5": (lambda: nnlib.train(X4, Y4, W2, epochs=2.5), TypeError, "epochs", "2.5"),
    "train epochs a bool": (lambda: nnlib.train(X4, Y4, W2, epochs=True), TypeError, "epochs", "True"),
    "train epochs text": (lambda: nnlib.train(X4, Y4, W2, epochs="10"), TypeError, "epochs", "'10'"),
    # z = X @ w + b past 1.8e308: refused wherever a z is computed (z = 1e300 * 1e10 - 1e300 * 1e10 gives inf, not 0)
    "weighted_sum z past float64": (lambda: nnlib.weighted_sum(np.full((3, 2), 1e200), np.full((2, 1), 1e200)),
                                    ValueError, ("X", "w"), "1e+200"),
    "forward z past float64": (lambda: nnlib.forward(X4 * 1e200, W2 + 1e200), ValueError, ("X", "w"), "1e+200"),
    "forward z of inf - inf": (lambda: nnlib.forward([[1e300, 1e300]], [[1e10], [-1e10]]), ValueError, ("X", "w"),
                               ("1e+300", "1e+10")),
    "gradients z past float64": (lambda: nnlib.gradients(X4 * 1e200, Y4, W2 + 1e200), ValueError, ("X", "w"),
                                 "1e+200"),
    "train z past float64": (lambda: nnlib.train(X4, Y4, W2 * 1e308), ValueError, ("X", "w"), "1e+308"),
    "loss_curve z past float64": (lambda: nnlib.loss_curve(X20, Y20, [0.0, 1e308]), ValueError, ("X", "weights"),
                                  "1e+308"),
    "descent_path z past float64": (lambda: nnlib.descent_path(X20, Y20, 1e308), ValueError, ("X", "w"), "1e+308"),
    "forward_two_layer z past float64": (lambda: nnlib.forward_two_layer(XOR_X, NET[0], NET[1], NET[2] * 1e308, NET[3]),
                                         ValueError, ("h", "w2"), "1e+308"),
    "forward_layers z past float64": (lambda: nnlib.forward_layers(X3 * 1e308, LAYERS), ValueError, ("X", "w1"),
                                      "1e+308"),
    "train a misspelled keyword": (lambda: nnlib.train(X4, Y4, W2, epochz=3), TypeError, ("epochz", "epochs"), "3"),
    "train weights that overflow": (lambda: nnlib.train([[100.0]], [[0.0]], [[0.0]], eta=1e308, epochs=3),
                                    ValueError, ("eta", "epoch"), "1e+308"),
    "gradients_two_layer y flat": (lambda: nnlib.gradients_two_layer(XOR_X, XOR_Y.ravel(), *NET),
                                   ValueError, "y", "(4,)"),
    "gradients_two_layer y out of reach": (lambda: nnlib.gradients_two_layer(XOR_X, 5 * XOR_Y, *NET),
                                           ValueError, "y", "5"),
    "train_two_layer y flat": (lambda: nnlib.train_two_layer(XOR_X, XOR_Y.ravel(), *NET), ValueError, "y", "(4,)"),
    "train_two_layer y labels -1 and 1": (lambda: nnlib.train_two_layer(XOR_X, 2 * XOR_Y - 1, *NET),
                                          ValueError, "y", "-1"),
    "train_two_layer eta negative": (lambda: nnlib.train_two_layer(XOR_X, XOR_Y, *NET, eta=-2.0),
                                     ValueError, "eta", "-2"),
    "train_two_layer epochs a bool": (lambda: nnlib.train_two_layer(XOR_X, XOR_Y, *NET, epochs=True),
                                      TypeError, "epochs", "True"),
    "train_two_layer weights that overflow": (
        lambda: nnlib.train_two_layer([[100.0]], [[0.0]], [[0.0]], 0.0, [[1.0]], 0.0, eta=1e308, epochs=3),
        ValueError, ("eta", "epoch"), "1e+308"),
    # --- activations and losses -----------------------------------------------------------------
    "sigmoid text": (lambda: nnlib.sigmoid("a"), TypeError, "z", "'a'"),
    "sigmoid empty": (lambda: nnlib.sigmoid([]), ValueError, "z", "(0,)"),
    "sigmoid None": (lambda: nnlib.sigmoid(None), TypeError, "z", "None"),
    "sigmoid ragged": (lambda: nnlib.sigmoid([[1.0, 2.0], [3.0]]), ValueError, "z", "[[1.0, 2.0], [3.0]]"),
    "sigmoid nan": (lambda: nnlib.sigmoid([0.0, np.nan]), ValueError, "z", ("nan", "(1,)")),
    "sigmoid a bool": (lambda: nnlib.sigmoid(True), TypeError, "z", "True"),
    "sigmoid bools": (lambda: nnlib.sigmoid([True, False]), TypeError, "z", "[True, False]"),
    "sigmoid_derivative text": (lambda: nnlib.sigmoid_derivative("x"), TypeError, "z", "'x'"),
    "sigmoid_derivative inf": (lambda: nnlib.sigmoid_derivative([np.inf]), ValueError, "z", ("inf", "(0,)")),
    "sigmoid_derivative a bool": (lambda: nnlib.sigmoid_derivative(np.array(False)), TypeError, "z", "False"),
    "softmax one example flat": (lambda: nnlib.softmax([1.0, 2.0]), ValueError, "z", "(2,)"),
    "softmax text": (lambda: nnlib.softmax([[1.0, "a"]]), TypeError, "z", "'a'"),
    "mean_sum_squared_loss column against flat": (
        lambda: nnlib.mean_sum_squared_loss(np.zeros((4, 1)), np.zeros(4)), ValueError, ("o", "y"), ("(4, 1)", "(4,)")),
    "mean_sum_squared_loss 3-D": (lambda: nnlib.mean_sum_squared_loss(np.zeros((2, 2, 2)), np.zeros((2, 2, 2))),
                                  ValueError, "o", "(2, 2, 2)"),
    "mean_sum_squared_loss o text": (lambda: nnlib.mean_sum_squared_loss(["a"], [1.0]), TypeError, "o", "'a'"),
    "mean_sum_squared_loss y None": (lambda: nnlib.mean_sum_squared_loss([1.0], [None]), TypeError, "y", "None"),
    "mean_sum_squared_loss overflow": (lambda: nnlib.mean_sum_squared_loss([1e308], [-1e308]), ValueError,
                                       "o", "1e+308"),
    "mean_sum_squared_loss_derivative lengths": (lambda: nnlib.mean_sum_squared_loss_derivative([1.0, 2.0], [1.0]),
                                                 ValueError, ("o", "y"), ("(2,)", "(1,)")),
    "mean_sum_squared_loss_derivative empty": (lambda: nnlib.mean_sum_squared_loss_derivative([], []),
                                               ValueError, "o", "(0,)"),
    "cross_entropy_loss shapes": (lambda: nnlib.cross_entropy_loss(np.full((2, 3), 1 / 3), np.ones((2, 2))),
                                  ValueError, ("o", "y"), ("(2, 3)", "(2, 2)")),
    "cross_entropy_loss o flat": (lambda: nnlib.cross_entropy_loss([0.5, 0.5], [1.0, 0.0]), ValueError, "o", "(2,)"),
    "cross_entropy_loss o above 1": (lambda: nnlib.cross_entropy_loss(np.full((2, 3), 2.0), np.ones((2, 3)) / 3),
                                     ValueError, "o", "[2.0, 2.0, 2.0]"),
    "cross_entropy_loss rows not probabilities": (lambda: nnlib.cross_entropy_loss([[0.5, 0.9]], [[1, 0]]),
                                                  ValueError, "o", "1.4"),
    "cross_entropy_loss y not one-hot": (lambda: nnlib.cross_entropy_loss([[0.5, 0.5]], [[1, 1]]),
                                         ValueError, "y", "[1.0, 1.0]"),
    # --- one weight at a time -------------------------------------------------------------------
    "loss_curve X of 2 inputs": (lambda: nnlib.loss_curve(np.ones((4, 2)), np.ones((4, 2)), [1.0]),
                                 ValueError, "X", "(4, 2)"),
    "loss_curve y flat": (lambda: nnlib.loss_curve(np.ones((4, 1)), np.ones(4), [1.0]), ValueError, "y", "(4,)"),
    "loss_curve weights 2-D": (lambda: nnlib.loss_curve(np.ones((4, 1)), np.ones((4, 1)), [[1.0]]),
                               ValueError, "weights", "(1, 1)"),
    "loss_curve b a vector": (lambda: nnlib.loss_curve(np.ones((4, 1)), np.ones((4, 1)), [1.0], [0.0, 1.0]),
                              ValueError, "b", "(2,)"),
    "loss_curve X nan": (lambda: nnlib.loss_curve([[1.0], [np.nan]], np.ones((2, 1)), [1.0]),
                         ValueError, "X", ("nan", "(1, 0)")),
    "loss_curve weights text": (lambda: nnlib.loss_curve(X20, Y20, ["a"]), TypeError, "weights", "'a'"),
    "loss_curve weights empty": (lambda: nnlib.loss_curve(X20, Y20, []), ValueError, "weights", "(0,)"),
    "loss_curve max_chunk_bytes 0": (lambda: nnlib.loss_curve(X20, Y20, [1.0], max_chunk_bytes=0),
                                     ValueError, "max_chunk_bytes", "0"),
    "descent_path w a matrix": (lambda: nnlib.descent_path(X20, Y20, [[1.0]]), TypeError, "w", "[[1.0]]"),
    "descent_path w a bool": (lambda: nnlib.descent_path(X20, Y20, True), TypeError, "w", "True"),
    "descent_path steps negative": (lambda: nnlib.descent_path(X20, Y20, 0.5, steps=-1), ValueError, "steps", "-1"),
    "descent_path steps 2.5": (lambda: nnlib.descent_path(X20, Y20, 0.5, steps=2.5), TypeError, "steps", "2.5"),
    "descent_path steps a bool": (lambda: nnlib.descent_path(X20, Y20, 0.5, steps=True), TypeError, "steps", "True"),
    "descent_path eta 0": (lambda: nnlib.descent_path(X20, Y20, 0.5, eta=0.0), ValueError, "eta", "0"),
    "descent_path eta a list": (lambda: nnlib.descent_path(X20, Y20, 0.5, eta=[0.5]), TypeError, "eta", "[0.5]"),
    "descent_path eta an array": (lambda: nnlib.descent_path(X20, Y20, 0.5, eta=np.array([0.5, 1.0])),
                                  TypeError, "eta", "(2,)"),
    "descent_path y flat": (lambda: nnlib.descent_path(X20, np.zeros(20), 0.5), ValueError, "y", "(20,)"),
    "descent_path X of 2 inputs": (lambda: nnlib.descent_path(np.ones((4, 2)), Y4, 0.5), ValueError, "X", "(4, 2)"),
    "descent_path b a vector": (lambda: nnlib.descent_path(X20, Y20, 0.5, b=[0.0, 1.0]), ValueError, "b", "(2,)"),
    "descent_path y out of reach": (lambda: nnlib.descent_path(X20[:2], [[0.5], [-1.0]], 0.5), ValueError, "y", "-1"),
    # --- gradient checking ----------------------------------------------------------------------
    "numerical_gradient f not a function": (lambda: nnlib.numerical_gradient("not a function", 1.0),
                                            TypeError, "f", "'not a function'"),
    "numerical_gradient eps below float64's digits": (lambda: nnlib.numerical_gradient(lambda w: w ** 2, 3.0,
                                                                                       eps=1e-17),
                                                      ValueError, ("eps", "w"), ("1e-17", "3")),
    "numerical_gradient eps small for a large w": (lambda: nnlib.numerical_gradient(lambda w: w ** 2, 1e6, eps=1e-6),
                                                   ValueError, ("eps", "w"), ("1e-06", "1e+06")),
    "numerical_gradient eps 0": (lambda: nnlib.numerical_gradient(lambda w: w, 1.0, eps=0.0), ValueError, "eps", "0"),
    "numerical_gradient eps text": (lambda: nnlib.numerical_gradient(lambda w: w, 1.0, eps="tiny"),
                                    TypeError, "eps", "'tiny'"),
    "numerical_gradient eps a bool": (lambda: nnlib.numerical_gradient(lambda w: w, 1.0, eps=True),
                                      TypeError, "eps", "True"),
    "numerical_gradient f in float32": (lambda: nnlib.numerical_gradient(lambda w: np.float32(w ** 2), 3.0),
                                        TypeError, "f", "float32"),
    "numerical_gradient f gives text": (lambda: nnlib.numerical_gradient(lambda w: "loss", 3.0),
                                        TypeError, "f", "'loss'"),
    "numerical_gradient f gives None": (lambda: nnlib.numerical_gradient(lambda w: None, 3.0), TypeError, "f", "None"),
    "numerical_gradient f complex": (lambda: nnlib.numerical_gradient(lambda w: 1j * w, 3.0),
                                     TypeError, "f", "complex"),
    "numerical_gradient f gives an array": (lambda: nnlib.numerical_gradient(lambda w: w, [1.0, 2.0]),
                                            TypeError, "f", "(2,)"),
    "numerical_gradient f gives inf": (lambda: nnlib.numerical_gradient(lambda w: np.inf if w > 1 else 0.0, 1.0),
                                       ValueError, "f", "inf"),
    "numerical_gradient w empty": (lambda: nnlib.numerical_gradient(lambda w: 0.0, []), ValueError, "w", "(0,)"),
    "numerical_gradient w text": (lambda: nnlib.numerical_gradient(lambda w: 0.0, "w"), TypeError, "w", "'w'"),
    "numerical_gradient w a bool": (lambda: nnlib.numerical_gradient(lambda w: 0.0, True), TypeError, "w", "True"),
    # --- the learning-rate verdict --------------------------------------------------------------
    "learning_rate_verdict one loss": (lambda: nnlib.learning_rate_verdict([1.0]), ValueError, "losses", "(1,)"),
    "learning_rate_verdict 2-D": (lambda: nnlib.learning_rate_verdict([[1.0, 0.5], [0.4, 0.3]]),
                                  ValueError, "losses", "(2, 2)"),
    "learning_rate_verdict negative": (lambda: nnlib.learning_rate_verdict([-1.0, -2.0]), ValueError, "losses", "-2"),
    "learning_rate_verdict text": (lambda: nnlib.learning_rate_verdict(["a", "b"]), TypeError, "losses", "'a'"),
    "learning_rate_verdict nan": (lambda: nnlib.learning_rate_verdict([np.nan, 1.0]), ValueError, "losses",
                                  ("nan", "(0,)")),
    "learning_rate_verdict a whole History": (lambda: nnlib.learning_rate_verdict(nnlib.train(X4, Y4, W2, epochs=2)),
                                              TypeError, "losses", "History"),
    # --- a network of any depth -----------------------------------------------------------------
    "forward_layers an empty list": (lambda: nnlib.forward_layers(X3, []), TypeError, "layers", "[]"),
    "forward_layers an array": (lambda: nnlib.forward_layers(X3, np.ones((3, 4))), TypeError, "layers", "(3, 4)"),
    "forward_layers a w without its b": (lambda: nnlib.forward_layers(X3, [np.ones((3, 4))]),
                                         TypeError, "layers[0]", "(3, 4)"),
    "forward_layers w1 a vector": (lambda: nnlib.forward_layers(X3, [(np.ones(3), 0.0)]), ValueError, "w1", "(3,)"),
    "forward_layers sizes": (lambda: nnlib.forward_layers(X3, [LAYERS[0], (np.ones((5, 2)), 0.0)]),
                             ValueError, ("w1", "w2"), ("(3, 4)", "(5, 2)")),
    "forward_layers X columns": (lambda: nnlib.forward_layers(np.ones((5, 2)), LAYERS),
                                 ValueError, ("X", "w1"), ("(5, 2)", "(3, 4)")),
    "forward_layers one example, not a batch": (lambda: nnlib.forward_layers(np.ones(3), LAYERS),
                                                ValueError, "X", "(3,)"),
    "forward_layers b2 of another length": (lambda: nnlib.forward_layers(X3, [LAYERS[0], (LAYERS[1][0], np.zeros(3))]),
                                            ValueError, "b2", "(3,)"),
    "forward_layers b1 nan": (lambda: nnlib.forward_layers(X3, [(LAYERS[0][0], [np.nan] * 4), LAYERS[1]]),
                              ValueError, "b1", "nan"),
    "forward_layers output relu": (lambda: nnlib.forward_layers(X3, LAYERS, output="relu"),
                                   ValueError, "output", "'relu'"),
    "forward_layers softmax over one output": (lambda: nnlib.forward_layers(X3, ONE_OUT, output="softmax"),
                                               ValueError, ("output", "w2"), ("'softmax'", "(4, 1)")),
    "gradients_layers y flat": (lambda: nnlib.gradients_layers(X3, np.zeros(5), LAYERS), ValueError, "y", "(5,)"),
    "gradients_layers y not one-hot": (lambda: nnlib.gradients_layers(X3, Y2 * 2, LAYERS, output="softmax"),
                                       ValueError, "y", "[1.0, 1.0]"),
    "gradients_layers y out of reach": (lambda: nnlib.gradients_layers(X3, Y2 * 3, LAYERS), ValueError, "y", "1.5"),
    "gradients_layers softmax over one output": (
        lambda: nnlib.gradients_layers(X3, np.ones((5, 1)), ONE_OUT, output="softmax"),
        ValueError, ("output", "w2"), ("'softmax'", "(4, 1)")),
    "train_layers rng a seed": (lambda: nnlib.train_layers(X3, Y2, LAYERS, 0), TypeError, "rng", "0"),
    "train_layers eta negative": (lambda: nnlib.train_layers(X3, Y2, LAYERS, RNG(0), eta=-1.0),
                                  ValueError, "eta", "-1"),
    "train_layers epochs 2.5": (lambda: nnlib.train_layers(X3, Y2, LAYERS, RNG(0), epochs=2.5),
                                TypeError, "epochs", "2.5"),
    "train_layers batch_size 0": (lambda: nnlib.train_layers(X3, Y2, LAYERS, RNG(0), batch_size=0),
                                  ValueError, "batch_size", "0"),
    "train_layers y out of reach": (lambda: nnlib.train_layers(X3, Y2 - 1, LAYERS, RNG(0)), ValueError, "y", "-0.5"),
    "train_layers softmax over one output": (
        lambda: nnlib.train_layers(X3, np.ones((5, 1)), ONE_OUT, RNG(0), output="softmax"),
        ValueError, ("output", "w2"), ("'softmax'", "(4, 1)")),
    "train_layers weights that overflow": (
        lambda: nnlib.train_layers([[100.0]], [[0.0]], [([[0.0]], 0.0)], RNG(0), eta=1e308, epochs=3),
        ValueError, ("eta", "epoch"), "1e+308"),
    "minibatches n a bool": (lambda: nnlib.minibatches(RNG(0), True, 4), TypeError, "n", "True"),
    "minibatches batch_size negative": (lambda: nnlib.minibatches(RNG(0), 10, -4), ValueError, "batch_size", "-4"),
    "random_layers one size": (lambda: nnlib.random_layers(RNG(0), [64]), TypeError, "sizes", "[64]"),
    "random_layers text": (lambda: nnlib.random_layers(RNG(0), "64"), TypeError, "sizes", "'64'"),
    "random_layers a size 0": (lambda: nnlib.random_layers(RNG(0), [64, 0, 10]), ValueError, "sizes[1]", "0"),
    "random_layers rng None": (lambda: nnlib.random_layers(None, [2, 3]), TypeError, "rng", "None"),
    "one_hot label 10 of 10 classes": (lambda: nnlib.one_hot([0, 10]), ValueError, "labels", "10"),
    "one_hot label 0.5": (lambda: nnlib.one_hot([0.5]), ValueError, "labels", "0.5"),
    "one_hot labels 2-D": (lambda: nnlib.one_hot([[1, 2]]), ValueError, "labels", "(1, 2)"),
    "one_hot classes 0": (lambda: nnlib.one_hot([1], classes=0), ValueError, "classes", "0"),
    "one_hot labels of bools": (lambda: nnlib.one_hot(np.array([True, False])), TypeError, "labels", "True"),
    "accuracy o flat": (lambda: nnlib.accuracy(np.ones(3), [0, 1, 2]), ValueError, "o", "(3,)"),
    "accuracy labels of another length": (lambda: nnlib.accuracy(O3, [0, 1]), ValueError, "labels", ("(2,)", "3")),
    "accuracy label past the classes": (lambda: nnlib.accuracy(O3, [0, 1, 3]), ValueError, "labels", "3"),
    "accuracy one column, label 2": (lambda: nnlib.accuracy(np.full((2, 1), 0.7), [0, 2]), ValueError, "labels", "2"),
    "accuracy one column, not sigmoid outputs": (lambda: nnlib.accuracy(np.full((2, 1), 3.0), [0, 1]),
                                                 ValueError, "o", "3"),
    "accuracy labels of bools": (lambda: nnlib.accuracy(O3[:2, :2], np.array([True, False])),
                                 TypeError, "labels", "True"),
    # --- nnlib.formula --------------------------------------------------------------------------
    "formula of a slider": (lambda: nnlib.formula(nnlib.explore_sigmoid), TypeError, "f", "explore_sigmoid"),
    "formula of a name": (lambda: nnlib.formula("sigmoid"), TypeError, "f", "'sigmoid'"),
    "formula of the formula itself": (lambda: nnlib.formula(nnlib.activations._sigmoid), TypeError, "f", "_sigmoid"),
    "formula of a record": (lambda: nnlib.formula(nnlib.History), TypeError, "f", "History"),
    # --- a keyword from another course ----------------------------------------------------------
    "train lr": (lambda: nnlib.train(X4, Y4, W2, lr=0.1), TypeError, ("lr", "eta"), "0.1"),
    "train learning_rate": (lambda: nnlib.train(X4, Y4, W2, learning_rate=0.3), TypeError,
                            ("learning_rate", "eta"), "0.3"),
    "train epoch": (lambda: nnlib.train(X4, Y4, W2, epoch=7), TypeError, ("epoch", "epochs"), "7"),
    "forward bias": (lambda: nnlib.forward(X4, W2, bias=0.5), TypeError, ("bias", "b"), "0.5"),
    "forward weights": (lambda: nnlib.forward(X4, weights=W2), TypeError, ("weights", "w"), "(2, 1)"),
    "descent_path lr": (lambda: nnlib.descent_path(X20, Y20, 0.5, lr=2.0), TypeError, ("lr", "eta"), "2.0"),
    "train_layers batch": (lambda: nnlib.train_layers(X3, Y2, LAYERS, RNG(0), batch=8), TypeError,
                           ("batch", "batch_size"), "8"),
    "random_layers seed": (lambda: nnlib.random_layers(seed=0, sizes=[2, 3]), TypeError, ("seed", "rng"), "0"),
    "accuracy y": (lambda: nnlib.accuracy(O3, y=[0, 1, 2]), TypeError, ("y", "labels"), "[0, 1, 2]"),
}


# --- Pictures, explorers and data makers -----------------------------------------------------

@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def ax():
    return plotting.new_figure()[1][0]


def two_axes():
    return plotting.new_figure(ncols=2)[1]


X = np.array([1.0, 2.0, 3.0, 4.0])                                        # one input per example
Y = 2 * X
X1 = np.linspace(-3, 3, 9).reshape(9, 1)
Y1 = 1 / (1 + np.exp(-2.0 * X1))
W = np.linspace(-2, 6, 81)                                                # the w axis of the loss pictures
X2 = np.array([[0.0, 1.0], [1.0, 0.0], [3.0, 4.0], [4.0, 5.0]])           # two features per example
Y2_ = np.array([[0.0], [0.0], [1.0], [1.0]])
START = (np.eye(2), np.zeros(2), np.ones((2, 1)), np.zeros(1))            # w1, b1, w2, b2
HISTORY = nnlib.train(X2, Y2_, np.array([[0.1], [-0.1]]), 0.0, eta=1.0, epochs=5)
TWO_LAYER_HISTORY = nnlib.train_two_layer(XOR_X, XOR_Y, *START, epochs=3)
LOSSES = np.array([0.5, 0.3, 0.2])
# Ten emails for notebook 00's spam rule: the count of "free", the number of links and of "!"; labels (1 = spam).
SPAM_X = np.array([[0, 1, 1], [0, 0, 2], [1, 2, 0], [1, 0, 1], [2, 1, 1],
                   [2, 5, 6], [3, 4, 2], [0, 3, 7], [5, 2, 4], [1, 1, 0]], dtype=float)
SPAM_Y = np.array([[0], [0], [0], [1], [0], [1], [1], [1], [1], [0]], dtype=float)
FREE, LABELS = [0, 0, 1, 1, 2, 2, 3, 0, 5, 1], [0, 0, 0, 1, 0, 1, 1, 1, 1, 0]


def spam_rule_drawn():
    return plotting.draw_spam_rule(ax(), SPAM_X[:, 0], SPAM_Y, 1.5)


CASES |= {
    # --- data makers ----------------------------------------------------------------------------
    "single_input_data w a list": (lambda: data.single_input_data(RNG(0), w=[1, 2]), TypeError, "w", "[1, 2]"),
    "single_input_data n a bool": (lambda: data.single_input_data(RNG(0), n=True), TypeError, "n", "True"),
    "single_input_data x_range reversed": (lambda: data.single_input_data(RNG(0), x_range=(3, -3)),
                                           ValueError, "x_range", "(3, -3)"),
    "single_input_data x_range text": (lambda: data.single_input_data(RNG(0), x_range=("a", "b")),
                                       TypeError, "x_range[0]", "'a'"),
    "single_input_data x_range to inf": (lambda: data.single_input_data(RNG(0), x_range=(0, math.inf)),
                                         ValueError, "x_range[1]", "inf"),
    "single_input_data x_range of 3": (lambda: data.single_input_data(RNG(0), x_range=(1, 2, 3)),
                                       ValueError, "x_range", "(1, 2, 3)"),
    "single_input_data a seed for rng": (lambda: data.single_input_data(42), TypeError, "rng", "42"),
    "digits_data a seed for rng": (lambda: data.digits_data(0), TypeError, "rng", "0"),
    "digits_data validation above 1": (lambda: data.digits_data(RNG(0), validation=1.5), ValueError,
                                       "validation", "1.5"),
    "digits_data nothing left to train": (lambda: data.digits_data(RNG(0), test=0.5, validation=0.5), ValueError,
                                          ("test", "validation"), "0.5"),
    "digits_data test as text": (lambda: data.digits_data(RNG(0), test="0.2"), TypeError, "test", "'0.2'"),
    "spam_data spam_fraction text": (lambda: data.spam_data(RNG(0), spam_fraction="0.4"),
                                     TypeError, "spam_fraction", "'0.4'"),
    "spam_data spam_fraction None": (lambda: data.spam_data(RNG(0), spam_fraction=None),
                                     TypeError, "spam_fraction", "None"),
    "spam_data spam_fraction a list": (lambda: data.spam_data(RNG(0), spam_fraction=[0.4]),
                                       TypeError, "spam_fraction", "[0.4]"),
    "spam_data spam_fraction an array": (lambda: data.spam_data(RNG(0), spam_fraction=np.array([0.3, 0.4])),
                                         TypeError, "spam_fraction", "(2,)"),
    "spam_data spam_fraction 1.5": (lambda: data.spam_data(RNG(0), spam_fraction=1.5),
                                    ValueError, "spam_fraction", "1.5"),
    # --- figures ----------------------------------------------------------------------------------
    "new_figure ncols negative": (lambda: plotting.new_figure(ncols=-1), ValueError, "ncols", "-1"),
    "new_figure width negative": (lambda: plotting.new_figure(width=-2.0), ValueError, "width", "-2"),
    "as_picture of axes": (lambda: plotting.as_picture(ax()), TypeError, "fig", "Axes"),
    # --- one weight -------------------------------------------------------------------------------
    "draw_single_weight ax None": (lambda: plotting.draw_single_weight(None, X, Y, 1.0), TypeError, "ax", "None"),
    "draw_single_weight X text": (lambda: plotting.draw_single_weight(ax(), ["a", "b"], ["c", "d"], 1.0),
                                  TypeError, "X", "'a'"),
    "draw_single_weight y shorter": (lambda: plotting.draw_single_weight(ax(), X, Y[:3], 1.0),
                                     ValueError, ("X", "y"), ("(4,)", "(3,)")),
    "draw_single_weight y (n, 1) for X (n,)": (lambda: plotting.draw_single_weight(ax(), X, Y.reshape(4, 1), 1.0),
                                               ValueError, ("X", "y"), ("(4,)", "(4, 1)")),
    "draw_single_weight w a list": (lambda: plotting.draw_single_weight(ax(), X, Y, [1.0]), TypeError, "w", "[1.0]"),
    "draw_single_weight x_max negative": (lambda: plotting.draw_single_weight(ax(), X, Y, 1.0, x_max=-1),
                                          ValueError, "x_max", "-1"),
    "update_single_weight artists empty": (lambda: plotting.update_single_weight({}, X, 2.0),
                                           TypeError, "artists", "without line"),
    "update_single_weight another X": (
        lambda: plotting.update_single_weight(plotting.draw_single_weight(ax(), X, Y, 1.0), X[:3], 2.0),
        ValueError, "X", ("3", "4")),
    # --- shapes of a matrix product -------------------------------------------------------------
    "draw_matmul_shapes negative": (lambda: plotting.draw_matmul_shapes(ax(), (4, -2), (-2, 3)),
                                    ValueError, "X_shape[1]", "-2"),
    "draw_matmul_shapes 3-D": (lambda: plotting.draw_matmul_shapes(ax(), (2, 3, 4), (4, 1)),
                               ValueError, "X_shape", "(2, 3, 4)"),
    "draw_matmul_shapes arrays": (lambda: plotting.draw_matmul_shapes(ax(), np.ones((4, 2)), np.ones((2, 3))),
                                  TypeError, "X_shape", "(4, 2)"),
    "draw_matmul_shapes w_shape float": (lambda: plotting.draw_matmul_shapes(ax(), (4, 2), (2, 2.5)),
                                         TypeError, "w_shape[1]", "2.5"),
    "draw_matmul_shapes inner sizes": (lambda: plotting.draw_matmul_shapes(ax(), (4, 2), (3, 3)),
                                       ValueError, ("X_shape", "w_shape"), ("(4, 2)", "(3, 3)")),
    "draw_matmul_shapes too big to draw": (lambda: plotting.draw_matmul_shapes(ax(), (1000, 2), (2, 3)),
                                           ValueError, "X_shape", "1000"),
    # --- two weights ------------------------------------------------------------------------------
    "draw_two_weights w of 3": (lambda: plotting.draw_two_weights(ax(), X2, Y2_, [1.0, 2.0, 3.0]),
                                ValueError, ("X", "w"), ("(3,)", "(4, 2)")),
    "draw_two_weights y of 3": (lambda: plotting.draw_two_weights(ax(), X2, [1.0, 2.0, 3.0], [1.0, 2.0]),
                                ValueError, "y", "(3,)"),
    "update_two_weights nan": (
        lambda: plotting.update_two_weights(plotting.draw_two_weights(ax(), X2, Y2_, [1.0, 1.0]), X2, [np.nan, 1.0]),
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
    "draw_loss_and_fit X of 2 inputs": (lambda: plotting.draw_loss_and_fit(*two_axes(), X2, Y2_, 0.5, 0.0, W),
                                        ValueError, "X", "(4, 2)"),
    "update_loss_and_fit ax as artists": (lambda: plotting.update_loss_and_fit(ax(), X1, Y1, 0.5, 0.0),
                                          TypeError, "artists", "Axes"),
    "draw_tangent half_width 0": (lambda: plotting.draw_tangent(ax(), X1, Y1, 0.5, 0.0, W, half_width=0),
                                  ValueError, "half_width", "0"),
    "update_tangent half_width negative": (
        lambda: plotting.update_tangent(plotting.draw_tangent(ax(), X1, Y1, 0.5, 0.0, W), X1, Y1, 1.0, 0.0,
                                        half_width=-1.0),
        ValueError, "half_width", "-1"),
    "draw_descent eta negative": (lambda: plotting.draw_descent(ax(), X1, Y1, -1.0, 0.0, -0.5, 3, W),
                                  ValueError, "eta", "-0.5"),
    "draw_descent step 2.5": (lambda: plotting.draw_descent(ax(), X1, Y1, -1.0, 0.0, 1.0, 2.5, W),
                              TypeError, "step", "2.5"),
    "update_descent step negative": (
        lambda: plotting.update_descent(plotting.draw_descent(ax(), X1, Y1, -1.0, 0.0, 1.0, 0, W), X1, Y1,
                                        -1.0, 0.0, 1.0, -1),
        ValueError, "step", "-1"),
    # --- decision boundary ----------------------------------------------------------------------
    "draw_decision_boundary X of 3 features": (
        lambda: plotting.draw_decision_boundary(ax(), np.ones((4, 3)), Y2_, [1.0, 1.0], 0.0),
        ValueError, "X", "(4, 3)"),
    "draw_decision_boundary y not 0 or 1": (
        lambda: plotting.draw_decision_boundary(ax(), X2, [0.0, 0.5, 1.0, 1.0], [1.0, 1.0], 0.0),
        ValueError, "y", "0.5"),
    "draw_decision_boundary w of 3": (lambda: plotting.draw_decision_boundary(ax(), X2, Y2_, [1.0, 1.0, 1.0], 0.0),
                                      ValueError, "w", "(3,)"),
    "draw_decision_boundary b of 2": (lambda: plotting.draw_decision_boundary(ax(), X2, Y2_, [1.0, 1.0], [0.0, 0.0]),
                                      ValueError, "b", "(2,)"),
    "draw_decision_boundary labels one text": (
        lambda: plotting.draw_decision_boundary(ax(), X2, Y2_, [1.0, 1.0], 0.0, labels="spam"),
        TypeError, "labels", "'spam'"),
    "update_decision_boundary y text": (
        lambda: plotting.update_decision_boundary(
            plotting.draw_decision_boundary(ax(), X2, Y2_, [1.0, 1.0], 0.0), X2, "0011", [1.0, 1.0], 0.0),
        TypeError, "y", "'0011'"),
    # --- loss history -----------------------------------------------------------------------------
    "draw_loss_history empty": (lambda: plotting.draw_loss_history(ax(), []), ValueError, "losses", "(0,)"),
    "draw_loss_history one loss": (lambda: plotting.draw_loss_history(ax(), [0.5]), ValueError, "losses", "[0.5]"),
    "draw_loss_history 2-D": (lambda: plotting.draw_loss_history(ax(), np.ones((3, 2))),
                              ValueError, "losses", "(3, 2)"),
    "draw_loss_history negative": (lambda: plotting.draw_loss_history(ax(), [0.5, -1.0]),
                                   ValueError, "losses", "-1"),
    "draw_loss_history label a number": (lambda: plotting.draw_loss_history(ax(), LOSSES, label=3),
                                         TypeError, "label", "3"),
    "update_loss_history epoch past the end": (
        lambda: plotting.update_loss_history(plotting.draw_loss_history(ax(), LOSSES), LOSSES, epoch=5),
        ValueError, ("epoch", "losses"), "5"),
    "update_loss_history epoch a bool": (
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
    "explore_sigmoid w outside w_range": (lambda: nnlib.explore_sigmoid(w=5.0), ValueError, ("w", "w_range"),
                                          ("5", "(-3, 3)")),
    "explore_sigmoid w_range reversed": (lambda: nnlib.explore_sigmoid(w_range=(3, -3)),
                                         ValueError, "w_range", "(3, -3)"),
    "explore_sigmoid b outside b_range": (lambda: nnlib.explore_sigmoid(b=-6.0), ValueError, ("b", "b_range"), "-6"),
    "explore_single_weight X text": (lambda: nnlib.explore_single_weight(["1", "2"], ["2", "4"]),
                                     TypeError, "X", "'1'"),
    "explore_single_weight w outside w_range": (lambda: nnlib.explore_single_weight(X, Y, w=5.0),
                                                ValueError, ("w", "w_range"), ("5", "(-1, 4)")),
    "explore_two_weights one weight": (lambda: nnlib.explore_two_weights(X2, Y2_, w=(0.5,)),
                                       ValueError, "w", "(1,)"),
    "explore_two_weights 3 inputs": (lambda: nnlib.explore_two_weights(np.ones((4, 3)), Y2_, w=(0.5, 0.5, 0.5)),
                                     ValueError, ("X", "w"), ("(4, 3)", "(3,)")),
    "explore_two_weights w2 outside w_range": (lambda: nnlib.explore_two_weights(X2, Y2_, w=(0.5, 9.0)),
                                               ValueError, ("w[1]", "w_range"), "9"),
    "explore_loss w outside weights": (lambda: nnlib.explore_loss(X1, Y1, w=7.0), ValueError, ("w", "weights"), "7"),
    "explore_loss X and y of other shapes": (lambda: nnlib.explore_loss(X1, Y1.ravel(), w=0.0),
                                             ValueError, ("X", "y"), ("(9, 1)", "(9,)")),
    "explore_tangent half_width 0": (lambda: nnlib.explore_tangent(X1, Y1, w=0.0, half_width=0.0),
                                     ValueError, "half_width", "0"),
    "explore_descent steps 0": (lambda: nnlib.explore_descent(X1, Y1, w0=-1.0, steps=0), ValueError, "steps", "0"),
    "explore_descent eta outside eta_range": (lambda: nnlib.explore_descent(X1, Y1, w0=-1.0, eta=30.0),
                                              ValueError, ("eta", "eta_range"), "30"),
    "explore_descent eta_range from 0": (lambda: nnlib.explore_descent(X1, Y1, w0=-1.0, eta_range=(0.0, 5.0)),
                                         ValueError, "eta_range[0]", "0"),
    "explore_training history None": (lambda: nnlib.explore_training(X2, Y2_, None), TypeError, "history", "None"),
    "explore_training two-layer history": (lambda: nnlib.explore_training(X2, Y2_, TWO_LAYER_HISTORY),
                                           TypeError, "history", "two-layer"),
    "explore_learning_rates eta not in etas": (
        lambda: nnlib.explore_learning_rates(X2, Y2_, [[0.1], [-0.1]], etas=(0.1, 1.0), epochs=5, eta=0.5),
        ValueError, ("eta", "etas"), ("0.5", "(0.1, 1.0)")),
    "explore_learning_rates etas negative": (
        lambda: nnlib.explore_learning_rates(X2, Y2_, [[0.1], [-0.1]], etas=(-1.0, 1.0), epochs=5),
        ValueError, "etas", "(-1.0, 1.0)"),
    "explore_learning_rates epochs 0": (
        lambda: nnlib.explore_learning_rates(X2, Y2_, [[0.1], [-0.1]], etas=(0.1, 1.0), epochs=0),
        ValueError, "epochs", "0"),
    "explore_hidden_layer every 0": (lambda: nnlib.explore_hidden_layer(XOR_X, XOR_Y, *START, every=0),
                                     ValueError, "every", "0"),
    "explore_hidden_layer every past epochs": (
        lambda: nnlib.explore_hidden_layer(XOR_X, XOR_Y, *START, epochs=10, every=50),
        ValueError, ("every", "epochs"), ("50", "10")),
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
                                                      ValueError, "threshold", ("7", "(-0.5, 5.5)")),
    "explore_spam_rule threshold text": (lambda: nnlib.explore_spam_rule(SPAM_X, SPAM_Y, threshold="2"),
                                         TypeError, "threshold", "'2'"),
    "explore_spam_rule X 3-D": (lambda: nnlib.explore_spam_rule(np.ones((10, 3, 1)), SPAM_Y),
                                ValueError, "X", "(10, 3, 1)"),
    "explore_spam_rule X text": (lambda: nnlib.explore_spam_rule([["a"], ["b"]], [0, 1]), TypeError, "X", "'a'"),
    "explore_spam_rule y shorter": (lambda: nnlib.explore_spam_rule(SPAM_X, SPAM_Y[:9]),
                                    ValueError, "y", ("(10,)", "(9, 1)")),
    "explore_spam_rule y not labels": (lambda: nnlib.explore_spam_rule(SPAM_X, 2 * SPAM_Y),
                                       ValueError, "y", "2.0"),
    "explore_spam_rule counts negative": (lambda: nnlib.explore_spam_rule(-SPAM_X, SPAM_Y),
                                          ValueError, "counts", "-1"),
    "explore_spam_rule counts not whole": (lambda: nnlib.explore_spam_rule(SPAM_X + 0.5, SPAM_Y),
                                           ValueError, "counts", "0.5"),
    "explore_spam_rule counts huge": (lambda: nnlib.explore_spam_rule(1e6 * SPAM_X, SPAM_Y),
                                      ValueError, "counts", "5e+06"),
    "draw_spam_rule ax None": (lambda: plotting.draw_spam_rule(None, FREE, LABELS, 1.5), TypeError, "ax", "None"),
    "draw_spam_rule counts of the whole X": (lambda: plotting.draw_spam_rule(ax(), SPAM_X, SPAM_Y, 1.5),
                                             ValueError, "counts", "(10, 3)"),
    "draw_spam_rule counts nan": (lambda: plotting.draw_spam_rule(ax(), [0.0, np.nan], [0, 1], 1.5),
                                  ValueError, "counts", "nan"),
    "draw_spam_rule threshold a list": (lambda: plotting.draw_spam_rule(ax(), FREE, LABELS, [1.5]),
                                        TypeError, "threshold", "[1.5]"),
    "update_spam_rule artists of another picture": (
        lambda: plotting.update_spam_rule(plotting.draw_single_weight(ax(), [1.0], [2.0], 1.0), FREE, LABELS, 1.5),
        TypeError, "artists", "called"),
    "update_spam_rule threshold None": (lambda: plotting.update_spam_rule(spam_rule_drawn(), FREE, LABELS, None),
                                       TypeError, "threshold", "None"),
    "update_spam_rule y of other length": (lambda: plotting.update_spam_rule(spam_rule_drawn(), FREE, LABELS[:4], 1.5),
                                           ValueError, "y", ("(10,)", "(4,)")),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_refused_naming_the_parameter_and_the_value(name):
    refused(*CASES[name])


def test_the_check_can_fail():
    # A message that names another parameter, or shows another value, fails the check.
    call = CASES["train eta negative"][0]
    with pytest.raises(AssertionError, match="not named"):
        refused(call, ValueError, "epochs", "-0.1")
    with pytest.raises(AssertionError, match="not shown"):
        refused(call, ValueError, "eta", "-0.2")
    with pytest.raises(AssertionError, match="not named"):  # a word inside another is no name: "w" in "with"
        refused(CASES["forward_layers output relu"][0], ValueError, "w", "'relu'")


# --- Which public functions need cases, from the modules' __all__ ----------------------------------

def _public_functions(module):
    """Its functions, and its classes whose constructor checks what it is given (not a record such as History)."""
    return {name for name in module.__all__ if inspect.isfunction(value := getattr(module, name))
            or inspect.isclass(value) and not issubclass(value, tuple)}


# The digit explorers' cases live in tests/test_digit_explorers.py, beside the mouse they need; the backpropagation
# picture's in tests/test_backprop.py, beside the graphs they spoil (it checks each of its public names has one).
MODULES_WITH_CASES_HERE = [m for m in nnlib._FACE if m not in (digit_explorers, nnlib.backprop)] + [plotting]
DOORS = [f for m in MATH_MODULES + (data,) for name in m.__all__ if inspect.isfunction(f := getattr(m, name))]


def test_every_public_function_has_a_case():
    tried = {name.split()[0] for name in CASES}
    public = set().union(*(_public_functions(module) for module in MODULES_WITH_CASES_HERE))
    assert not public - tried, f"no bad-input case for {sorted(public - tried)}"


@pytest.mark.parametrize("door", DOORS, ids=lambda f: f.__name__)
def test_every_math_function_names_a_keyword_it_does_not_have(door):
    refused(lambda: door(not_a_parameter=7), TypeError, "not_a_parameter", "7")


# --- Errors that advise: the advice works ---------------------------------------------------------

@pytest.mark.parametrize("call, X", [
    (lambda X_: nnlib.forward(X_, [1.0]), np.linspace(-1, 1, 20)),              # 20 examples of one input
    (lambda X_: nnlib.forward(X_, np.ones((3, 1))), np.ones(3)),                # one example of 3 inputs
    (lambda X_: nnlib.forward_layers(X_, LAYERS), np.ones(3)),
    (lambda X_: nnlib.train(X_, np.full(20, 0.5), [1.0], epochs=1), np.linspace(-1, 1, 20)),
])
def test_the_reshape_advised_for_a_flat_X_works(call, X):
    message = refused(lambda: call(X), ValueError, "X", str(X.shape))
    rows, cols = re.search(r"X\.reshape\((-?\d+), (-?\d+)\)", message).groups()
    call(X.reshape(int(rows), int(cols)))                           # no error: the advice was right


def test_a_whole_history_is_told_which_of_its_arrays_to_pass():
    history = nnlib.train(X4, Y4, W2, epochs=3)
    message = refused(lambda: nnlib.learning_rate_verdict(history), TypeError, "losses", "History")
    field = re.search(r"history\.(\w+)", message).group(1)
    assert nnlib.learning_rate_verdict(getattr(history, field)) in {"diverges", "oscillates", "crawls", "learns"}


def test_a_range_of_width_0_is_not_offered_back_as_the_fix():
    message = refused(lambda: data.single_input_data(RNG(0), x_range=(1, 1)), ValueError, "x_range", "(1, 1)")
    assert message.count("(1, 1)") == 1, message


def test_a_training_run_that_overflows_names_its_first_epoch():
    # Step 1: w = 0 - 1e308 * dL/dw, with dL/dw = 2 (0.5 - 0) * 0.25 * 100 = 25: past 1.8e308. Step 0 is the start.
    message = refused(CASES["train weights that overflow"][0], ValueError, "eta", "1e+308")
    assert re.search(r"epoch (\d+)", message).group(1) == "1"


def test_a_single_number_is_not_reported_at_an_index():
    message = refused(lambda: nnlib.sigmoid(np.inf), ValueError, "z", "inf")
    assert "index" not in message


@pytest.mark.parametrize("name", [name for name in CASES if name.startswith("explore_")])
def test_a_refused_explorer_leaves_no_figure_behind(name):
    figures = plt.get_fignums()
    with pytest.raises((ValueError, TypeError)):
        CASES[name][0]()
    assert plt.get_fignums() == figures
