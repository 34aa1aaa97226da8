"""Exercises of 05 · Derivatives."""

import numpy as np

from nnlib.exercises import Exercise, Prediction


def _cube(w):
    return w ** 3            # slope 3w^2


def _central(g, w, h):
    return (g(w + h) - g(w - h)) / (2 * h)  # looks both ways: the errors of the two sides cancel


def _one_sided(g, w, h):
    return (g(w + h) - g(w)) / h


# Notebook 05's data, made as its generator makes it (seed 0, the teacher's weight 2), in plain NumPy.
_X = np.sort(np.random.default_rng(0).uniform(-3.0, 3.0, size=20)).reshape(20, 1)
_Y = 1 / (1 + np.exp(-_X * 2.0))


def _slope(w):
    """dL/dw of L(w) = mean((sigma(X w) - y)^2), by the chain rule (notebook 06): 2/n sum (o - y) o (1 - o) X."""
    o = 1 / (1 + np.exp(-_X * w))
    return float(np.sum(2 * (o - _Y) * o * (1 - o) * _X) / len(_X))


def _after_sign_steps(w, steps):
    for _ in range(steps):
        w = w - 0.1 * np.sign(_slope(w))  # against the slope; near the bottom it overshoots, back and forth
    return float(w)


EXERCISES = [
    Exercise(
        id="05.slope-of-xw",
        question=("Take f(w) = X * w with X = -3, and move w from 5 to 5.25. By how much does f change? "
                  "(A positive number if f goes up, a negative one if it goes down.)"),
        hint=("f is a straight line in w: every step of w changes f by the slope times the step. "
              "What is the slope of X * w, and what is the step?"),
        solution="answer = -3 * 0.25  # df/dw = X = -3, exact for any step of a straight line: f goes down by 0.75",
        reference=-0.75,
        wrong=0.75,  # the size without the sign: f goes down when w grows, since X is negative
        tells=(),   # up or down is half the question: a wrong try is told only that it is not right yet
    ),
    Exercise(
        id="05.one-sided-square",
        question=("For g(w) = w^2 the exact slope at w = 3 is 2w = 6. What does the one-sided estimate "
                  "(g(3 + h) - g(3)) / h give for the step h = 0.5?"),
        hint="Expand (3 + h)^2 = 9 + 6h + h^2, subtract 9 and divide by h. Or compute it in NumPy.",
        solution="h = 0.5\nanswer = ((3 + h) ** 2 - 3 ** 2) / h  # 6 + h = 6.5: the estimate misses the slope by h",
        reference=6.5,
        wrong=6.0,  # the exact slope: a one-sided step of 0.5 does not give it
        mistake='that is the exact slope; the one-sided estimate with a step of 0.5 misses it',
    ),
    Exercise(
        id="05.central-cube",
        question=("For g(w) = w^3 the exact slope at w = 1 is 3w^2 = 3. What does the central estimate "
                  "(g(1 + h) - g(1 - h)) / (2h) give for the step h = 0.5?"),
        hint="Step h to the right and h to the left of 1, take the difference of g there, and divide by the 2h between them.",
        solution="h = 0.5\nanswer = ((1 + h) ** 3 - (1 - h) ** 3) / (2 * h)  # 3 + h^2 = 3.25: it misses by h^2",
        reference=_central(_cube, 1.0, 0.5),
        wrong=_one_sided(_cube, 1.0, 0.5),  # the one-sided estimate: (g(1 + h) - g(1)) / h
        mistake='that is the one-sided estimate; the central one steps h to the left and h to the right of w',
    ),
    Exercise(
        id="05.sign-step",
        question=("Start at w = -0.95 and take 40 steps of 0.1 downhill on notebook 05's loss, each step against "
                  "the sign of the slope. Where is w after the 40 steps?"),
        hint=("Count how many steps it takes to get near the bottom at w = 2. "
              "Then think about what one more step of 0.1 does there, and the one after it."),
        solution=("import nnlib\n"
                  "\n"
                  "X, y = nnlib.single_input_data(np.random.default_rng(0), n=20, w=2.0)  # the notebook's data\n"
                  "w = -0.95\n"
                  "for step in range(40):\n"
                  "    w = w - 0.1 * np.sign(nnlib.gradients(X, y, w)[0])\n"
                  "answer = w  # 29 steps reach 1.95, then it jumps over the bottom and back: 2.05, 1.95, ..."),
        reference=_after_sign_steps(-0.95, 40),
        wrong=2.0,   # as if it stopped at the bottom
        tells=("form",),   # one of two weights near the bottom: "too large" or "too small" would give it away
    ),
]

PREDICTIONS = [
    Prediction(
        id="05.predict-step-size",
        question=("For f = X w every step gave the same slope. For the loss at w = 0.5, will a step of 1 and "
                  "a step of 0.0001 give the same (L(w + h) - L(w)) / h?"),
        options=("same", "different"),
    ),
]
