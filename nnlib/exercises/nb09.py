"""Exercises of 09 · A hidden layer."""

import numpy as np

from nnlib.exercises import Exercise, Prediction

# Small fixed examples, so every reference below is computed here in plain NumPy.
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
HAND_W1 = np.array([[20.0, -20.0], [20.0, -20.0]])  # unit 1 fires for "x1 or x2", unit 2 for "not both"
HAND_B1 = np.array([-10.0, 30.0])
_r = np.random.default_rng(8)
NET_A = (_r.normal(size=(2, 2)), _r.normal(size=2), _r.normal(size=(2, 1)), _r.normal(size=1))
X_B, Y_B = _r.normal(size=(5, 3)), _r.uniform(size=(5, 2))  # 5 examples, 3 inputs, 2 outputs
NET_B = (_r.normal(size=(3, 4)), _r.normal(size=4), _r.normal(size=(4, 2)), _r.normal(size=2))


def _sigma(z):
    return 1 / (1 + np.exp(-z))                     # |z| < 40 on these cases: no overflow


def _dL_dX(X, y, w1, b1, w2, b2, input_slope=False):
    """dL/dX of L = mean_i sum_j (o - y)^2 for o = sigma(sigma(X w1 + b1) w2 + b2): one step below the hidden layer."""
    h = _sigma(X @ w1 + b1)
    o = _sigma(h @ w2 + b2)
    dL_dz2 = 2 * (o - y) / len(X) * o * (1 - o)    # dL/do * do/dz2
    dL_dz1 = (dL_dz2 @ w2.T) * h * (1 - h)          # dz2/dh = w2, dh/dz1 = h (1 - h)
    dL_dX = dL_dz1 @ w1.T                            # dz1/dX = w1: back through the weights once more
    return dL_dX * X * (1 - X) if input_slope else dL_dX   # (the mistake: X is no sigmoid output)


EXERCISES = [
    Exercise(
        id="09.count-params",
        question=("A network has 2 inputs, 3 hidden units and 1 output, with a bias for every hidden unit "
                  "and for the output. How many numbers does gradient descent learn, weights and biases together?"),
        hint="Count each array by its shape: w1 is (2, 3), b1 is (3,), w2 is (3, 1) and b2 is (1,).",
        solution="answer = 2 * 3 + 3 + 3 * 1 + 1  # w1, b1, w2, b2",
        reference=13,
        wrong=9,  # the weights only, forgetting the biases
        mistake='counting the weights only; the biases are learned too',
    ),
    Exercise(
        id="09.stuck-loss",
        question=("A stalled network sends (0, 0), (1, 0) and (1, 1) to the same spot in hidden space, so it must give "
                  "all three the same output c. It gets (0, 1) exactly right. Choose the c with the lowest loss: "
                  "what is the loss L = (1/4) * sum of (o - y)^2 over the four XOR points?"),
        hint=("The three targets are 0, 1 and 0, so their errors add up to c^2 + (c - 1)^2 + c^2. "
              "Its derivative 2c + 2(c - 1) + 2c is 0 at the best c. The fourth point adds 0."),
        solution="c = 1 / 3  # the mean of the targets 0, 1, 0\nL = (c**2 + (c - 1)**2 + c**2 + 0.0) / 4",
        reference=1 / 6,
        wrong=0.1875,  # c = 0.5, the output of an undecided neuron, instead of the best c
        mistake='that is the loss for c = 0.5, an undecided output; the best c makes the derivative of the loss 0',
    ),
    Exercise(
        id="09.hand-made-hidden",
        question=("A hidden layer made by hand: w1 = [[20, -20], [20, -20]], b1 = [-10, 30]. "
                  "Compute what it makes of the four XOR points, h = sigma(X w1 + b1), rounded with np.round. "
                  "Then look: which points land on the same spot?"),
        hint="Compute X @ w1 + b1 first: every number is -10, 10 or 30 (or their negatives). sigma(10) is almost 1.",
        solution=(
            "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])\n"
            "w1 = np.array([[20.0, -20.0], [20.0, -20.0]])\n"
            "b1 = np.array([-10.0, 30.0])\n"
            "h = np.round(1 / (1 + np.exp(-(X @ w1 + b1))))"
        ),
        reference=np.round(_sigma(XOR_X @ HAND_W1 + HAND_B1)),
        wrong=np.round(_sigma(XOR_X @ HAND_W1)),  # the bias b1 forgotten
        mistake='the bias b1 is missing: h = sigma(X w1 + b1)',
    ),
    Exercise(
        id="09.input-gradient",
        question=("Write dL_dX(X, y, w1, b1, w2, b2): the gradient of the loss with respect to the inputs X, one "
                  "step further down than dL/dz1, for any sizes: X (n, d_in), w1 (d_in, d_hidden), "
                  "w2 (d_hidden, d_out), y (n, d_out). (A layer below the hidden one would need it.)"),
        hint=("z1 = X w1 + b1 depends on X the way z2 depends on h. What did the step from dL/dz2 to dL/dh do? "
              "And is there a sigmoid between X and z1?"),
        solution=(
            "def dL_dX(X, y, w1, b1, w2, b2):\n"
            "    h = 1 / (1 + np.exp(-(X @ w1 + b1)))\n"
            "    o = 1 / (1 + np.exp(-(h @ w2 + b2)))\n"
            "    dL_dz2 = 2 * (o - y) / len(X) * o * (1 - o)\n"
            "    dL_dh = dL_dz2 @ w2.T\n"
            "    dL_dz1 = dL_dh * h * (1 - h)\n"
            "    return dL_dz1 @ w1.T"
        ),
        reference=_dL_dX,
        wrong=lambda *args: _dL_dX(*args, input_slope=True),  # a sigmoid slope X (1 - X) where there is no sigmoid
        mistake="X (1 - X) is the slope of a sigmoid, but the inputs X come from no sigmoid: there is no slope to take",
        cases=((XOR_X * 0.5 + 0.25, XOR_Y, *NET_A), (X_B, Y_B, *NET_B)),
    ),
]

PREDICTIONS = [
    Prediction(
        id="09.predict-one-neuron",
        question="After 1000 epochs of training, does one neuron get all four XOR points right?",
        options=("yes", "no"),
    ),
]
