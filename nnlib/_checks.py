"""The door: every public nnlib function checks its inputs here, once, on the way in.

A teaching library must not hand back a silently wrong answer, and its errors
must teach. NumPy is generous: it broadcasts ``(n, 1)`` against ``(n,)`` into
``(n, n)``, turns strings into arrays of text, reads ``True`` as 1 and lets
``nan`` flow through every sum. These helpers stop all that at the door, with a
message that names the parameter and what it received.

Past the door, nnlib's math sees one convention only, batch-first and 2-D (the
README's symbol table): X (n, d_in), w (d_in, d_out), b (d_out,), y and o
(n, d_out). :func:`layer_inputs` reshapes the friendlier forms a learner may
pass (a number, a vector) into it, and :func:`given_back` turns results back
into the form the caller used: a number for a number.

The formulas behind the doors hold no guards: a door that can reach the sigmoid
is marked :func:`quiet_overflow`, which silences NumPy's one harmless warning
there (see ``nnlib.formula`` for what a learner is shown).
"""

import functools
import inspect
import numbers as _numbers

import numpy as np


def describe(value):
    """A short description of what was received, for error messages: 'True (a bool)', '0 (an int)'."""
    kind = type(value).__name__
    a_kind = ("an " if kind[0] in "aeiou" else "a ") + kind
    if isinstance(value, (bool, np.bool_)):
        return f"{value} (a bool)"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, (list, tuple)):
        return f"{value!r} ({a_kind} of {len(value)})" if len(repr(value)) < 60 else f"{a_kind} of {len(value)} items"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}" + (f": {value.tolist()}" if value.size <= 4 else "")
    if value is None:
        return "None"
    if inspect.isroutine(value):
        return f"the function {value.__qualname__}"
    if inspect.isclass(value):
        return f"the class {value.__qualname__}"
    return f"{value!r} ({a_kind})" if len(repr(value)) < 60 else a_kind


def quiet_overflow(door):
    """Mark a public function whose formula may take sigmoid(z) of a very negative or overflowing z.

    For z below about -709, e^(-z) overflows to inf and 1 / (1 + inf) = 0.0 is the
    right answer; a z too large for float64 becomes +-inf, where sigmoid is 1.0 or
    0.0, right again. Only NumPy's overflow warning is wrong there, so the door
    silences it, and the formula behind stays the bare equation.
    """
    @functools.wraps(door)
    def _quietly(*args, **kwargs):  # private, so a trace of calls (nnlib.exercises) names the door, not this
        with np.errstate(over="ignore"):
            return door(*args, **kwargs)
    return _quietly


def numbers(name, value):
    """``value`` as a float64 array of any shape; refuse text, empty arrays, nan and inf."""
    try:
        array = np.asarray(value)
    except ValueError:  # ragged nested lists, e.g. [[1, 2], [3]]
        raise ValueError(f"{name} must be a rectangular array of numbers, got {describe(value)}") from None
    if array.dtype.kind not in "biuf":  # bool, signed and unsigned int, float: not text, objects, complex
        raise TypeError(f"{name} must contain real numbers, got {describe(value)} (dtype {array.dtype})")
    if array.size == 0:
        raise ValueError(f"{name} is empty (shape {array.shape}); it needs at least one number")
    array = array.astype(np.float64, copy=False)
    finite = np.isfinite(array)
    if not finite.all():
        where = "" if array.ndim == 0 else f" at index {tuple(int(i) for i in np.argwhere(~finite)[0])}"
        bad = array[~finite][0]
        raise ValueError(f"{name} contains {bad}{where}; every value must be a finite number")
    return array


