"""Exercises of 08 · Gradient descent: the training loop."""

import numpy as np

from nnlib.exercises import Exercise, Prediction

# Small fixed examples, so every reference below is computed here in plain NumPy.
W = np.array([0.5, -1.0])
GRAD = np.array([0.2, -0.4])
O = np.array([0.9, 0.2, 0.6, 0.4])                # outputs of a neuron for 4 emails
Y = np.array([1.0, 0.0, 1.0, 1.0])                # their targets: 1 = spam
X4 = np.array([[0.0, 1.0], [2.0, 0.0], [1.0, 3.0], [4.0, 2.0]])
Y4 = np.array([[0.0], [1.0], [0.0], [1.0]])
W4 = np.array([[0.3], [-0.2]])
B4 = np.array([0.1])
STEP_W = np.array([2.0, 0.0, -3.0])
STEP_GRAD = np.array([0.5, -1.5, 0.0])
O2, Y2 = np.array([0.7, 0.8]), np.array([1.0, 1.0])
NOT_Y, NOT_Y4, MINUS_W4, MINUS_B4 = 1 - Y, 1 - Y4, -W4, -B4
# Read-only: an answer that steps in place (w -= ...) would otherwise change these
# shared cases for every later check; now it gets "output array is read-only".
for _case in (W, GRAD, O, Y, X4, Y4, W4, B4, STEP_W, STEP_GRAD, O2, Y2, NOT_Y, NOT_Y4, MINUS_W4, MINUS_B4):
    _case.flags.writeable = False

def _accuracy(o, y):
    return float(np.mean((o > 0.5) == y))          # say "spam" when o > 0.5, count the right answers


def _train_losses(X, y, w, b, eta, epochs, update_b=True):
    """Losses of full-batch gradient descent on o = sigmoid(X w + b): epochs + 1 numbers."""
    w, b = np.array(w, dtype=float), np.array(b, dtype=float)
    losses = []
    for _ in range(epochs):
        o = 1 / (1 + np.exp(-(X @ w + b)))         # |z| stays small on these cases: no overflow
        losses.append(np.sum((o - y) ** 2) / len(X))
        dL_dz = 2 * (o - y) / len(X) * o * (1 - o)  # chain rule: dL/do * do/dz
        w = w - eta * X.T @ dL_dz
        b = b - eta * dL_dz.sum(axis=0) if update_b else b
    o = 1 / (1 + np.exp(-(X @ w + b)))
    losses.append(np.sum((o - y) ** 2) / len(X))    # the loss of the final weights
    return np.array(losses)


def _epochs_to_reach(X, y, w, b, eta, target):
    """The first t (at most 1000) with losses[t] <= target: the loss after t steps of gradient descent."""
    losses = _train_losses(X, y, w, b, eta, 1000)
    return int(np.argmax(losses <= target))


# Targets the cases reach, after 7, 25 and 3 epochs: a loss between that epoch's and the one before.
_HISTORIES = [_train_losses(X4, Y4, W4, B4, 0.5, 30), _train_losses(X4, Y4, W4, B4, 2.0, 30),
              _train_losses(X4, NOT_Y4, MINUS_W4, MINUS_B4, 1.0, 30)]
TARGETS = [float((h[k] + h[k - 1]) / 2) for h, k in zip(_HISTORIES, (7, 25, 3))]


EXERCISES = [
    Exercise(
        id="08.accuracy",
        question=("Write fraction_right(o, y): the accuracy, the fraction of examples whose decision "
                  "(spam when o > 0.5) equals the target y."),
        hint="(o > 0.5) is True or False for each example; compare it with y and take the mean of the comparison.",
        solution="def fraction_right(o, y):\n    return np.mean((o > 0.5) == y)",
        reference=_accuracy,
        wrong=lambda o, y: float(np.mean(o > 0.5)),  # the fraction called spam, without looking at the targets
        mistake='that is the fraction called spam; compare each decision with its target y',
        cases=((O, Y), (O, NOT_Y), (O2, Y2)),
    ),
    Exercise(
        id="08.saturated-loss",
        question=("Another neuron with huge weights outputs exactly 0 or exactly 1 for each of 300 emails. "
                  "Its mean sum squared loss is 0.12. How many of the 300 emails does it get wrong?"),
        hint=("With outputs of exactly 0 or 1, what does one email add to the sum: a right one, a wrong one? "
              "Then the mean over 300."),
        solution="answer = 0.12 * 300  # each wrong email adds (1 - 0)^2 = 1, each right one 0: the loss is the fraction wrong",
        reference=36,
        wrong=264,  # the emails it gets right
        mistake="that is the number it gets right; the loss counts the wrong ones",
    ),
    Exercise(
        id="08.epochs-to-reach",
        question=("Write epochs_to_reach(X, y, w, b, eta, target): how many epochs of full-batch gradient descent on w "
                  "and b it takes until the loss is at or below target (0 if the starting loss already is)."),
        hint=("Keep the loss history as the training loop does: losses[t] is the loss after t steps. "
              "The answer is the first t where it is at or below the target."),
        solution=(
            "import nnlib\n"
            "\n"
            "def epochs_to_reach(X, y, w, b, eta, target):\n"
            "    epochs = 0\n"
            "    while nnlib.mean_sum_squared_loss(nnlib.forward(X, w, b), y) > target:\n"
            "        dL_dw, dL_db = nnlib.gradients(X, y, w, b)\n"
            "        w = w - eta * dL_dw\n"
            "        b = b - eta * dL_db\n"
            "        epochs = epochs + 1\n"
            "    return epochs"
        ),
        reference=_epochs_to_reach,
        wrong=lambda X, y, w, b, eta, target: _epochs_to_reach(X, y, w, b, eta, target) + 1,
        mistake="one epoch too many: the loss after t steps sits at index t of the history, whose first loss is the start's",
        cases=((X4, Y4, W4, B4, 0.5, TARGETS[0]), (X4, Y4, W4, B4, 2.0, TARGETS[1]),
               (X4, NOT_Y4, MINUS_W4, MINUS_B4, 1.0, TARGETS[2]), (X4, Y4, W4, B4, 1.0, 10.0)),
    ),
]

PREDICTIONS = [
    Prediction(
        id="08.predict-huge-rate",
        question="With eta = 1000, after 100 epochs, is the loss lower or higher than where it started?",
        options=("lower", "higher"),
    ),
]
