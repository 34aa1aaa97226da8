import contextlib
import inspect
import io
import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest

import nnlib
from nnlib import exercises

ALL = exercises.ids()
FUNCTIONS = [i for i in ALL if callable(exercises._get(i).reference)]


def _message(exercise_id, answer):
    """What check() prints for an answer; the answer must be rejected."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert exercises.check(exercise_id, answer) is False
    return out.getvalue()


def test_there_are_exercises_for_the_notebooks():
    assert len(ALL) == len(set(ALL)) >= 3
    assert all(i[:2].isdigit() and i[2] == "." for i in ALL)


@pytest.mark.parametrize("exercise_id", ALL)
def test_right_answer_is_accepted(exercise_id, capsys):
    exercise = exercises._get(exercise_id)
    assert exercises.check(exercise_id, exercise.reference) is True
    assert "correct" in capsys.readouterr().out


@pytest.mark.parametrize("exercise_id", ALL)
def test_typical_wrong_answer_is_rejected_and_named(exercise_id):
    exercise = exercises._get(exercise_id)
    out = _message(exercise_id, exercise.wrong)
    assert "not yet" in out and "hint(" in out
    if exercise.cases:
        assert "for the input (case" in out, "a function's message names the case that failed"
    if exercise.mistake:
        assert exercise.mistake in out, "the typical mistake is recognised and named"


def test_most_exercises_that_may_name_a_mistake_do():
    allowed = [i for i in ALL if "mistake" in exercises._get(i).tells]
    assert sum(bool(exercises._get(i).mistake) for i in allowed) >= len(allowed) - 2


# ---- a wrong answer never shows the reference answer ---------------------------------------------

def _forms(value):
    """The ways a message could spell a reference value: the checker's own, repr, str, rounded forms."""
    forms = {exercises._show(value), repr(value), str(value)}
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        x = float(array)
        forms |= {repr(x), f"{x:.6g}", f"{x:.4g}", f"{x:.3g}"}
        if x == int(x):
            forms.add(str(int(x)))
    else:
        forms |= {repr(array), str(array), str(array.tolist()), np.array2string(array, precision=4)}
        if array.size == 0:
            forms |= {"()", "[]", "empty"}  # an empty answer is said by "empty" alone
    return forms


def _whole(form):
    """A regex for a form as a whole number: "3.0" in "-3.0" and "13" in "13." match, not in "0.13" or "3.5"."""
    if not re.fullmatch(r"-?[\d.]+(e[-+]?\d+)?", form):
        return re.escape(form)
    return r"(?<![\d.])" + re.escape(form) + (r"(?!\d)" if "." in form else r"(?!\d|\.\d)")


def _leaks(message, forms):
    """The forms of a reference value that a message holds."""
    return [form for form in forms if re.search(_whole(form), message)]


# The parts of a message that may hold a reference's digits without showing it: the id, the inputs of a case,
# the learner's own answer echoed back, shapes, lengths and counts.
HARMLESS = [r"case \d+ of \d+", r"\d+ of \d+ numbers", r"shape \([\d, ]*\)", r"(list|tuple) of \d+ numbers?"]


def _strip(message, exercise, echoes):
    for pattern in HARMLESS:
        message = re.sub(pattern, "~", message)
    message = message.replace(exercise.id, "~")
    for args in exercise.cases:
        message = message.replace(exercises._inputs(exercise, args), "~")
    for echo in sorted(echoes, key=len, reverse=True):
        message = re.sub(_whole(echo), "~", message)
    return message


def _value_wrong_answers(exercise):
    reference = np.asarray(exercise.reference, dtype=float)
    return [exercise.wrong, 0, -reference, np.stack([reference, reference]), reference + 1, reference * 1.5,
            reference - 2]


def _function_wrong_answers(exercise):
    reference = exercise.reference

    def result(*args):
        return np.asarray(reference(*args), dtype=float)

    return [exercise.wrong,
            lambda *args: np.zeros_like(result(*args)),
            lambda *args: -result(*args),
            lambda *args: np.stack([result(*args), result(*args)]),  # a wrong shape
            lambda *args: result(*args) + 1,
            lambda *args: 1.5 * result(*args),
            lambda *args: result(*args) - 2]


