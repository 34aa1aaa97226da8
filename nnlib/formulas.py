"""The formula behind each of nnlib's math functions, as text a notebook can print.

Each public math function is a door: it checks its inputs, then hands them to a
private function that is the formula as the notebooks derive it. The rule is a
naming convention: the formula of ``nnlib.<name>`` is ``_<name>``, in the module
that defines ``<name>``. :func:`formula` shows it, followed by the private
helpers it calls that are no other function's formula (``_backward`` after
``_gradients``): the whole computation, and nothing of the door.
"""

import ast
import inspect

from nnlib import _checks, activations, gradcheck, history, layers, losses, network, training

__all__ = ["formula"]

# In the series' order: each imports from nnlib only _checks and the modules before it.
MATH_MODULES = (activations, losses, network, gradcheck, history, training, layers)


def formula(f):
    """The source text of the formula behind ``f``, one of nnlib's math functions.

    A notebook prints it: ``print(nnlib.formula(nnlib.sigmoid))``.
    """
    module = next((m for m in MATH_MODULES for name in m.__all__ if getattr(m, name) is f), None)
    if module is None or not inspect.isfunction(f):
        raise TypeError(f"f must be one of nnlib's math functions, as in nnlib.formula(nnlib.sigmoid); "
                        f"got {_checks.describe(f)}")
    return "\n\n".join(inspect.getsource(g).rstrip("\n") for g in _formula_and_helpers(module, f.__name__))


def _formula_and_helpers(module, name):
    """[_name, then each private function of the module it calls, directly or through another, that is not
    itself the formula of a public function], in the order they are first called."""
    formulas = {f"_{public}" for public in module.__all__}
    found = [getattr(module, f"_{name}")]
    for function in found:                                 # found grows as it is read: helpers of helpers too
        for called in _called_names(function):
            helper = getattr(module, called, None)
            if called not in formulas and inspect.isfunction(helper) and helper.__module__ == module.__name__ \
                    and helper not in found:
                found.append(helper)
    return found


def _called_names(function):
    """The names of the private functions that ``function`` calls by name, in the order they appear."""
    calls = [node for node in ast.walk(ast.parse(inspect.getsource(function)))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id.startswith("_")]
    return [call.func.id for call in sorted(calls, key=lambda call: (call.lineno, call.col_offset))]
