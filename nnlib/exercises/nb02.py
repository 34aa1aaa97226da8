"""Exercises of 02 · Vectors and the dot product."""

import numpy as np

from nnlib.exercises import Exercise, Prediction

# The four emails of notebook 02: the count of "free", the number of links.
X = np.array([[2.0, 1.0], [0.0, 0.0], [3.0, 2.0], [1.0, 3.0]])
Y = np.array([2.5, 0.0, 4.0, 2.5])   # the spam scores the bars should reach
W_SPAM = np.array([0.5, 0.25])       # the weight of "free", the weight of links
W = np.array([[0.5, 1.0, -0.5], [0.25, 0.0, 1.0]])  # the weight matrix: spam, advertising, newsletter
X_NEW = np.array([4.0, 1.0])         # a new email: "free" 4 times, 1 link
for _case in (X, Y, W_SPAM, W, X_NEW):
    _case.flags.writeable = False    # shared by every check: an answer must not change them


def _result_shape(shape_X, shape_w):
    """Shape of X @ w: the inner sizes are used up by the sums, the outer ones remain."""
    return tuple(shape_X)[:-1] + tuple(shape_w)[1:]


EXERCISES = [
    Exercise(
        id="02.new-email",
        question=("A new email has \"free\" 4 times and 1 link: X_new = [4, 1]. What are its three outputs (spam, "
                  "advertising, newsletter) with the weight matrix w = [[0.5, 1.0, -0.5], [0.25, 0.0, 1.0]]?"),
        hint=("Each output has its own column of weights. Output j is the dot product of X_new with column j: "
              "multiply the matching numbers and add."),
        solution=("X_new = np.array([4.0, 1.0])\n"
                  "w = np.array([[0.5, 1.0, -0.5], [0.25, 0.0, 1.0]])\n"
                  "o_new = X_new @ w  # [4 * 0.5 + 1 * 0.25, 4 * 1.0 + 1 * 0.0, 4 * -0.5 + 1 * 1.0]"),
        reference=X_NEW @ W,
        wrong=X_NEW[:, None] * W,  # the products, not yet added up: * instead of @
        mistake=("these are the products, not yet added up: each output adds the two products of its column"),
    ),
    Exercise(
        id="02.fit-bars",
        question=("Find the weights w = [w_free, w_links] that put every bar on its cross: X @ w = y for the emails "
                  "X = [[2, 1], [0, 0], [3, 2], [1, 3]] and the targets y = [2.5, 0, 4, 2.5]."),
        hint=("Move the sliders until every bar touches its cross. Or on paper: each email gives one equation, "
              "its two inputs times the two weights adding up to its target. Find the pair that makes them all true."),
        solution=("# email 0: 2 w_free + 1 w_links = 2.5 and email 3: 1 w_free + 3 w_links = 2.5 give 1 and 0.5\n"
                  "# email 2 agrees: 3 * 1 + 2 * 0.5 = 4\n"
                  "w_bars = np.array([1.0, 0.5])"),
        reference=np.linalg.lstsq(X, Y, rcond=None)[0],  # [1, 0.5]: the best fit, and here an exact one
        wrong=np.array([0.5, 1.0]),  # swapped: the weight of links put first
        tells=(),   # a fit read off the sliders: "swapped" or "too large" would give it away
    ),
    Exercise(
        id="02.shape-rule",
        question=("Write result_shape(shape_X, shape_w) that returns the shape of X @ w as a tuple, "
                  "without computing the product. It must work for matrices and vectors alike: "
                  "(5, 3) @ (3, 4), (3,) @ (3, 2), (4, 2) @ (2,) and (2,) @ (2,)."),
        hint=("The inner sizes (the last of X, the first of w) are used up by the sums. "
              "Every other size stays, in order."),
        solution="def result_shape(shape_X, shape_w):\n    return shape_X[:-1] + shape_w[1:]",
        reference=_result_shape,
        # "rows of the first, columns of the second", applied to vectors too
        wrong=lambda shape_X, shape_w: (shape_X[0], shape_w[-1]),
        mistake='"rows of the first, columns of the second" works for matrices, but a 1-D array has only one size',
        cases=(((5, 3), (3, 4)), ((3,), (3, 2)), ((4, 2), (2,)), ((2,), (2,)), ((1, 6), (6, 3))),
    ),
]

PREDICTIONS = [
    Prediction(
        id="02.predict-outputs",
        question="X has shape (4, 2) and w has shape (2, 3). How many numbers does the output X @ w hold?",
    ),
]
