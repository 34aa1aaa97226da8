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
into the form the caller used: a number for a number. The formulas behind the
doors hold no guards (``nnlib.formula`` shows them).

The rule: nothing silent, and no warnings. A public function gives back the
right answer, or raises a ValueError or TypeError that names the parameter, the
value it received and what to do instead. Never a warning: in a notebook it
scrolls past, while an error stops the cell where the mistake is. So:

- A bool is not a number. ``True`` where a number or an array of numbers is
  expected is a TypeError everywhere (``sigmoid(True)``, ``w=True``,
  ``epochs=True``, an array of True / False): write 1.0, or ``.astype(float)``.
- A question with a misleading answer is refused with what to ask instead:
  a gradient or a training run toward targets a sigmoid cannot reach (y
  outside [0, 1]; their loss is a true number, and is given), a softmax over
  one output (always 1), rows that are not probabilities where a formula
  relies on them.
- Overflow: every number the series names (z, o, L, a gradient, a weight)
  must fit in a float64. X, w and b so large that z = X @ w + b could pass
  1.8e308 are refused (:func:`z_fits`: past it even o is not to be trusted,
  1e300 * 1e10 - 1e300 * 1e10 gives inf, not 0), in every function that
  computes a z. Inside the sigmoid, e^(-z) for z < -709 overflows harmlessly
  (sigmoid(z) = 0.0 is right): only that is silenced. An answer that would
  still hold inf or nan (a loss, a training run whose weights blow up) is a
  ValueError naming the largest input, or the epoch and eta (:func:`door`).
- A keyword from another course (``lr``, ``bias``, ``weights``, ``epoch``...) is
  a TypeError that gives the series' name (``eta``, ``b``, ``w``, ``epochs``).
"""

import difflib
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
    if isinstance(value, tuple) and hasattr(value, "_fields"):     # a History: name it and its fields
        return f"{a_kind} ({', '.join(value._fields)})"
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


# Names other courses and libraries give the series' parameters: the series' name, then the others.
OTHER_NAMES = {
    "eta": ("lr", "learning_rate", "alpha", "step_size", "rate"),
    "b": ("bias", "biases", "intercept"),
    "w": ("weights", "weight", "W", "theta"),
    "epochs": ("epoch", "n_epochs", "num_epochs", "iterations", "n_iter", "max_iter", "steps"),
    "steps": ("epochs", "n_steps", "iterations", "n_iter"),
    "batch_size": ("batch", "batchsize", "mini_batch_size", "minibatch_size"),
    "X": ("x", "inputs", "features"),
    "y": ("Y", "targets", "target", "labels"),
    "labels": ("y", "targets", "target", "classes"),
    "rng": ("seed", "random_state", "random_seed"),
}


def door(function):
    """Make ``function`` a public door: keywords of other courses named, overflow handled by the rule above.

    Inside, NumPy's overflow and invalid-value warnings are silenced; what comes
    back is then checked to be finite, so an overflow that matters is an error,
    and one that leaves the answer right (sigmoid of a huge z) is nothing at all.
    """
    signature = inspect.signature(function)
    parameters = signature.parameters

    @functools.wraps(function)
    def _door(*args, **kwargs):          # private, so a trace of calls (nnlib.exercises) names the door, not this
        for keyword, value in kwargs.items():
            if keyword not in parameters:
                _unknown_keyword(function.__name__, keyword, value, parameters)
        with np.errstate(over="ignore", invalid="ignore"):
            result = function(*args, **kwargs)
        if not all(np.isfinite(array).all() for array in _arrays_in(_last(result))):
            given = signature.bind(*args, **kwargs)
            given.apply_defaults()
            _overflowed(function.__name__, result, given.arguments)
        return result
    return _door


def _unknown_keyword(function, keyword, value, parameters):
    ours = [name for name, others in OTHER_NAMES.items() if keyword in others and name in parameters]
    close = difflib.get_close_matches(keyword, parameters, n=1)
    hint = (f"the series calls it {ours[0]}: write {ours[0]}=..." if ours else f"did you mean {close[0]}?" if close
            else f"its parameters are {', '.join(parameters)}")
    raise TypeError(f"{function}() has no parameter {keyword} (got {keyword}={describe(value)}); {hint}")


def _last(result):
    """What to check of a result: a History's last weights and every loss (an inf or a nan, once in the weights,
    stays there to the end), else the whole result."""
    return (result.ws[-1], result.bs[-1], result.losses) if hasattr(result, "losses") else result


def _arrays_in(value):
    """Every float array in ``value``: a number, an array, or lists and tuples (a History, layers) of them."""
    if isinstance(value, (list, tuple)):
        return [array for item in value for array in _arrays_in(item)]
    if isinstance(value, (float, np.floating)) or isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return [np.asarray(value)]
    return []


def _overflowed(function, result, arguments):
    """Raise the ValueError for an answer with inf or nan in it: the epoch and eta of a training run, else the
    largest input."""
    limit = "went past 1.8e308, the largest number a float64 holds"
    if hasattr(result, "losses") and "eta" in arguments:   # a History: the first epoch that overflowed
        epoch = next(t for t, step in enumerate(zip(*result))
                     if not all(np.isfinite(array).all() for array in _arrays_in(step)))
        raise ValueError(f"{function} overflowed at epoch {epoch}: the weights or the loss {limit}. "
                         f"eta = {arguments['eta']:g} is too large for these inputs: try a smaller eta")
    sizes = {}
    for name, value in arguments.items():
        try:
            sizes[name] = float(np.max(np.abs(np.asarray(value, dtype=float))))
        except (TypeError, ValueError):                    # layers, a function, an rng: no single array
            pass
    largest = max(sizes, key=sizes.get, default=None)
    raise ValueError(f"{function} overflowed: a number on the way {limit}, so there is no finite answer. "
                     + (f"The largest input is {largest}, up to {sizes[largest]:.3g}: scale it down." if largest
                        else "Scale the inputs down."))


def numbers(name, value):
    """``value`` as a float64 array of any shape; refuse text, bools, empty arrays, nan and inf."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):   # a History where one of its arrays belongs
        which = f"{type(value).__name__.lower()}.{name}" if name in value._fields else f"one of its {value._fields}"
        raise TypeError(f"{name} must be an array of numbers, got {describe(value)}: pass {which}")
    try:
        array = np.asarray(value)
    except ValueError:  # ragged nested lists, e.g. [[1, 2], [3]]
        raise ValueError(f"{name} must be a rectangular array of numbers, got {describe(value)}") from None
    if array.dtype.kind == "b":         # True is not 1.0 here: the rule of the module docstring
        raise TypeError(f"{name} must contain numbers, not True / False; got {describe(value)}. Write 1.0 and 0.0, "
                        f"or {name}.astype(float)")
    if array.dtype.kind not in "iuf":   # signed and unsigned int, float: not text, objects, complex
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
            or np.ndim(value) != 0 or np.asarray(value).dtype.kind == "b":
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
    if low == high:
        raise ValueError(f"{name} must go from low to high, got ({low:g}, {high:g}): a range of width 0")
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
    X, w, b, o_shape = _layer_forms(X, w, b, names)
    z_fits(X, w, b, names)
    return X, w, b, o_shape


