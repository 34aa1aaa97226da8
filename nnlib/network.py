"""Forward propagation and its gradients by the chain rule, for one layer and for two.

Each public function is a door: it checks its inputs once (``nnlib._checks``),
turns them into the batch-first 2-D convention (X (n, d_in), w (d_in, d_out),
b (d_out,), y (n, d_out)), calls the private formula behind it, and gives the
result back in the form the caller used. The private functions are the
equations as the notebooks derive them, and nothing else.
"""

import numpy as np

from nnlib import _checks
from nnlib.activations import _sigmoid
from nnlib.losses import _mean_sum_squared_loss, _mean_sum_squared_loss_derivative

__all__ = [
    "weighted_sum", "forward", "gradients", "loss_curve", "descent_path",
    "forward_two_layer", "gradients_two_layer",
]


# --- One layer: o = sigma(X w + b) ---------------------------------------------------------------

@_checks.door
def weighted_sum(X, w, b=0.0):
    """z = X @ w + b. Shapes: X (n, d_in), w (d_in, d_out), b (d_out,) -> z (n, d_out)."""
    X, w, b, o_shape = _checks.layer_inputs(X, w, b)
    return _checks.given_back(_weighted_sum(X, w, b), o_shape)


@_checks.door
def forward(X, w, b=0.0):
    """o = sigmoid(X @ w + b). Shapes: X (n, d_in), w (d_in, d_out), b (d_out,) -> o (n, d_out)."""
    X, w, b, o_shape = _checks.layer_inputs(X, w, b)
    return _checks.given_back(_forward(X, w, b), o_shape)


def _weighted_sum(X, w, b):
    return X @ w + b


def _forward(X, w, b):
    z = _weighted_sum(X, w, b)
    return _sigmoid(z)


@_checks.door
def gradients(X, y, w, b=0.0):
    """(dL/dw, dL/db) of L = mean_sum_squared_loss(forward(X, w, b), y), shaped like w and b."""
    X_, w_, b_, o_shape = _checks.layer_inputs(X, w, b)
    y_ = _checks.reachable(_checks.targets(y, o_shape))
    dL_dw, dL_db = _gradients(X_, y_, w_, b_)
    return _checks.given_back(dL_dw, w), _checks.given_back(dL_db, b)


def _gradients(X, y, w, b):
    """The chain rule dL/dw = dL/do * do/dz * dz/dw, after a forward pass."""
    o = _forward(X, w, b)
    _, dL_dw, dL_db = _backward(X, o, _mean_sum_squared_loss_derivative(o, y))
    return dL_dw, dL_db


def _backward(X, o, dL_do):
    """Back through one layer o = sigma(X w + b): from dL/do to (dL/dz, dL/dw, dL/db)."""
    dL_dz = dL_do * o * (1 - o)      # do/dz = sigma'(z) = o (1 - o)
    dL_dw = X.T @ dL_dz              # dz/dw = X, summed over the examples
    dL_db = dL_dz.sum(axis=0)        # dz/db = 1
    return dL_dz, dL_dw, dL_db


# --- One weight at a time: the loss curve and the path downhill ----------------------------------

def _one_weight(X, y, b):
    """The door for a model with one input and one weight: X and y a number, (n,) or (n, 1) alike, b a number."""
    if np.ndim(X) > 2 or np.ndim(X) == 2 and np.shape(X)[1] != 1:
        raise ValueError("this follows a one-input model (one weight w): X must be a number, (n,) or (n, 1); "
                         f"got X of shape {np.shape(X)}")
    X, _, b, o_shape = _checks.layer_inputs(X, 1.0, b)
    return X, _checks.targets(y, o_shape, o_name="o = sigmoid(X w + b)"), b


