"""Self-checked exercises: ``check(id, answer)`` runs your answer on reference cases and says what it found.

Each notebook's exercises live in ``nbNN.py`` beside this file, as a list of
:class:`Exercise`. A learner's answer is a value or a function; a function is
called on every reference case and compared with the reference solution.

A wrong answer is never told the right answer (``solution(id)`` shows that, when
the learner asks for it), and it is told only what its exercise allows
(``Exercise.tells``): an exercise that asks for a sign, a direction or a choice
among a few options tells a wrong try only that it is not right yet, since the
fix is the question. Elsewhere a message may say what is wrong with the form of
the answer (the shape, the length, numbers in another order, the case that
failed and its inputs), whether a number is too large or too small, whether its
sign is wrong, and name a typical mistake.

A :class:`Prediction` is not an exercise: the learner writes a guess before a
cell runs, and ``check(id, guess, measured)`` sets the guess beside what the
notebook measured, whatever it was, without calling it wrong.
"""

import difflib
import dis
import importlib
import inspect
import pkgutil
import sys
import sysconfig
import traceback
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["Exercise", "Prediction", "ids", "prediction_ids", "check", "hint", "solution"]

# What a wrong try may be told, besides "not right yet":
#   "form"     the shape or length of the answer, its rows and columns swapped, the case that failed and its inputs
#   "which"    which numbers of an answer of the right shape are wrong: how many, all 0, the right ones in another order
#   "size"     too large, too small, off by a constant factor, rounded
#   "sign"     the wrong sign
#   "mistake"  the name of the typical mistake, when the answer is that mistake
# Whether an answer is a number at all, a function or a value, text or None is always said: it does not depend on
# the right answer.
TELLS = ("form", "which", "size", "sign", "mistake")


@dataclass(frozen=True)
class Exercise:
    """One exercise: the question, a right answer, a typical wrong one, and how to compare them."""

    id: str                  # "NN.short-name", NN the notebook
    question: str
    hint: str                # points at the idea, never at the code
    solution: str            # code a learner could have written
    reference: object        # the right answer: a value, or a function called on each case
    wrong: object            # a typical mistake; the test suite checks that it is rejected
    cases: tuple = ()        # argument tuples, when the answer is a function
    tolerance: float = 1e-6
    mistake: str = ""        # names the typical mistake to a learner whose answer matches `wrong`
    tells: tuple = TELLS     # what a wrong try may be told (above); () or ("form",) for a sign, a direction, a choice
    options: tuple = ()      # a choice's options as the question states them (each number of the answer is one)
    no_nnlib: bool = False   # the question asks for NumPy alone: a function that calls nnlib is refused

    def __post_init__(self):
        unknown = set(self.tells) - set(TELLS)
        if unknown:
            raise ValueError(f"{self.id}: tells may hold {TELLS}, got {sorted(unknown)}")
        if self.mistake and "mistake" not in self.tells:
            raise ValueError(f"{self.id}: a mistake is named only where tells allows it")


@dataclass(frozen=True)
class Prediction:
    """A guess written before a key output: check(id, guess, measured) compares, and never calls it wrong."""

    id: str                  # "NN.predict-short-name"
    question: str
    options: tuple = ()      # the answers to choose from, as the question states them; () for a number
    tolerance: float = 0.1   # a number within this fraction of the measured one is "close"


def _found(kind):
    found = {}
    for module in pkgutil.iter_modules(__path__):
        for item in getattr(importlib.import_module(f"{__name__}.{module.name}"), kind, ()):
            found[item.id] = item
    return found


def _all():
    return _found("EXERCISES")


def _predictions():
    return _found("PREDICTIONS")


def _normal(exercise_id):
    """ "4.loss-by-hand" is "04.loss-by-hand": the notebook's number as the file names write it."""
    number, dot, name = str(exercise_id).partition(".")
    return f"{int(number):02d}.{name}" if dot and number.isdigit() else str(exercise_id)


def _get(exercise_id, known=None):
    known = _all() if known is None else known
    wanted = _normal(exercise_id)
    if wanted in known:
        return known[wanted]
    notebook = wanted.split(".")[0]
    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    mine = sorted(i for i in known if i.split(".")[0] == notebook)
    if close:
        where = f"did you mean {' or '.join(repr(i) for i in close)}?"
    elif mine:
        where = f"notebook {notebook}'s are {mine}"
    else:
        where = f"ids look like {sorted(known)[0]!r}: the notebook's number, a dot and a name (nnlib.exercises.ids())"
    raise ValueError(f"no exercise {exercise_id!r}; {where}")


def ids():
    """Every exercise id, in notebook order."""
    return sorted(_all())


def prediction_ids():
    """Every prediction id, in notebook order."""
    return sorted(_predictions())


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
    if np.iscomplexobj(value) and not isinstance(value, (str, bytes)):
        return "a complex number (it has an imaginary part j)" if np.ndim(value) == 0 else \
            "made of complex numbers (with an imaginary part j)"
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
# Each returns (what, words): `what` is one of TELLS, or "kind" (what sort of thing the answer is, which does not
# depend on the right answer and is always said), and `words` a predicate about the answer ("is too large").