def _outputs(answer, cases):
    """The answer's output on every case; None where it raises (the reversed layers of 03 do on non-square ones)."""
    outputs = []
    for args in cases:
        try:
            outputs.append(answer(*exercises._copies(args)))
        except ValueError:
            outputs.append(None)
    return outputs


@pytest.mark.parametrize("exercise_id", ALL)
def test_a_wrong_answer_never_shows_the_reference_answer(exercise_id):
    exercise = exercises._get(exercise_id)
    function = bool(exercise.cases)
    expected = [exercise.reference(*exercises._copies(args)) for args in exercise.cases] if function \
        else [exercise.reference]
    forms = set().union(*(_forms(value) for value in expected))
    checked = 0
    for answer in (_function_wrong_answers if function else _value_wrong_answers)(exercise):
        outputs = _outputs(answer, exercise.cases) if function else [answer]
        if all(exercises._same(got, want, exercise.tolerance) for got, want in zip(outputs, expected)):
            continue  # -0.0 is 0.0: not a wrong answer
        message = _message(exercise_id, answer)
        echoes = {exercises._show(got, prefix=prefix) for got in outputs for prefix in ("", "    ")}
        assert not _leaks(_strip(message, exercise, echoes), forms), message
        checked += 1
    assert checked >= 4


def test_the_leak_test_can_fail():
    # The old messages, "expected 13, got 9" and "for input (...) expected [...], got None", are caught.
    exercise = exercises._get("09.count-params")
    assert _leaks(_strip("09.count-params: not yet: expected 13, got 9.", exercise, {"9"}), _forms(13))
    exercise = exercises._get("03.collapse")
    expected = exercise.reference(*exercise.cases[0])
    old = f"03.collapse: not yet: for input (...) expected {exercises._show(expected)}, got None."
    assert _leaks(_strip(old, exercise, {"None"}), _forms(expected))
    assert _leaks("too small: 0.185 would be right", _forms(0.18500000000000003))
    assert not _leaks("0.1855 and 10.185 and -0.1850", {"0.185"}) and _leaks("(0.185)", {"0.185"})
    assert _leaks("expected 3.", _forms(3)) and not _leaks("0.3 and 3.5 and 13", _forms(3))


# ---- what a wrong answer is told ---------------------------------------------------------------
# On exercises made here, so that a notebook's exercise can change without touching the checker's tests.

def _exercise(id, reference, cases=(), **fields):
    return exercises.Exercise(id=id, question="?", hint="!", solution="answer = None", reference=reference,
                              wrong=None, cases=cases, **fields)


MADE_HERE = [
    _exercise("90.count", 13),
    _exercise("90.slope", -3.0),
    _exercise("90.rounded", 0.11920292202211755),
    _exercise("90.email", 1.25),
    _exercise("90.shape", (5, 3)),
    _exercise("90.choice", [0, 1, 0, 1], tells=("form",), options=(0, 1)),
    _exercise("90.secret", [500.0], tells=(), options=(300.0, 500.0, 700.0)),
    _exercise("90.pair", [1.0, 0.5]),
    _exercise("90.triple", 3.0),
    _exercise("90.scale", lambda X: 2 * np.asarray(X), cases=((np.array([1.0, 2.0, 3.0, 4.0]),),)),
    _exercise("90.gradient", lambda X, w: X.T @ X @ w, cases=((np.arange(6.0).reshape(3, 2), np.ones((2, 1))),)),
    _exercise("90.step", lambda w, g: w - 0.1 * g, cases=((np.array([1.0, 2.0]), np.array([0.5, -0.5])),)),
    _exercise("90.own", lambda o, y: nnlib.mean_sum_squared_loss(o, y), no_nnlib=True,
              cases=((np.array([[0.2, 0.9], [0.6, 0.4]]), np.array([[0.0, 1.0], [1.0, 0.0]])),)),
    _exercise("90.outputs", lambda X, w: np.asarray(X) * w,
              cases=((np.array([1.0, 2.0, 3.0, 4.0]), 0.5), (np.array([0.0, 10.0]), 3.0))),
]


