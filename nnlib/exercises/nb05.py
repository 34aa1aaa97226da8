"""Exercises of 05 · Derivatives."""

import numpy as np

from nnlib.exercises import Exercise


# Curved functions of one weight, to take slopes of. Named, so a failing case prints their name.
def square(w):
    return w ** 2            # slope 2w


def cube(w):
    return w ** 3            # slope 3w^2


def bump(w):
    return np.exp(-w ** 2)   # slope -2w exp(-w^2)


def _central(f, w, h):
    return (f(w + h) - f(w - h)) / (2 * h)  # looks both ways: the errors of the two sides cancel


def _one_sided(f, w, h):
    return (f(w + h) - f(w)) / h


def _sign_step(w, dL_dw):
    return w - 0.1 * np.sign(dL_dw)  # against the slope; np.sign(0) = 0: a flat point stays put


EXERCISES = [
    Exercise(
        id="05.slope-of-xw",
        question="For f(w) = X * w with X = -3, what is df/dw? Does f go up or down when w grows?",
        hint="The derivative of X * w with respect to w is X, whatever the sign of X.",
        solution="answer = -3.0  # df/dw = X: when w grows by 1, f falls by 3",
        reference=-3.0,
        wrong=3.0,  # the size without the sign: f falls when w grows
        tells=(),   # the sign is half the question: a wrong try is told only that it is not right yet
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
        id="05.central",
        question=("Write central_difference(f, w, h): the central estimate (f(w + h) - f(w - h)) / (2h) "
                  "of the slope of a function f at the weight w."),
        hint="Step h to the right and h to the left of w. The two points are 2h apart: divide by 2 * h.",
        solution="def central_difference(f, w, h):\n    return (f(w + h) - f(w - h)) / (2 * h)",
        reference=_central,
        wrong=_one_sided,  # looks to the right only: (f(w + h) - f(w)) / h
        mistake='a one-sided estimate: the central one steps h to the left and h to the right of w',
        cases=((square, 3.0, 0.5), (cube, 1.0, 0.1), (bump, 0.5, 0.01)),
    ),
    Exercise(
        id="05.sign-step",
        question=("Write sign_step(w, dL_dw): the weight after a step of 0.1 downhill, "
                  "that is against the sign of the slope dL_dw. A flat point (slope 0) stays where it is."),
        hint="Slope > 0: lower w. Slope < 0: raise w. np.sign(dL_dw) is +1, -1 or 0.",
        solution="def sign_step(w, dL_dw):\n    return w - 0.1 * np.sign(dL_dw)",
        reference=_sign_step,
        wrong=lambda w, dL_dw: w + 0.1 * np.sign(dL_dw),  # with the slope: uphill
        tells=("form",),   # the direction is the question: a wrong step is not told which way it went
        cases=((-1.0, -0.2), (3.0, 0.004), (0.5, -0.145), (2.0, 0.0)),
    ),
]