def _size_problem(got, expected):
    """One wrong number: its sign, or too large / too small. Says nothing a learner could copy."""
    if got * expected < 0:
        return "sign", "has the wrong sign"
    if expected < 0 and got < 0:  # "too small" would be ambiguous: talk about the distance from zero
        words = "is too far from zero" if got < expected else "is too close to zero"
    else:
        words = "is too large" if got > expected else "is too small"
    if expected != 0 and not 0.1 < got / expected < 10:  # a factor of ten or more
        words = words.replace("is too", "is far too")
    elif abs(got - expected) <= 0.01 * abs(expected):  # within 1 %: a rounded answer, most likely
        words += ", though very close: did you round? Let Python compute it, without rounding"
    return "size", words


def _array_problem(got, expected, tolerance):
    """Arrays of the right shape: a pattern if there is one, else how many numbers are wrong."""
    if np.isnan(got).any():
        return "kind", "contains nan (not a number): look for 0 / 0 or inf - inf"
    if np.allclose(got, -expected, rtol=tolerance, atol=tolerance):
        return "sign", "has the right shape, but every sign is wrong"
    if not got.any():
        return "which", "has the right shape, but every number is 0"
    ratio = got[expected != 0] / expected[expected != 0]
    if (ratio.size >= 3 and np.allclose(ratio, ratio[0], rtol=1e-9) and np.all(got[expected == 0] == 0)
            and not np.isclose(abs(ratio[0]), 1)):  # 3 numbers or more: 2 can be in proportion by chance
        return "size", "is off by the same factor in every number: is a constant missing or extra (a 2? a division by n?)"
    if got.ndim == 1 and np.allclose(np.sort(got), np.sort(expected), rtol=tolerance, atol=tolerance):
        return "which", "holds the right numbers, but in another order"
    wrong = int(np.sum(~np.isclose(got, expected, rtol=tolerance, atol=tolerance)))
    if set(np.unique(expected)) <= {0.0, 1.0}:  # 0s and 1s: a count of wrong ones would give the answer away
        return "which", "has the right shape, but not every number is right"
    return "which", f"has the right shape, but {wrong} of {expected.size} numbers are wrong"


def _shape_problem(got, numbers, expected, reference, tolerance):
    """got has another shape than the reference: say which shapes, and spot a transposed answer."""
    if numbers.shape == reference.shape[::-1] and np.allclose(numbers.T, reference, rtol=tolerance, atol=tolerance):
        return "form", f"is {_kind(got)}: the right numbers, but rows and columns swapped (transposed)"
    if reference.size == 0:  # "the exercise wants an empty tuple" would be the whole answer
        return "form", f"is {_kind(got)}, which is not the length the exercise wants"
    return "form", f"is {_kind(got)}, but the exercise wants {_kind(expected)}"


def _problem(got, expected, tolerance):
    """None if got is right, else (what, words): see above."""
    if callable(got):
        return "kind", "is a function, but the exercise wants a value: call your function and pass its result"
    if np.iscomplexobj(got) and not isinstance(got, (str, bytes)):
        return "kind", f"is {_kind(got)}: the exercise wants real numbers"
    numbers, reference = _numbers(got), _numbers(expected)
    if numbers is None:
        return "kind", (f"is {_kind(got)}, not a number" if reference.ndim == 0 else
                        f"is {_kind(got)}, but the exercise wants numbers")
    if numbers.shape != reference.shape:
        return _shape_problem(got, numbers, expected, reference, tolerance)
    if np.allclose(numbers, reference, rtol=tolerance, atol=tolerance):
        return None
    if numbers.size == 1:
        value = numbers.item()
        return _size_problem(value, reference.item()) if np.isfinite(value) else \
            ("kind", "is not a finite number: look for 0 / 0 or an overflow")
    what, words = _array_problem(numbers, reference, tolerance)
    return what, words.replace("shape", "length") if isinstance(got, (list, tuple)) else words


def _told(exercise, problem):
    """The words a wrong try is told: the problem if the exercise allows that kind of news, else "not right yet"."""
    what, words = problem
    return words if what == "kind" or what in exercise.tells else "is not right yet"

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
            got, called = _calls_to_nnlib(answer, _copies(args))  # copies: an in-place update spoils no next case
        except Exception as error:  # a learner's bug is explained, never a bare traceback
            return f"{where} raised {type(error).__name__}: {error}{_learners_line(error)}"
        if exercise.no_nnlib and called:
            return (f"your function calls {called}: this exercise asks you to write it yourself, with NumPy "
                    "alone (nnlib's version is the answer you are writing)")
        expected = exercise.reference(*_copies(args))
        if got is None:
            return f"{where} returned None: is a `return` missing?"
        problem = _problem(got, expected, exercise.tolerance)
        if problem is not None:
            if problem[0] != "kind" and "form" not in exercise.tells:  # the case and its inputs are form
                return "your function is not right yet on every case."
            shown = _show(got, prefix="    ")
            shown = f"\n    {shown}\nwhich" if "\n" in shown else f" {shown}, which"
            return f"{where} returned{shown} {_told(exercise, problem)}.{_mistake(exercise, got, args)}"
    return None


