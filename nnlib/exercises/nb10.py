"""Exercises of 10 · Reading handwritten digits."""

import numpy as np

from nnlib.exercises import Exercise

# Small fixed examples, so every reference below is computed here in plain NumPy.
_r = np.random.default_rng(10)
DELTA_A, W_A, H_A = _r.normal(size=(3, 2)), _r.normal(size=(4, 2)), _r.uniform(0.05, 0.95, size=(3, 4))
DELTA_B, W_B, H_B = _r.normal(size=(5, 10)), _r.normal(size=(32, 10)), _r.uniform(0.05, 0.95, size=(5, 32))


def _one_hot(labels, classes):
    """y (n, classes): a 1 in column labels[i] of row i, 0 elsewhere."""
    return (np.asarray(labels)[:, None] == np.arange(classes)).astype(float)


def _delta_below(delta, w, h, slope=True):
    """One step of the delta recursion: delta of the layer below = (delta @ w.T) * h (1 - h)."""
    back = delta @ w.T                     # through the weights
    return back * h * (1 - h) if slope else back


EXERCISES = [
    Exercise(
        id="10.count-params",
        question=("The digits network has sizes [64, 32, 10]: 64 inputs, 32 hidden units, 10 outputs, with a bias for "
                  "every hidden unit and every output. How many numbers does training learn?"),
        hint="Count each array by its shape: w1 is (64, 32), b1 is (32,), w2 is (32, 10) and b2 is (10,).",
        solution="answer = 64 * 32 + 32 + 32 * 10 + 10  # w1, b1, w2, b2",
        reference=2410,
        wrong=2368,  # the weights only, forgetting the biases
        mistake="counting the weights only; every hidden unit and every output has a bias too",
    ),
    Exercise(
        id="10.one-hot",
        question=("Write one_hot(labels, classes): the targets y (n, classes) for labels (n,), with a 1 in column "
                  "labels[i] of row i and 0 everywhere else."),
        hint=("Compare each label with every class number at once: labels[:, None] has shape (n, 1) and "
              "np.arange(classes) has shape (classes,); == broadcasts them to (n, classes)."),
        solution=(
            "def one_hot(labels, classes):\n"
            "    return (labels[:, None] == np.arange(classes)).astype(float)"
        ),
        reference=_one_hot,
        wrong=lambda labels, classes: _one_hot(labels, classes).T,  # one column per example instead of one row
        mistake="one column per example; batch-first means one row per example",
        cases=((np.array([3, 0, 2]), 4), (np.array([9, 9, 1, 0]), 10), (np.array([1]), 2)),
    ),
    Exercise(
        id="10.softmax-delta",
        question=("A softmax network with three outputs reads one image (n = 1) whose label is 1. Its outputs are "
                  "o = [0.7, 0.2, 0.1]. What is delta = dL/dz at the output layer, for the cross-entropy loss? "
                  "Give the three numbers as a list."),
        hint="With softmax and cross-entropy the slopes cancel: delta = (o - y) / n, with y the one-hot target of the label.",
        solution="o = np.array([0.7, 0.2, 0.1])\ny = np.array([0.0, 1.0, 0.0])\ndelta = (o - y) / 1",
        reference=np.array([0.7, -0.8, 0.1]),
        wrong=np.array([-0.7, 0.8, -0.1]),  # y - o: the sign of the way downhill, not of the gradient
        tells=("form", "which", "size"),   # which way round, o - y or y - o, is half the question
    ),
    Exercise(
        id="10.delta-step",
        question=("Write delta_below(delta, w, h): one step of the delta recursion. delta (n, d_out) is dL/dz of a "
                  "layer, w (d_in, d_out) its weights, and h (n, d_in) the sigmoid outputs of the layer below, which "
                  "that layer reads. Return the delta of the layer below, dL/dz there, shape (n, d_in)."),
        hint=("Two factors: back through the weights (delta @ w.T gives dL/dh), then through the sigmoid of the layer "
              "below, whose slope is h (1 - h)."),
        solution=(
            "def delta_below(delta, w, h):\n"
            "    return (delta @ w.T) * h * (1 - h)"
        ),
        reference=_delta_below,
        wrong=lambda delta, w, h: _delta_below(delta, w, h, slope=False),  # the sigmoid's slope forgotten
        mistake="the hidden layer's own slope h (1 - h) is missing",
        tells=("form", "which", "size", "mistake"),   # the sign of delta is part of the question
        cases=((DELTA_A, W_A, H_A), (DELTA_B, W_B, H_B)),
    ),
]