@pytest.fixture
def made_here(monkeypatch):
    real = exercises._all()
    monkeypatch.setattr(exercises, "_all", lambda: {**real, **{e.id: e for e in MADE_HERE}})


def test_a_value_message_says_too_large_too_small_or_the_sign(made_here):
    assert "your answer 9 is too small" in _message("90.count", 9)
    assert "your answer 200 is far too large" in _message("90.count", 200)
    assert "your answer 3.0 has the wrong sign" in _message("90.slope", 3.0)
    assert "too far from zero" in _message("90.slope", -4.0)
    assert "close: did you round?" in _message("90.rounded", 0.1192)


def test_a_shape_message_shows_both_shapes(made_here):
    out = _message("90.email", np.array([0.5, 0.75]))
    assert "an array of shape (2,), but the exercise wants a single number" in out
    out = _message("90.gradient", lambda X, w: np.zeros(len(w)))
    assert "an array of shape (2,), but the exercise wants an array of shape (2, 1)" in out


def test_array_messages_count_the_wrong_numbers_or_name_a_pattern(made_here):
    out = _message("90.scale", lambda X: 4 * np.asarray(X))
    assert "off by the same factor" in out
    out = _message("90.gradient", lambda X, w: (X.T @ X @ w).T)
    assert "an array of shape (1, 2): the right numbers, but rows and columns swapped (transposed)" in out
    out = _message("90.step", lambda w, g: w - 0.1 * g + np.arange(len(w)))
    assert "1 of 2 numbers are wrong" in out
    assert "another order" in _message("90.pair", (0.5, 1.0))       # a tuple's numbers swapped: said as such


def test_not_a_number_is_said(made_here):
    assert "is text (a str), not a number" in _message("90.count", "13")  # "13" is not 13
    assert "something other than numbers" in _message("90.choice", [0, 1, None, 1])
    assert "not a finite number" in _message("90.triple", float("nan"))
    out = _message("90.triple", 3 + 0j)
    assert "complex" in out and "imaginary" in out and "not a number" not in out


def test_value_versus_function_mix_ups_are_explained(made_here):
    assert "should be a function" in _message("90.scale", 3.0)
    assert "wants a value" in _message("90.triple", lambda: 3.0)


def test_numpy_scalars_print_like_numbers(made_here):
    assert "your answer 2.5 is too small" in _message("90.triple", np.float64(2.5))
    assert "returned 0.0," in _message("06.tanh-slope", lambda X, y, w: np.sum(X * 0.0))


def test_a_choice_is_told_only_that_it_is_not_right_yet(made_here):
    generic = _message("90.secret", [300.0])
    for other in ([700.0], [300.0, 700.0], [500.0, 700.0], [], [-500.0], [500.0 * 1.5]):
        assert _message("90.secret", other).replace(exercises._show(other), "~") == \
            generic.replace(exercises._show([300.0]), "~")
    assert "not right yet" in generic and "hint(" in generic


def test_a_choice_may_say_its_form_but_not_which_numbers(made_here):
    assert "wants a list of 4 numbers" in _message("90.choice", [0, 1, 0])   # four, as the question says
    swapped = _message("90.choice", [1, 0, 1, 0])
    assert "order" not in swapped and "not right yet" in swapped


def test_an_nnlib_function_is_not_the_learners_answer(made_here):
    out = _message("90.own", nnlib.mean_sum_squared_loss)
    assert "nnlib's own" in out and "yourself" in out
    out = _message("90.own", lambda o, y: nnlib.mean_sum_squared_loss(o, y))   # wrapped: still nnlib's work
    assert "nnlib.mean_sum_squared_loss" in out and "NumPy alone" in out
    assert exercises.check("90.own", lambda o, y: np.sum((o - y) ** 2) / len(o)) is True


def test_the_exercise_declares_what_it_may_say():
    with pytest.raises(ValueError, match="tells"):
        _exercise("90.bad", 1.0, tells=("colour",))
    with pytest.raises(ValueError, match="mistake"):
        _exercise("90.bad", 1.0, tells=("form",), mistake="the sign")


