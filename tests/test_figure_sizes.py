"""Every figure fits a laptop: an output area 800 px wide (JupyterLab at 1280 x 800 with its file browser open).

- Every explorer (each ``nnlib.explore_*``, found by name) draws at most 800 px wide at 100 dpi, the resolution
  ipympl draws at, and its stored picture (96 dpi) too; nothing of it is drawn outside its figure, where it
  would be cut off (a legend, a title, a read-out), at the start and at each end of every slider.
- Every ``draw_*`` picture of nnlib.plotting and nnlib.digit_plots, on a default ``nnlib.new_figure``, draws
  nothing outside the figure either.
- Every picture stored in the notebooks' outputs is at most 800 px wide (read from its PNG header).
- A slider range too wide to draw (``w_range=(0, 1e308)``) is refused when the explorer is built, naming it;
  a wide range that is accepted draws a picture that fits, read-outs included, at each end of the slider.

tests/browser/test_figure_widths.py checks the same in JupyterLab itself.
"""

import base64
import io
import json
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnlib
from nnlib import digit_plots, plotting
from test_bad_inputs import assert_clear_error

ROOT = Path(__file__).parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WIDEST = 800          # px: the output area of JupyterLab at 1280 x 800 with the file browser open
IPYMPL_DPI = 100      # matplotlib's default figure dpi, at which ipympl draws the canvas
TOLERANCE = 0.5       # px: antialiasing at a box's edge

# --- Small data of the kinds the notebooks use -----------------------------------------------------
_rng = np.random.default_rng(0)
X1, Y1 = nnlib.single_input_data(_rng, n=20)
X_LINE = np.array([1.0, 2.0, 3.0, 4.0])
X2 = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]])
SPAM_X, SPAM_Y = nnlib.spam_data(_rng, n=60)
SPAM_X2 = SPAM_X[:, :2]
W0 = np.array([[0.2], [-0.1]])
SPAM_RUN = nnlib.train(SPAM_X2, SPAM_Y, W0, 0.0, eta=1.0, epochs=30)
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
XOR_START = (_rng.normal(size=(2, 2)), np.zeros(2), _rng.normal(size=(2, 1)), np.zeros(1))
DIGITS = _rng.uniform(size=(60, 64))
DIGIT_LABELS = np.arange(60) % 10
DIGIT_RUN = nnlib.train_layers(DIGITS, nnlib.one_hot(DIGIT_LABELS), nnlib.random_layers(_rng, [64, 12, 10]),
                               np.random.default_rng(1), eta=2.0, epochs=4, batch_size=10)

EXPLORERS = {
    "explore_single_weight": lambda: nnlib.explore_single_weight(X_LINE, 2 * X_LINE, w=0.5),
    "explore_two_weights": lambda: nnlib.explore_two_weights(X2, np.array([2.0, 1.0, 0.5])),
    "explore_sigmoid": lambda: nnlib.explore_sigmoid(w=1.0, b=1.0),
    "explore_loss": lambda: nnlib.explore_loss(X1, Y1, w=0.0),
    "explore_tangent": lambda: nnlib.explore_tangent(X1, Y1, w=0.5),
    "explore_descent": lambda: nnlib.explore_descent(X1, Y1, w0=-1.0, eta=3.0, steps=40),
    "explore_training": lambda: nnlib.explore_training(SPAM_X2, SPAM_Y, SPAM_RUN, feature_names=('"free"', "links")),
    "explore_learning_rates": lambda: nnlib.explore_learning_rates(SPAM_X2, SPAM_Y, W0, etas=(0.01, 1.0, 100.0),
                                                                   epochs=30),
    "explore_hidden_layer": lambda: nnlib.explore_hidden_layer(XOR_X, XOR_Y, *XOR_START, epochs=200, every=50),
    "explore_spam_rule": lambda: nnlib.explore_spam_rule(SPAM_X, SPAM_Y),
    "explore_digit_training": lambda: nnlib.explore_digit_training(
        DIGIT_RUN, (DIGITS[:40], DIGIT_LABELS[:40]), (DIGITS[40:], DIGIT_LABELS[40:]),
        shown=(DIGITS[:40], DIGIT_LABELS[:40])),
    "explore_digit_pad": lambda: nnlib.explore_digit_pad(DIGIT_RUN, grid=DIGITS[0]),
    # The largest graph a notebook draws: a layer of 3 inputs and 2 outputs, every weight a box.
    "explore_backprop": lambda: nnlib.explore_backprop(nnlib.graph_layer(
        np.array([[0.5, -1.0, 2.0]]), np.array([[0.2, 0.9]]), _rng.normal(size=(3, 2)), _rng.normal(size=2))),
}


