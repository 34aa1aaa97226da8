"""Exercises of 04 · The loss function."""

import numpy as np

from nnlib.data import single_input_data
from nnlib.exercises import Exercise, Prediction

# Outputs o and targets y of shape (n, d_out), and how much each output counts, c (d_out,). The first pair is the
# notebook's tiny example; with two or three outputs per example, "mean over every entry" gives another number.
O_SMALL = np.array([[0.2, 0.9], [0.6, 0.4]])
Y_SMALL = np.array([[0.0, 1.0], [1.0, 0.0]])
O_ONE = np.array([[0.7], [0.1], [0.4]])                      # (3, 1): one output per example
Y_ONE = np.array([[1.0], [0.0], [0.0]])
O_THREE = np.array([[0.5, 0.2, 0.9], [0.3, 0.8, 0.1]])      # (2, 3)
Y_THREE = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.5]])
C_SMALL, C_ONE, C_THREE = np.array([1.0, 3.0]), np.array([2.0]), np.array([1.0, 0.5, 2.0])
for _case in (O_SMALL, Y_SMALL, O_ONE, Y_ONE, O_THREE, Y_THREE, C_SMALL, C_ONE, C_THREE):
    _case.flags.writeable = False  # shared by every check: an answer must not change them

# Notebook 04's data and grid: its generator is seeded with 0, and the data are its first draws.
X_NB, Y_NB = single_input_data(np.random.default_rng(0), n=20, w=2.0)
WEIGHTS = np.linspace(-2, 6, 401)
# The teacher of exercise 2 (with a bias our network lacks), and the noisy targets of exercise 3,
# each from its own seeded generator.
X_BIAS, Y_BIAS = single_input_data(np.random.default_rng(0), n=20, w=2.0, b=1.0)
Y_NOISY = Y_NB + np.random.default_rng(1).normal(0, 0.05, size=Y_NB.shape)


def _weighted_loss(o, y, c):
    return np.sum(c * (o - y) ** 2) / len(o)  # (1/n) sum_i sum_j c_j (o_ij - y_ij)^2: c counts along each row


def _loss_curve(X, y, weights):
    """L(w) for every w in weights, in plain NumPy: X, y (n, 1), weights (m,) -> (m,)."""
    o = 1 / (1 + np.exp(-X * weights))  # (n, 1) * (m,) -> (n, m), one column per weight; |X w| <= 18: no overflow
    return np.sum((o - y) ** 2, axis=0) / len(X)


def _max_weights(per_candidate, seconds, too_many=False):
    """The largest k with 51**k * per_candidate <= seconds (or, too_many: the first k above it)."""
    k = 0
    while 51 ** (k + 1) * per_candidate <= seconds:
        k += 1
    return k + 1 if too_many else k