# ---- a wrong try is told only what its exercise allows -------------------------------------------
# The probes a learner would try on a sign, an order or a choice: the negated answer, the numbers swapped or reversed,
# another of the options, one number too few or too many. What each message says is read by its words.

NEWS = {
    "sign": r"\bsigns?\b",
    "size": r"too (large|small|close|far)|far too|same factor|round",
    "form": r"shape|length|transposed|swapped|case \d+ of|wants (a|an) ",
    "which": r"order|numbers? (is|are) wrong|every number|not every",
}


def _news(message, exercise):
    """What a message tells, besides "not right yet": the kinds of news of Exercise.tells it holds."""
    body = message.split(": not yet: ", 1)[1].split("\nTry again", 1)[0]
    told = {what for what, words in NEWS.items() if re.search(words, body)}
    if "common mistake" in body:
        told.add("mistake")
    return told


def _value_probes(exercise):
    reference = exercise.reference
    array = np.asarray(reference, dtype=float)
    probes = [exercise.wrong, -array]
    if array.ndim == 1 and len(array) >= 2:
        probes += [array[::-1], np.concatenate([array[1:2], array[:1], array[2:]]), array[:-1],
                   np.append(array, array[-1])]
        probes += [type(reference)(x) for x in (array[::-1].tolist(), array[:-1].tolist())
                   if isinstance(reference, (list, tuple))]
    if array.ndim == 1 and len(array) == 1:
        probes += [np.append(array, array[-1]).tolist(), []]
    for i, option in itertools.product(range(array.size), exercise.options):
        other = array.copy().reshape(-1)
        other[i] = option
        probes.append(other.reshape(array.shape).tolist() if array.ndim else float(other[0]))
    return probes


def _function_probes(exercise):
    def result(*args):
        return np.asarray(exercise.reference(*args), dtype=float)

    return [exercise.wrong,
            lambda *args: -result(*args),
            lambda *args: result(*args).ravel()[::-1].reshape(result(*args).shape),
            lambda *args: result(*args).ravel()[:-1] if result(*args).size > 1 else np.append(result(*args), 0)]


@pytest.mark.parametrize("exercise_id", ALL)
def test_a_wrong_try_is_told_only_what_its_exercise_allows(exercise_id):
    exercise = exercises._get(exercise_id)
    probes = _function_probes(exercise) if exercise.cases else _value_probes(exercise)
    for probe in probes:
        if exercises._failure(exercise, probe) is None:
            continue   # the probe happens to be right (a palindrome, a zero)
        message = _message(exercise_id, probe)
        told = _news(message, exercise)
        assert told <= set(exercise.tells), f"{sorted(told - set(exercise.tells))} told for {probe!r}: {message}"


ASKS_A_CHOICE = re.compile(r"\b(up or down|left or right|which (one|of|way)|the sign|higher or lower|more or less)\b",
                           re.IGNORECASE)


@pytest.mark.parametrize("exercise_id", ALL)
def test_an_exercise_that_asks_for_a_sign_or_a_choice_tells_nothing_that_gives_it_away(exercise_id):
    # Where the sign, the direction or the option is the question, the sign, "which numbers" and the typical
    # mistake (the other option) are the answer: at most the form the question itself states may be said.
    exercise = exercises._get(exercise_id)
    if exercise.options or ASKS_A_CHOICE.search(exercise.question):
        assert set(exercise.tells) <= {"form"}, f"{exercise_id} asks for a choice but may tell {exercise.tells}"


def test_the_probe_reader_can_fail():
    exercise = exercises._get("05.slope-of-xw")
    assert _news("05.slope-of-xw: not yet: your answer 3.0 has the wrong sign.\nTry again", exercise) == {"sign"}
    assert _news("x: not yet: your answer is a list of 1 number, but the exercise wants a list of 2 numbers.",
                 exercise) == {"form"}
    assert _news("x: not yet: your answer 2 is too small.\nThat looks like a common mistake: ...", exercise) == \
        {"size", "mistake"}
    assert _news("x: not yet: your answer 3.0 is not right yet.\nTry again", exercise) == set()


