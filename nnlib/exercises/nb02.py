"""Exercises of 02 · Vectors and the dot product."""

import numpy as np

from nnlib.exercises import Exercise

# The four emails of notebook 02: the count of "free", the number of links.
X = np.array([[2.0, 1.0], [0.0, 0.0], [3.0, 2.0], [1.0, 3.0]])
Y = np.array([2.5, 0.0, 4.0, 2.5])   # the spam scores the bars should reach
W_SPAM = np.array([0.5, 0.25])       # the weight of "free", the weight of links
for _case in (X, Y, W_SPAM):
    _case.flags.writeable = False    # shared by every check: an answer must not change them


def _result_shape(shape_X, shape_w):
    """Shape of X @ w: the inner sizes are used up by the sums, the outer ones remain."""
    return tuple(shape_X)[:-1] + tuple(shape_w)[1:]


EXERCISES = [
    Exercise(
        id="02.email-3",
        question=("Email 3 has the word \"free\" once and 3 links: X = [1, 3]. "
                  "What is its output o = X_1 w_1 + X_2 w_2 with the spam weights w = [0.5, 0.25]?"),
        hint="Multiply each input by its own weight, then add the two products. The answer is one number.",
        solution="o = 1 * 0.5 + 3 * 0.25  # = 1.25, the same as np.array([1.0, 3.0]) @ np.array([0.5, 0.25])",
        reference=float(X[3] @ W_SPAM),
        wrong=X[3] * W_SPAM,  # the products, not yet added up: * instead of @
        mistake='these are the two products, not yet added up: * multiplies pair by pair, a dot product also adds',
    ),
    Exercise(
        id="02.fit-bars",
        question=("Find the weights w = [w1, w2] that put every bar on its cross: X @ w = y for the emails "
                  "X = [[2, 1], [0, 0], [3, 2], [1, 3]] and the targets y = [2.5, 0, 4, 2.5]."),
        hint=("Move the sliders until every bar touches its cross. Or on paper: email 0 says 2 w1 + w2 = 2.5, "
              "email 3 says w1 + 3 w2 = 2.5. Find the pair that makes both true."),
        solution=("# email 0: 2 w1 + 1 w2 = 2.5 and email 3: 1 w1 + 3 w2 = 2.5 give w1 = 1, w2 = 0.5\n"
                  "# email 2 agrees: 3 * 1 + 2 * 0.5 = 4\n"
                  "w_bars = np.array([1.0, 0.5])"),
        reference=np.linalg.lstsq(X, Y, rcond=None)[0],  # [1, 0.5]: the best fit, and here an exact one
        wrong=np.array([0.5, 1.0]),  # w1 and w2 swapped: the weight of links put first
        tells=(),   # a fit read off the sliders: "swapped" or "too large" would give it away
    ),
    Exercise(
        id="02.shape-rule",
        question=("Write result_shape(shape_X, shape_w) that returns the shape of X @ w as a tuple, "
                  "without computing the product. It must work for matrices and vectors alike: "
                  "(5, 3) @ (3, 4), (3,) @ (3, 2), (4, 2) @ (2,) and (2,) @ (2,)."),
        hint=("The inner sizes (the last of X, the first of w) are used up by the sums. "
              "Every other size stays, in order. A slice of a tuple is a tuple, and tuples join with +."),
        solution="def result_shape(shape_X, shape_w):\n    return shape_X[:-1] + shape_w[1:]",
        reference=_result_shape,
        # "rows of the first, columns of the second", applied to vectors too
        wrong=lambda shape_X, shape_w: (shape_X[0], shape_w[-1]),
        mistake='"rows of the first, columns of the second" works for matrices, but a 1-D array has only one size',
        cases=(((5, 3), (3, 4)), ((3,), (3, 2)), ((4, 2), (2,)), ((2,), (2,)), ((1, 6), (6, 3))),
    ),
]
