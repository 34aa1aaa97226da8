"""Notebook 10's paint pad on the website: painted with the mouse and computed by the page, with no kernel.

Chromium reaches 127.0.0.1 only (``offline_page`` in conftest.py). On the built page of notebook 10:

- before a stroke, the pad is the picture the notebook stored: its picture under the canvas, with the
  canvas over it, has the stored picture's cells, bars and axes (the title's letters aside);
- a 7 painted with three mouse drags (press, move, release) fills the cells the strokes pass over with
  full ink, by the notebook's rule (``nnlib.digit_explorers._cells_between``: a quick diagonal fills the
  cells in between; a stroke that leaves the grid goes on when it comes back): the test reads each cell's
  colour off the canvas;
- the ten outputs the page computed are ``nnlib.forward_layers`` of that grid (the test's own, from its
  strokes), with the network of the slider's epoch; the bars on the canvas stand at those heights, and
  their label names the answer;
- the epoch slider, moved with the keyboard, changes the bars to another epoch's network's outputs;
- Clear empties the grid;
- the keyboard paints too: arrow keys move a cursor (outlined on the canvas while the keys are in use,
  never past the edge), space paints its cell, shift with an arrow paints the cells it leaves and enters,
  and a live line says the cell and the answer.

The networks are read here from the site's network.js (float32), not from the page's script; that they
are the notebook's is the first check: with them the page draws the bars the notebook stored.
"""

import base64
import io
import json
import math
import re
from pathlib import Path
from urllib.parse import unquote

import nbformat
import numpy as np
import pytest
from PIL import Image

import nnlib
from nnlib.digit_explorers import _cells_between

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
NOTEBOOK = ROOT / "notebooks" / "10_handwritten_digits.ipynb"
VIEW = "application/vnd.jupyter.widget-view+json"

# What the page shows: the canvas's pixels, and the composite of the picture under it with the canvas.
COMPOSITE_JS = """picture => {
    const canvas = picture.querySelector("canvas"), out = document.createElement("canvas");
    out.width = canvas.width, out.height = canvas.height;
    const context = out.getContext("2d");
    context.drawImage(picture.querySelector("img"), 0, 0);
    context.drawImage(canvas, 0, 0);
    return out.toDataURL("image/png");
}"""


@pytest.fixture(scope="module")
def pad(offline_page, site_server, site):
    """The page with the pad, once its script has loaded the networks: the pad's locator, data and networks."""
    page = offline_page
    page.outside.clear(), page.failed.clear(), page.errors.clear()
    page.goto(f"{site_server}notebooks/{NOTEBOOK.stem}.html", wait_until="load")
    pad = page.locator(".digit-pad")
    assert pad.count() == 1
    page.wait_for_function("() => !document.querySelector('.digit-pad-live').hidden")
    pad.scroll_into_view_if_needed()
    data = json.loads(pad.locator(".digit-pad-data").text_content())
    weights = site / "notebooks" / unquote(pad.get_attribute("data-weights"))
    return pad, data, networks(weights.read_text(), data)


def networks(script, data):
    """The layers [(w, b), ...] of each epoch, from network.js: float32, each layer's w row by row, then b."""
    numbers = np.frombuffer(base64.b64decode(re.search(r'weights = "([A-Za-z0-9+/=]+)"', script).group(1)), "<f4")
    sizes, at, epochs = data["sizes"], 0, []
    for _ in data["readouts"]:
        layers = []
        for d_in, d_out in zip(sizes[:-1], sizes[1:]):
            w, b = numbers[at:at + d_in * d_out].reshape(d_in, d_out), numbers[at + d_in * d_out:at + (d_in + 1) * d_out]
            layers.append((w.astype(float), b.astype(float)))
            at += (d_in + 1) * d_out
        epochs.append(layers)
    assert at == len(numbers), "network.js holds more numbers than the networks need"
    return epochs


def stored_picture():
    (png,) = [output.data["image/png"] for cell in nbformat.read(NOTEBOOK, as_version=4).cells
              for output in cell.get("outputs", []) if VIEW in output.get("data", {})
              and output.data.get("text/plain", "").startswith("Digit pad")]
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(png))).convert("RGB")).astype(int)


