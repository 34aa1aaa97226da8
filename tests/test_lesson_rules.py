"""What every lesson holds, and what it keeps off the page (issues of the series' clarity for a true beginner).

- The page holds the idea: no door, no check and no floating point in the main line (a notebook may show
  nnlib's formula, `nnlib.formula(f)`, never its door); at most one code cell with an `assert`.
- Every notebook has something to move: an explorer, with a picture for static viewers.
- Every notebook asks the learner to predict a key output before it runs.
- An exercise asks for what is not on the page: its answer is in no markdown or output of its notebook, and its
  solution's key expression is in none of its code cells.
"""

import ast
import io
import json
import re
import tokenize
from pathlib import Path

import numpy as np
import pytest

from nnlib import exercises

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PLUMBING = re.compile(r"\bdoors?\b|_checks|given_back|errstate|inspect\.getsource", re.IGNORECASE)
WIDGET = "application/vnd.jupyter.widget-view+json"


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell):
    return "".join(cell["source"])


def _texts(cell):
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            yield "".join(output["text"])
        for mime, value in output.get("data", {}).items():
            if mime.startswith("text/"):
                yield "".join(value)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_door_on_the_page(path):
    for index, cell in enumerate(_cells(path)):
        shown = [_source(cell)] if cell["cell_type"] == "markdown" else [*_texts(cell)]
        if cell["cell_type"] == "code":
            shown.append(_source(cell))
        for text in shown:
            match = PLUMBING.search(text)
            assert not match, f"cell {index} shows {match.group()!r}: {text[max(0, match.start() - 60):match.end() + 40]!r}"


def test_the_door_rule_can_fail():
    assert PLUMBING.search("`weighted_sum` is a door, like every public function")
    assert PLUMBING.search("  >>     X, w, b, o_shape = _checks.layer_inputs(X, w, b)")
    assert not PLUMBING.search("print(nnlib.formula(nnlib.sigmoid))")


def _asserts(source):
    try:
        tree = ast.parse("\n".join(l for l in source.splitlines() if not l.lstrip().startswith("%")))
    except SyntaxError:
        return 0
    return sum(isinstance(node, ast.Assert) for node in ast.walk(tree))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_at_most_one_cell_asserts(path):
    asserting = [i for i, c in enumerate(_cells(path)) if c["cell_type"] == "code" and _asserts(_source(c))]
    assert len(asserting) <= 1, f"cells {asserting} hold an assert: show the numbers, and test them in tests/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_something_to_move_with_a_picture_for_static_viewers(path):
    live = [i for i, c in enumerate(_cells(path)) if c["cell_type"] == "code"
            for o in c.get("outputs", []) if WIDGET in o.get("data", {}) and "image/png" in o.get("data", {})]
    assert live, "no explorer: a live widget output that also stores a picture"


def _predictions(path):
    """The prediction ids a notebook checks, each with the name of the learner's guess variable."""
    found = []
    for cell in _cells(path):
        found += re.findall(r'nnlib\.exercises\.check\("(\d\d\.predict-[\w-]+)",\s*(\w+)', _source(cell))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_learner_predicts_before_a_key_output(path):
    cells = [_source(c) for c in _cells(path) if c["cell_type"] == "code"]
    found = _predictions(path)
    assert found, "no prediction: a cell for the learner's guess, then one that checks it against the measurement"
    known = exercises.prediction_ids()
    for prediction_id, guess in found:
        assert prediction_id in known and prediction_id.startswith(path.name[:2]), prediction_id
        where = next(i for i, s in enumerate(cells) if f'"{prediction_id}"' in s)
        assert any(re.search(rf"^{guess} = None\b", s, re.M) for s in cells[:where]), \
            f"{prediction_id}: no cell before it where the learner writes {guess} = None"


# ---- an exercise's answer is not on its page --------------------------------------------------------

