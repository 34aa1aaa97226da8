"""Self-checked exercises: ``check(id, answer)`` runs your answer on reference cases and says what it found.

Each notebook's exercises live in ``nbNN.py`` beside this file, as a list of
:class:`Exercise`. A learner's answer is a value or a function; a function is
called on every reference case and compared with the reference solution.

A wrong answer is told *what* is wrong (the shape, the sign, too large or too
small, the case that failed and its inputs), never the right answer:
``solution(id)`` shows that, when the learner asks for it.
"""

import dis
import importlib
import inspect
import pkgutil
import sysconfig
import traceback
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["Exercise", "ids", "check", "hint", "solution"]


@dataclass(frozen=True)
class Exercise:
    """One exercise: the question, a right answer, a typical wrong one, and how to compare them."""

    id: str                  # "NN.short-name", NN the notebook
    question: str
    hint: str
    solution: str            # code a learner could have written
    reference: object        # the right answer: a value, or a function called on each case
    wrong: object            # a typical mistake; the test suite checks that it is rejected
    cases: tuple = ()        # argument tuples, when the answer is a function
    tolerance: float = 1e-6
    mistake: str = ""        # names the typical mistake to a learner whose answer matches `wrong`


def _all():
    found = {}
    for module in pkgutil.iter_modules(__path__):
        for exercise in importlib.import_module(f"{__name__}.{module.name}").EXERCISES:
            found[exercise.id] = exercise
    return found


def _get(exercise_id):
    exercises = _all()
    if exercise_id not in exercises:
        close = [i for i in exercises if i.split(".")[0] == str(exercise_id).split(".")[0]]
        raise ValueError(f"no exercise {exercise_id!r}; this notebook's are {close or sorted(exercises)}")
    return exercises[exercise_id]


def ids():
    """Every exercise id, in notebook order."""
    return sorted(_all())


# ---- showing a learner's values (never the reference's) ------------------------------------------

def _show(value, prefix=""):
    """A value as a learner would write it; `prefix` is the text before it, so array rows line up."""
    if callable(value):
        return f"a function {getattr(value, '__name__', '')}".rstrip()
    if isinstance(value, tuple) and all(isinstance(v, (int, np.integer)) for v in value):
        return repr(tuple(int(v) for v in value))  # a shape stays a shape: (3, 2), not [3 2]
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()  # 0.0, not array(0.)
    if np.ndim(value):
        return np.array2string(np.asarray(value), precision=4, suppress_small=True, prefix=prefix)
    if isinstance(value, (np.integer, np.floating, np.bool_)):
        value = value.item()  # 0.5, not np.float64(0.5)
    if isinstance(value, float) and len(repr(value)) > 10:
        return f"{value:.6g}"  # 0.185, not 0.18500000000000003; short ones keep their ".0"
    return f"{value!r}"


def _numbers(value):
    """The value as a float array, or None if it is not made of numbers (text, None, a ragged list...)."""
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        return None
    return array.astype(float) if array.dtype.kind in "biuf" else None  # bool, int, unsigned, float


def _kind(value):
    """What sort of thing a value is, by its shape alone: "a single number", "a list of 4 numbers"..."""
    array = _numbers(value)
    if array is None and isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} with something other than numbers in it"
    if array is None:
        return "None" if value is None else "text (a str)" if isinstance(value, str) else f"a {type(value).__name__}"
    if array.ndim == 0:
        return "a single number"
    if isinstance(value, (list, tuple)) and array.ndim == 1:
        name = type(value).__name__
        return f"an empty {name}" if not len(value) else f"a {name} of {len(value)} number{'s' * (len(value) > 1)}"
    return f"an array of shape {array.shape}"


def _same(got, expected, tolerance):
    got, expected = _numbers(got), _numbers(expected)
    if got is None or expected is None:
        return False
    return got.shape == expected.shape and np.allclose(got, expected, rtol=tolerance, atol=tolerance)


# ---- what is wrong with an answer, in words that never show the reference ---------------------

def _size_problem(got, expected):
    """One wrong number: its sign, or too large / too small. Says nothing a learner could copy."""
    if got * expected < 0:
        return "has the wrong sign"
    if expected < 0 and got < 0:  # "too small" would be ambiguous: talk about the distance from zero
        words = "is too far from zero" if got < expected else "is too close to zero"
    else:
        words = "is too large" if got > expected else "is too small"
    if expected != 0 and not 0.1 < got / expected < 10:  # a factor of ten or more
        words = words.replace("is too", "is far too")
    elif abs(got - expected) <= 0.01 * abs(expected):  # within 1 %: a rounded answer, most likely
        words += ", though very close: did you round? Let Python compute it, without rounding"
    return words


