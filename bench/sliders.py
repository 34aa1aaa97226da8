"""Slider speed in the kernel: one explorer step against the naive interact re-plot of the same figure.

Explorer step: set a slider's value; its observer moves the artists (``set_data``) and calls
``draw_idle`` on the one ipympl figure. Under ipympl, ``draw_idle`` only tells the browser
that a new picture is ready; the Agg render happens when the browser asks for it, and the
key-press bench (bench/browser_sliders.py) measures that round trip. This runs in a plain
Python process with the ipympl backend: the widgets' messages are built as in a kernel, but
their comm has no kernel to send them to, so the last hop (a ZeroMQ send) is not in the time.

Naive step: what an ``ipywidgets.interact`` callback does with the inline backend on every
slider step: a new figure of the same size, drawn by the same ``draw_*`` function, rendered
to PNG with ``bbox_inches="tight"`` as the inline backend renders it.

Targets: explorer step median <= 1 ms and <= 0.05x the naive step. Prints a table and merges
``slider_callback_ms``, ``slider_callback_naive_ms`` (per explorer) and
``slider_callback_ratio_vs_naive`` (the worst explorer's ratio) into bench/results.json.
Run with ``make bench``.
"""

import io
import os
import statistics
import time
import warnings

import matplotlib

matplotlib.use("module://ipympl.backend_nbagg")  # before pyplot: the JupyterLab canvas, draw_idle only schedules

import ipywidgets as widgets                      # noqa: E402
import matplotlib.pyplot as plt                   # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure              # noqa: E402

from _common import save                          # noqa: E402
from explorer_cases import CASES, missing         # noqa: E402

# ipympl 0.10's Toolbar passes its canvas on to traitlets (ipympl, not us); harmless.
warnings.filterwarnings("ignore", r"Passing unrecognized arguments to super\(Toolbar\)", DeprecationWarning)

STEPS, NAIVE_STEPS, WARM_UP = 300, 30, 10
TARGET_MS, TARGET_RATIO = 1.0, 0.05


def walk(slider, count):
    """``count`` one-step moves, as arrow keys make them: toward one end, then back. Yields (attribute, value)."""
    if isinstance(slider, widgets.SelectionSlider):
        attribute, grid, i = "index", list(range(len(slider.options))), slider.index
    else:
        n = round((slider.max - slider.min) / slider.step)
        kind = int if isinstance(slider, widgets.IntSlider) else float
        attribute, grid = "value", [kind(slider.min + k * slider.step) for k in range(n + 1)]
        i = min(range(len(grid)), key=lambda k: abs(grid[k] - slider.value))
    direction = 1 if i < len(grid) - 1 else -1
    for _ in range(count):
        if not 0 <= i + direction < len(grid):
            direction = -direction
        i += direction
        yield attribute, grid[i]


def explorer_steps(explorer):
    """Milliseconds per slider step (each slider in turn), and the slider values after each step."""
    times, seen = [], []
    per_slider = (STEPS + WARM_UP) // len(explorer.sliders)
    for slider in explorer.sliders.values():
        for k, (attribute, value) in enumerate(walk(slider, per_slider)):
            start = time.perf_counter()
            setattr(slider, attribute, value)
            elapsed = time.perf_counter() - start
            if k >= WARM_UP // len(explorer.sliders):
                times.append(elapsed * 1e3)
                seen.append(explorer.values)
    return times, seen


def naive_step(case, explorer, values):
    """A new figure with the same content, rendered to PNG: returns milliseconds."""
    start = time.perf_counter()
    fig = Figure(figsize=explorer.fig.get_size_inches(), layout="constrained")
    FigureCanvasAgg(fig)
    axes = list(fig.subplots(1, len(explorer.fig.axes), squeeze=False)[0])
    case.naive(explorer, axes, **values)
    for new, old in zip(axes, explorer.fig.axes):   # the explorer's fixed view, not the autoscaled one
        new.set_xlim(old.get_xlim())
        new.set_ylim(old.get_ylim())
    fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")
    return (time.perf_counter() - start) * 1e3


def main():
    print(f"Slider step in the kernel (ipympl backend), medians over {STEPS} explorer steps "
          f"and {NAIVE_STEPS} naive re-plots; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'explorer':<24} {'explorer step':>14} {'naive re-plot':>14} {'ratio':>8}   "
          f"target <= {TARGET_MS:g} ms and <= {TARGET_RATIO:g}x")
    callback, naive, ratios, ok = {}, {}, {}, True
    for name, case in CASES.items():
        explorer = case.make()
        times, seen = explorer_steps(explorer)
        step = len(seen) // NAIVE_STEPS
        naive_times = [naive_step(case, explorer, values) for values in seen[::step][:NAIVE_STEPS]]
        plt.close(explorer.fig)
        callback[name] = round(statistics.median(times), 4)
        naive[name] = round(statistics.median(naive_times), 2)
        ratios[name] = callback[name] / naive[name]
        passed = callback[name] <= TARGET_MS and ratios[name] <= TARGET_RATIO
        ok &= passed
        print(f"{name:<24} {callback[name]:>11.3f} ms {naive[name]:>11.1f} ms {ratios[name]:>8.4f}   "
              f"{'pass' if passed else 'FAIL'}")
    worst = max(ratios, key=ratios.get)
    print(f"worst ratio: {ratios[worst]:.4f} ({worst}); {'all explorers meet' if ok else 'NOT all explorers meet'} "
          "the targets")
    for name in missing():
        print(f"not measured: {name} (add a case to bench/explorer_cases.py)")
    save({"slider_callback_ms": callback, "slider_callback_naive_ms": naive,
          "slider_callback_ratio_vs_naive": round(ratios[worst], 4)})


if __name__ == "__main__":
    main()
