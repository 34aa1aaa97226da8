"""nnlib.loss_curve over 10,000 weights x 100 samples: vectorised and chunked, against a Python loop."""

import sys
import tracemalloc

import numpy as np

import nnlib
from _common import median_seconds, save


def main():
    rng = np.random.default_rng(0)
    X, y = nnlib.single_input_data(rng, n=100, w=2.0)
    weights = np.linspace(-5, 5, 10_000)
    loop = [nnlib.mean_sum_squared_loss(nnlib.forward(X, np.array([[w]])), y) for w in weights[:50]]
    np.testing.assert_allclose(nnlib.loss_curve(X, y, weights[:50]), loop, rtol=1e-12)

    t_vector = median_seconds(lambda: nnlib.loss_curve(X, y, weights))
    t_loop = median_seconds(
        lambda: [nnlib.mean_sum_squared_loss(nnlib.forward(X, np.array([[w]])), y) for w in weights],
        repeats=3)
    t_raw_loop = median_seconds(  # the loop a learner would write with plain NumPy, no input checks
        lambda: [np.mean((1 / (1 + np.exp(-X * w)) - y) ** 2) for w in weights], repeats=3)
    tracemalloc.start()
    nnlib.loss_curve(X, y, weights)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"loss_curve: {t_vector * 1e3:.2f} ms; loop over nnlib calls {t_loop * 1e3:.1f} ms; "
          f"plain NumPy loop {t_raw_loop * 1e3:.1f} ms; peak memory {peak:.1f} MiB")
    results = {
        "loss_curve_speedup_vs_loop": round(t_raw_loop / t_vector, 1),
        "loss_curve_speedup_vs_nnlib_loop": round(t_loop / t_vector, 1),
        "loss_curve_peak_mib": round(peak, 2),
    }
    save(results)
    return results


if __name__ == "__main__":
    sys.exit(main() is None)
