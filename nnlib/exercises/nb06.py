"""Exercises of 06 · The chain rule for one weight."""

import numpy as np

from nnlib.data import single_input_data
from nnlib.exercises import Exercise, Prediction

# Single-weight networks: X (n, 1), y (n, 1), one weight w, the bias fixed at 0.
# The first case has w = 0, so o = 0.5 exactly and its dL/db is exactly 0.25: the notebook prints it,
# and it must not change in the last digits from one CPU to the next. The other cases have w != 0.
X_ZERO = np.array([[1.0], [-2.0]])
Y_ZERO = np.array([[0.0], [0.0]])
X_ONE = np.array([[-2.0], [0.5], [3.0]])
Y_ONE = np.array([[0.0], [1.0], [1.0]])
X_TWO = np.array([[1.0], [-1.5]])
Y_TWO = np.array([[0.2], [0.4]])
for _case in (X_ZERO, Y_ZERO, X_ONE, Y_ONE, X_TWO, Y_TWO):
    _case.flags.writeable = False  # shared by every check: an answer must not change them

# Notebook 06's 20 examples: its generator is seeded with 0, and the data are its first draws.
X_NB, Y_NB = single_input_data(np.random.default_rng(0), n=20, w=2.0)
W_PAST = 3.0
ETAS = (300.0, 500.0, 700.0)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))  # |z| < 10 on these cases: no overflow


def _dL_dz(X, y, w):
    """dL/do * do/dz for L = (1/n) sum (o - y)^2, o = sigmoid(z), z = X w: the chain rule's first two parts."""
    o = _sigmoid(X * w)
    return 2 * (o - y) / len(X) * o * (1 - o)


def _loss(w):
    return float(np.sum((_sigmoid(X_NB * w) - Y_NB) ** 2) / len(X_NB))


def _raising(etas, w):
    """The learning rates whose single step from w ends with a higher loss than at w."""
    dL_dw = float(np.sum(_dL_dz(X_NB, Y_NB, w) * X_NB))
    return [eta for eta in etas if _loss(w - eta * dL_dw) > _loss(w)]


EXERCISES = [
    Exercise(
        id="06.dL-db",
        question=("Our single-weight network z = X w, o = sigma(z), L = (1/n) sum (o - y)^2 kept its bias at 0. "
                  "A bias b would enter as z = X w + b. Write dL_db_single(X, y, w): the derivative of L with "
                  "respect to b at b = 0, by the chain rule, as one number. X and y have shape (n, 1), w is a number."),
        hint=("The bias reaches the loss along the same chain as the weight, b -> z -> o -> L: only the first link "
              "differs. How fast does z move when b moves by a little? And b, like w, is used by every example."),
        solution=("def dL_db_single(X, y, w):\n"
                  "    o = 1 / (1 + np.exp(-(X * w)))  # or nnlib.sigmoid(X * w)\n"
                  "    dL_do = 2 * (o - y) / len(X)\n"
                  "    do_dz = o * (1 - o)\n"
                  "    return (dL_do * do_dz * 1).sum()  # dz/db = 1"),
        reference=lambda X, y, w: float(np.sum(_dL_dz(X, y, w))),
        wrong=lambda X, y, w: float(np.sum(_dL_dz(X, y, w) * X)),  # times dz/dw = X: that is dL/dw, not dL/db
        mistake='the chain ends with dz/dw = X, which gives dL/dw; for the bias, dz/db = 1',
        cases=((X_ZERO, Y_ZERO, 0.0), (X_ONE, Y_ONE, 0.7), (X_ONE, Y_ONE, -0.1), (X_TWO, Y_TWO, 0.5)),
    ),
    Exercise(
        id="06.overshoot",
        question=("On the notebook's 20 examples, start at w = 3 and take one step w - eta dL/dw "
                  "with eta = 300, 500 and 700. Which of these learning rates raise the loss? Answer with a list."),
        hint=("A step that jumps over the bottom of the valley lands on the steep side; "
              "jumping over is not the same as landing higher than where it started."),
        solution=("import nnlib\n"
                  "\n"
                  "# In the notebook loss, w_past and dL_dw_past exist already; here they are rebuilt.\n"
                  "X, y = nnlib.single_input_data(np.random.default_rng(0), n=20, w=2.0)\n"
                  "\n"
                  "def loss(w):\n"
                  "    return nnlib.mean_sum_squared_loss(nnlib.forward(X, w), y)\n"
                  "\n"
                  "w_past = 3.0\n"
                  "dL_dw_past, _ = nnlib.gradients(X, y, w_past)\n"
                  "raising = [eta for eta in [300, 500, 700] if loss(w_past - eta * dL_dw_past) > loss(w_past)]"),
        reference=_raising(ETAS, W_PAST),
        wrong=[500.0, 700.0],  # 500 jumps over w = 2 as well, but lands lower than it started
        tells=(),   # which of three: neither their number nor "too many" may be said
        options=(300.0, 500.0, 700.0),
    ),
]


PREDICTIONS = [
    Prediction(
        id="06.predict-big-step",
        question="From w = 3, one step with eta = 1000: does the loss go up or down?",
        options=("up", "down"),
    ),
]