def rgb(color):
    return [int(color[i:i + 2], 16) for i in (1, 3, 5)]


def png(data_url):
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data_url.split(",", 1)[1]))))


def canvas(pad, data):
    """The canvas's pixels, RGBA (height, width, 4)."""
    pixels = png(pad.locator("canvas").evaluate("canvas => canvas.toDataURL('image/png')")).astype(int)
    assert pixels.shape == (data["height"], data["width"], 4)
    return pixels


def drawn_grid(pad, data):
    """The colour of each cell's centre on the canvas (8, 8, 3)."""
    x, y, w, h = data["drawing"]["cells"]
    pixels = canvas(pad, data)
    return np.array([[pixels[int(y + (r + 0.5) * h / 8), int(x + (c + 0.5) * w / 8), :3] for c in range(8)]
                     for r in range(8)], dtype=int)


def colours_of(grid, data):
    """The colour matplotlib gives each cell's ink (the colour map's entry), (8, 8, 3)."""
    colors = [rgb(c) for c in data["drawing"]["ink"]["colors"]]
    return np.array([[colors[min(int(ink * len(colors)), len(colors) - 1)] for ink in row] for row in grid])


def outputs_shown(pad):
    return np.array(json.loads(pad.locator(".digit-pad-bars").get_attribute("data-outputs")))


def check_reading(pad, data, grid, network):
    """The page's grid, outputs, bars and labels are those of ``grid`` (8, 8) read by ``network``."""
    np.testing.assert_array_equal(drawn_grid(pad, data), colours_of(grid, data), err_msg="the grid on the canvas")
    o = nnlib.forward_layers(grid.reshape(1, 64), network, data["output"])[0]
    np.testing.assert_allclose(outputs_shown(pad), o, rtol=0, atol=1e-12)
    answer = int(np.argmax(o))
    label = pad.locator(".digit-pad-bars").get_attribute("aria-label")
    assert label.startswith(f"The network reads {answer}: output {answer} = {o[answer]:.2f} "), label
    drawing, pixels = data["drawing"], canvas(pad, data)
    for j, ((left, right), o_j) in enumerate(zip(drawing["bars"], o)):
        color = rgb(drawing["colors"]["answer" if j == answer else "bar"])
        column = pixels[:, int((left + right) / 2)]
        filled = np.flatnonzero((column[:, :3] == color).all(axis=1) & (column[:, 3] == 255))
        top = drawing["base"] + (drawing["one"] - drawing["base"]) * o_j
        if drawing["base"] - top > 2:       # a lower bar is a line the axis is drawn over
            assert filled.size and abs(filled.min() - top) <= 1.5, f"bar {j} drawn from {filled[:1]}, o_{j} at {top:.1f}"
        assert not filled.size or filled.min() >= top - 1.5, f"bar {j} is too high"
    inked = int((grid > 0).sum())
    assert pad.get_by_role("application", name=re.compile(f"^Digit pad, 8 by 8 cells, {inked} of 64 with ink")).count() == 1
    return o


class Grid:
    """Where cells are on the page: cell units (x = column, y = row, as nnlib.DigitPad counts them) from and to
    whole pixels of the viewport, with the page's own arithmetic (digit-pad.js, ``where``)."""

    def __init__(self, pad):
        self.box = pad.locator(".digit-pad-grid").evaluate("e => e.getBoundingClientRect().toJSON()")

    def cell_units(self, point):
        x, y = point
        return (-0.5 + 8 * (x - self.box["left"]) / self.box["width"], -0.5 + 8 * (y - self.box["top"]) / self.box["height"])

    def pixel(self, x, y):
        """The whole pixel nearest cell position (x, y)."""
        return (round(self.box["left"] + (x + 0.5) * self.box["width"] / 8),
                round(self.box["top"] + (y + 0.5) * self.box["height"] / 8))


def drag(page, points, steps=1):
    """Press at the first point, move through the others (``steps`` mouse moves to each), release."""
    page.mouse.move(*points[0])
    page.mouse.down()
    for point in points[1:]:
        page.mouse.move(*point, steps=steps)
    page.mouse.up()