@_checks.door
def loss_curve(X, y, weights, b=0.0, max_chunk_bytes=2**18):
    """L(w) for every candidate w of a one-input model o = sigmoid(X w + b). Shapes: X, y (n, 1) or (n,); weights (k,) -> (k,).

    All candidates are evaluated at once, stacked on a new first axis, in chunks
    of at most ``max_chunk_bytes`` per array. Memory stays bounded for any k, and
    small arrays are fast: the memory allocator reuses them and they stay in the
    CPU's cache (one array for 10,000 weights x 100 samples is about 3x slower).
    """
    X, y, b = _one_weight(X, y, b)
    weights = _checks.numbers("weights", weights)
    if weights.ndim != 1:
        raise ValueError(f"weights must be a 1-D array of candidate weights, got shape {weights.shape}")
    _checks.z_fits(X, np.abs(weights).max().reshape(1, 1), b, ("X", "weights", "b"))
    chunk = max(1, int(_checks.positive("max_chunk_bytes", max_chunk_bytes)) // (8 * len(X)))
    return _loss_curve(X, y, weights.reshape(-1, 1, 1), b, chunk)   # one candidate per row of a new first axis


def _loss_curve(X, y, weights, b, chunk):
    """weights (k, 1, 1): candidate w number i is weights[i]. Each chunk of candidates is computed at once."""
    losses = []
    for start in range(0, len(weights), chunk):
        w = weights[start:start + chunk]                    # (chunk, 1, 1)
        o = _sigmoid(X * w + b)                             # o = sigma(X w + b) for each: (chunk, n, 1)
        losses.append(_mean_sum_squared_loss(o, y))         # one loss per candidate
    return np.concatenate(losses)


@_checks.door
def descent_path(X, y, w, b=0.0, eta=0.5, steps=20):
    """Weights visited by gradient descent w <- w - eta dL/dw on one weight (b fixed). Shapes: X, y (n, 1); w a number -> (steps + 1,)."""
    X, y, b = _one_weight(X, y, b)
    y, w = _checks.reachable(y), _checks.number("w", w)
    _checks.z_fits(X, np.full((1, 1), w), b)
    eta = _checks.positive("eta", eta, " (the learning rate)")
    return _descent_path(X, y, np.full((1, 1), w), b, eta, _checks.whole("steps", steps))


def _descent_path(X, y, w, b, eta, steps):
    path = [w]
    for _ in range(steps):
        dL_dw, _ = _gradients(X, y, path[-1], b)
        path.append(path[-1] - eta * dL_dw)          # w <- w - eta dL/dw
    return np.ravel(path)


# --- Two layers: a hidden layer h = sigma(X w1 + b1), then o = sigma(h w2 + b2) ------------------

def _two_layer_inputs(X, w1, b1, w2, b2):
    """The door for two layers: X (n, d_in), w1 (d_in, d_hidden), w2 (d_hidden, d_out), each b a number or a vector."""
    for name, w in (("w1", w1), ("w2", w2)):
        if np.ndim(w) != 2:
            raise ValueError(f"{name} must be a matrix (2-D) in a two-layer network; got {name} = {_checks.describe(w)}")
    if np.shape(w1)[1] != np.shape(w2)[0]:
        raise ValueError(f"w1 {np.shape(w1)} makes {np.shape(w1)[1]} hidden units but w2 {np.shape(w2)} expects "
                         f"{np.shape(w2)[0]} (its number of rows)")
    X, w1, b1, h_shape = _checks.layer_inputs(X, w1, b1, ("X", "w1", "b1"))
    _, w2, b2, o_shape = _checks.layer_inputs(np.ones(h_shape), w2, b2, ("h", "w2", "b2"))  # h is at most 1
    return X, w1, b1, w2, b2, o_shape


@_checks.door
def forward_two_layer(X, w1, b1, w2, b2):
    """o = sigmoid(h @ w2 + b2) with the hidden layer h = sigmoid(X @ w1 + b1). Shapes: X (n, d_in), w1 (d_in, d_hidden), w2 (d_hidden, d_out) -> o (n, d_out)."""
    X, w1, b1, w2, b2, _ = _two_layer_inputs(X, w1, b1, w2, b2)
    _, o = _forward_two_layer(X, w1, b1, w2, b2)
    return o


def _forward_two_layer(X, w1, b1, w2, b2):
    h = _forward(X, w1, b1)              # the hidden layer
    o = _forward(h, w2, b2)              # the output layer reads h as its input
    return h, o


@_checks.door
def gradients_two_layer(X, y, w1, b1, w2, b2):
    """(dL/dw1, dL/db1, dL/dw2, dL/db2) of L = mean_sum_squared_loss(forward_two_layer(...), y), each shaped like its parameter."""
    given = (w1, b1, w2, b2)
    X, w1, b1, w2, b2, o_shape = _two_layer_inputs(X, w1, b1, w2, b2)
    y = _checks.reachable(_checks.targets(y, o_shape, o_name="o = forward_two_layer(X, w1, b1, w2, b2)"))
    grads = _gradients_two_layer(X, y, w1, b1, w2, b2)
    return tuple(_checks.given_back(g, p) for g, p in zip(grads, given))


def _gradients_two_layer(X, y, w1, b1, w2, b2):
    """A forward pass through both layers, then the chain rule back through them."""
    h, o = _forward_two_layer(X, w1, b1, w2, b2)
    return _backward_two_layer(X, y, w2, h, o)


def _backward_two_layer(X, y, w2, h, o):
    """The chain rule through both layers: the output layer first, then back through w2 into the hidden layer."""
    dL_dz2, dL_dw2, dL_db2 = _backward(h, o, _mean_sum_squared_loss_derivative(o, y))
    dL_dh = dL_dz2 @ w2.T                # dz2/dh = w2: the error flows back through the weights
    _, dL_dw1, dL_db1 = _backward(X, h, dL_dh)
    return dL_dw1, dL_db1, dL_dw2, dL_db2
