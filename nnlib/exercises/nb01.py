"""Exercises of 01 · One input, one weight."""

import numpy as np

from nnlib.exercises import Exercise, Prediction

X = np.array([1.0, 2.0, 3.0, 4.0])
FLAT = np.array([1.0, 1.0, 1.0, 1.0])   # the same target for every input

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
        id="01.best-constant",
        question=("Every target is the same: y = [1, 1, 1, 1] for X = [1, 2, 3, 4]. Which single weight has the "
                  "smallest mean squared miss? Give it to two decimals or more."),
        hint=("Do what the notebook did for y = 2X + 1: try every weight on a fine grid and keep the one "
              "whose mean squared miss is smallest."),
        solution=("X = np.array([1.0, 2.0, 3.0, 4.0])\n"
                  "y = np.array([1.0, 1.0, 1.0, 1.0])\n"
                  "best_w, best_miss = None, np.inf\n"
                  "for w in np.linspace(-5, 5, 1001):\n"
                  "    miss = np.mean((X * w - y) ** 2)\n"
                  "    if miss < best_miss:\n"
                  "        best_w, best_miss = w, miss\n"
                  "w_best = best_w  # 0.33: a line through the origin cannot stay flat, so it misses both ends"),
        # The least squares weight sum(X y) / sum(X^2) = 10 / 30, from setting the slope of the miss to 0
        # (notebook 05's idea); the grid of the notebook finds 0.33, within the tolerance.
        reference=float(np.sum(X * FLAT) / np.sum(X ** 2)),
        wrong=float(np.mean(FLAT / X)),  # the average of the weights each example wants on its own
        mistake=("that is the average of the four weights y / X; the mean squared miss weighs the large inputs "
                 "more, since their misses grow with X"),
        tolerance=0.004,   # accepts 0.33 and 0.333, not 0.32 or 0.34
    ),
    Exercise(
        id="01.which-targets",
        question=("The inputs are X = [1, 2, 3, 4]. Which of these target lists can one weight hit exactly, every "
                  "target? (a) [-2, -4, -6, -8], (b) [2, 3, 4, 5], (c) [0, 0, 0, 0], (d) [1, 4, 9, 16]. Answer with "
                  "a list of four numbers: 1 if one weight hits every target of that list, 0 if none can."),
        hint=("One weight makes every output the same multiple of its input, o = X w. "
              "Is each list one number times [1, 2, 3, 4]?"),
        solution="answer = [1, 0, 1, 0]  # (a) w = -2, (c) w = 0; (b) needs a shift, (d) is no straight line",
        reference=[1, 0, 1, 0],
        wrong=[1, 0, 0, 0],   # w = 0 forgotten: it hits a list of zeros
        tells=("form",),      # a yes or no for each list: only the form (four numbers, each 0 or 1) may be said
        options=(0, 1),
    ),
]

PREDICTIONS = [
    Prediction(
        id="01.predict-best-weight",
        question="The targets are y = 2X + 1. Which weight from -5 to 5 has the smallest mean squared miss?",
    ),
]
