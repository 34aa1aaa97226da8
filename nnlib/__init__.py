"""nnlib: the math of the companion notebooks, one small NumPy function per equation.

Symbols (batch-first): X (n, d_in) inputs, w (d_in, d_out) weights,
b (d_out,) bias, z = X @ w + b, o = sigmoid(z) outputs, y (n, d_out) targets,
L the loss, eta the learning rate, dL_dw and dL_db the gradients.

The math sits at the top level (``nnlib.forward``), and ``nnlib.formula(f)``
prints the formula behind any of it. Pictures live in ``nnlib.plotting``
(``draw_*`` builds one, ``update_*`` moves it), sliders in the
``nnlib.explore_*`` functions, and the self-checked exercises in
``nnlib.exercises``. Backpropagation as a picture, the graph of the computation,
is ``nnlib.graph_*`` and ``nnlib.explore_backprop`` (its drawing: ``nnlib.backprop``).

Each module lists its public names once, in its ``__all__``; the package's
face below is made from those lists, so a new public function is one edit.
"""

from nnlib import (activations, backprop, data, digit_explorers, digit_plots, exercises, explorers, formulas, gradcheck,
                   history, layers, losses, network, plotting, training)

# Modules whose every public name is also nnlib's, in the order of the series: the math, then data and sliders.
_FACE = (activations, losses, network, gradcheck, history, training, layers, formulas, data, explorers,
         digit_explorers, backprop)

# Pictures are reached through their modules (nnlib.plotting.draw_*, nnlib.backprop.draw_backprop), not the top level.
_PICTURE = ("draw_", "update_")
globals().update({name: getattr(module, name) for module in _FACE for name in module.__all__
                  if not name.startswith(_PICTURE)})
new_figure, as_picture = plotting.new_figure, plotting.as_picture   # the two plotting helpers every notebook uses

__all__ = [
    *(name for module in _FACE for name in module.__all__ if not name.startswith(_PICTURE)),
    "new_figure", "as_picture",
    "plotting", "digit_plots", "backprop",   # nnlib.plotting.draw_*, digit_plots.draw_*, backprop.draw_backprop
    "exercises",                      # nnlib.exercises.check(id, answer)
]