def axes(ncols=1):
    return plotting.new_figure(ncols=ncols)[1]


DRAWINGS = {
    "draw_single_weight": lambda: plotting.draw_single_weight(*axes(), X_LINE, 2 * X_LINE, 1.5),
    "draw_matmul_shapes": lambda: plotting.draw_matmul_shapes(*axes(), (4, 3), (3, 2)),
    "draw_two_weights": lambda: plotting.draw_two_weights(*axes(), X2, np.array([2.0, 1.0, 0.5]), np.array([0.5, 1.0])),
    "draw_sigmoid_curve": lambda: plotting.draw_sigmoid_curve(*axes(), 2.0, -1.0),
    "draw_loss_and_fit": lambda: plotting.draw_loss_and_fit(*axes(2), X1, Y1, 0.5, 0.0, np.linspace(-2, 6, 81)),
    "draw_tangent": lambda: plotting.draw_tangent(*axes(), X1, Y1, 0.5, 0.0, np.linspace(-2, 6, 81)),
    "draw_descent": lambda: plotting.draw_descent(*axes(), X1, Y1, -1.0, 0.0, 3.0, 10, np.linspace(-2, 6, 81)),
    "draw_decision_boundary": lambda: plotting.draw_decision_boundary(*axes(), SPAM_X2, SPAM_Y, W0, 0.0),
    "draw_loss_history": lambda: plotting.draw_loss_history(*axes(), SPAM_RUN.losses),
    "draw_hidden_view": lambda: plotting.draw_hidden_view(*axes(2), XOR_X, XOR_Y, *XOR_START),
    "draw_spam_rule": lambda: plotting.draw_spam_rule(*axes(), SPAM_X[:, 0], SPAM_Y, 1.5),
    "draw_digits": lambda: digit_plots.draw_digits(*axes(), DIGITS[:20], captions=[str(k) for k in DIGIT_LABELS[:20]]),
    "draw_training_curves": lambda: digit_plots.draw_training_curves(
        *axes(2), DIGIT_RUN.losses, {"train": np.linspace(0.1, 0.9, len(DIGIT_RUN.losses))}),
    "draw_digit_grid": lambda: digit_plots.draw_digit_grid(*axes(), DIGITS[:40], DIGIT_LABELS[:40] % 3 > 0),
    "draw_confusion_matrix": lambda: digit_plots.draw_confusion_matrix(*axes(), np.arange(100).reshape(10, 10) % 7),
    "draw_hidden_units": lambda: digit_plots.draw_hidden_units(*axes(), _rng.normal(size=(64, 32))),
    "draw_digit_pad": lambda: digit_plots.draw_digit_pad(*axes(2), DIGITS[0], np.linspace(0, 1, 10)),
}


def test_every_explorer_and_every_picture_is_checked_here():
    """A new explore_* or draw_* is checked as soon as it exists: add a way to build it above."""
    assert {name for name in nnlib.__all__ if name.startswith("explore_")} == set(EXPLORERS)
    assert {name for module in (plotting, digit_plots) for name in module.__all__ if name.startswith("draw_")} \
        == set(DRAWINGS)


def png_width(data):
    """The width in pixels of a PNG: bytes 16-19, in the IHDR chunk that follows the 8-byte signature."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return int.from_bytes(data[16:20], "big")


def outside(fig):
    """What the figure draws outside itself: ["Legend at x 412..986 px", ...] (empty when all fits)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    found = []
    for artist in drawn(fig):
        box = artist.get_tightbbox(renderer)   # clipped to the axes where the artist is clipped
        if box is None or not np.isfinite(box.extents).all() or (box.width == 0 and box.height == 0):
            continue
        if box.x0 < -TOLERANCE or box.y0 < -TOLERANCE or box.x1 > width + TOLERANCE or box.y1 > height + TOLERANCE:
            found.append(f"{describe(artist)} at x {box.x0:.0f}..{box.x1:.0f}, y {box.y0:.0f}..{box.y1:.0f} px "
                         f"(the figure is {width:.0f} x {height:.0f})")
    return found


