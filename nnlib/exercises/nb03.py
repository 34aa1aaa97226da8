"""Exercises of 03 · The activation function."""

import numpy as np

from nnlib.exercises import Exercise, Prediction

# Small fixed weights for three stacked layers without an activation.
# The square ones come first: with them every order of multiplying runs, so a wrong order shows as a wrong value.
SQUARE = (np.array([[1.0, 2.0], [0.0, -1.0]]),
          np.array([[0.5, 0.0], [1.0, 3.0]]),
          np.array([[2.0, -1.0], [1.0, 1.0]]))
NOTEBOOK_SHAPES = (np.array([[0.2, -0.5, 1.0, 0.3], [-1.2, 0.4, 0.0, 0.8]]),             # (2, 4)
                   np.array([[0.5, 1.0, -0.3], [0.0, -0.7, 0.6], [1.1, 0.2, 0.4], [-0.9, 0.3, 0.1]]),  # (4, 3)
                   np.array([[0.6], [-1.4], [0.9]]))                                    # (3, 1)
ONE_INPUT = (np.array([[1.5, -0.5, 2.0]]),                                              # (1, 3)
             np.array([[0.1, 0.4, -0.2], [0.7, 0.0, 1.0], [-0.3, 0.5, 0.2]]),           # (3, 3)
             np.array([[1.0, -1.0], [0.5, 2.0], [-0.8, 0.3]]))                          # (3, 2)
for _case in (*SQUARE, *NOTEBOOK_SHAPES, *ONE_INPUT):
    _case.flags.writeable = False  # shared by every check: an answer must not change them


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))  # |z| = 3 here: no overflow


EXERCISES = [
    Exercise(
        id="03.symmetry",
        question=("Look at the sigmoid's outputs for z = -1 and z = 1, then for z = -2 and z = 2. What do you notice? "
                  "Use it: sigma(3) = 0.952574 (rounded). What is sigma(-3)? Answer without computing an exponential."),
        hint="Add the two outputs of each pair, for -1 and 1, then for -2 and 2. A sigmoid output is never negative.",
        solution="answer = 1 - 0.952574  # sigma(-z) = 1 - sigma(z): each pair adds up to 1",
        reference=float(_sigmoid(-3.0)),
        wrong=-0.952574,  # sigma(-z) = -sigma(z), as if the sigmoid were symmetric about 0
        tells=("form", "size"),   # the sign is the point: sigma is never negative
    ),
    Exercise(
        id="03.middle",
        question=("Write bias_for_middle(w, x_middle) that returns the bias b that puts the middle of the curve "
                  "o = sigma(x w + b), where o = 0.5, at x = x_middle."),
        hint="The output is 0.5 exactly where x w + b = 0. Put x = x_middle into that equation and solve it for b.",
        solution="def bias_for_middle(w, x_middle):\n    return -w * x_middle  # x_middle * w + b = 0",
        reference=lambda w, x_middle: -w * x_middle,
        wrong=lambda w, x_middle: w * x_middle,  # the sign flipped: that puts the middle at -x_middle
        mistake='the sign is flipped, which puts the middle at -x_middle: solve x_middle * w + b = 0 for b',
        cases=((1.0, 2.0), (-1.0, 2.0), (2.0, 1.5), (-0.5, -3.0)),
    ),
    Exercise(
        id="03.collapse",
        question=("Three layers without an activation, with weights w1, w2 and w3, compute ((X w1) w2) w3. "
                  "Write collapse(w1, w2, w3) that returns the weights of one layer that computes the same."),
        hint=("Matrix products can be regrouped, as in the notebook: (X w1) w2 = X (w1 w2). "
              "Keep the order: X meets w1 first."),
        solution="def collapse(w1, w2, w3):\n    return w1 @ w2 @ w3",
        reference=lambda w1, w2, w3: (w1 @ w2) @ w3,
        wrong=lambda w1, w2, w3: w3 @ w2 @ w1,  # the layers in reverse order: matrix products do not commute
        mistake='the layers in reverse order: matrix products do not commute, and X meets w1 first',
        cases=(SQUARE, NOTEBOOK_SHAPES, ONE_INPUT),
    ),
]

PREDICTIONS = [
    Prediction(
        id="03.predict-email-1",
        question=("Email 1 has no \"free\" and no links: X = [0, 0]. What is its output sigma(X w) "
                  "for three new random pairs of weights?"),
    ),
]
