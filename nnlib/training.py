"""The training loop: repeat w <- w - eta dL/dw, and watch the loss."""

from typing import NamedTuple

import numpy as np

from nnlib._checks import as_numbers, layer_inputs, same_shape
from nnlib.losses import mean_sum_squared_loss
from nnlib.network import _one_layer_pass, _sigmoid, _two_layer_inputs, _two_layer_pass, _z, forward_two_layer

__all__ = ["History", "train", "train_two_layer", "learning_rate_verdict"]


class History(NamedTuple):
    """What a training run visited: the weights and bias after each epoch, and the loss there."""

    ws: np.ndarray      # (epochs + 1, *w.shape): ws[0] is the start, ws[-1] the trained weights
    bs: np.ndarray      # (epochs + 1, *b.shape)
    losses: np.ndarray  # (epochs + 1,)


def _check_schedule(eta, epochs):
    if not (isinstance(epochs, (int, np.integer)) and epochs >= 0):
        raise ValueError(f"epochs must be a whole number >= 0, got {epochs!r}")
    if not float(as_numbers("eta", eta)) > 0:
        raise ValueError(f"eta (the learning rate) must be positive, got {eta!r}")


def train(X, y, w, b=0.0, eta=1.0, epochs=100):
    """Full-batch gradient descent on one sigmoid layer: w <- w - eta dL/dw, b <- b - eta dL/db, once per epoch."""
    X, w, b = layer_inputs(X, w, b)
    y = as_numbers("y", y)
    same_shape("o = forward(X, w, b)", _z(X, w, b), "y", y)
    _check_schedule(eta, epochs)
    ws, bs, losses = [w], [b], []
    for _ in range(epochs):
        o, (dL_dw, dL_db) = _one_layer_pass(X, y, ws[-1], bs[-1])
        losses.append(np.sum((o - y) ** 2) / len(y))           # the loss before this epoch's step
        ws.append(ws[-1] - eta * dL_dw)
        bs.append(bs[-1] - eta * dL_db)
    losses.append(np.sum((_sigmoid(_z(X, ws[-1], bs[-1])) - y) ** 2) / len(y))
    return History(np.array(ws), np.array(bs), np.array(losses))


def train_two_layer(X, y, params, eta=1.0, epochs=1000):
    """Gradient descent on params = (w1, b1, w2, b2) of the two-layer network; returns (trained params, losses per epoch)."""
    _check_schedule(eta, epochs)
    if len(params) != 4:
        raise ValueError(f"params must be (w1, b1, w2, b2), got {len(params)} arrays")
    X, *params = _two_layer_inputs(X, *params)
    y = as_numbers("y", y)
    same_shape("o = forward_two_layer(...)", np.empty((len(X), params[2].shape[1])), "y", y)
    losses = []
    for _ in range(epochs):
        o, grads = _two_layer_pass(X, y, *params)
        losses.append(np.sum((o - y) ** 2) / len(y))
        params = [p - eta * g for p, g in zip(params, grads)]
    losses.append(mean_sum_squared_loss(forward_two_layer(X, *params), y))
    return tuple(params), np.array(losses)


def learning_rate_verdict(losses):
    """One word for a loss history: 'diverges', 'oscillates', 'crawls' or 'learns' (see the rules below)."""
    losses = as_numbers("losses", losses)
    if losses.ndim != 1 or losses.size < 2:
        raise ValueError(f"losses must be a 1-D history of at least 2 epochs, got shape {losses.shape}")
    if losses[-1] > losses[0]:
        return "diverges"      # it ends worse than it started
    if np.mean(np.diff(losses) > 1e-12) > 0.1:
        return "oscillates"    # it went up on more than 1 epoch in 10: steps overshoot the valley
    if losses[-1] > 0.9 * losses[0]:
        return "crawls"        # it fell by less than 10 %
    return "learns"
