"""The training loop: repeat w <- w - eta dL/dw, and watch the loss."""

import numpy as np

from nnlib import _checks
from nnlib.history import History
from nnlib.losses import _mean_sum_squared_loss, _mean_sum_squared_loss_derivative
from nnlib.network import _backward, _backward_two_layer, _forward, _forward_two_layer, _two_layer_inputs

__all__ = ["train", "train_two_layer", "learning_rate_verdict"]


def _schedule(eta, epochs):
    return _checks.positive("eta", eta, " (the learning rate)"), _checks.whole("epochs", epochs)


@_checks.door
def train(X, y, w, b=0.0, eta=1.0, epochs=100):
    """Full-batch gradient descent on one sigmoid layer: w <- w - eta dL/dw, b <- b - eta dL/db, once per epoch."""
    X_, w_, b_, o_shape = _checks.layer_inputs(X, w, b)
    y_ = _checks.reachable(_checks.targets(y, o_shape))
    ws, bs, losses = _train(X_, y_, w_, b_, *_schedule(eta, epochs))
    w_form, b_form = _checks.learned_form(w, w_), _checks.learned_form(b, b_)
    return History(np.array([_checks.given_back(w_t, w_form) for w_t in ws]),
                   np.array([_checks.given_back(b_t, b_form) for b_t in bs]), np.array(losses))


def _train(X, y, w, b, eta, epochs):
    ws, bs, losses = [w], [b], []
    for _ in range(epochs):
        o = _forward(X, w, b)                            # forward pass
        losses.append(_mean_sum_squared_loss(o, y))      # the loss before this epoch's step
        _, dL_dw, dL_db = _backward(X, o, _mean_sum_squared_loss_derivative(o, y))
        w, b = w - eta * dL_dw, b - eta * dL_db          # one step downhill
        ws.append(w)
        bs.append(b)
    losses.append(_mean_sum_squared_loss(_forward(X, w, b), y))  # the loss of the trained weights
    return ws, bs, losses


@_checks.door
def train_two_layer(X, y, w1, b1, w2, b2, eta=1.0, epochs=1000):
    """Full-batch gradient descent on all four arrays of the two-layer network, once per epoch."""
    given = (w1, b1, w2, b2)
    X, *params, o_shape = _two_layer_inputs(X, w1, b1, w2, b2)
    y = _checks.reachable(_checks.targets(y, o_shape, o_name="o = forward_two_layer(X, w1, b1, w2, b2)"))
    visited, losses = _train_two_layer(X, y, params, *_schedule(eta, epochs))
    forms = [_checks.learned_form(g, p) for g, p in zip(given, params)]
    back = [[_checks.given_back(p, form) for p, form in zip(step, forms)] for step in visited]
    return History([(w1, w2) for w1, _, w2, _ in back], [(b1, b2) for _, b1, _, b2 in back], np.array(losses))


def _train_two_layer(X, y, params, eta, epochs):
    visited, losses = [params], []
    for _ in range(epochs):
        w1, b1, w2, b2 = visited[-1]
        h, o = _forward_two_layer(X, w1, b1, w2, b2)
        losses.append(_mean_sum_squared_loss(o, y))
        grads = _backward_two_layer(X, y, w2, h, o)
        visited.append([p - eta * g for p, g in zip(visited[-1], grads)])  # every array steps against its gradient
    losses.append(_mean_sum_squared_loss(_forward_two_layer(X, *visited[-1])[1], y))
    return visited, losses


@_checks.door
def learning_rate_verdict(losses):
    """One word for a loss history: 'diverges', 'oscillates', 'crawls' or 'learns' (see the rules below)."""
    losses = _checks.numbers("losses", losses)
    if losses.ndim != 1 or losses.size < 2:
        raise ValueError(f"losses must be a 1-D history of at least 2 epochs, got shape {losses.shape}")
    if losses.min() < 0:
        raise ValueError(f"losses must be >= 0 (a squared loss cannot be negative); got {losses.min():g} "
                         f"at epoch {int(np.argmin(losses))}")
    return _learning_rate_verdict(losses)


def _learning_rate_verdict(losses):
    if losses[-1] > losses[0]:
        return "diverges"      # it ends worse than it started
    if np.mean(np.diff(losses) > 1e-12) > 0.1:
        return "oscillates"    # it went up on more than 1 epoch in 10: steps overshoot the valley
    if losses[-1] > 0.9 * losses[0]:
        return "crawls"        # it fell by less than 10 %
    return "learns"