def test_the_pad_starts_as_the_notebooks_picture(pad):
    pad, data, _ = pad
    shown = png(pad.locator(".digit-pad-picture").evaluate(COMPOSITE_JS))[..., :3].astype(int)
    stored = stored_picture()
    assert shown.shape == stored.shape
    x, y, w, h = data["drawing"]["cells"]
    centres = np.ix_([int(y + (r + 0.5) * h / 8) for r in range(8)], [int(x + (c + 0.5) * w / 8) for c in range(8)])
    np.testing.assert_array_equal(shown[centres], stored[centres], err_msg="the cells are not the stored ones")
    different = np.abs(shown - stored).max(axis=2) > 16
    bx, by, bw, bh = (round(v) for v in data["drawing"]["bars_box"])
    assert different[by:by + bh, bx:bx + bw].mean() < 0.01, "the bars are not the stored ones"
    # Elsewhere only the title's letters may differ (the browser's text rendering is not FreeType's).
    assert different.mean() < 0.02 and not different[:, :bx].any()


def test_painting_with_the_mouse_clear_and_the_epoch_slider(pad, offline_page):
    pad, data, epochs = pad
    page = offline_page
    last = len(data["readouts"]) - 1
    slider = pad.locator("input[type=range]")
    assert slider.input_value() == str(last)
    start = np.array(data["grid"]).reshape(8, 8)
    check_reading(pad, data, start, epochs[last])

    pad.get_by_role("button", name="Clear").click()
    check_reading(pad, data, np.zeros((8, 8)), epochs[last])
    before = canvas(pad, data)

    # A 7: the bar along row 1, dragged slowly through columns 2 to 5; the diagonal in one quick move;
    # then a stroke that leaves the grid on the right and comes back in at row 3 of the last column.
    grid, painted = Grid(pad), np.zeros((8, 8))
    strokes = [([grid.pixel(2, 1), grid.pixel(5, 1)], 8),
               ([grid.pixel(5.15, 1.15), grid.pixel(1.85, 6.9)], 1),
               ([grid.pixel(6, 6), grid.pixel(10, 6), grid.pixel(7, 3)], 1)]
    for points, steps in strokes:
        drag(page, points, steps)
        inside = [grid.cell_units(point) for point in points if max(map(abs, np.subtract(grid.cell_units(point), 3.5))) <= 4]
        if steps == 1:                      # one move from each point to the next: the rule alone decides the cells
            for start_point, end_point in zip(inside, inside[1:] or inside):
                for row, col in _cells_between(start_point, end_point):
                    painted[row, col] = 1.0
        else:                               # moves along one row: the cells between its ends
            (x0, y0), (x1, _) = inside
            painted[round(y0), round(x0):round(x1) + 1] = 1.0
    assert painted.sum() >= 14 and (painted[1, 2:6] == 1).all() and painted[3, 7] == 1 and painted[6, 6] == 1
    o = check_reading(pad, data, painted, epochs[last])
    assert not np.array_equal(canvas(pad, data), before), "the picture did not change"

    # The epoch slider, with the keyboard: one step back, then to the untrained start.
    slider.focus()
    page.keyboard.press("ArrowLeft")
    assert pad.locator("output").text_content() == slider.get_attribute("aria-valuetext") == data["readouts"][last - 1]
    earlier = check_reading(pad, data, painted, epochs[last - 1])
    assert not np.allclose(earlier, o, rtol=0, atol=1e-6), "another epoch's network, the same outputs"
    page.keyboard.press("Home")
    check_reading(pad, data, painted, epochs[0])
    assert page.evaluate("() => document.activeElement.type") == "range"

    pad.get_by_role("button", name="Clear").click()
    check_reading(pad, data, np.zeros((8, 8)), epochs[0])
    assert page.outside == [], f"the page tried to reach other hosts: {page.outside}"
    assert page.failed == [] and page.errors == [], (page.failed, page.errors)