def _calls_to_nnlib(function, args):
    """function(*args), and the first nnlib function (outside the exercises) it called, e.g. "nnlib.forward", or ""."""
    called = []

    def watch(frame, event, _arg):
        module = frame.f_globals.get("__name__", "")
        if event == "call" and not called and module.partition(".")[0] == "nnlib" \
                and not module.startswith(__name__) and not frame.f_code.co_name.startswith("_"):
            called.append(f"nnlib.{frame.f_code.co_name}")

    previous = sys.getprofile()
    sys.setprofile(watch)
    try:
        return function(*args), "".join(called)
    finally:
        sys.setprofile(previous)


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


def _nnlibs_own(answer):
    """True for one of nnlib's functions passed as an answer (the exercises' own references aside)."""
    module = getattr(answer, "__module__", None) or ""
    return module.partition(".")[0] == "nnlib" and not module.startswith(__name__)


def _failure(exercise, answer):
    """None if the answer is right, else what is wrong with it."""
    if not callable(exercise.reference):
        problem = _problem(answer, exercise.reference, exercise.tolerance)
        if problem is None:
            return None
        scalar = _numbers(answer) is not None and np.ndim(answer) == 0 and not callable(answer)
        shown = f"your answer {_show(answer)}" if scalar else "your answer"
        return f"{shown} {_told(exercise, problem)}.{_mistake(exercise, answer)}"
    if not callable(answer):
        return (f"the answer should be a function, but it is {_kind(answer)}: "
                "pass the function itself, its name without ( )")
    if _nnlibs_own(answer):
        return (f"that is nnlib's own {getattr(answer, '__name__', 'function')}: this exercise asks you to write "
                "the function yourself")
    return _arity_problem(exercise, answer) or _function_failure(exercise, answer)


def check(exercise_id, answer, measured=None):
    """Check an answer, print a friendly verdict, and return True if it is right.

    For a prediction (ids "NN.predict-..."), ``answer`` is the learner's guess and ``measured`` what the
    notebook measured: the two are set side by side, and no guess is called wrong.
    """
    predictions = _predictions()
    if _normal(exercise_id) in predictions:
        return _compare(predictions[_normal(exercise_id)], answer, measured)
    exercise = _get(exercise_id, {**_all(), **predictions})
    exercise_id = exercise.id
    if measured is not None:
        raise TypeError(f"{exercise_id} is an exercise, not a prediction: call check({exercise_id!r}, answer)")
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


# ---- predictions: a guess set beside what the notebook measured --------------------------------------

def _compare(prediction, guess, measured):
    """Print the guess beside the measured value; True if they agree (a choice) or are close (a number)."""
    name = prediction.id
    if measured is None:
        raise TypeError(f"check({name!r}, guess, measured): pass what the notebook measured as the third argument")
    if guess is None or guess is Ellipsis:
        print(f"{name}: no prediction written. The notebook measured {_show(measured)}.\n"
              "Next time, write your guess first: a guess on record shows you what you expected.")
        return False
    if prediction.options:
        return _compare_choice(prediction, guess, measured)
    number = _numbers(guess)
    if number is None or number.ndim:
        print(f"{name}: your prediction is {_kind(guess)}; this one is a single number. "
              f"The notebook measured {_show(measured)}.")
        return False
    guess, measured = float(number), float(measured)
    close = abs(guess - measured) <= prediction.tolerance * abs(measured)
    how = "close" if close else "above it" if guess > measured else "below it"
    print(f"{name}: you predicted {_show(guess)}; the notebook measured {_show(measured)}: your guess is {how}.")
    return close


def _compare_choice(prediction, guess, measured):
    name, options = prediction.id, prediction.options
    if not any(_agree(guess, option) for option in options):
        print(f"{name}: your prediction {_show(guess)} is not one of {', '.join(_show(o) for o in options)}. "
              f"The notebook measured {_show(measured)}.")
        return False
    if _agree(guess, measured):
        print(f"{name}: you predicted {_show(guess)}, and so it is.")
        return True
    print(f"{name}: you predicted {_show(guess)}; it is {_show(measured)}. The next cells show why.")
    return False


def _agree(a, b):
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a.strip().lower() == b.strip().lower()
    return _same(a, b, 1e-9)


def hint(exercise_id):
    """Print a hint for the exercise."""
    exercise = _get(exercise_id)
    print(f"Hint for {exercise.id}: {exercise.hint}")


def solution(exercise_id):
    """Print one possible solution."""
    exercise = _get(exercise_id)
    print(f"One solution to {exercise.id}:\n{exercise.solution}")
