"""Exercises of 10 · Reading handwritten digits."""

import numpy as np

from nnlib.exercises import Exercise, Prediction

# Small fixed examples, so every reference below is computed here in plain NumPy.
_r = np.random.default_rng(10)
DELTA_A, W_A, Z_A = _r.normal(size=(3, 2)), _r.normal(size=(4, 2)), _r.normal(size=(3, 4))
DELTA_B, W_B, Z_B = _r.normal(size=(5, 10)), _r.normal(size=(32, 10)), _r.normal(size=(5, 32))
H_A, H_B = np.maximum(0, Z_A), np.maximum(0, Z_B)   # ReLU outputs: about half of them exactly 0


def _one_hot(labels, classes):
    """y (n, classes): a 1 in column labels[i] of row i, 0 elsewhere."""
    return (np.asarray(labels)[:, None] == np.arange(classes)).astype(float)


def _relu_delta_below(delta, w, h, slope="relu"):
    """One step of the delta recursion down to a ReLU layer: (delta @ w.T) * [h > 0]."""
    back = delta @ w.T                                # through the weights: dL/dh of the layer below
    if slope == "relu":
        return back * (h > 0)                         # ReLU's slope: 1 where it passes z on, 0 where it cuts it
    return back * h * (1 - h)                         # the sigmoid's slope, the typical slip


# An image of a 0 whose own output is o = 0.01 (target 1), alone in its batch (n = 1): delta at that output.
_O = 0.01
_SOFTMAX_DELTA = (_O - 1) / 1                         # cross-entropy after softmax: (o - y) / n
_SIGMOID_DELTA = 2 * (_O - 1) / 1 * _O * (1 - _O)    # squared loss after a sigmoid: 2 (o - y) / n * o (1 - o)

EXERCISES = [
    Exercise(
        id="10.count-params",
        question=("The digits network has sizes [64, 32, 10]: 64 inputs, 32 hidden units, 10 outputs, with a bias for "
                  "every hidden unit and every output. How many numbers does training learn?"),
        hint=("Every weight joins one unit of a layer to one unit of the next, so each layer has (units below) x "
              "(units above) weights; every unit above the inputs has one bias."),
        solution="answer = 64 * 32 + 32 + 32 * 10 + 10  # w1, b1, w2, b2",
        reference=2410,
        wrong=2368,  # the weights only, forgetting the biases
        mistake="counting the weights only; every hidden unit and every output has a bias too",
        tells=("form", "size", "mistake"),   # a count: too large or too small gives nothing away
    ),
    Exercise(
        id="10.one-hot",
        question=("The notebook made its targets with nnlib.one_hot. Write one_hot(labels, classes) yourself, with "
                  "NumPy alone: the targets y (n, classes) for labels (n,), with a 1 in column labels[i] of row i and "
                  "0 everywhere else."),
        hint=("Row i is 0 everywhere except at the column of its label: for every class number 0, 1, ..., ask "
              "whether it equals the label, and count a yes as 1 and a no as 0."),
        solution=(
            "def one_hot(labels, classes):\n"
            "    return (labels[:, None] == np.arange(classes)).astype(float)"
        ),
        reference=_one_hot,
        wrong=lambda labels, classes: _one_hot(labels, classes).T,  # one column per example instead of one row
        mistake="one column per example; batch-first means one row per example",
        cases=((np.array([3, 0, 2]), 4), (np.array([9, 9, 1, 0]), 10), (np.array([1]), 2)),
        tells=("form", "which", "mistake"),   # the shape, the case that failed, that not every 0 and 1 is right
        no_nnlib=True,
    ),
    Exercise(
        id="10.sure-and-wrong",
        question=("An image of a 0, alone in its batch (n = 1), gets the output o = 0.01 at output 0, where its target "
                  "is 1: the network is sure it is no 0, and wrong. At that output, how many times larger is delta "
                  "with softmax and cross-entropy, (o - y) / n, than with the sigmoid and the squared loss, "
                  "2 (o - y) / n * o (1 - o)? Give one number."),
        hint=("Compute both deltas at that one output, then divide the softmax one by the sigmoid one. The factor "
              "o (1 - o) is what makes the difference: how large is it at o = 0.01?"),
        solution=("o, y, n = 0.01, 1.0, 1\n"
                  "softmax_delta = (o - y) / n\n"
                  "sigmoid_delta = 2 * (o - y) / n * o * (1 - o)\n"
                  "answer = softmax_delta / sigmoid_delta"),
        reference=_SOFTMAX_DELTA / _SIGMOID_DELTA,
        wrong=_SIGMOID_DELTA / _SOFTMAX_DELTA,  # the ratio the other way round
        mistake="that is the sigmoid's delta divided by softmax's; the question asks how many times larger softmax's is",
        tells=("form", "size", "mistake"),   # a ratio of two deltas of the same sign: no sign to give away
    ),
    Exercise(
        id="10.relu-step",
        question=("Write delta_below(delta, w, h): one step of the delta recursion down to a layer of ReLU units, "
                  "h = max(0, z), instead of sigmoids. delta (n, d_out) is dL/dz of a layer, w (d_in, d_out) its "
                  "weights, and h (n, d_in) the ReLU outputs of the layer below. Return that layer's delta, dL/dz "
                  "there, shape (n, d_in)."),
        hint=("The same two factors as for the sigmoid: back through the weights, then times the slope of the "
              "activation below. A ReLU passes z on where it is positive (slope 1) and cuts it to 0 elsewhere "
              "(slope 0); where is h positive?"),
        solution=(
            "def delta_below(delta, w, h):\n"
            "    return (delta @ w.T) * (h > 0)"
        ),
        reference=_relu_delta_below,
        wrong=lambda delta, w, h: _relu_delta_below(delta, w, h, slope="sigmoid"),
        mistake="that is the sigmoid's slope h (1 - h); a ReLU's slope is 1 where h > 0 and 0 elsewhere",
        tells=("form", "which", "mistake"),   # the numbers' signs and sizes come from the question's own factors
        cases=((DELTA_A, W_A, H_A), (DELTA_B, W_B, H_B)),
    ),
]

PREDICTIONS = [
    Prediction(
        id="10.predict-test",
        question=("The chosen setting's mean validation accuracy is printed above. What fraction of the test digits "
                  "will the refit read right? A number, e.g. 0.9."),
        tolerance=0.005,   # within half a point: each test digit is 0.28 points
    ),
]