EXERCISES = [
    Exercise(
        id="04.loss-by-hand",
        question=("Write loss(o, y, c) with NumPy alone (no nnlib): the mean sum squared loss in which the squared "
                  "error of output j counts c_j times, L = (1/n) sum_i sum_j c_j (o_ij - y_ij)^2, for outputs o and "
                  "targets y of shape (n, d_out) and c of shape (d_out,)."),
        hint=("Weigh each squared error by how much its output counts before you add up. The mean is still over "
              "the n examples: divide by n, not by the number of entries."),
        solution="def loss(o, y, c):\n    return np.sum(c * (o - y) ** 2) / len(o)  # c weighs each column j",
        reference=_weighted_loss,
        wrong=lambda o, y, c: np.mean(c * (o - y) ** 2),  # the mean over every entry: divides by n * d_out, not n
        mistake='the mean over every entry divides by n * d_out; this loss divides by n, the number of examples',
        no_nnlib=True,
        cases=((O_SMALL, Y_SMALL, C_SMALL), (O_ONE, Y_ONE, C_ONE), (O_THREE, Y_THREE, C_THREE)),
    ),
    Exercise(
        id="04.other-teacher",
        question=("Make data with a teacher that has the weight 2 and the bias 1: X2, y2 = nnlib.single_input_data("
                  "np.random.default_rng(0), n=20, w=2.0, b=1.0). Our network o = sigma(X w) has no bias. At which "
                  "weight of the grid weights = np.linspace(-2, 6, 401) is the loss curve of X2, y2 lowest?"),
        hint=("Find the lowest point of the loss curve of X2, y2 over the grid, as the notebook did for y. "
              "Without a bias, can any weight make the same curve as the teacher's?"),
        solution=("import nnlib\n"
                  "\n"
                  "X2, y2 = nnlib.single_input_data(np.random.default_rng(0), n=20, w=2.0, b=1.0)\n"
                  "weights = np.linspace(-2, 6, 401)\n"
                  "answer = weights[np.argmin(nnlib.loss_curve(X2, y2, weights))]  # not the teacher's 2: no bias"),
        reference=float(WEIGHTS[np.argmin(_loss_curve(X_BIAS, Y_BIAS, WEIGHTS))]),
        wrong=2.0,  # the teacher's weight: right only for a network that has the teacher's bias too
        mistake=("that is the teacher's weight, but the teacher also has a bias: our network, with none, "
                 "does best at another weight"),
    ),
    Exercise(
        id="04.noisy-floor",
        question=("Add noise to the targets: y_noisy = y + np.random.default_rng(1).normal(0, 0.05, size=y.shape). "
                  "What is the lowest loss on the grid weights = np.linspace(-2, 6, 401) now? Does it still reach 0?"),
        hint=("The loss curve of the noisy targets still has a lowest point on the grid, as in the Note. "
              "Can one weight put every output exactly on a noisy target?"),
        solution=("import nnlib\n"
                  "\n"
                  "X, y = nnlib.single_input_data(np.random.default_rng(0), n=20, w=2.0)  # the notebook's data\n"
                  "noise = np.random.default_rng(1).normal(0, 0.05, size=y.shape)  # as in the exercise's cell\n"
                  "y_noisy = y + noise\n"
                  "weights = np.linspace(-2, 6, 401)\n"
                  "answer = nnlib.loss_curve(X, y_noisy, weights).min()  # above 0: no weight hits noisy targets"),
        reference=float(_loss_curve(X_NB, Y_NOISY, WEIGHTS).min()),
        wrong=0.0,  # as without noise; but the outputs follow a smooth sigmoid, the noisy targets do not
        mistake='as if there were no noise: can one weight put every output exactly on a noisy target?',
    ),
    Exercise(
        id="04.one-hour",
        question=("A brute-force search tries 51 values for each of k weights: 51**k candidates, each taking "
                  "per_candidate seconds. Write max_weights(per_candidate, seconds): the largest k whose whole "
                  "search takes at most the given seconds."),
        hint=("A search over k weights takes 51^k times per_candidate seconds. Add weights one at a time while "
              "the search still fits: the answer is the last k that fits, not the first that does not."),
        solution=("def max_weights(per_candidate, seconds):\n"
                  "    k = 0\n"
                  "    while 51 ** (k + 1) * per_candidate <= seconds:  # would one more weight still fit?\n"
                  "        k += 1\n"
                  "    return k"),
        reference=_max_weights,
        wrong=lambda per_candidate, seconds: _max_weights(per_candidate, seconds, too_many=True),  # one too many
        mistake='one weight too many: that is the first k that does not fit, not the last one that does',
        cases=((1e-5, 60.0), (1e-6, 3600.0), (2e-7, 3600.0), (10.0, 60.0)),
    ),
]

PREDICTIONS = [
    Prediction(
        id="04.predict-noisy-floor",
        question=("Each target is moved by noise of size about 0.1. What is the lowest loss on the grid of weights "
                  "from -2 to 6?"),
    ),
]
