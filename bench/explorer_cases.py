"""Every nnlib explorer, built on small data, with the naive re-plot of its picture.

Shared by bench/sliders.py (in the kernel) and bench/browser_sliders.py (in Chromium).
``naive(explorer, axes, **values)`` draws what the explorer shows at ``values`` on fresh
axes with the same ``draw_*`` functions: what an ``ipywidgets.interact`` callback would
do on every slider step. Nothing here picks a matplotlib backend.
"""

from typing import Callable, NamedTuple

import numpy as np

import nnlib
from nnlib import explorers, plotting

X = np.array([1.0, 2.0, 3.0, 4.0])                       # notebook 01: one input, y = 2 X
Y = 2 * X
X_TWO = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]])   # two inputs per example
Y_TWO = np.array([2.0, 1.0, 0.5])
X_ONE, Y_ONE = nnlib.single_input_data(np.random.default_rng(0), n=20)
WEIGHTS = np.linspace(-2.0, 6.0, 401)                     # the w axis of the loss plots
W0 = -1.0

_rng = np.random.default_rng(1)
X_SPAM, Y_SPAM = nnlib.spam_data(_rng)
W_SPAM, B_SPAM = 0.1 * _rng.normal(size=(3, 1)), np.zeros(1)
HISTORY = nnlib.train(X_SPAM[:, :2], Y_SPAM, W_SPAM[:2], B_SPAM, eta=1.0, epochs=100)
ETAS = (0.001, 0.01, 0.1, 1.0, 3.0, 10.0, 100.0, 1000.0)
RUNS = {eta: nnlib.train(X_SPAM, Y_SPAM, W_SPAM, B_SPAM, eta=eta, epochs=100).losses for eta in ETAS}
X_XOR = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y_XOR = np.array([[0.0], [1.0], [1.0], [0.0]])
PARAMS = (_rng.normal(size=(2, 2)), np.zeros(2), _rng.normal(size=(2, 1)), np.zeros(1))
EVERY = 50


class Case(NamedTuple):
    make: Callable      # () -> Explorer
    naive: Callable     # (explorer, axes, **slider values) -> None: the same picture, drawn anew


def _training(explorer, axes, epoch):
    plotting.draw_decision_boundary(axes[0], X_SPAM[:, :2], Y_SPAM, HISTORY.ws[epoch], HISTORY.bs[epoch])
    curve = plotting.draw_loss_history(axes[1], HISTORY.losses)
    plotting.update_loss_history(curve, HISTORY.losses, epoch)


def _learning_rates(explorer, axes, eta):
    curve = plotting.draw_loss_history(axes[0], RUNS[eta])
    plotting.update_loss_history(curve, RUNS[eta], note=f"\neta = {eta:g}: {nnlib.learning_rate_verdict(RUNS[eta])}")


def _hidden_layer(explorer, axes, epoch):
    (w1, w2), (b1, b2) = explorer.history.ws[epoch], explorer.history.bs[epoch]
    plotting.draw_hidden_view(axes[0], axes[1], X_XOR, Y_XOR, w1, b1, w2, b2)


CASES = {
    "explore_single_weight": Case(
        lambda: explorers.explore_single_weight(X, Y, w=0.5),
        lambda e, axes, w: plotting.draw_single_weight(axes[0], X, Y, w)),
    "explore_two_weights": Case(
        lambda: explorers.explore_two_weights(X_TWO, Y_TWO),
        lambda e, axes, w1, w2: plotting.draw_two_weights(axes[0], X_TWO, Y_TWO, np.array([w1, w2]))),
    "explore_sigmoid": Case(
        lambda: explorers.explore_sigmoid(),
        lambda e, axes, w, b: plotting.draw_sigmoid_curve(axes[0], w, b)),
    "explore_loss": Case(
        lambda: explorers.explore_loss(X_ONE, Y_ONE, w=0.0, weights=WEIGHTS),
        lambda e, axes, w: plotting.draw_loss_and_fit(axes[0], axes[1], X_ONE, Y_ONE, w, 0.0, WEIGHTS)),
    "explore_tangent": Case(
        lambda: explorers.explore_tangent(X_ONE, Y_ONE, w=0.5, weights=WEIGHTS),
        lambda e, axes, w: plotting.draw_tangent(axes[0], X_ONE, Y_ONE, w, 0.0, WEIGHTS)),
    "explore_descent": Case(
        lambda: explorers.explore_descent(X_ONE, Y_ONE, w0=W0, eta=2.0, weights=WEIGHTS),
        lambda e, axes, step, eta: plotting.draw_descent(axes[0], X_ONE, Y_ONE, W0, 0.0, eta, step, WEIGHTS)),
    "explore_training": Case(
        lambda: explorers.explore_training(X_SPAM[:, :2], Y_SPAM, HISTORY),
        _training),
    "explore_learning_rates": Case(
        lambda: explorers.explore_learning_rates(X_SPAM, Y_SPAM, W_SPAM, B_SPAM, etas=ETAS, epochs=100),
        _learning_rates),
    "explore_hidden_layer": Case(
        lambda: explorers.explore_hidden_layer(X_XOR, Y_XOR, *PARAMS, eta=2.0, epochs=3000, every=EVERY),
        _hidden_layer),
    "explore_spam_rule": Case(
        lambda: explorers.explore_spam_rule(X_SPAM, Y_SPAM, threshold=1.5),
        lambda e, axes, threshold: plotting.draw_spam_rule(axes[0], X_SPAM[:, 0], Y_SPAM, threshold)),
}


def missing():
    """Explorer factories in nnlib that have no case here yet (the benches say so rather than skip them silently)."""
    return sorted(n for n in explorers.__all__ if n.startswith("explore_") and n not in CASES)