def z_fits(X, w, b, names=("X", "w", "b")):
    """Refuse X, w, b (batch-first 2-D) so large that z = X @ w + b could pass 1.8e308, float64's largest.

    Past it, z, its sigmoid and its slope can no longer be trusted: 1e300 * 1e10 - 1e300 * 1e10
    gives inf or nan, not 0. Every |z| is at most |X| @ |w| + |b|, so that bound decides.
    """
    with np.errstate(over="ignore"):
        bound = np.abs(X) @ np.abs(w) + np.abs(b)
    if not np.isfinite(bound).all():
        x_name, w_name, b_name = names
        raise ValueError(f"z = {x_name} @ {w_name} + {b_name} could pass 1.8e308, the largest number a float64 "
                         f"holds: {x_name} goes up to {np.abs(X).max():.3g}, {w_name} up to {np.abs(w).max():.3g} "
                         f"and {b_name} up to {np.abs(b).max():.3g}. Scale the inputs down")


def _layer_forms(X, w, b, names):
    """layer_inputs without the size check: the forms a learner may pass, turned batch-first 2-D."""
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
                         f"{x_name} of shape {X.shape}.{_batch_hint(x_name, X, w.shape[0])}")
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


def _batch_hint(x_name, X, d_in):
    """How to make a 1-D X a batch for d_in inputs, if one way fits."""
    if X.ndim == 1 and d_in == 1:
        return f" For {len(X)} examples of one input each: {x_name}.reshape(-1, 1)."
    if X.ndim == 1 and len(X) == d_in:
        return f" For one example of {d_in} inputs: {x_name}.reshape(1, -1)."
    return ""


def _single(name, value, why):
    if value.ndim:
        raise ValueError(f"{why}, {name} must be a single number; got {name} of shape {value.shape}")


def targets(y, o_shape, o_name="o = forward(X, w, b)"):
    """Check the targets y against the outputs' shape (exactly, no broadcasting); return y as (n, d_out)."""
    y = numbers("y", y)
    same_shape(o_name, np.empty(o_shape), "y", y)
    return y.reshape(len(y) if y.ndim else 1, -1)


def reachable(y):
    """Refuse targets a sigmoid (or softmax) output cannot reach, outside [0, 1], where a gradient chases them.

    A loss of such targets is a true number and is given (notebook 04's noisy
    targets); a gradient or a training run toward them would mislead.
    """
    outside = np.flatnonzero((y < 0) | (y > 1))
    if outside.size:
        where = np.unravel_index(outside[0], y.shape)
        raise ValueError(f"y must be between 0 and 1 to learn from: the outputs are sigmoids, which never leave "
                         f"(0, 1), so a target of {y[where]:g} (y at index {tuple(int(i) for i in where)}) is out "
                         f"of reach, and gradient descent would chase it with ever larger weights. Scale the "
                         f"targets into [0, 1] (y / y.max(); (y + 1) / 2 for labels -1 and 1; np.clip(y, 0, 1) "
                         f"for noise that crossed 0 or 1)")
    return y


def probabilities(name, rows, why):
    """Check that each row of ``rows`` (n, classes) is a probability distribution: >= 0 and summing to 1."""
    sums = rows.sum(axis=1)
    bad = np.flatnonzero((rows.min(axis=1) < 0) | ~np.isclose(sums, 1.0))
    if bad.size:
        row = bad[0]
        raise ValueError(f"each row of {name} must be probabilities, >= 0 and summing to 1 ({why}); row {row} of "
                         f"{name} is {np.round(rows[row], 3).tolist()}, summing to {sums[row]:.3g}")


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
