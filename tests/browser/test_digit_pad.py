"""A person paints a digit with the mouse in JupyterLab, and the network's bars follow.

Notebook 10 is opened in Chromium and run. On its digit pad, Clear is clicked, then a 7 is painted with two
mouse drags (press, move, release) across the centres of the grid's cells. Then:

- the kernel's ``pad.grid`` holds exactly the cells the drags passed over, at full ink;
- the picture repainted: the pixels of the grid and of the bars (the ten outputs) both changed;
- the kernel's bars are the network's outputs for the painted grid, and they moved.

Where a cell sits on the page is asked of the kernel (matplotlib's transform, as a fraction of the figure),
so the test holds for any figure size and any device pixel ratio.
"""

import json
import time

import pytest

import lab

pytestmark = pytest.mark.browser

NOTEBOOK = "10_handwritten_digits.ipynb"
# A 7: a bar along row 1 from column 2 to 5, then down column 5 from row 1 to row 6.
STROKES = [[(1, 2), (1, 5)], [(1, 5), (6, 5)]]
PAINTED = {(1, c) for c in range(2, 6)} | {(r, 5) for r in range(1, 7)}

# Kernel side: the notebook's one DigitPad, found generically; its grid, its bars and where things are drawn.
# Positions are fractions of the figure, from its bottom-left corner (matplotlib's display coordinates).
PAD_STATE = (
    "__import__('json').dumps([{"
    "'grid': p.grid.tolist(), 'bars': [b.get_height() for b in p.artists['bars']],"
    " 'outputs': p._outputs(p.sliders['epoch'].value).tolist(),"
    " 'cells': [(p.fig.axes[0].transData.transform((c, r)) / p.fig.bbox.size).tolist() for r, c in ((0, 0), (7, 7))],"
    " 'bars_box': (p.fig.axes[1].get_window_extent().extents / __import__('numpy').tile(p.fig.bbox.size, 2)).tolist()}"
    " for p in __import__('gc').get_objects() if type(p).__name__ == 'DigitPad'])"
)

# Hash of a region of the canvas given as fractions (x0, y0, x1, y1) from the bottom-left, like matplotlib's.
REGION_HASH_JS = """([canvas, box]) => {
    const [x0, y0, x1, y1] = box;
    const left = Math.floor(x0 * canvas.width), top = Math.floor((1 - y1) * canvas.height);
    const width = Math.max(1, Math.ceil((x1 - x0) * canvas.width)), height = Math.max(1, Math.ceil((y1 - y0) * canvas.height));
    const words = new Uint32Array(canvas.getContext("2d").getImageData(left, top, width, height).data.buffer);
    let hash = 2166136261;
    for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 16777619) >>> 0;
    return hash;
}"""


def pad_state(kernel):
    states = json.loads(kernel.evaluate(state=PAD_STATE)["state"])
    assert len(states) == 1, (f"the kernel holds {len(states)} digit pads, not 1: a kernel that died and restarted "
                              "holds none (see jupyterlab.log in the artifacts)")
    return states[0]


def wait_for_kernel(kernel, condition, what):
    deadline = time.monotonic() + lab.TIMEOUT_MS / 1000
    while True:
        state = pad_state(kernel)
        if condition(state) or time.monotonic() > deadline:
            return state
        time.sleep(0.1)


def on_page(canvas, state, row, col):
    """Page coordinates of the centre of grid cell (row, col), interpolated from the kernel's corner cells."""
    box = canvas.bounding_box()
    (x0, y0), (x7, y7) = state["cells"]
    fx, fy = x0 + (x7 - x0) * col / 7, y0 + (y7 - y0) * row / 7
    return box["x"] + fx * box["width"], box["y"] + (1 - fy) * box["height"]


def painted(state):
    return {(r, c) for r, row in enumerate(state["grid"]) for c, ink in enumerate(row) if ink == 1.0}


def test_painting_with_the_mouse_fills_the_kernels_grid_and_moves_the_bars(page, server):
    try:
        lab.open_and_run(page, server, NOTEBOOK)
        clear = page.get_by_role("button", name="Clear")
        output = lab.output_of(clear)
        canvas = output.locator(lab.CANVAS).first
        canvas.scroll_into_view_if_needed()
        with server.kernel(NOTEBOOK) as kernel:
            start = pad_state(kernel)
            assert any(any(row) for row in start["grid"]), "the pad should open with a test digit painted in"
            before = lab.settled_hash(page, canvas)
            clear.click()
            cleared = wait_for_kernel(kernel, lambda s: not any(any(row) for row in s["grid"]), "cleared")
            assert not any(any(row) for row in cleared["grid"]), "Clear did not empty the kernel's grid"
            lab.wait_for_repaint(page, canvas, before)

            lab.settled_hash(page, canvas)
            grid_box = [*cleared["cells"][0], *cleared["cells"][1]]      # from the centre of (0, 0) to (7, 7)
            grid_box = [min(grid_box[0], grid_box[2]), min(grid_box[1], grid_box[3]),
                        max(grid_box[0], grid_box[2]), max(grid_box[1], grid_box[3])]
            handle = canvas.element_handle()
            grid_pixels = page.evaluate(REGION_HASH_JS, [handle, grid_box])
            bars_pixels = page.evaluate(REGION_HASH_JS, [handle, cleared["bars_box"]])
            for stroke in STROKES:
                (x, y), (x_end, y_end) = (on_page(canvas, cleared, *cell) for cell in stroke)
                page.mouse.move(x, y)
                page.mouse.down()
                page.mouse.move(x_end, y_end, steps=12)
                page.mouse.up()

            state = wait_for_kernel(kernel, lambda s: painted(s) >= PAINTED, "painted")
            assert painted(state) == PAINTED, f"the kernel's grid holds {sorted(painted(state))}, the drags " \
                                              f"passed over {sorted(PAINTED)}"
            assert all(ink in (0.0, 1.0) for row in state["grid"] for ink in row)
            assert state["bars"] == pytest.approx(state["outputs"], rel=1e-9), "the bars are not the outputs"
            assert state["bars"] != pytest.approx(cleared["bars"], abs=1e-3), "the bars did not move"
            page.wait_for_function(
                f"([canvas, box, before]) => ({REGION_HASH_JS})([canvas, box]) !== before",
                arg=[handle, grid_box, grid_pixels], polling="raf")
            page.wait_for_function(
                f"([canvas, box, before]) => ({REGION_HASH_JS})([canvas, box]) !== before",
                arg=[handle, cleared["bars_box"], bars_pixels], polling="raf")
        errors = lab.error_outputs(page)
        assert not errors, "\n".join(errors)
    finally:
        server.close_session(NOTEBOOK)
