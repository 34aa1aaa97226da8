"""Key press to repainted figure, in JupyterLab in Chromium, for every explorer.

A throw-away notebook shows each explorer of bench/explorer_cases.py. For each, the first
slider's handle gets focus; per press, the page notes the time of the keydown and then
checks the canvas pixels on every animation frame until they change: the whole round trip
(browser -> kernel observer -> draw_idle -> browser asks for the picture -> Agg render ->
PNG -> canvas). Presses alternate right and left, one at a time, each after the figure has
settled. Target: median <= 100 ms on the project's 2-core machines.

Prints a table and merges ``keypress_to_repaint_ms`` (median per explorer) into
bench/results.json. Run with ``make bench``. The JupyterLab/Chromium start-up is the
browser test's own (tests/browser/lab.py).
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


def main():
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "notebooks").mkdir()
        name = bench_notebook(folder / "notebooks")
        with lab.jupyterlab(folder / "notebooks", folder / "state") as server, lab.chromium(folder / "profile") as page:
            lab.open_and_run(page, server, name)
            outputs = page.locator(".jp-OutputArea-output:has(.widget-hslider)")
            if outputs.count() != len(CASES):
                raise RuntimeError(f"expected {len(CASES)} explorers on the page, found {outputs.count()}")
            print(f"Key press to repainted figure in Chromium (JupyterLab ready in {time.monotonic() - start:.0f} s), "
                  f"{PRESSES} single presses per explorer; "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            print(f"{'explorer':<24} {'slider':<7} {'median':>9} {'p90':>9}   target <= {TARGET_MS:g} ms")
            medians, ok = {}, True
            for index, case in enumerate(CASES):
                slider = outputs.nth(index).locator(".widget-hslider").first
                times = sorted(presses(page, slider))
                medians[case] = round(statistics.median(times), 1)
                p90 = times[int(0.9 * (len(times) - 1))]
                ok &= medians[case] <= TARGET_MS
                label = slider.locator(".widget-label").inner_text()
                print(f"{case:<24} {label:<7} {medians[case]:>6.1f} ms {p90:>6.1f} ms   "
                      f"{'pass' if medians[case] <= TARGET_MS else 'FAIL'}")
    verdict = "all explorers meet" if ok else "NOT all explorers meet"
    print(f"{verdict} the target; total {time.monotonic() - start:.0f} s")
    for factory in missing():
        print(f"not measured: {factory} (add a case to bench/explorer_cases.py)")
    save({"keypress_to_repaint_ms": medians})


if __name__ == "__main__":
    main()
