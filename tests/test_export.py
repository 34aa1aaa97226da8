"""nnlib.export: an explorer as a background and one transparent frame per slider position (the website's sliders).

The oracle is matplotlib: at any slider values, the background with the frame laid over it is the
picture savefig makes of the explorer (the notebook's picture), pixel for pixel.
"""

import base64
import io

import ipywidgets as widgets
import numpy as np
import pytest
from PIL import Image

import nnlib
from nnlib import export
from test_explorers import EXPLORERS


def saved(explorer):
    """The explorer's picture as the notebook stores it (this also fixes the layout, as displaying does)."""
    png = base64.b64decode(explorer._repr_mimebundle_()["image/png"])
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def stacked(background, frame):
    """The frame laid over the background, as a browser does: opaque pixels cover, transparent ones let through."""
    alpha = frame[..., 3:] / 255
    return np.round(frame[..., :3] * alpha + background[..., :3] * (1 - alpha)).astype(np.uint8)


@pytest.mark.parametrize("name", EXPLORERS)
def test_background_and_frame_stack_into_the_saved_picture(backend, name):
    make, _, moves = EXPLORERS[name]
    explorer = make()
    first = saved(explorer)
    background = export.background(explorer)
    start = export.frame(explorer, explorer.values)
    assert background.shape == start.shape == (*first.shape[:2], 4) and background.dtype == np.uint8
    np.testing.assert_array_equal(stacked(background, start), first)
    assert (background[..., 3] == 255).all(), "the background is opaque"
    assert set(np.unique(start[..., 3])) == {0, 255}, "a frame's pixels cover the background or let it through"
    assert 0 < np.mean(start[..., 3] > 0) < 0.5, "a frame holds what moves, not the whole figure"
    assert (background[..., :3] != first).any(), "the background lacks the moving artists"
    for values in moves:
        frame = export.frame(explorer, values)
        for slider, value in values.items():
            explorer.sliders[slider].value = value
        np.testing.assert_array_equal(stacked(background, frame), saved(explorer), err_msg=str(values))


def test_what_is_drawn_over_a_moving_shape_stays_over_it():
    """The spam rule's shading moves, drawn behind the bars (zorder 0): in a frame the bars stay in front."""
    counts, labels = np.array([0, 1, 1, 2, 3, 3, 4]), np.array([0, 0, 1, 1, 1, 0, 1])
    explorer = nnlib.explore_spam_rule(counts, labels, threshold=3.5)
    saved(explorer)                            # shown first, as in a notebook: that fixes the layout
    background = export.background(explorer)
    frame = export.frame(explorer, {"threshold": 0.5})
    explorer.sliders["threshold"].value = 0.5
    np.testing.assert_array_equal(stacked(background, frame), saved(explorer))


@pytest.mark.parametrize("name", EXPLORERS)
def test_frames_visit_every_combination_and_put_the_explorer_back(name):
    make, check, moves = EXPLORERS[name]
    explorer = make()
    start = explorer.values
    steps = {slider: [value, start[slider]] for slider, value in moves[0].items()}
    visited = [values for values, _, _ in export.frames(explorer, steps)]
    if len(steps) == 1:
        (a,) = steps
        assert visited == [{a: x} for x in steps[a]]
    else:
        a, b = steps                                   # the first slider slowest
        assert visited == [{a: x, b: y} for x in steps[a] for y in steps[b]]
    check(explorer, *start.values())                   # the artists show the start again
    assert explorer.values == start


def test_a_frame_is_drawn_by_the_explorers_own_update():
    explorer = nnlib.explore_single_weight(np.array([1.0, 2.0]), np.array([2.0, 4.0]), w=0.5)
    readouts = [readout for _, _, readout in export.frames(explorer, {"w": [0.5, 1.25]})]
    assert readouts == [[f"w = {w:.2f}\no = {np.round(np.array([1.0, 2.0]) * w, 2)}"] for w in [0.5, 1.25]]


def test_slider_steps_lists_every_value_with_its_readout():
    steps = export.slider_steps(widgets.FloatSlider(value=0.5, min=-1.0, max=1.0, step=0.25))
    assert steps == [(v, f"{v:.2f}") for v in [-1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0]]
    assert export.slider_steps(widgets.IntSlider(value=100, min=0, max=300, step=50)) == \
        [(v, str(v)) for v in range(0, 301, 50)]
    selection = widgets.SelectionSlider(options=[0.001, 0.1, 10.0], value=0.1)
    assert export.slider_steps(selection) == [(0.001, "0.001"), (0.1, "0.1"), (10.0, "10.0")]


def test_many_values_are_thinned_to_round_ones_keeping_the_ends_and_the_start():
    eta = widgets.FloatSlider(value=3.0, min=0.1, max=20.0, step=0.1)
    assert [v for v, _ in export.slider_steps(eta, most=21)] == [0.1] + [float(v) for v in range(1, 21)]
    w = widgets.FloatSlider(value=1.05, min=-3.0, max=3.0, step=0.05)
    values = [v for v, _ in export.slider_steps(w, most=21)]
    assert values[0] == -3.0 and values[-1] == 3.0 and 1.05 in values
    assert [v for v in values if v != 1.05] == [v / 2 for v in range(-6, 7)]      # every 0.5
    assert len(export.slider_steps(widgets.IntSlider(value=7, max=1000), most=441)) <= 441 + 3


def test_a_start_between_steps_is_kept_in_its_place():
    steps = export.slider_steps(widgets.FloatSlider(value=0.33, min=0.0, max=1.0, step=0.25))
    assert steps == [(0.0, "0.00"), (0.25, "0.25"), (0.33, "0.33"), (0.5, "0.50"), (0.75, "0.75"), (1.0, "1.00")]


def test_a_widget_without_values_to_list_is_refused():
    with pytest.raises(TypeError, match="cannot list the values of Text"):
        export.slider_steps(widgets.Text(value="w"))
    with pytest.raises(TypeError, match=r"cannot list the values of 0.5 \(a float\)"):
        export.slider_steps(0.5)


@pytest.mark.parametrize("call, error, message", [
    (lambda e: export.background(e.fig), TypeError, "explorer must be an nnlib Explorer.*got <Figure"),
    (lambda e: export.readout(None), TypeError, "explorer must be an nnlib Explorer.*got None"),
    (lambda e: export.frame(e, {"v": 1.0}), ValueError, r"values names \['v'\], which are not among .*\['b', 'w'\]"),
    (lambda e: export.frame(e, [1.0]), TypeError, "values must be a dict by slider name"),
    (lambda e: next(export.frames(e, {"w": [1.0]})), ValueError, r"steps must list values for each .*got \['w'\]"),
])
def test_bad_inputs_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call(nnlib.explore_sigmoid())
