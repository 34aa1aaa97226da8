"""Forward propagation and its gradients by the chain rule, for one layer."""

import numpy as np

from nnlib._checks import as_numbers, layer_inputs, plain, same_shape
from nnlib.activations import sigmoid, sigmoid_derivative
from nnlib.losses import mean_sum_squared_loss_derivative

__all__ = ["weighted_sum", "forward", "gradients", "loss_curve"]


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
    z = _z(X, w, b)
    y = as_numbers("y", y)
    same_shape("o = forward(X, w, b)", z, "y", y)
    dL_dz = mean_sum_squared_loss_derivative(sigmoid(z), y) * sigmoid_derivative(z)  # chain rule
    dL_dw = np.sum(X * dL_dz) if w.ndim == 0 else X.T @ dL_dz                     # dz/dw = X
    dL_db = np.sum(dL_dz) if b.ndim == 0 else np.sum(dL_dz, axis=0)               # dz/db = 1
    return plain(dL_dw), plain(dL_db)


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
    rows = max(1, int(max_chunk_bytes // (8 * x.size)))
    losses = np.empty(weights.size)
    for start in range(0, weights.size, rows):
        w = weights[start:start + rows, None]           # (rows, 1) against x (n,) -> (rows, n)
        errors = sigmoid(w * x + b) - target
        losses[start:start + rows] = np.einsum("kn,kn->k", errors, errors) / x.size
    return losses
