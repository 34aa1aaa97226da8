"""Exercises of 01 · One input, one weight."""

import numpy as np

from nnlib.exercises import Exercise

X = np.array([1.0, 2.0, 3.0, 4.0])

EXERCISES = [
    Exercise(
        id="01.triple",
        question="Find the weight w that maps X = [1, 2, 3, 4] to y = [3, 6, 9, 12].",
        hint="Each target is the input times the same number. Divide a target by its input.",
        solution="w = 3.0  # 3 = 3 * 1, 6 = 3 * 2, ...",
        reference=3.0,
        wrong=2.0,
    ),
    Exercise(
        id="01.outputs",
        question="Write outputs(X, w) that returns the network's outputs o = X * w for an array X and one weight w.",
        hint="NumPy multiplies every element of an array by a number with a single *.",
        solution="def outputs(X, w):\n    return X * w",
        reference=lambda X, w: np.asarray(X) * w,
        wrong=lambda X, w: np.asarray(X) + w,
        mistake='the weight is added to X; the network multiplies X by it',
        cases=((X, 0.5), (X, -1.0), (np.array([0.0, 10.0]), 3.0)),
    ),
    Exercise(
        id="01.through-origin",
        question="Whatever the weight, what is the output for the input X = 0?",
        hint="Multiply 0 by any number.",
        solution="answer = 0.0  # 0 * w = 0: every line o = X w passes through the origin",
        reference=0.0,
        wrong=1.0,
    ),
]