def _array_problem(got, expected, tolerance):
    """Arrays of the right shape: a pattern if there is one, else how many numbers are wrong."""
    if np.isnan(got).any():
        return "contains nan (not a number): look for 0 / 0 or inf - inf"
    if np.allclose(got, -expected, rtol=tolerance, atol=tolerance):
        return "has the right shape, but every sign is wrong"
    if not got.any():
        return "has the right shape, but every number is 0"
    ratio = got[expected != 0] / expected[expected != 0]
    if (ratio.size >= 3 and np.allclose(ratio, ratio[0], rtol=1e-9) and np.all(got[expected == 0] == 0)
            and not np.isclose(abs(ratio[0]), 1)):  # 3 numbers or more: 2 can be in proportion by chance
        return "is off by the same factor in every number: is a constant missing or extra (a 2? a division by n?)"
    wrong = int(np.sum(~np.isclose(got, expected, rtol=tolerance, atol=tolerance)))
    if set(np.unique(expected)) <= {0.0, 1.0}:  # 0s and 1s: a count of wrong ones would give the answer away
        return "has the right shape, but not every number is right"
    return f"has the right shape, but {wrong} of {expected.size} numbers are wrong"


def _shape_problem(got, numbers, expected, reference, tolerance):
    """got has another shape than the reference: say which shapes, and spot a transposed answer."""
    if numbers.shape == reference.shape[::-1] and np.allclose(numbers.T, reference, rtol=tolerance, atol=tolerance):
        return f"is {_kind(got)}: the right numbers, but rows and columns swapped (transposed)"
    if reference.size == 0:  # "the exercise wants an empty tuple" would be the whole answer
        return f"is {_kind(got)}, which is not the length the exercise wants"
    return f"is {_kind(got)}, but the exercise wants {_kind(expected)}"


def _problem(got, expected, tolerance):
    """None if got is right, else a predicate about got ("is too large", "has the wrong sign"...)."""
    if callable(got):
        return "is a function, but the exercise wants a value: call your function and pass its result"
    numbers, reference = _numbers(got), _numbers(expected)
    if numbers is None:
        return f"is {_kind(got)}, not a number" if reference.ndim == 0 else \
            f"is {_kind(got)}, but the exercise wants {_kind(expected)}"
    if numbers.shape != reference.shape:
        return _shape_problem(got, numbers, expected, reference, tolerance)
    if np.allclose(numbers, reference, rtol=tolerance, atol=tolerance):
        return None
    if numbers.size == 1:
        value = numbers.item()
        return _size_problem(value, reference.item()) if np.isfinite(value) else \
            "is not a finite number: look for 0 / 0 or an overflow"
    problem = _array_problem(numbers, reference, tolerance)
    return problem.replace("shape", "length") if isinstance(got, (list, tuple)) else problem


# ---- a learner's function: unanswered, the wrong number of arguments, an error in their code ------

_EMPTY_BODY = {"RESUME", "NOP", "LOAD_CONST", "RETURN_VALUE", "RETURN_CONST"}


def _is_skeleton(function):
    """True for a def whose body does nothing: ..., pass or return None (a cell not filled in yet)."""
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    for instruction in dis.get_instructions(code):
        if instruction.opname not in _EMPTY_BODY:
            return False
        if instruction.opname in ("LOAD_CONST", "RETURN_CONST") and instruction.argval not in (None, Ellipsis):
            return False
    return True


