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
