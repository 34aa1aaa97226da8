"""One training step (forward, loss, gradients, update) with nnlib against PyTorch (CPU) and micrograd.

A step is timed the way a learner trains: nnlib's own loop (nnlib.train,
nnlib.train_two_layer: inputs checked once, then EPOCHS steps) against the
usual PyTorch loop (autograd, then w -= eta * grad under no_grad), per step.
Same weights, same data, float64 everywhere, one thread; the weights after
EPOCHS steps are checked equal before anything is timed.
"""

import math
import sys

import numpy as np

import nnlib
from _common import median_seconds, save

ETA = 0.5
EPOCHS = 20
MICRO_BATCH = 8
NETWORKS = {  # name: (d_in, d_hidden or None for a single neuron, batch)
    "neuron": (3, None, 4),
    "mlp_2_16_1": (2, 16, 64),
    "mlp_64_128_1": (64, 128, 256),
}


def problem(d_in, d_hidden, n, rng):
    X, y = rng.normal(size=(n, d_in)), rng.uniform(size=(n, 1))
    if d_hidden is None:
        return X, y, [rng.normal(size=(d_in, 1)), np.array([0.1])]
    scale1, scale2 = 1 / math.sqrt(d_in), 1 / math.sqrt(d_hidden)
    return X, y, [rng.normal(size=(d_in, d_hidden)) * scale1, np.full(d_hidden, 0.1),
                  rng.normal(size=(d_hidden, 1)) * scale2, np.array([0.1])]


def nnlib_train(X, y, params, epochs=EPOCHS):
    """The weights after `epochs` steps of nnlib's training loop."""
    if len(params) == 2:
        history = nnlib.train(X, y, *params, eta=ETA, epochs=epochs)
        return [history.ws[-1], history.bs[-1]]
    history = nnlib.train_two_layer(X, y, *params, eta=ETA, epochs=epochs)
    (w1, w2), (b1, b2) = history.ws[-1], history.bs[-1]
    return [w1, b1, w2, b2]


def torch_train_factory(X, y, params, epochs=EPOCHS):
    """A function running `epochs` steps of the usual PyTorch loop from `params`; returns the weights."""
    import torch
    torch.set_num_threads(1)
    tX, ty = torch.tensor(X), torch.tensor(y)

    def run():
        tp = [torch.tensor(p, requires_grad=True) for p in params]
        for _ in range(epochs):
            h = tX
            for w, b in zip(tp[::2], tp[1::2]):
                h = torch.sigmoid(h @ w + b)
            loss = ((h - ty) ** 2).sum() / len(ty)
            grads = torch.autograd.grad(loss, tp)
            with torch.no_grad():
                for p, g in zip(tp, grads):
                    p -= ETA * g
        return [p.detach().numpy() for p in tp]
    return run


def micrograd_step_factory(X, y, params):
    from micrograd.engine import Value

    def sigmoid(v):  # micrograd has no exp; a sigmoid node in its own style
        s = 1 / (1 + math.exp(-v.data)) if v.data >= 0 else math.exp(v.data) / (1 + math.exp(v.data))
        out = Value(s, (v,), "sigmoid")

        def _backward():
            v.grad += s * (1 - s) * out.grad
        out._backward = _backward
        return out

    def step():
        vp = [[Value(float(x)) for x in np.ravel(p)] for p in params]
        layers = [(np.array(w, dtype=object).reshape(p.shape), np.array(b, dtype=object))
                  for w, b, p in zip(vp[::2], vp[1::2], params[::2])]
        loss = Value(0.0)
        for xi, yi in zip(X, y):
            h = [Value(float(v)) for v in xi]
            for w, b in layers:
                h = [sigmoid(sum((h[i] * w[i, j] for i in range(len(h))), b[j])) for j in range(w.shape[1])]
            loss = loss + (h[0] - float(yi[0])) ** 2
        loss = loss * (1.0 / len(X))
        loss.backward()
        return [np.array([v.data - ETA * v.grad for v in flat]).reshape(p.shape) for flat, p in zip(vp, params)]
    return step


def main():
    rng = np.random.default_rng(0)
    results, rows = {}, []
    for name, (d_in, d_hidden, n) in NETWORKS.items():
        X, y, params = problem(d_in, d_hidden, n, rng)
        reference = nnlib_train(X, y, params)
        t_nnlib = median_seconds(lambda: nnlib_train(X, y, params)) / EPOCHS
        row = {"network": name, "nnlib_us": t_nnlib * 1e6}
        try:
            torch_train = torch_train_factory(X, y, params)
        except ImportError:
            row["torch"] = "skipped: torch not installed (pip install torch==2.13.0)"
        else:
            for got, want in zip(torch_train(), reference):
                np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
            t_torch = median_seconds(torch_train) / EPOCHS
            row["torch_us"] = t_torch * 1e6
            results[f"train_speedup_vs_torch.{name}"] = round(t_torch / t_nnlib, 2)
        try:
            # micrograd builds one Python object per multiply: its time grows linearly with the batch,
            # so the largest network is timed on a slice of MICRO_BATCH examples and scaled up.
            scale = max(1, n // MICRO_BATCH) if d_hidden and d_in * d_hidden > 1000 else 1
            Xm, ym = X[: n // scale], y[: n // scale]
            micrograd_step = micrograd_step_factory(Xm, ym, params)
        except ImportError:
            row["micrograd"] = "skipped: micrograd not installed"
        else:
            for got, want in zip(micrograd_step(), nnlib_train(Xm, ym, params, epochs=1)):
                np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)
            t_micro = median_seconds(micrograd_step, repeats=3, min_time=0.5) * scale
            row["micrograd_us"] = t_micro * 1e6
            row["micrograd_note"] = f"timed on {n // scale} examples, x{scale}" if scale > 1 else ""
            results[f"train_speedup_vs_micrograd.{name}"] = round(t_micro / t_nnlib, 1)
        rows.append(row)
        print(row, flush=True)
    save(results)
    return results


if __name__ == "__main__":
    sys.exit(main() is None)