# ---- predictions: the learner's guess beside what the notebook measured ---------------------------

PREDICTIONS = [exercises.Prediction("90.predict-way", "Up or down?", options=("up", "down")),
               exercises.Prediction("90.predict-loss", "The loss after the step?")]


@pytest.fixture
def predictions(monkeypatch):
    real = exercises._predictions()
    monkeypatch.setattr(exercises, "_predictions", lambda: {**real, **{p.id: p for p in PREDICTIONS}})


def _printed(*args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = exercises.check(*args)
    return result, out.getvalue()


def test_a_prediction_is_set_beside_the_measurement_and_never_called_wrong(predictions):
    right, out = _printed("90.predict-way", "Down", "down")
    assert right is True and "down" in out.lower()
    missed, out = _printed("90.predict-way", "up", "down")
    assert missed is False and "up" in out and "down" in out
    for _, out in (_printed("90.predict-way", "up", "down"), _printed("90.predict-loss", 0.1, 0.58)):
        assert not re.search(r"\bwrong\b|not yet|not right", out), out
    close, out = _printed("90.predict-loss", 0.55, 0.58)
    assert close is True and "0.55" in out and "0.58" in out
    far, out = _printed("90.predict-loss", 0.1, 0.58)
    assert far is False and "below" in out


def test_no_prediction_still_shows_the_measurement(predictions):
    result, out = _printed("90.predict-loss", None, 0.58)
    assert result is False and "no prediction" in out and "0.58" in out


def test_a_prediction_needs_the_measurement_and_an_exercise_refuses_one(predictions):
    with pytest.raises(TypeError, match="measured"):
        exercises.check("90.predict-loss", 0.3)
    with pytest.raises(TypeError, match="prediction"):
        exercises.check("01.triple", 3.0, 3.0)


def test_a_prediction_that_is_not_one_of_the_options_is_said(predictions):
    _, out = _printed("90.predict-way", "sideways", "down")
    assert "not one of" in out and "'up'" in out and "'down'" in out


# ---- unanswered: one wording for None, ... and an empty def ----------------------------------------

def _skeletons():
    def dots(X, w):
        ...  # your code here

    def passes(X, w):
        pass

    def returns_none(X, w):
        return None  # replace None with the outputs

    def documented(X, w):
        """The outputs o = X w."""

    return [dots, passes, returns_none, documented, lambda X, w: None]


@pytest.mark.parametrize("exercise_id", ALL)
def test_unanswered_has_one_wording(exercise_id):
    messages = {_message(exercise_id, answer) for answer in [None, Ellipsis, *_skeletons()]}
    assert len(messages) == 1, messages
    message = messages.pop()
    assert message.startswith(f"{exercise_id}: not answered yet: ") and "run the cell again" in message
    assert "None" in message if not exercises._get(exercise_id).cases else "fill in your function" in message


def test_a_function_without_return_is_not_unanswered(made_here):
    def outputs(X, w):
        o = X * w  # noqa: F841  (the learner forgot to return it)

    out = _message("90.outputs", outputs)
    assert "not answered" not in out and "returned None: is a `return` missing?" in out


# ---- the learner's function: its errors point at the learner's line ---------------------------------

def test_a_learners_exception_shows_the_learners_line(made_here):
    def outputs(X, w):
        scaled = X * w
        return scaled * undefined_name  # noqa: F821  (the learner's bug)

    out = _message("90.outputs", outputs)
    line = inspect.getsourcelines(outputs)[1] + 2
    assert "raised NameError: name 'undefined_name' is not defined" in out and "for the input" in out
    assert f"in outputs, line {line}: return scaled * undefined_name" in out


def test_an_error_inside_nnlib_points_at_the_learners_call(made_here):
    def gradient(X, w):
        o = nnlib.forward(X, w.T)  # the weights transposed: nnlib rejects the shapes
        return o

    out = _message("90.gradient", gradient)
    assert "raised ValueError" in out
    assert "in gradient, line" in out and "o = nnlib.forward(X, w.T)" in out
    assert "network.py" not in out and "nnlib/" not in out


def test_the_wrong_number_of_arguments_is_named_with_the_signature(made_here):
    def gradient(X, w, b):
        return X

    out = _message("90.gradient", gradient)
    assert "your function takes 3 arguments (X, w, b) but the exercise calls it with 2: (X, w)" in out
    assert "def gradient(X, w):" in out
    assert "takes 1 argument (X) but the exercise calls it with 2: (X, w)" in _message("90.outputs", lambda X: X)


@pytest.mark.parametrize("exercise_id", FUNCTIONS)
def test_every_function_exercise_names_its_arguments(exercise_id):
    # The signature a learner is told to write: the reference's first parameters, one per argument of a case.
    exercise = exercises._get(exercise_id)
    names = list(inspect.signature(exercise.reference).parameters)[:len(exercise.cases[0])]
    assert all(name.isidentifier() and not name.startswith("_") for name in names)
    assert f"({', '.join(names)})" in exercise.question


# ---- the rest ----------------------------------------------------------------------------------

@pytest.mark.parametrize("exercise_id", ALL)
def test_solution_text_is_right(exercise_id, capsys):
    # The printed solution, run as code, must pass its own check.
    exercise = exercises._get(exercise_id)
    namespace = {"np": np}
    exec(exercise.solution, namespace)
    names = [n for n in namespace if n not in ("np", "__builtins__")]
    answer = namespace[names[-1]]
    assert exercises.check(exercise_id, answer) is True
    exercises.solution(exercise_id)
    exercises.hint(exercise_id)
    out = capsys.readouterr().out
    assert exercise.solution in out and exercise.hint in out


def test_unknown_id_names_the_choices():
    with pytest.raises(ValueError, match="01.triple"):
        exercises.check("01.nope", 1.0)
    with pytest.raises(ValueError, match="04.loss-by-hand") as unknown:
        exercises.check("04.loss-by-hnad", 1.0)
    assert "01.triple" not in str(unknown.value)           # not every id of the series: the close one
    with pytest.raises(ValueError) as unknown:
        exercises.check("99.nope", 1.0)
    assert len(re.findall(r"\d\d\.[\w-]+", str(unknown.value))) <= 2   # how ids look, not the whole list


def test_an_id_without_its_leading_zero_is_found(capsys):
    assert exercises.check("1.triple", 3.0) is True
    assert "01.triple: correct" in capsys.readouterr().out


def test_an_in_place_answer_cannot_spoil_the_reference_cases(made_here, capsys):
    def outputs(X, w):
        X *= w          # modifies its input: a common NumPy slip
        return X

    assert exercises.check("90.outputs", outputs) is True
    assert exercises.check("90.outputs", exercises._get("90.outputs").reference) is True
    capsys.readouterr()


# ---- the notebooks' exercise cells ------------------------------------------------------------

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _exercise_cells():
    """{exercise id: (source, printed output)} of every code cell that checks an exercise (not a prediction)."""
    cells, predictions = {}, set(exercises.prediction_ids())
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            for exercise_id in re.findall(r'nnlib\.exercises\.check\("([^"]+)"', source):
                if exercise_id in predictions:
                    continue
                printed = "".join("".join(o.get("text", "")) for o in cell.get("outputs", []))
                cells[exercise_id] = (source, printed)
    return cells


def test_every_exercise_has_a_cell_that_starts_unanswered():
    cells = _exercise_cells()
    assert sorted(cells) == ALL
    for exercise_id, (_, printed) in cells.items():
        assert printed.startswith(f"{exercise_id}: not answered yet:"), printed


@pytest.mark.parametrize("exercise_id", ALL)
def test_a_function_exercise_cell_holds_a_def_skeleton(exercise_id):
    source, _ = _exercise_cells()[exercise_id]
    exercise = exercises._get(exercise_id)
    checked = re.search(rf'check\("{re.escape(exercise_id)}", (\w+)\)', source).group(1)
    if exercise.cases:
        assert f"def {checked}({', '.join(exercises._argument_names(exercise))}):\n" in source
    else:
        assert "def " not in source and f"{checked} = None" in source
