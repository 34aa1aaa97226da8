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


def _dL_dz(X, y, w, b, slope="tanh"):
    """dL/do * do/dz for L = (1/n) sum (o - y)^2, o = tanh(X @ w + b): the chain rule's first two parts.
    slope="sigmoid" takes the sigmoid's slope o (1 - o) instead of tanh's 1 - o^2: the typical slip."""
    o = np.tanh(X @ w + b)
    return 2 * (o - y) / len(X) * ((1 - o ** 2) if slope == "tanh" else o * (1 - o))


EXERCISES = [
    Exercise(
        id="07.tanh-gradient",
        question=("A layer can squash with tanh instead of the sigmoid: o = tanh(z), z = X @ w + b (np.tanh: "
                  "outputs between -1 and 1, slope do/dz = 1 - o^2). Write dL_dw_tanh(X, y, w, b): the gradient of "
                  "L = (1/n) sum_i sum_j (o_ij - y_ij)^2 with respect to the weights of this layer. "
                  "X is (n, d_in), w is (d_in, d_out), b is (d_out,); the answer has the shape of w."),
        hint=("Follow the chain w -> z -> o -> L one link at a time. Which link belongs to the squashing "
              "function, and which links do not care what squashes?"),
        solution=("def dL_dw_tanh(X, y, w, b):\n"
                  "    o = np.tanh(X @ w + b)\n"
                  "    dL_dz = 2 * (o - y) / len(X) * (1 - o ** 2)  # dL/do * do/dz, with tanh's slope\n"
                  "    return X.T @ dL_dz"),
        reference=lambda X, y, w, b: X.T @ _dL_dz(X, y, w, b),
        wrong=lambda X, y, w, b: X.T @ _dL_dz(X, y, w, b, slope="sigmoid"),
        mistake="o (1 - o) is the sigmoid's slope; this layer's do/dz is tanh's, 1 - o^2",
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
