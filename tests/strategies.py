"""Hypothesis strategies and the gradient-check measure shared by the unit tests."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


def floats(low, high):
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def arrays(shape, low=-2.0, high=2.0):
    """Float arrays of ``shape`` with moderate values (sigmoid stays out of saturation)."""
    return hnp.arrays(np.float64, shape, elements=floats(low, high))


@st.composite
def layers(draw, w_kind=None):
    """(X, y, w, b) for one sigmoid layer, in one of the accepted shape conventions.

    w is never all zeros: a gradient check from zero weights can hide a wrong
    backward pass (every path through w looks the same).
    """
    w_kind = w_kind or draw(st.sampled_from(["matrix", "vector", "scalar"]))
    n = draw(st.integers(1, 6))
    d_in = draw(st.integers(1, 4))
    d_out = draw(st.integers(1, 3)) if w_kind == "matrix" else None
    w_shape = {"matrix": (d_in, d_out), "vector": (d_in,), "scalar": ()}[w_kind]
    X_shape = (n,) if w_kind == "scalar" else (n, d_in)
    o_shape = {"matrix": (n, d_out), "vector": (n,), "scalar": (n,)}[w_kind]
    X = draw(arrays(X_shape))
    w = draw(arrays(w_shape, -1.5, 1.5).filter(lambda a: np.all(np.abs(a) > 0.05)))
    y = draw(arrays(o_shape, 0.0, 1.0))
    b = draw(arrays((d_out,), -1.0, 1.0)) if w_kind == "matrix" and draw(st.booleans()) else draw(floats(-1.0, 1.0))
    return X, y, w, b


def relative_error(a, b):
    """||a - b|| / max(||a||, ||b||): the gradient-check measure, one number for a whole array."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a), np.linalg.norm(b)))


def signs(shape):
    return hnp.arrays(np.float64, shape, elements=st.sampled_from([-1.0, 1.0]))


@st.composite
def networks(draw, output=None):
    """(X, y, layers, output) for a network of 1 to 4 layers of 1 to 4 units, in the list-of-layers form.

    No weight is near 0 (a gradient check from zero weights can hide a wrong backward
    pass), and none is large (the sigmoids stay out of saturation). With a softmax
    output each row of y is a probability distribution, as cross-entropy needs.
    """
    output = output or draw(st.sampled_from(["sigmoid", "softmax"]))
    sizes = draw(st.lists(st.integers(1, 4), min_size=2, max_size=5))
    if output == "softmax" and sizes[-1] == 1:
        sizes[-1] = 2                                     # one class only would make every gradient 0
    n = draw(st.integers(1, 5))
    X = draw(arrays((n, sizes[0])))
    layers = [(draw(arrays((d_in, d_out), 0.05, 1.5)) * draw(signs((d_in, d_out))), draw(arrays((d_out,), -1.0, 1.0)))
              for d_in, d_out in zip(sizes[:-1], sizes[1:])]     # sizes and signs drawn apart: no filter to slow it
    y = draw(arrays((n, sizes[-1]), 0.0, 1.0))
    if output == "softmax":
        y = (y + 0.01) / (y + 0.01).sum(axis=1, keepdims=True)
    return X, y, layers, output