def _spellings(value):
    """How a page could print a value: rounded to 2, 3, 4 digits, as Python and NumPy print it."""
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        x = float(array)
        if x == int(x):   # a count: only a large one is telling ("13" is also a seed, a day, a size...)
            return {str(int(x)), f"{int(x):,}"} if abs(x) >= 100 else set()
        forms = {f"{x:.2f}", f"{x:.3f}", f"{x:.4f}", f"{x:.3g}", f"{x:.4g}", repr(x)}
        return {f for f in forms if len(f.lstrip("-").replace(".", "").strip("0")) >= 2}   # "0.5": too common
    return {str(array.tolist()), str(array), np.array2string(array, precision=2), np.array2string(array, precision=3)}


def _page(path, exercise_id):
    """The markdown and outputs of a notebook, leaving out the exercise's own cells."""
    shown = []
    for cell in _cells(path):
        if f'"{exercise_id}"' in _source(cell):
            continue
        shown += [_source(cell)] if cell["cell_type"] == "markdown" else [*_texts(cell)]
    return "\n".join(shown)


def _exercise_ids(path):
    return [i for i in exercises.ids() if i.startswith(path.name[:2] + ".")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_an_answer_is_not_printed_on_its_page(path):
    for exercise_id in _exercise_ids(path):
        exercise = exercises._get(exercise_id)
        if callable(exercise.reference):
            continue
        page = _page(path, exercise_id)
        for form in _spellings(exercise.reference):
            assert not re.search(r"(?<![\d.])" + re.escape(form) + r"(?![\d])", page), \
                f"{exercise_id}: its answer {form} is on the page"


def _shape(expression):
    """An expression with its names and numbers blanked: "(labels[:, None] == np.arange(10))" -> "(_[:,_]==np.arange(_))"."""
    out, previous = [], None
    for token in tokenize.generate_tokens(io.StringIO(expression).readline):
        if token.type == tokenize.NAME and previous != "." and token.string not in ("np", "for", "in", "if", "else"):
            out.append("_")
        elif token.type == tokenize.NUMBER:
            out.append("_")
        elif token.type in (tokenize.OP, tokenize.NAME):
            out.append(token.string)
        previous = token.string
    return "".join(out)


def _expressions(code):
    """The right-hand sides and returned values of the statements of some code, as source text."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    values = [node.value for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.Return)) and node.value]
    return [ast.unparse(value) for value in values]


def _key_expressions(solution):
    """What a solution returns (or assigns last), if it takes three operations or more: the part a learner has to find.
    (A solution may first rebuild what the page shows, when the exercise asks for the next step.)"""
    tree = ast.parse(solution)
    returned = [ast.unparse(n.value) for n in ast.walk(tree) if isinstance(n, ast.Return) and n.value]
    keys = []
    for expression in (returned or _expressions(solution))[-1:]:
        tree = ast.parse(expression, mode="eval")
        operations = sum(isinstance(n, (ast.BinOp, ast.Call, ast.Compare, ast.Subscript)) for n in ast.walk(tree))
        if operations >= 3:
            keys.append(_shape(expression))
    return keys


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_solution_is_not_written_out_on_its_page(path):
    code = [_source(c) for c in _cells(path) if c["cell_type"] == "code"]
    written = {_shape(e) for source in code for e in _expressions(
        "\n".join(l for l in source.splitlines() if not l.lstrip().startswith("%")))}
    for exercise_id in _exercise_ids(path):
        for key in _key_expressions(exercises._get(exercise_id).solution):
            assert key not in written, f"{exercise_id}: its solution's {key!r} is written out in a code cell"


def test_the_on_the_page_rules_can_fail():
    assert "0.58" in _spellings(0.58) and "3" not in _spellings(3.0) and "13" not in _spellings(13)
    assert {"2410", "2,410"} <= _spellings(2410)
    on_page = _shape("(labels_train[:, None] == np.arange(10)).astype(float)")
    assert on_page in _key_expressions("def one_hot(labels, classes):\n"
                                       "    return (labels[:, None] == np.arange(classes)).astype(float)")
