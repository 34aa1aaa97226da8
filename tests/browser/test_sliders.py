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

import json
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
    """The browser's slider position and range, from noUiSlider itself (its aria-value* attributes round to 0.1).
    The position is the value, or for a SelectionSlider the index of the option."""
    return slider.locator(".noUi-target").evaluate("""t => ({
        value: Number(t.noUiSlider.get()),
        min: Number([].concat(t.noUiSlider.options.range.min)[0]),
        max: Number([].concat(t.noUiSlider.options.range.max)[0])})""")


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


def kernel_change(kernel, before, shown):
    """Poll the kernel until one explorer slider has moved to the position the browser shows; check how it moved."""
    (sliders_before, figures_before), deadline = before, time.monotonic() + lab.TIMEOUT_MS / 1000
    while True:
        sliders, figures = kernel.explorer_sliders()
        changed = {m: k for m, k in sliders.items() if m in sliders_before and k.position != sliders_before[m].position}
        arrived = [k for k in changed.values() if math.isclose(k.position, shown, abs_tol=1e-6)]
        if (len(changed) == 1 and arrived) or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not set(sliders) - set(sliders_before), "the move created new explorer sliders in the kernel"
    assert len(changed) == 1, f"expected one kernel slider to move to {shown}, got {changed or 'none'}"
    (model_id, moved), = changed.items()
    assert arrived, f"the kernel has {moved.name} = {moved.value} (position {moved.position}), the browser {shown}"
    assert moved.figure == sliders_before[model_id].figure, "the explorer's figure was replaced, not updated in place"
    assert figures == figures_before, f"open figures went from {figures_before} to {figures}: one was built per step"
    return model_id, sliders_before[model_id], moved


def move_and_check(page, kernel, slider, how):
    """Move ``slider`` by keyboard or mouse: the kernel must follow and the figure repaint.
    Returns the moved slider's model id and the kernel's view of it before and after."""
    handle, canvas = slider.locator(".noUi-handle"), lab.figure_of(slider)
    before = kernel.explorer_sliders()
    pixels = lab.settled_hash(page, canvas)
    state = slider_state(slider)
    if how == "keyboard":
        press(page, handle, state)
    else:
        drag(page, handle, state, slider.locator(".noUi-base"))
    page.wait_for_function("([t, v]) => Number(t.noUiSlider.get()) !== v",
                           arg=[slider.locator(".noUi-target").element_handle(), state["value"]])
    model_id, old, new = kernel_change(kernel, before, slider_state(slider)["value"])
    label = slider.locator(".widget-label").inner_text()
    assert new.description == label, f"the kernel slider that moved is {new.description!r}, the browser's is {label!r}"
    lab.wait_for_repaint(page, canvas, pixels)
    return model_id, old, new


def move_every_slider(page, kernel, sliders, name, artifacts):
    """Move each slider by keyboard and by mouse; collect every failure (with a screenshot) rather than stop."""
    failures, owners = [], {}
    for index in range(sliders.count()):
        slider = sliders.nth(index)
        label = slider.locator(".widget-label").inner_text()
        for how in ("keyboard", "mouse"):
            where = f"slider {index} ({label!r}), {how}"
            try:
                model_id, old, new = move_and_check(page, kernel, slider, how)
                owners.setdefault(model_id, set()).add(index)
                print(f"{name}: {where}: {old.value} -> {new.value}, repainted, the kernel agrees")
            except Exception as error:
                shot = artifacts / f"{Path(name).stem}-slider{index}-{how}.png"
                try:
                    lab.output_of(slider).screenshot(path=shot, timeout=10_000)
                except Exception as no_shot:   # the page may be gone; the failure itself matters more
                    shot = f"none: {no_shot}"
                failures.append(f"{where}: {type(error).__name__}: {error} (screenshot: {shot})")
    return failures, owners


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_slider_repaints_its_figure_and_reaches_the_kernel(name, page, server, artifacts):
    cells = json.loads((server.root / name).read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    try:
        times = lab.open_and_run(page, server, name)
        start = time.monotonic()
        errors = lab.error_outputs(page)
        assert not errors, f"{name} shows errors or stderr after Run All:\n" + "\n".join(errors)
        sliders = page.locator(lab.SLIDER)
        count = sliders.count()
        if BUILDS_AN_EXPLORER.search(code):
            assert count > 0, f"{name} builds an explorer but no slider appeared in the browser"
        with server.kernel(name) as kernel:
            failures, owners = move_every_slider(page, kernel, sliders, name, artifacts)
        print(f"{name}: opened in {times['open']:.1f} s, ran all in {times['run']:.1f} s, figures drawn in "
              f"{times['draw']:.1f} s, {count} slider(s) moved both ways in {time.monotonic() - start:.1f} s")
    finally:
        server.close_session(name)   # one kernel at a time on a small machine
    assert not failures, "\n".join(failures)
    # Each slider on the page drove its own kernel slider: none is a second view of another.
    assert len(owners) == count and all(len(indices) == 1 for indices in owners.values()), owners