def drawn(fig):
    """The visible artists a draw paints: the figure's own and, for each Axes, its children (an Axis whole:
    its tick labels and label; ticks it does not draw are left out). Axes.draw leaves out the spines of
    an Axes without a frame or whose axis is off (``ax.axis("off")``), and then its two Axis too."""
    for child in fig.get_children():
        if child is fig.patch or not child.get_visible():
            continue
        if child not in fig.axes:
            yield child
            continue
        hidden = {child.patch}
        if not (child.axison and child.get_frame_on()):
            hidden |= set(child.spines.values())
        if not child.axison:
            hidden |= {child.xaxis, child.yaxis}
        yield from (c for c in child.get_children() if c not in hidden and c.get_visible())


def describe(artist):
    """The artist's kind and what it says or is called: "Text 'epoch 3: L = 0.1'", "XAxis 'weight $w$'"."""
    if hasattr(artist, "get_label_text"):            # an Axis
        name = artist.get_label_text()
    elif hasattr(artist, "get_text"):
        name = artist.get_text()
    else:
        name = artist.get_label() if not str(artist.get_label()).startswith("_") else ""
    return f"{type(artist).__name__}{f' {name!r}' if name else ''}"


def slider_ends(slider):
    return (slider.options[0], slider.options[-1]) if hasattr(slider, "options") else (slider.min, slider.max)


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_explorer_fits_800_px_and_draws_nothing_outside_its_figure(backend, name):
    explorer = EXPLORERS[name]()
    fig = explorer.fig
    assert fig.dpi == IPYMPL_DPI
    assert fig.bbox.width <= WIDEST, f"{name} draws {fig.bbox.width:.0f} px wide at {fig.dpi:g} dpi"
    assert not outside(fig), f"{name} at the start: {outside(fig)}"
    start = explorer.values
    for slider_name, slider in explorer.sliders.items():
        for end in slider_ends(slider):
            slider.value = end
            assert not outside(fig), f"{name} with {slider_name} = {end}: {outside(fig)}"
        slider.value = start[slider_name]
    picture = base64.b64decode(explorer._repr_mimebundle_()["image/png"])
    assert png_width(picture) <= WIDEST


@pytest.mark.parametrize("name", DRAWINGS)
def test_every_picture_on_a_default_figure_draws_nothing_outside_it(name):
    artists = DRAWINGS[name]()
    fig = next(iter(_artists(artists))).figure
    try:
        assert not outside(fig), f"{name}: {outside(fig)}"
    finally:
        plt.close(fig)


def _artists(value):
    if isinstance(value, dict):
        return [artist for item in value.values() for artist in _artists(item)]
    if isinstance(value, (list, tuple)):
        return [artist for item in value for artist in _artists(item)]
    return [value]


def stored_pictures():
    """(notebook, cell number, width in px) of every PNG in the notebooks' outputs."""
    for path in NOTEBOOKS:
        for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            for output in cell.get("outputs", []):
                data = output.get("data", {}).get("image/png")
                if data:
                    yield path.name, number, png_width(base64.b64decode("".join(data)))


def test_the_outline_checks_can_fail():
    """The checks see what they are for: a figure 10 inches wide, and a legend pushed off the figure."""
    fig, (ax,) = plotting.new_figure(width=10.0)
    assert fig.bbox.width > WIDEST
    ax.plot([0, 1], label="a line")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5)).set_in_layout(False)   # no room made for it
    assert [line for line in outside(fig) if line.startswith("Legend")]
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    assert png_width(buffer.getvalue()) == 10 * 96
    plt.close(fig)


def test_every_picture_stored_in_the_notebooks_fits_800_px():
    pictures = list(stored_pictures())
    assert pictures, "no picture found in the notebooks' outputs"
    wide = [f"{name} cell {number}: {width} px" for name, number, width in pictures if width > WIDEST]
    assert not wide, f"pictures wider than {WIDEST} px (re-execute the notebook after resizing):\n" + "\n".join(wide)


