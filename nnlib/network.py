"""Forward propagation and its gradients by the chain rule, for one layer."""

import numpy as np

from nnlib._checks import as_numbers, layer_inputs, plain, same_shape
from nnlib.activations import _sigmoid, sigmoid
from nnlib.losses import _mean_sum_squared_loss_derivative

__all__ = [
    "weighted_sum", "forward", "gradients", "loss_curve", "descent_path",
    "forward_two_layer", "gradients_two_layer",
]


def _z(X, w, b):
    """z = X w + b on checked arrays; one weight multiplies every input."""
    return (X * w if w.ndim == 0 else X @ w) + b


def weighted_sum(X, w, b=0.0):
    """z = X @ w + b. Shapes: X (n, d_in), w (d_in, d_out), b (d_out,) -> z (n, d_out)."""
    return plain(_z(*layer_inputs(X, w, b)))


def forward(X, w, b=0.0):
    """o = sigmoid(X @ w + b). Shapes: X (n, d_in), w (d_in, d_out), b (d_out,) -> o (n, d_out)."""
    return sigmoid(weighted_sum(X, w, b))


def gradients(X, y, w, b=0.0):
    """(dL/dw, dL/db) of L = mean_sum_squared_loss(forward(X, w, b), y), shaped like w and b."""
    X, w, b = layer_inputs(X, w, b)
    y = as_numbers("y", y)
    same_shape("o = forward(X, w, b)", _z(X, w, b), "y", y)
    _, grads = _one_layer_pass(X, y, w, b)
    return tuple(plain(g) for g in grads)


def _one_layer_pass(X, y, w, b):
    """Forward, then the chain rule dL/dw = dL/do * do/dz * dz/dw, on checked arrays: (o, (dL/dw, dL/db))."""
    o = _sigmoid(_z(X, w, b))
    _, dL_dw, dL_db = _backward(X, w, b, o, _mean_sum_squared_loss_derivative(o, y))
    return o, (dL_dw, dL_db)


def _backward(X, w, b, o, dL_do):
    """One sigmoid layer o = sigmoid(X w + b), backwards: dL/do -> (dL/dz, dL/dw, dL/db)."""
    dL_dz = dL_do * o * (1 - o)                                # do/dz = o (1 - o): from o, no new exp needed
    dL_dw = np.vdot(X, dL_dz) if w.ndim == 0 else X.T @ dL_dz  # dz/dw = X (one weight: summed over all X)
    dL_db = dL_dz.sum() if b.ndim == 0 else dL_dz.sum(axis=0)   # dz/db = 1
    return dL_dz, dL_dw, dL_db


