"""Key press to repainted figure, in JupyterLab in Chromium, for every explorer.

A throw-away notebook shows each explorer of bench/explorer_cases.py. For each, the first
slider's handle gets focus; per press, the page notes the time of the keydown and then
checks the canvas pixels on every animation frame until they change: the whole round trip
(browser -> kernel observer -> draw_idle -> browser asks for the picture -> Agg render ->
PNG -> canvas). Presses alternate right and left, one at a time, each after the figure has
settled. Target: median <= 100 ms on the project's 2-core machines.

All of it twice in one run: on a stock Jupyter server, then on one with the learners' server
settings (binder/jupyter_server_config.py, which make lab, Binder and the classroom hub load).

Prints a table and merges into bench/results.json ``keypress_to_repaint_ms`` (median per explorer,
learners' settings), ``key_press_median_ms`` (the median over every press of every explorer, learners'
settings; target <= 50 ms) and ``key_press_median_ms_stock_server`` (the same on the stock server).
Run with ``make bench``. The JupyterLab/Chromium start-up is the browser test's own (tests/browser/lab.py).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "tests" / "browser"))

import lab                                 # noqa: E402
from _common import save                   # noqa: E402
from explorer_cases import CASES, missing  # noqa: E402

PRESSES, TARGET_MS = 24, 100.0
EVERY_TARGET_MS = 50.0     # the median over every press of every explorer

# Arm a one-shot timer: from the handle's next keydown to the first animation frame with changed pixels.
ARM_JS = f"""([canvas, handle]) => {{
    const state = {lab.CANVAS_STATE_JS};
    const before = state(canvas).hash;
    window.__repaintMs = null;
    handle.addEventListener("keydown", () => {{
        const start = performance.now();
        const poll = () => {{
            if (state(canvas).hash !== before) window.__repaintMs = performance.now() - start;
            else requestAnimationFrame(poll);
        }};
        requestAnimationFrame(poll);
    }}, {{once: true, capture: true}});
}}"""


def bench_notebook(folder):
    cells = [nbformat.v4.new_code_cell(
        f"%matplotlib widget\nimport sys\nsys.path.insert(0, {str(BENCH)!r})\nfrom explorer_cases import CASES")]
    cells += [nbformat.v4.new_code_cell(f"CASES[{name!r}].make()") for name in CASES]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "sliders_bench.ipynb")
    return "sliders_bench.ipynb"


def presses(page, slider):
    """Milliseconds from key press to repainted canvas, for PRESSES presses alternating right and left."""
    handle, canvas = slider.locator(".noUi-handle"), lab.figure_of(slider)
    at_max = slider.locator(".noUi-target").evaluate(
        "t => Number(t.noUiSlider.get()) >= Number([].concat(t.noUiSlider.options.range.max)[0])")
    keys = ["ArrowLeft", "ArrowRight"] if at_max else ["ArrowRight", "ArrowLeft"]
    handle.focus()
    times = []
    for k in range(PRESSES):
        lab.settled_hash(page, canvas)
        page.evaluate(ARM_JS, [canvas.element_handle(), handle.element_handle()])
        page.keyboard.press(keys[k % 2])
        page.wait_for_function("window.__repaintMs !== null")
        times.append(page.evaluate("window.__repaintMs"))
    return times


def measure(server_config):
    """Every press of every explorer on one server: ({explorer: sorted ms}, seconds until JupyterLab was ready)."""
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "notebooks").mkdir()
        name = bench_notebook(folder / "notebooks")
        with lab.jupyterlab(folder / "notebooks", folder / "state", server_config=server_config) as server, \
                lab.chromium(folder / "profile") as page:
            lab.open_and_run(page, server, name)
            ready = time.monotonic() - start
            outputs = page.locator(".jp-OutputArea-output:has(.widget-hslider)")
            if outputs.count() != len(CASES):
                raise RuntimeError(f"expected {len(CASES)} explorers on the page, found {outputs.count()}")
            return {case: sorted(presses(page, outputs.nth(index).locator(".widget-hslider").first))
                    for index, case in enumerate(CASES)}, ready


def main():
    start = time.monotonic()
    # The same presses on a stock server, then on one with the learners' server settings
    # (binder/jupyter_server_config.py: the kernel's websocket without Nagle's algorithm).
    runs = {}
    for label, server_config in [("stock server", False), ("learners' settings", True)]:
        load = os.getloadavg()[0]
        runs[label], ready = measure(server_config)
        print(f"\n{label}: key press to repainted figure in Chromium (JupyterLab ready in {ready:.0f} s), "
              f"{PRESSES} single presses per explorer; load average {load:.1f}-{os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
        print(f"{'explorer':<24} {'median':>9} {'p90':>9}   target <= {TARGET_MS:g} ms")
        for case, times in runs[label].items():
            median = statistics.median(times)
            print(f"{case:<24} {median:>6.1f} ms {times[int(0.9 * (len(times) - 1))]:>6.1f} ms   "
                  f"{'pass' if median <= TARGET_MS else 'FAIL'}")
    every = {label: statistics.median([t for times in run.values() for t in times]) for label, run in runs.items()}
    for label, median in every.items():
        print(f"median over every press of every explorer, {label}: {median:.1f} ms (target <= {EVERY_TARGET_MS:g})")
    medians = {case: round(statistics.median(times), 1) for case, times in runs["learners' settings"].items()}
    verdict = "all explorers meet" if max(medians.values()) <= TARGET_MS else "NOT all explorers meet"
    print(f"{verdict} the target with the learners' settings; total {time.monotonic() - start:.0f} s")
    for factory in missing():
        print(f"not measured: {factory} (add a case to bench/explorer_cases.py)")
    save({"keypress_to_repaint_ms": medians,
          "key_press_median_ms": round(every["learners' settings"], 1),
          "key_press_median_ms_stock_server": round(every["stock server"], 1)})


if __name__ == "__main__":
    main()
