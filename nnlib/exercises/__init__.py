"""Self-checked exercises: ``check(id, answer)`` runs your answer on reference cases and says what it found.

Each notebook's exercises live in ``nbNN.py`` beside this file, as a list of
:class:`Exercise`. A learner's answer is a value or a function; a function is
called on every reference case and compared with the reference solution.
"""

import importlib
import pkgutil
import traceback
from dataclasses import dataclass

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


def _show(value):
    if callable(value):
        return f"a function {getattr(value, '__name__', '')}".rstrip()
    if np.ndim(value):
        return np.array2string(np.asarray(value), precision=4, suppress_small=True)
    if isinstance(value, (np.integer, np.floating, np.bool_)):
        value = value.item()  # 0.5, not np.float64(0.5)
    if isinstance(value, float) and len(repr(value)) > 10:
        return f"{value:.6g}"  # 0.185, not 0.18500000000000003; short ones keep their ".0"
    return f"{value!r}"


def _same(got, expected, tolerance):
    try:
        got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == expected.shape and np.allclose(got, expected, rtol=tolerance, atol=tolerance)


def _copies(args):
    return tuple(np.array(a) if isinstance(a, np.ndarray) else a for a in args)


def _first_failure(exercise, answer):
    """None if the answer is right, else a sentence about the first case it gets wrong."""
    if not callable(exercise.reference):
        if callable(answer):
            return "the answer should be a value, not a function: call your function and pass its result"
        if not _same(answer, exercise.reference, exercise.tolerance):
            return f"expected {_show(exercise.reference)}, got {_show(answer)}"
        return None
    if not callable(answer):
        return f"the answer should be a function (def ...), got {_show(answer)}"
    for args in exercise.cases:
        inputs = ", ".join(_show(a) for a in args)
        try:
            got = answer(*_copies(args))  # a learner's in-place update cannot spoil the next case
        except Exception as error:  # a learner's bug is explained, never a bare traceback
            line = traceback.extract_tb(error.__traceback__)[-1]
            return f"for input ({inputs}) your function raised {type(error).__name__}: {error} (at: {line.line})"
        expected = exercise.reference(*_copies(args))
        if not _same(got, expected, exercise.tolerance):
            return f"for input ({inputs}) expected {_show(expected)}, got {_show(got)}"
    return None


def check(exercise_id, answer):
    """Check an answer, print a friendly verdict, and return True if it is right."""
    exercise = _get(exercise_id)
    if answer is None or answer is Ellipsis:
        print(f"{exercise_id}: not answered yet. Replace the None with your answer and run the cell again.")
        return False
    problem = _first_failure(exercise, answer)
    if problem is None:
        cases = f" on all {len(exercise.cases)} cases" if exercise.cases else ""
        print(f"{exercise_id}: correct{cases}. Well done!")
        return True
    print(f"{exercise_id}: not yet: {problem}.\nTry again, or ask for a hint: nnlib.exercises.hint({exercise_id!r})")
    return False


def hint(exercise_id):
    """Print a hint for the exercise."""
    print(f"Hint for {exercise_id}: {_get(exercise_id).hint}")


def solution(exercise_id):
    """Print one possible solution."""
    print(f"One solution to {exercise_id}:\n{_get(exercise_id).solution}")