def _arity_problem(exercise, answer):
    """A sentence if the learner's function cannot take the exercise's arguments, else None."""
    args = exercise.cases[0]
    try:
        signature = inspect.signature(answer)
        signature.bind(*args)
        return None
    except ValueError:  # some built-ins have no signature: let the call itself tell
        return None
    except TypeError:
        pass
    theirs = [p.name for p in signature.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    wanted = ", ".join(_argument_names(exercise))
    name = getattr(answer, "__name__", "")
    fix = f".\nChange its first line to: def {name}({wanted}):" if name.isidentifier() else "."
    return (f"your function takes {len(theirs)} argument{'s' * (len(theirs) != 1)} ({', '.join(theirs)}) "
            f"but the exercise calls it with {len(args)}: ({wanted}){fix}")


_NOT_THE_LEARNERS = tuple(str(Path(p).resolve()) for p in (
    Path(__file__).parents[1],  # nnlib itself
    *{sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")},  # Python, NumPy...
))


def _learners_line(error):
    """ "in f, line 3: return X * v" for the deepest traceback frame in the learner's code, or ""."""
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if not str(Path(f.filename).resolve()).startswith(_NOT_THE_LEARNERS)]
    if not frames:
        return ""
    frame = frames[-1]
    return f"\n    in {frame.name}, line {frame.lineno}" + (f": {frame.line}" if frame.line else "")


def _argument_names(exercise):
    """The names a learner's function should have for its arguments: the reference's, one per argument."""
    count = len(exercise.cases[0])
    names = [p.name for p in inspect.signature(exercise.reference).parameters.values()
             if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)][:count]
    return names + [f"argument_{i}" for i in range(len(names) + 1, count + 1)]


def _inputs(exercise, args):
    names = _argument_names(exercise)
    return "\n".join(f"    {name} = {_show(value, prefix=f'    {name} = ')}" for name, value in zip(names, args))


def _copies(args):
    return tuple(np.array(a) if isinstance(a, np.ndarray) else a for a in args)


def _function_failure(exercise, answer):
    """None if the function is right on every case, else a paragraph about the first case it gets wrong."""
    for number, args in enumerate(exercise.cases, 1):
        where = f"for the input (case {number} of {len(exercise.cases)})\n{_inputs(exercise, args)}\nyour function"
        try:
            got = answer(*_copies(args))  # a learner's in-place update cannot spoil the next case
        except Exception as error:  # a learner's bug is explained, never a bare traceback
            return f"{where} raised {type(error).__name__}: {error}{_learners_line(error)}"
        expected = exercise.reference(*_copies(args))
        if got is None:
            return f"{where} returned None: is a `return` missing?"
        problem = _problem(got, expected, exercise.tolerance)
        if problem is not None:
            shown = _show(got, prefix="    ")
            shown = f"\n    {shown}\nwhich" if "\n" in shown else f" {shown}, which"
            return f"{where} returned{shown} {problem}.{_mistake(exercise, got, args)}"
    return None


def _mistake(exercise, answer, args=None):
    """A sentence naming the typical mistake if the answer (or the function's result on args) is it, else ""."""
    if not exercise.mistake:
        return ""
    try:
        wrong = exercise.wrong(*_copies(args)) if args is not None else exercise.wrong
    except Exception:  # the typical mistake may fail on a case where the learner's function does not
        return ""
    if not _same(answer, wrong, exercise.tolerance):
        return ""
    return f"\nThat looks like a common mistake: {exercise.mistake}{'' if exercise.mistake.endswith('?') else '.'}"


def _failure(exercise, answer):
    """None if the answer is right, else what is wrong with it."""
    if not callable(exercise.reference):
        problem = _problem(answer, exercise.reference, exercise.tolerance)
        if problem is None:
            return None
        scalar = _numbers(answer) is not None and np.ndim(answer) == 0 and not callable(answer)
        shown = f"your answer {_show(answer)}" if scalar else "your answer"
        return f"{shown} {problem}.{_mistake(exercise, answer)}"
    if not callable(answer):
        return (f"the answer should be a function, but it is {_kind(answer)}: "
                "pass the function itself, its name without ( )")
    return _arity_problem(exercise, answer) or _function_failure(exercise, answer)


def check(exercise_id, answer):
    """Check an answer, print a friendly verdict, and return True if it is right."""
    exercise = _get(exercise_id)
    if answer is None or answer is Ellipsis or (callable(answer) and _is_skeleton(answer)):
        todo = "fill in your function" if exercise.cases else "replace None with your answer"
        print(f"{exercise_id}: not answered yet: {todo} and run the cell again.")
        return False
    problem = _failure(exercise, answer)
    if problem is None:
        cases = f" on all {len(exercise.cases)} cases" if exercise.cases else ""
        print(f"{exercise_id}: correct{cases}. Well done!")
        return True
    print(f"{exercise_id}: not yet: {problem}\nTry again, or ask for a hint: nnlib.exercises.hint({exercise_id!r})")
    return False


def hint(exercise_id):
    """Print a hint for the exercise."""
    print(f"Hint for {exercise_id}: {_get(exercise_id).hint}")


def solution(exercise_id):
    """Print one possible solution."""
    print(f"One solution to {exercise_id}:\n{_get(exercise_id).solution}")
