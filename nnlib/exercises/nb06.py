"""Exercises of 06 · The chain rule for one weight."""

import numpy as np

from nnlib.data import single_input_data
from nnlib.exercises import Exercise, Prediction

# Single-weight networks: X (n, 1), y (n, 1), one weight w, the bias fixed at 0. No w is 0: with w = 0 and
# y = 0, every slope would be 0, a wrong answer's too. Targets lie in (-1, 1), where tanh's outputs live.
X_ONE = np.array([[-2.0], [0.5], [3.0]])
Y_ONE = np.array([[0.0], [1.0], [1.0]])
X_TWO = np.array([[1.0], [-1.5]])
Y_TWO = np.array([[0.2], [0.4]])
X_THREE = np.array([[1.0], [-2.0], [0.5]])
Y_THREE = np.array([[-0.5], [0.3], [-0.9]])
for _case in (X_ONE, Y_ONE, X_TWO, Y_TWO, X_THREE, Y_THREE):
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


def _tanh_slope(X, y, w, slope="tanh"):
    """dL/dw = sum_i dL/do_i * do_i/dz_i * X_i for o = tanh(X w); slope="sigmoid" takes o (1 - o), the typical slip."""
    o = np.tanh(X * w)
    do_dz = 1 - o ** 2 if slope == "tanh" else o * (1 - o)
    return float(np.sum(2 * (o - y) / len(X) * do_dz * X))


def _loss(w):
    return float(np.sum((_sigmoid(X_NB * w) - Y_NB) ** 2) / len(X_NB))


def _raising(etas, w):
    """The learning rates whose single step from w ends with a higher loss than at w."""
    dL_dw = float(np.sum(_dL_dz(X_NB, Y_NB, w) * X_NB))
    return [eta for eta in etas if _loss(w - eta * dL_dw) > _loss(w)]


EXERCISES = [
    Exercise(
        id="06.tanh-slope",
        question=("A neuron can squash with tanh instead of the sigmoid: z = X w, o = tanh(z) (np.tanh: outputs "
                  "between -1 and 1, slope do/dz = 1 - o^2). Write dL_dw_tanh(X, y, w): the derivative of "
                  "L = (1/n) sum (o - y)^2 with respect to w, by the chain rule, as one number. "
                  "X and y have shape (n, 1), w is a number."),
        hint=("Follow the chain w -> z -> o -> L one link at a time. Which link belongs to the squashing function, "
              "and which links do not care what squashes? And w, used by every example, collects from each."),
        solution=("def dL_dw_tanh(X, y, w):\n"
                  "    o = np.tanh(X * w)\n"
                  "    dL_do = 2 * (o - y) / len(X)\n"
                  "    return np.sum(dL_do * (1 - o ** 2) * X)  # dL/do * do/dz * dz/dw, summed over the examples"),
        reference=lambda X, y, w: _tanh_slope(X, y, w),
        wrong=lambda X, y, w: _tanh_slope(X, y, w, slope="sigmoid"),
        mistake="o (1 - o) is the sigmoid's slope; tanh's is 1 - o^2",
        cases=((X_ONE, Y_ONE, 0.7), (X_ONE, Y_ONE, -0.1), (X_TWO, Y_TWO, 0.5), (X_THREE, Y_THREE, 0.4)),
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