def test_a_stroke_ends_where_the_button_goes_up(pad, offline_page):
    # As in the kernel (DigitPad._on_mouse): a release away from the last move still paints up to it.
    pad, data, epochs = pad
    page, grid = offline_page, Grid(pad)
    network = epochs[int(pad.locator("input[type=range]").input_value())]
    pad.get_by_role("button", name="Clear").click()
    page.mouse.move(*grid.pixel(5, 1))
    page.mouse.down()
    x, y = grid.pixel(5, 6)
    pad.locator(".digit-pad-grid").evaluate(
        "(cells, [x, y]) => cells.dispatchEvent(new PointerEvent('pointerup', "
        "{clientX: x, clientY: y, pointerId: 1, pointerType: 'mouse', bubbles: true}))", [x, y])
    page.mouse.up()                         # the real release: the stroke is over, it paints nothing more
    painted = np.zeros((8, 8))
    painted[1:7, 5] = 1
    check_reading(pad, data, painted, network)
    pad.get_by_role("button", name="Clear").click()


def cursor_ring(pixels, data, row, col):
    """The pixels of the ring just inside cell (row, col)'s edges, where the keyboard's cursor is outlined."""
    x, y, w, h = data["drawing"]["cells"]
    x0, y0, x1, y1 = x + col * w / 8, y + row * h / 8, x + (col + 1) * w / 8, y + (row + 1) * h / 8
    # The outline is 2 pixels wide along the inside of each edge: these whole pixels lie within it.
    top, bottom, left, right = math.ceil(y0), math.floor(y1) - 1, math.ceil(x0), math.floor(x1) - 1
    along, down = slice(left + 3, right - 2), slice(top + 3, bottom - 2)
    return np.concatenate([pixels[top, along], pixels[bottom, along], pixels[down, left], pixels[down, right]])


def test_painting_with_the_keyboard(pad, offline_page):
    pad, data, epochs = pad
    page = offline_page
    network = epochs[int(pad.locator("input[type=range]").input_value())]
    pad.get_by_role("button", name="Clear").click()
    cells = pad.get_by_role("application", name=re.compile("^Digit pad"))
    cells.focus()
    orange = rgb("#e66100")

    # The cursor starts at the top-left cell and stops at the edges.
    painted, scrolled = np.zeros((8, 8)), page.evaluate("() => window.scrollY")
    for key in ["ArrowUp", "ArrowLeft", "Space"]:
        page.keyboard.press(key)
    painted[0, 0] = 1
    check_reading(pad, data, painted, network)
    assert (cursor_ring(canvas(pad, data), data, 0, 0)[:, :3] == orange).all(), "no cursor around the top-left cell"
    # Shift with an arrow: strokes, each from the cell it leaves; arrows alone move without painting; Enter paints.
    for key in ["Shift+ArrowRight"] * 3 + ["ArrowDown"] * 2 + ["Shift+ArrowDown"] * 4 + ["ArrowRight", "Enter"]:
        page.keyboard.press(key)
    painted[0, 1:4] = painted[2:7, 3] = painted[6, 4] = 1
    check_reading(pad, data, painted, network)
    pixels = canvas(pad, data)
    assert (cursor_ring(pixels, data, 6, 4)[:, :3] == orange).all(), "the cursor is not at row 6, column 4"
    assert not (cursor_ring(pixels, data, 0, 0)[:, :3] == orange).all(axis=1).any(), "the cursor left a trail"
    o = nnlib.forward_layers(painted.reshape(1, 64), network, data["output"])[0]
    assert pad.locator(".digit-pad-status").text_content() == f"Row 7, column 5: ink. The network reads {np.argmax(o)}."
    assert page.evaluate("() => window.scrollY") == scrolled, "the keys scrolled the page"

    # The mouse takes the cursor away (here on a cell already painted), a key brings it back where it was,
    # and leaving the grid takes it away again; the painting stays.
    page.mouse.click(*Grid(pad).pixel(0, 0))
    assert not (cursor_ring(canvas(pad, data), data, 6, 4)[:, :3] == orange).all(axis=1).any(), "the cursor stayed"
    page.keyboard.press("ArrowUp")
    assert (cursor_ring(canvas(pad, data), data, 5, 4)[:, :3] == orange).all(), "the cursor did not come back"
    page.keyboard.press("Tab")
    assert not (cursor_ring(canvas(pad, data), data, 5, 4)[:, :3] == orange).all(axis=1).any(), "the cursor stayed"
    check_reading(pad, data, painted, network)
    pad.get_by_role("button", name="Clear").click()
    check_reading(pad, data, np.zeros((8, 8)), network)
    assert page.failed == [] and page.errors == [], (page.failed, page.errors)