def number(name, value):
    """``value`` as one finite float; refuse bools, text, arrays and lists (even of one number)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (_numbers.Real, np.ndarray)) \
            or np.ndim(value) != 0:
        raise TypeError(f"{name} must be a single number, got {describe(value)}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    return value


def positive(name, value, meaning=""):
    """One finite number > 0."""
    value = number(name, value)
    if not value > 0:
        raise ValueError(f"{name}{meaning} must be positive, got {value:g}")
    return value


def whole(name, value, minimum=0):
    """A whole number >= minimum; refuse bools (True is not 1 epoch) and floats (2.5 steps)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number >= {minimum}, got {describe(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value}")
    return int(value)


def interval(name, value):
    """A (low, high) pair of finite numbers with low < high."""
    if isinstance(value, (str, bytes)) or np.shape(value) != (2,):
        raise ValueError(f"{name} must be a pair (low, high), got {describe(value)}")
    low, high = (number(f"{name}[{i}]", v) for i, v in enumerate(value))
    if not low < high:
        raise ValueError(f"{name} must go from low to high, got ({low:g}, {high:g}); did you mean ({high:g}, {low:g})?")
    return low, high


def generator(rng):
    """A NumPy random Generator (randomness comes in as an argument, never from a global seed)."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a NumPy Generator, made by np.random.default_rng(seed); got {describe(rng)}")
    return rng


def same_shape(name_a, a, name_b, b):
    """Raise unless ``a`` and ``b`` have exactly the same shape (no broadcasting)."""
    if a.shape == b.shape:
        return
    message = f"{name_a} has shape {a.shape} but {name_b} has shape {b.shape}; they must have the same shape."
    try:
        message += f" (NumPy would silently broadcast them to {np.broadcast_shapes(a.shape, b.shape)}.)"
    except ValueError:
        pass
    if a.size == b.size:
        message += f" Reshape one of them, e.g. {name_b}.reshape({a.shape})."
    raise ValueError(message)


def layer_inputs(X, w, b, names=("X", "w", "b")):
    """Check X, w, b for z = X @ w + b and return them batch-first 2-D, with the shape o has for the caller.

    Accepted forms: w (d_in, d_out) with X (n, d_in) and b a number or (d_out,);
    w (d_in,) with X (n, d_in) and a number b, giving o (n,); a single number w
    with X a number, (n,) or (n, 1) and a number b, giving o shaped like X.
    """
    x_name, w_name, b_name = names
    X, w, b = numbers(x_name, X), numbers(w_name, w), numbers(b_name, b)
    if w.ndim == 0:
        if X.ndim > 2 or X.ndim == 2 and X.shape[1] != 1:
            raise ValueError(f"with a single number {w_name}, {x_name} must be a number, (n,) or (n, 1); got "
                             f"{x_name} of shape {X.shape}. For {X.shape[-1]} inputs give {w_name} one weight "
                             f"per input: shape ({X.shape[-1]},) or ({X.shape[-1]}, 1).")
        _single(b_name, b, f"with a single weight {w_name}")
        return X.reshape(-1, 1), w.reshape(1, 1), b.reshape(1), X.shape
    if w.ndim > 2:
        raise ValueError(f"{w_name} must have shape (d_in, d_out) or (d_in,), got {w.shape}")
    if X.ndim != 2:
        raise ValueError(f"{x_name} must be a batch of shape (n, d_in) when {w_name} has shape {w.shape}; got "
                         f"{x_name} of shape {X.shape}. For a single example use {x_name}.reshape(1, -1).")
    if X.shape[1] != w.shape[0]:
        rows = "the length" if w.ndim == 1 else "the number of rows"
        raise ValueError(f"{x_name} has shape {X.shape} and {w_name} has shape {w.shape}: {x_name} @ {w_name} "
                         f"needs the number of columns of {x_name} ({X.shape[1]}) to equal {rows} of {w_name} "
                         f"({w.shape[0]})")
    if w.ndim == 1:
        _single(b_name, b, f"with {w_name} of shape {w.shape} (one output)")
        return X, w.reshape(-1, 1), b.reshape(1), (X.shape[0],)
    if b.ndim and b.shape != (w.shape[1],):
        raise ValueError(f"{b_name} must be a single number or shape ({w.shape[1]},) to match {w_name} of shape "
                         f"{w.shape}; got {b_name} of shape {b.shape}")
    return X, w, np.broadcast_to(b, (w.shape[1],)), (X.shape[0], w.shape[1])


def _single(name, value, why):
    if value.ndim:
        raise ValueError(f"{why}, {name} must be a single number; got {name} of shape {value.shape}")


def targets(y, o_shape, o_name="o = forward(X, w, b)"):
    """Check the targets y against the outputs' shape (exactly, no broadcasting); return y as (n, d_out)."""
    y = numbers("y", y)
    same_shape(o_name, np.empty(o_shape), "y", y)
    return y.reshape(len(y) if y.ndim else 1, -1)


def given_back(array, like):
    """``array`` in the form the caller used: shaped like ``like`` (a shape, or the array the caller passed).

    A number for a number. A gradient for a number b that was shared by several
    outputs is the sum of the gradients of its copies.
    """
    shape = like if isinstance(like, tuple) else np.shape(like)
    if shape == ():
        return float(np.sum(array))
    return array if array.shape == shape else array.reshape(shape)


def learned_form(given, checked):
    """The form a trained parameter comes back in: the caller's (see given_back), except for a number b
    shared by several outputs, which comes back as one bias per output: in training, each output learns its own."""
    return given if np.size(given) == np.size(checked) else checked.shape


def loss_value(name, value, w):
    """What a loss function ``name`` returned at ``w``, checked to be one finite float64 number."""
    if value is None:
        raise TypeError(f"{name} returned None at w = {np.round(w, 6).tolist()}; it must return the loss, a number "
                        "(is a return statement missing?)")
    if isinstance(value, (bool, np.bool_, str, bytes)) or not isinstance(value, (_numbers.Real, np.ndarray)) \
            or np.ndim(value) != 0:
        raise TypeError(f"{name} must return a single number (the loss), got {describe(value)}")
    if isinstance(value, (np.floating, np.ndarray)) and value.dtype != np.float64:
        raise TypeError(f"{name} returned a {value.dtype} number; a finite difference needs float64 "
                        "(about 16 digits: the difference of two nearby losses keeps only some of them)")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} returned {value} at w = {np.round(w, 6).tolist()}; it must be finite")
    return value


def inside(name, value, range_name, bounds):
    """One finite number within ``bounds`` = (low, high), ends included: a slider's start inside its range."""
    value = number(name, value)
    low, high = bounds
    if not low <= value <= high:
        raise ValueError(f"{name} = {value:g} is outside {range_name} = ({low:g}, {high:g}): a slider over that "
                         f"range could not show it. Choose {name} inside, or widen {range_name}.")
    return value
