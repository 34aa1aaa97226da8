"""Exercises of 08 · Gradient descent: the training loop."""

import numpy as np

from nnlib.exercises import Exercise

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

def _step(w, dL_dw, eta):
    return w - eta * dL_dw                         # downhill: against the gradient


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


EXERCISES = [
    Exercise(
        id="08.one-step",
        question="Write step(w, dL_dw, eta) that returns the weights after one step of gradient descent.",
        hint=("The gradient points uphill, where the loss grows. Go the other way, eta times as far. "
              "Return a new array (w - ...), do not change w in place."),
        solution="def step(w, dL_dw, eta):\n    return w - eta * dL_dw",
        reference=_step,
        wrong=lambda w, dL_dw, eta: w + eta * dL_dw,  # uphill: the loss grows
        mistake='the step goes with the gradient, uphill; gradient descent goes against it',
        cases=((W, GRAD, 0.1), (W, GRAD, 1.0), (STEP_W, STEP_GRAD, 2.0)),
    ),
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
        question=("A neuron with huge weights outputs exactly 0 or exactly 1 for every email. "
                  "It gets 116 of 200 emails wrong. What is its mean sum squared loss?"),
        hint=("A right answer costs (0 - 0)^2 or (1 - 1)^2; a wrong one costs (1 - 0)^2 or (0 - 1)^2. "
              "Add up, divide by n."),
        solution="loss = 116 * 1.0 / 200  # each wrong email adds 1, each right one 0: the fraction wrong",
        reference=0.58,
        wrong=0.42,  # the accuracy, 84 / 200, not the loss
        mistake='that is the accuracy, the fraction right; the loss adds up the cost of the wrong ones',
    ),
    Exercise(
        id="08.train-loop",
        question=("Write train_loop(X, y, w, b, eta, epochs): gradient descent on w and b, returning the losses "
                  "as an array of epochs + 1 numbers: the loss before the first step and after every step."),
        hint=("In the loop: compute the loss, then the gradients with nnlib.gradients(X, y, w, b), "
              "then step both w and b with w = w - ... (not w -= ..., which would change the caller's arrays). "
              "After the loop, append the loss of the final weights."),
        solution=(
            "import nnlib\n"
            "\n"
            "def train_loop(X, y, w, b, eta, epochs):\n"
            "    losses = []\n"
            "    for epoch in range(epochs):\n"
            "        losses.append(nnlib.mean_sum_squared_loss(nnlib.forward(X, w, b), y))\n"
            "        dL_dw, dL_db = nnlib.gradients(X, y, w, b)\n"
            "        w = w - eta * dL_dw\n"
            "        b = b - eta * dL_db\n"
            "    losses.append(nnlib.mean_sum_squared_loss(nnlib.forward(X, w, b), y))\n"
            "    return np.array(losses)"
        ),
        reference=_train_losses,
        wrong=lambda X, y, w, b, eta, epochs: _train_losses(X, y, w, b, eta, epochs, update_b=False),  # b never moves
        mistake='the losses fall as if the bias b never moved: step b as well as w',
        cases=((X4, Y4, W4, B4, 0.5, 3), (X4, Y4, W4, B4, 2.0, 10), (X4, NOT_Y4, MINUS_W4, MINUS_B4, 1.0, 5)),
    ),
]