def test_panels_that_do_not_fit_side_by_side_stack_in_rows():
    fig, axes = nnlib.new_figure(ncols=2, nrows=2, width=8.0, height=6.0)
    assert fig.bbox.width == WIDEST and len(axes) == 4
    fig.canvas.draw()
    (top_left, top_right, bottom_left, bottom_right) = (ax.get_position() for ax in axes)   # row by row
    assert top_left.y0 == top_right.y0 > bottom_left.y1 and bottom_left.y0 == bottom_right.y0
    assert top_left.x1 < top_right.x0 and bottom_left.x1 < bottom_right.x0
    plt.close(fig)


@pytest.mark.parametrize("nrows, error", [(0, ValueError), (1.5, TypeError), ("2", TypeError)])
def test_nrows_must_be_a_whole_number_of_at_least_1(nrows, error):
    with pytest.raises(error, match="nrows") as raised:
        nnlib.new_figure(nrows=nrows)
    assert str(nrows) in str(raised.value)


# --- Slider ranges too wide to draw ------------------------------------------------------------------

TOO_WIDE = {
    "explore_single_weight": (lambda: nnlib.explore_single_weight(X_LINE, 2 * X_LINE, w_range=(0, 1e308)),
                              "w_range", "1e+308"),
    "explore_single_weight below 0": (
        lambda: nnlib.explore_single_weight(X_LINE, 2 * X_LINE, w=0.0, w_range=(-1e308, 1.0)), "w_range", "-1e+308"),
    "explore_two_weights": (lambda: nnlib.explore_two_weights(X2, np.zeros(3), w_range=(-1e308, 1e308)),
                            "w_range", "1e+308"),
    "explore_loss": (lambda: nnlib.explore_loss(X1, Y1, 0.0, weights=np.array([-1e308, 0.0, 1e308])),
                     "weights", "1e+308"),
    "explore_tangent": (lambda: nnlib.explore_tangent(X1, Y1, 0.0, weights=np.array([-1e308, 0.0, 1e308])),
                        "weights", "1e+308"),
    "explore_descent": (lambda: nnlib.explore_descent(X1, Y1, 0.0, weights=np.array([-1e308, 0.0, 1e308])),
                        "weights", "1e+308"),
    "draw_loss_and_fit": (lambda: plotting.draw_loss_and_fit(*axes(2), X1, Y1, 0.0, 0.0, np.array([0.0, 1e308])),
                          "weights", "1e+308"),
}


@pytest.mark.parametrize("name", TOO_WIDE)
def test_a_range_too_wide_to_draw_is_refused_when_the_explorer_is_built(name):
    call, parameter, value = TOO_WIDE[name]
    assert_clear_error(call, ValueError, parameter, value)     # no warning on the way, raised inside nnlib
    plt.close("all")


# Ranges far wider than a lesson needs, that an explorer accepts: kept below 1e300 where a slider's value
# multiplies an input (z = x w stays a finite number whatever nnlib decides about overflow).
WIDE = {
    "explore_single_weight": lambda: nnlib.explore_single_weight(X_LINE, 2 * X_LINE, w_range=(-1.0, 1e299)),
    "explore_two_weights": lambda: nnlib.explore_two_weights(X2, np.zeros(3), w_range=(-1e299, 1e299)),
    "explore_sigmoid w": lambda: nnlib.explore_sigmoid(w_range=(-1e299, 1e299)),
    "explore_sigmoid b": lambda: nnlib.explore_sigmoid(b_range=(-1e299, 1e299)),
    "explore_loss": lambda: nnlib.explore_loss(X1, Y1, 0.0, weights=np.linspace(-1e299, 1e299, 11)),
    "explore_tangent": lambda: nnlib.explore_tangent(X1, Y1, 0.0, weights=np.linspace(-1e299, 1e299, 11)),
    "explore_descent weights": lambda: nnlib.explore_descent(X1, Y1, 0.0, weights=np.linspace(-1e299, 1e299, 11)),
    "explore_descent eta": lambda: nnlib.explore_descent(X1, Y1, -1.0, eta=3.0, steps=10, eta_range=(0.1, 1e299)),
}


@pytest.mark.parametrize("name", WIDE)
def test_a_wide_range_that_is_accepted_draws_a_picture_that_fits(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error")           # an overflow on the way fails the test
        explorer = WIDE[name]()
        for slider_name, slider in explorer.sliders.items():
            for end in slider_ends(slider):
                slider.value = end
                assert not outside(explorer.fig), f"{name} with {slider_name} = {end}: {outside(explorer.fig)}"
    plt.close(explorer.fig)
