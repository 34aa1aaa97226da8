"""nnlib reads like the textbook: what a learner is shown stays short and plain.

The notebooks print nnlib's formulas (nnlib.formula). Behind each public
function's door (the input checks in nnlib._checks), the math must be the
formula as derived: a few lines, no speed tricks that need their own
explanation, and nothing of the door.
"""

import ast
import inspect

import pytest

import nnlib
from nnlib.formulas import MATH_MODULES

MATH_FUNCTIONS = {name: getattr(module, name) for module in MATH_MODULES for name in module.__all__
                  if inspect.isfunction(getattr(module, name))}
PLUMBING = ["_checks", "given_back", "errstate", "reshape", "isfinite", "raise"]


def _functions(module):
    tree = ast.parse(inspect.getsource(module))
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]


def _body_lines(function):
    """Lines of a function's body, without its docstring."""
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
        body = body[1:]
    return body[-1].end_lineno - body[0].lineno + 1


@pytest.mark.parametrize("module", MATH_MODULES, ids=lambda m: m.__name__)
def test_every_function_fits_on_a_board(module):
    long = {f.name: _body_lines(f) for f in _functions(module) if _body_lines(f) > 12}
    assert not long, f"{module.__name__}: bodies longer than 12 lines: {long}"


@pytest.mark.parametrize("module", MATH_MODULES, ids=lambda m: m.__name__)
def test_no_speed_tricks_a_learner_would_need_explained(module):
    source = inspect.getsource(module)
    for trick in ["out=", "np.dot(", "np.einsum(", "+=", "-=", "*=", "/="]:
        assert trick not in source, f"{module.__name__} uses {trick!r}"


def test_the_body_measure_can_fail():
    long_function = "def f():\n" + "".join(f"    x{i} = {i}\n" for i in range(13))
    (function,) = [n for n in ast.walk(ast.parse(long_function)) if isinstance(n, ast.FunctionDef)]
    assert _body_lines(function) == 13


def plumbing_in(text):
    """The words of a door (checks, the caller's form, guards) that ``text`` holds."""
    return [word for word in PLUMBING if word in text]


@pytest.mark.parametrize("name", MATH_FUNCTIONS)
def test_every_math_function_shows_its_formula_and_nothing_of_its_door(name):
    text = nnlib.formula(MATH_FUNCTIONS[name])
    assert isinstance(text, str)
    first = ast.parse(text).body[0]                     # whole functions, the first one the formula itself
    assert isinstance(first, ast.FunctionDef) and first.name == f"_{name}"
    assert not plumbing_in(text), f"the formula of {name} shows {plumbing_in(text)}"


def test_the_plumbing_rule_can_fail():
    # A door is exactly what the rule must catch: sigmoid's checks its input and gives the result back.
    assert "_checks" in plumbing_in(inspect.getsource(nnlib.sigmoid))
    assert plumbing_in("with np.errstate(over='ignore'):\n    z = X @ w") == ["errstate"]


def test_a_formula_reads_like_the_equation():
    assert "1 / (1 + np.exp(-z))" in nnlib.formula(nnlib.sigmoid)
    assert "X @ w + b" in nnlib.formula(nnlib.weighted_sum)


def test_a_formula_brings_the_steps_it_calls_that_no_other_function_shows():
    names = [f.name for f in ast.parse(nnlib.formula(nnlib.gradients)).body]
    assert names == ["_gradients", "_backward"]         # the backward pass; _forward is forward's formula
    names = [f.name for f in ast.parse(nnlib.formula(nnlib.gradients_two_layer)).body]
    assert names == ["_gradients_two_layer", "_backward_two_layer", "_backward"]


def test_the_package_face_is_made_of_the_modules_lists():
    assert len(nnlib.__all__) == len(set(nnlib.__all__)), "a name in two modules' __all__"
    for name in nnlib.__all__:
        assert hasattr(nnlib, name), name
    public = {name for name, value in vars(nnlib).items() if not name.startswith("_") and not inspect.ismodule(value)}
    listed = {name for name in nnlib.__all__ if not inspect.ismodule(getattr(nnlib, name))}
    assert public == listed, "at the top level but in no __all__, or the reverse"
    for module in MATH_MODULES:
        assert set(module.__all__) <= set(nnlib.__all__), module.__name__


def _nnlib_imports(module):
    """The nnlib modules that ``module`` imports from (``from nnlib.x import ...``, ``from nnlib import x``)."""
    found = set()
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.ImportFrom) and node.module == "nnlib":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nnlib."):
            found.add(node.module.removeprefix("nnlib."))
    return found


@pytest.mark.parametrize("position", range(len(MATH_MODULES)), ids=[m.__name__ for m in MATH_MODULES])
def test_no_import_runs_back_up(position):
    below = {"_checks"} | {m.__name__.removeprefix("nnlib.") for m in MATH_MODULES[:position]}
    imported = _nnlib_imports(MATH_MODULES[position])
    assert imported <= below, f"{MATH_MODULES[position].__name__} imports {sorted(imported - below)} from above it"


def test_the_import_rule_can_fail():
    assert _nnlib_imports(nnlib.formulas) >= {"layers", "training"}     # formulas reads every math module


def test_pictures_are_reached_through_nnlib_plotting():
    assert not [name for name in nnlib.__all__ if name.startswith(("draw_", "update_"))]
    assert callable(nnlib.plotting.draw_loss_history)
