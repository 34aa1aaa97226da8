"""nnlib reads like the textbook: what a learner is shown stays short and plain.

The notebooks print nnlib's source. Behind each public function's door (the
input checks in nnlib._checks), the math must be the formula as derived: a few
lines, no speed tricks that need their own explanation.
"""

import ast
import inspect

import pytest

import nnlib
from nnlib import activations, gradcheck, layers, losses, network, training

MATH_MODULES = [activations, losses, network, training, gradcheck, layers]


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


def test_each_public_name_is_listed_once():
    assert len(nnlib.__all__) == len(set(nnlib.__all__))
    for name in nnlib.__all__:
        assert hasattr(nnlib, name), name
    public = {name for name in vars(nnlib) if not name.startswith("_")}
    modules = {"activations", "data", "explorers", "gradcheck", "losses", "network", "training", "layers", "digit_explorers"}
    assert public - modules == set(nnlib.__all__), "imported at the top level but not in __all__, or the reverse"


def test_pictures_are_reached_through_nnlib_plotting():
    assert not [name for name in nnlib.__all__ if name.startswith(("draw_", "update_"))]
    assert callable(nnlib.plotting.draw_loss_history)
