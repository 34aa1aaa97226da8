"""A person sees the sliders work: every slider of every notebook, moved in a real JupyterLab.

For each notebook in notebooks/: open it in Chromium, run all cells, wait for the kernel
and the figures. Then every slider on the page is moved twice, with the keyboard and with
a mouse drag, and each move must

- repaint its figure: the canvas pixels next to the slider change;
- reach the kernel: exactly one explorer slider in the kernel changes, to the value the
  browser shows, on the explorer's same figure, with no new figure opened.

Notebooks and sliders are discovered, not listed, so a new notebook is covered as it lands.
No latency is asserted here (see bench/ for the numbers); the timeouts are only generous limits.
"""

import math
import re
import time
from pathlib import Path

import pytest

import lab

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(p.name for p in (Path(__file__).parents[2] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
BUILDS_AN_EXPLORER = re.compile(r"\bexplore_\w+\(|\bExplorer\(")


def slider_state(slider):
    """The browser's slider value and range, from noUiSlider itself (its aria-value* attributes round to 0.1)."""
    return slider.locator(".noUi-target").evaluate("""t => ({
        value: Number(t.noUiSlider.get()),
        min: Number([].concat(t.noUiSlider.options.range.min)[0]),
        max: Number([].concat(t.noUiSlider.options.range.max)[0])})""")


def settled_hash(page, canvas, quiet_ms=300):
    """The canvas's hash once it has stopped changing for ``quiet_ms`` (an earlier move may still be arriving)."""
    return page.evaluate(
        f"""async ([canvas, quietMs]) => {{
            const state = {lab.CANVAS_STATE_JS};
            let last = state(canvas).hash, since = performance.now();
            while (performance.now() - since < quietMs) {{
                await new Promise(r => requestAnimationFrame(r));
                const now = state(canvas).hash;
                if (now !== last) {{ last = now; since = performance.now(); }}
            }}
            return last;
        }}""", [canvas.element_handle(), quiet_ms])


def wait_for_repaint(page, canvas, before):
    page.wait_for_function(
        f"([canvas, before]) => ({lab.CANVAS_STATE_JS})(canvas).hash !== before",
        arg=[canvas.element_handle(), before], polling="raf")


def press(page, handle, state):
    """One arrow-key step, toward the side with room (a slider at its maximum steps left)."""
    handle.focus()
    page.keyboard.press("ArrowRight" if state["value"] < state["max"] else "ArrowLeft")


def drag(page, handle, state, track):
    """Drag the handle a quarter of the track or more: to 1/4 of the track if it sits right of the middle, else 3/4."""
    handle.scroll_into_view_if_needed()
    box, bar = handle.bounding_box(), track.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    fraction = (state["value"] - state["min"]) / (state["max"] - state["min"])
    target = bar["x"] + bar["width"] * (0.25 if fraction > 0.5 else 0.75)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(target, y, steps=8)
    page.mouse.up()


def kernel_change(kernel, before, shown, timeout_s=lab.TIMEOUT_MS / 1000):
    """Poll the kernel until one explorer slider has moved to the value the browser shows; return its row."""
    deadline = time.monotonic() + timeout_s
    while True:
        after, figures = kernel.explorer_sliders()
        changed = {m: row for m, row in after.items() if m in before[0] and row[2] != before[0][m][2]}
        new = set(after) - set(before[0])
        arrived = len(changed) == 1 and math.isclose(next(iter(changed.values()))[2], shown, abs_tol=1e-6)
        if arrived or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not new, f"the move created new explorer sliders in the kernel: {sorted(new)}"
    assert len(changed) == 1, f"expected one kernel slider to change to {shown}, got {changed}"
    (model_id, row), = changed.items()
    assert math.isclose(row[2], shown, abs_tol=1e-6), f"kernel has {row[1]}={row[2]}, the browser shows {shown}"
    assert row[3] == before[0][model_id][3], "the explorer's figure was replaced, not updated in place"
    assert figures == before[1], f"open figures went from {before[1]} to {figures}: a figure was built per step"
    return model_id, row


def move_and_check(page, kernel, slider, how):
    handle, canvas = slider.locator(".noUi-handle"), lab.figure_of(slider)
    before_kernel = kernel.explorer_sliders()
    before_pixels = settled_hash(page, canvas)
    state = slider_state(slider)
    if how == "keyboard":
        press(page, handle, state)
    else:
        drag(page, handle, state, slider.locator(".noUi-base"))
    page.wait_for_function("([t, v]) => Number(t.noUiSlider.get()) !== v",
                           arg=[slider.locator(".noUi-target").element_handle(), state["value"]])
    shown = slider_state(slider)["value"]
    model_id, row = kernel_change(kernel, before_kernel, shown)
    label = slider.locator(".widget-label").inner_text()
    assert row[1] == label, f"the kernel slider that moved is {row[1]!r}, the browser moved {label!r}"
    wait_for_repaint(page, canvas, before_pixels)
    return model_id, state["value"], shown


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_slider_repaints_its_figure_and_reaches_the_kernel(name, server, page, artifacts):
    source = (server.root / name).read_text(encoding="utf-8")
    lab.open_and_run(page, server, name)
    errors = lab.error_outputs(page)
    assert not errors, f"{name} shows errors or stderr after Run All:\n" + "\n".join(errors)
    sliders = page.locator(lab.SLIDER)
    count = sliders.count()
    if BUILDS_AN_EXPLORER.search(source):
        assert count > 0, f"{name} builds an explorer but no slider appeared in the browser"
    failures, moved = [], {}
    with server.kernel(name) as kernel:
        for index in range(count):
            slider = sliders.nth(index)
            label = slider.locator(".widget-label").inner_text()
            for how in ("keyboard", "mouse"):
                where = f"slider {index} ({label!r}), {how}"
                try:
                    model_id, old, new = move_and_check(page, kernel, slider, how)
                    moved.setdefault(model_id, []).append(index)
                    print(f"{name}: {where}: {old:g} -> {new:g}, repainted, kernel agrees")
                except Exception as error:  # report every slider, not just the first that fails
                    shot = artifacts / f"{Path(name).stem}-slider{index}-{how}.png"
                    lab.output_of(slider).screenshot(path=shot)
                    failures.append(f"{where}: {type(error).__name__}: {error} (screenshot: {shot})")
    server.close_session(name)
    assert not failures, "\n".join(failures)
    # Each slider on the page drove its own kernel slider: none is a copy of another.
    assert all(len(set(indices)) == 1 for indices in moved.values()), moved
    assert len(moved) == count
