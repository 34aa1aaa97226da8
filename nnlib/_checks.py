"""Input checks shared by every nnlib function.

A teaching library must not hand back a silently wrong answer. NumPy is
generous: it broadcasts ``(n, 1)`` against ``(n,)`` into ``(n, n)``, turns
strings into object arrays and lets ``nan`` flow through every sum. These
helpers stop that at the door, with a message that names what was received.
"""

import numpy as np


def as_numbers(name, value):
    """Return ``value`` as a float64 array; reject text, empty arrays, nan and inf."""
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists, e.g. [[1, 2], [3]]
        raise ValueError(f"{name} is not a rectangular array of numbers: {error}") from None
    if array.dtype.kind not in "biuf":  # bool, signed int, unsigned int, float
        raise TypeError(
            f"{name} must contain real numbers, got dtype {array.dtype} "
            f"(for example {np.ravel(array)[:1].tolist()})"
        )
    if array.size == 0:
        raise ValueError(f"{name} is empty (shape {array.shape}); it needs at least one number")
    array = array.astype(np.float64, copy=False)
    # Fast path: nan and inf make the sum nan or inf, so a finite sum means every value is
    # finite (one reduction instead of a boolean array). Only a non-finite sum, which a sum
    # of huge but finite values can also give, needs the element-by-element search.
    if not np.isfinite(array.sum()):
        bad = np.argwhere(~np.isfinite(array))
        if len(bad):
            where = tuple(int(i) for i in bad[0])
            raise ValueError(
                f"{name} contains {array[where] if where else array.item()} at index {where}; "
                "every value must be a finite number"
            )
    return array


def same_shape(name_a, a, name_b, b):
    """Raise unless ``a`` and ``b`` have exactly the same shape (no broadcasting)."""
    if a.shape == b.shape:
        return
    message = f"{name_a} has shape {a.shape} but {name_b} has shape {b.shape}; they must have the same shape."
    try:
        broadcast = np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        broadcast = None
    if broadcast is not None:
        message += f" (NumPy would silently broadcast them to {broadcast}.)"
    if a.size == b.size:
        message += f" Reshape one of them, e.g. {name_b}.reshape({a.shape})."
    raise ValueError(message)


def plain(array):
    """A 0-d result as a Python float (prints as 0.5, not array(0.5)); arrays unchanged."""
    return float(array) if np.ndim(array) == 0 else array


def layer_inputs(X, w, b):
    """Check X, w, b for z = X @ w + b and return them as float arrays.

    Accepted: X (n, d_in) with w (d_in, d_out) or (d_in,); or one weight
    (w a single number) with X of any shape, every input multiplied by it.
    """
    X, w, b = as_numbers("X", X), as_numbers("w", w), as_numbers("b", b)
    if w.ndim == 0:
        if b.ndim:
            raise ValueError(f"with a single weight w, b must be a single number too; got b of shape {b.shape}")
        return X, w, b
    if w.ndim > 2:
        raise ValueError(f"w must have shape (d_in, d_out) or (d_in,), got {w.shape}")
    if X.ndim != 2:
        raise ValueError(
            f"X must be a batch of shape (n, d_in) when w has shape {w.shape}; got X of shape {X.shape}. "
            "For a single sample use X.reshape(1, -1)."
        )
    if X.shape[1] != w.shape[0]:
        rows = "the length" if w.ndim == 1 else "the number of rows"
        raise ValueError(
            f"X has shape {X.shape} and w has shape {w.shape}: X @ w needs the number of columns "
            f"of X ({X.shape[1]}) to equal {rows} of w ({w.shape[0]})"
        )
    if b.ndim and (w.ndim == 1 or b.shape != (w.shape[1],)):
        expected = "a single number" if w.ndim == 1 else f"a single number or shape ({w.shape[1]},)"
        raise ValueError(f"b must be {expected} to match w of shape {w.shape}; got b of shape {b.shape}")
    return X, w, b