def loss_curve(X, y, weights, b=0.0, max_chunk_bytes=2**21):
    """L(w) for every candidate w of a one-input model o = sigmoid(X w + b). Shapes: X, y (n, 1) or (n,); weights (k,) -> (k,).

    All candidates are evaluated at once as a (k, n) grid, in chunks of at
    most ``max_chunk_bytes`` per temporary array, so memory stays bounded
    for any k (a single broadcast over 10,000 weights x 100 samples needs ~15 MiB).
    """
    X, y, b = as_numbers("X", X), as_numbers("y", y), as_numbers("b", b)
    weights = as_numbers("weights", weights)
    if X.ndim not in (1, 2) or X.ndim == 2 and X.shape[1] != 1:
        raise ValueError(f"loss_curve needs a one-input model: X of shape (n, 1) or (n,), got {X.shape}")
    same_shape("o", X, "y", y)  # one input, one weight -> o has the shape of X
    if weights.ndim != 1 or b.ndim:
        raise ValueError(f"weights must be 1-D and b a single number; got weights {weights.shape}, b {b.shape}")
    x, target = X.ravel(), y.ravel()
    rows = max(1, min(weights.size, int(max_chunk_bytes // (8 * x.size))))
    grid = np.empty((rows, x.size))                     # one buffer, reused by every chunk: allocating
    losses = np.empty(weights.size)                     # megabytes per chunk costs more than the math
    for start in range(0, weights.size, rows):
        w = weights[start:start + rows, None]           # (k, 1) against x (n,) -> (k, n)
        errors = grid[:len(w)]
        np.multiply(w, x, out=errors)                   # z = x w + b
        errors += b
        _sigmoid(errors, out=errors)                    # o = sigmoid(z)
        errors -= target                                # o - y
        losses[start:start + rows] = np.einsum("kn,kn->k", errors, errors) / x.size
    return losses


def descent_path(X, y, w, b=0.0, eta=0.5, steps=20):
    """Weights visited by gradient descent w <- w - eta dL/dw on one weight (b fixed). Shapes: X, y (n, 1); w scalar -> (steps + 1,)."""
    X, w, b = layer_inputs(X, w, b)
    y = as_numbers("y", y)
    same_shape("o = forward(X, w, b)", X, "y", y)
    if w.ndim or b.ndim:
        raise ValueError(f"descent_path follows one weight and a fixed number b; got w {w.shape}, b {b.shape}")
    if not (isinstance(steps, (int, np.integer)) and steps >= 0):
        raise ValueError(f"steps must be a whole number >= 0, got {steps!r}")
    if not float(as_numbers("eta", eta)) > 0:
        raise ValueError(f"eta (the learning rate) must be positive, got {eta!r}")
    path = np.empty(steps + 1)
    path[0] = w
    for t in range(steps):
        _, (dL_dw, _) = _one_layer_pass(X, y, path[t], b)
        path[t + 1] = path[t] - eta * dL_dw                    # w <- w - eta dL/dw
    return path


def _two_layer_inputs(X, w1, b1, w2, b2):
    """Check both layers' shapes: X (n, d_in) @ w1 (d_in, d_hidden), then h (n, d_hidden) @ w2 (d_hidden, d_out)."""
    X, w1, b1 = layer_inputs(X, w1, b1)
    w2 = as_numbers("w2", w2)
    if w1.ndim != 2 or w2.ndim != 2:
        raise ValueError(f"w1 and w2 must be matrices (d_in, d_hidden) and (d_hidden, d_out); got {w1.shape} and {w2.shape}")
    if w1.shape[1] != w2.shape[0]:
        raise ValueError(f"w1 {w1.shape} makes {w1.shape[1]} hidden units but w2 {w2.shape} expects {w2.shape[0]}")
    _, w2, b2 = layer_inputs(np.zeros((1, w2.shape[0])), w2, b2)  # checks b2 against w2 (h comes later)
    return X, w1, b1, w2, b2


def forward_two_layer(X, w1, b1, w2, b2):
    """o = sigmoid(h @ w2 + b2) with hidden layer h = sigmoid(X @ w1 + b1). Shapes: X (n, d_in), w1 (d_in, d_hidden), w2 (d_hidden, d_out) -> o (n, d_out)."""
    X, w1, b1, w2, b2 = _two_layer_inputs(X, w1, b1, w2, b2)
    return _sigmoid(_z(_sigmoid(_z(X, w1, b1)), w2, b2))


def gradients_two_layer(X, y, w1, b1, w2, b2):
    """(dL/dw1, dL/db1, dL/dw2, dL/db2) of L = mean_sum_squared_loss(forward_two_layer(...), y): the chain rule through both layers."""
    X, w1, b1, w2, b2 = _two_layer_inputs(X, w1, b1, w2, b2)
    y = as_numbers("y", y)
    same_shape("o = forward_two_layer(...)", np.empty((len(X), w2.shape[1])), "y", y)
    _, grads = _two_layer_pass(X, y, w1, b1, w2, b2)
    return tuple(plain(g) for g in grads)


def _two_layer_pass(X, y, w1, b1, w2, b2):
    """Forward then backward through both layers on checked arrays: (o, (dL/dw1, dL/db1, dL/dw2, dL/db2))."""
    h = _sigmoid(_z(X, w1, b1))                                # the hidden layer
    o = _sigmoid(_z(h, w2, b2))
    dL_dz2, dL_dw2, dL_db2 = _backward(h, w2, b2, o, _mean_sum_squared_loss_derivative(o, y))
    dL_dh = np.dot(dL_dz2, w2.T)  # dz2/dh = w2: the error flows back through w2 (np.dot is dL_dz2 @ w2.T,
                                  # but 3x faster here: with one output, @ misses the fast BLAS route)
    _, dL_dw1, dL_db1 = _backward(X, w1, b1, h, dL_dh)
    return o, (dL_dw1, dL_db1, dL_dw2, dL_db2)
