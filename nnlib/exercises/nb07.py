"""Exercises of 07 · Gradients for a whole layer."""

import numpy as np

from nnlib.exercises import Exercise, Prediction

# A layer with 2 inputs and 1 output, and one with 3 inputs and 2 outputs. No weight is 0:
# a zero weight can hide a wrong gradient.
X_B = np.array([[-2.0, 1.0], [0.5, 0.5], [3.0, -1.0]])                                    # (3, 2)
Y_B = np.array([[0.1], [0.7], [1.0]])                                                     # (3, 1)
W_B = np.array([[0.7], [-0.4]])                                                           # (2, 1)
B_B = np.array([-0.2])                                                                    # (1,)
X_A = np.array([[0.5, -1.0, 2.0], [1.5, 0.2, -0.5], [-1.0, 2.0, 1.0], [0.3, 0.5, -2.0]])  # (4, 3)
Y_A = np.array([[0.0, 1.0], [1.0, 0.0], [0.5, 0.5], [1.0, 1.0]])                          # (4, 2)
W_A = np.array([[0.3, -0.7], [0.8, 0.1], [-0.4, 0.6]])                                    # (3, 2)
B_A = np.array([0.2, -0.3])                                                               # (2,)
for _case in (X_A, Y_A, W_A, B_A, X_B, Y_B, W_B, B_B):
    _case.flags.writeable = False  # shared by every check: an answer must not change them

# The shape exercise: a batch X (n, d_in) and its targets y (n, d_out).
X_SHAPE, Y_SHAPE = (32, 5), (32, 3)


def _dL_dz(X, y, w, b):
    """dL/do * do/dz for L = (1/n) sum (o - y)^2, o = sigmoid(X @ w + b): the chain rule's first two parts."""
    o = 1 / (1 + np.exp(-(X @ w + b)))  # |z| < 10 on these cases: no overflow
    return 2 * (o - y) / len(X) * o * (1 - o)


def _dL_dX(X, y, w, b, outputs=None):
    """dL/dX_ik = sum_j dL/dz_ij w_kj: input k feeds every output j. outputs=1 follows only the first output's
    chain, the typical slip (right when there is one output, as in case 1, wrong on case 2)."""
    dL_dz = _dL_dz(X, y, w, b)
    return dL_dz[:, :outputs] @ w[:, :outputs].T


EXERCISES = [
    Exercise(
        id="07.input-gradient",
        question=("The post's gradient 'of all of the inputs' exists too. Write dL_dX_layer(X, y, w, b): the derivative "
                  "of L = (1/n) sum_i sum_j (o_ij - y_ij)^2 with respect to every input X_ik of the layer "
                  "o = sigma(X @ w + b), in the shape of X. X is (n, d_in), w is (d_in, d_out), b is (d_out,)."),
        hint=("In the picture, an input x_k has an arrow to every z_j, and a box's gradient adds up over all the "
              "arrows that leave it. What local derivative does the arrow from x_k to z_j carry?"),
        solution=("def dL_dX_layer(X, y, w, b):\n"
                  "    o = 1 / (1 + np.exp(-(X @ w + b)))\n"
                  "    dL_dz = 2 * (o - y) / len(X) * o * (1 - o)  # dL/do * do/dz\n"
                  "    return dL_dz @ w.T  # dz_ij/dX_ik = w_kj, summed over the outputs j"),
        reference=lambda X, y, w, b: _dL_dX(X, y, w, b),
        wrong=lambda X, y, w, b: _dL_dX(X, y, w, b, outputs=1),
        mistake="input k feeds every output z_j, so its gradient adds up over all of them, not one",
        cases=((X_B, Y_B, W_B, B_B), (X_A, Y_A, W_A, B_A)),
    ),
    Exercise(
        id="07.gradient-shape",
        question=(f"A layer gets a batch X of shape {X_SHAPE}, and its targets y have shape {Y_SHAPE}. "
                  "What is the shape of dL/dw? Answer with a tuple."),
        hint=("The gradient has one number per weight, in the shape of w. How many weights does a layer need "
              "that takes these inputs to these outputs, and how are they arranged?"),
        solution=("# w is (d_in, d_out): 5 inputs, 3 outputs. X.T (5, 32) @ dL_dz (32, 3) -> (5, 3)\n"
                  "answer = (5, 3)"),
        reference=(X_SHAPE[1], Y_SHAPE[1]),
        wrong=X_SHAPE,  # one number per input of every example: the post's "derivative of all of the inputs"
        mistake="that is the shape of X: the gradient has one number per weight, not one per input",
    ),
]


PREDICTIONS = [
    Prediction(
        id="07.predict-twice",
        question="Every example of the batch twice (8 rows instead of 4): does dL/dw double, halve, or stay the same?",
        options=("doubles", "halves", "stays the same"),
    ),
]
