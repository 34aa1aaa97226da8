"""Slider speed in the kernel: one explorer step against the naive interact re-plot of the same figure.

Explorer step, as in JupyterLab once the figure is on screen: the canvas has had its first full
draw (the explorer keeps it as the background) and the browser is connected. Setting a slider's
value runs the observer: it moves the artists (``set_data``) and schedules a blit on the kernel's
event loop; that is the *callback*. When the loop is next free the blit runs: the background is
pasted, the moving artists are drawn on it and the changed pixels go out as a PNG; that is the
*picture*. Both are timed, in an asyncio loop standing in for the kernel's. This runs in a plain
Python process with the ipympl backend: the widgets' messages are built as in a kernel, but their
comm has no kernel to send them to, so the last hop (a ZeroMQ send) is not in the time.

Naive step: what an ``ipywidgets.interact`` callback does with the inline backend on every
slider step: a new figure of the same size, drawn by the same ``draw_*`` function, rendered
to PNG with ``bbox_inches="tight"`` as the inline backend renders it.

Targets: callback median <= 1 ms and <= 0.05x the naive step. The callback plus its picture is
reported against the naive step too (the whole work of a step in the kernel). Prints a table and
merges ``slider_callback_ms``, ``slider_picture_ms``, ``slider_callback_naive_ms`` (per explorer),
``slider_callback_ratio_vs_naive`` and ``slider_step_ratio_vs_naive`` (the worst explorer's
ratios) into bench/results.json. The whole round trip in a browser is bench/browser_sliders.py.
Run with ``make bench``.
"""

import asyncio
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
    """Milliseconds per slider step (each slider in turn): callbacks, pictures, and the slider values after each step."""
    explorer.fig.canvas.draw()                       # the browser's first request: a full draw
    explorer.fig.canvas.syncing_data_url = False     # what ipympl does once the browser is connected
    callbacks, pictures, seen = [], [], []
    per_slider = (STEPS + WARM_UP) // len(explorer.sliders)

    async def steps():
        for slider in explorer.sliders.values():
            for k, (attribute, value) in enumerate(walk(slider, per_slider)):
                start = time.perf_counter()
                setattr(slider, attribute, value)
                called = time.perf_counter()
                await asyncio.sleep(0)               # the loop is free: the scheduled blit runs
                drawn = time.perf_counter()
                if k >= WARM_UP // len(explorer.sliders):
                    callbacks.append((called - start) * 1e3)
                    pictures.append((drawn - called) * 1e3)
                    seen.append(explorer.values)

    asyncio.run(steps())
    return callbacks, pictures, seen


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
    print(f"{'explorer':<24} {'callback':>10} {'picture':>10} {'naive re-plot':>14} {'ratio':>8} {'step ratio':>11}   "
          f"target: callback <= {TARGET_MS:g} ms and <= {TARGET_RATIO:g}x")
    callback, picture, naive, ratios, step_ratios, ok = {}, {}, {}, {}, {}, True
    for name, case in CASES.items():
        explorer = case.make()
        callbacks, pictures, seen = explorer_steps(explorer)
        step = len(seen) // NAIVE_STEPS
        naive_times = [naive_step(case, explorer, values) for values in seen[::step][:NAIVE_STEPS]]
        plt.close(explorer.fig)
        callback[name] = round(statistics.median(callbacks), 4)
        picture[name] = round(statistics.median(pictures), 2)
        naive[name] = round(statistics.median(naive_times), 2)
        ratios[name] = callback[name] / naive[name]
        step_ratios[name] = (callback[name] + picture[name]) / naive[name]
        passed = callback[name] <= TARGET_MS and ratios[name] <= TARGET_RATIO
        ok &= passed
        print(f"{name:<24} {callback[name]:>7.3f} ms {picture[name]:>7.1f} ms {naive[name]:>11.1f} ms "
              f"{ratios[name]:>8.4f} {step_ratios[name]:>11.3f}   {'pass' if passed else 'FAIL'}")
    worst, worst_step = max(ratios, key=ratios.get), max(step_ratios, key=step_ratios.get)
    print(f"worst ratio: {ratios[worst]:.4f} ({worst}); worst step ratio (callback + picture): "
          f"{step_ratios[worst_step]:.3f} ({worst_step}); {'all explorers meet' if ok else 'NOT all explorers meet'} "
          "the targets")
    for name in missing():
        print(f"not measured: {name} (add a case to bench/explorer_cases.py)")
    save({"slider_callback_ms": callback, "slider_picture_ms": picture, "slider_callback_naive_ms": naive,
          "slider_callback_ratio_vs_naive": round(ratios[worst], 4),
          "slider_step_ratio_vs_naive": round(step_ratios[worst_step], 3)})


if __name__ == "__main__":
    main()
