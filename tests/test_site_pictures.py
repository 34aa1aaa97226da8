"""docs/_ext/site_pictures.py: an explorer as a background and one transparent frame per slider position (the
website's sliders); a paint pad as the pictures under and over what moves, its networks, and where the figure draws
what moves. It is the website's machinery: `import nnlib` loads none of it.

The oracle is matplotlib: at any slider values, the background with the frame laid over it is the
picture savefig makes of the explorer (the notebook's picture), pixel for pixel. For the pad: what
matplotlib draws of the moving artists, laid between the pictures under and over them, is the picture
savefig makes; and the places the export names are where savefig's picture holds the cells and the bars.
"""

import base64
import io
import subprocess
import sys
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import RendererAgg
from PIL import Image

import nnlib
from test_digit_explorers import HISTORY, NETWORKS, X
from test_explorers import EXPLORERS

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import site_pictures as export  # noqa: E402


def saved(explorer):
    """The explorer's picture as the notebook stores it (this also fixes the layout, as displaying does)."""
    png = base64.b64decode(explorer._repr_mimebundle_()["image/png"])
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def drawn_alone(fig, artists, dpi):
    """What matplotlib paints of these artists alone, on a transparent canvas the figure's size at ``dpi``."""
    old = fig.dpi
    fig.set_dpi(dpi)
    try:
        renderer = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), dpi)
        for artist in artists:
            artist.draw(renderer)
        return np.asarray(renderer.buffer_rgba()).copy()
    finally:
        fig.set_dpi(old)


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


@pytest.mark.parametrize("widget, named", [(widgets.Text(value="w"), "Text"), (0.5, "0.5")])
def test_a_widget_without_values_to_list_is_refused(widget, named):
    with pytest.raises(TypeError) as error:
        export.slider_steps(widget)
    assert named in str(error.value)


@pytest.mark.parametrize("call, error, names", [
    (lambda e: export.background(e.fig), TypeError, ["explorer", "Figure"]),
    (lambda e: export.readout(None), TypeError, ["explorer", "None"]),
    (lambda e: export.frame(e, {"v": 1.0}), ValueError, ["values", "'v'"]),
    (lambda e: export.frame(e, [1.0]), TypeError, ["values", "[1.0]"]),
    (lambda e: next(export.frames(e, {"w": [1.0]})), ValueError, ["steps", "['w']"]),
])
def test_bad_inputs_are_named(call, error, names):
    """Each error names the parameter and what it received."""
    explorer = nnlib.explore_sigmoid()
    with pytest.raises(error) as raised:
        call(explorer)
    assert all(name in str(raised.value) for name in names), str(raised.value)
    plt.close(explorer.fig)


# --- A paint pad --------------------------------------------------------------------------------

@pytest.fixture
def pad():
    pad = nnlib.explore_digit_pad(HISTORY, grid=X[0])
    pad.sliders["epoch"].value = 4
    pad.paint([(0, 0), (7, 7)])
    yield pad
    plt.close(pad.fig)


def test_a_pad_is_its_networks_its_grid_and_its_slider(pad):
    exported = export.digit_pad(pad)
    assert exported["epochs"] == [(epoch, str(epoch)) for epoch in range(7)] and exported["start"] == 4
    assert len(exported["networks"]) == 7
    for network, expected in zip(exported["networks"], NETWORKS):
        for (w, b), (w_, b_) in zip(network, expected):
            np.testing.assert_array_equal(w, w_)
            np.testing.assert_array_equal(b, b_)
    np.testing.assert_array_equal(exported["grid"], pad.grid)
    assert exported["grid"] is not pad.grid and exported["output"] == "sigmoid"


def test_the_moving_artists_between_under_and_over_make_the_saved_picture(pad):
    first = saved(pad)
    exported = export.digit_pad(pad)
    under, over = exported["under"], exported["over"]
    assert under.shape == over.shape == (*first.shape[:2], 4)
    assert (under[..., 3] == 255).all() and 0.02 < np.mean(over[..., 3] > 0) < 0.3
    moving = drawn_alone(pad.fig, pad.drawing().moving, export.DPI)
    picture = stacked(np.dstack([stacked(under, moving), under[..., 3:]]), over)
    # The cells' borders and the axes are drawn twice where antialiasing leaves them part transparent:
    # a few pixels darken a little, none by more than a shade.
    assert np.abs(picture.astype(int) - first).max() <= 16 and np.mean(picture != first) < 0.03
    assert (saved(pad) == first).all(), "the export leaves the pad as it was"


def test_the_drawing_names_where_the_figure_draws_the_cells_and_the_bars(pad):
    first = saved(pad).astype(int)
    drawing = export.digit_pad(pad)["drawing"]
    x, y, w, h = drawing["cells"]
    colors = [np.array([int(c[i:i + 2], 16) for i in (1, 3, 5)]) for c in drawing["ink"]["colors"]]
    for (row, col), ink in np.ndenumerate(pad.grid):        # each cell's centre has its ink's colour
        k = min(int(ink * len(colors)), len(colors) - 1)
        np.testing.assert_array_equal(first[int(y + (row + 0.5) * h / 8), int(x + (col + 0.5) * w / 8)], colors[k])
    heights = [bar.get_height() for bar in pad.artists["bars"]]
    answer = int(np.argmax(heights))
    for j, ((left, right), o_j) in enumerate(zip(drawing["bars"], heights)):
        column = first[:, int((left + right) / 2)]
        color = drawing["colors"]["answer" if j == answer else "bar"]
        filled = np.flatnonzero((column == [int(color[i:i + 2], 16) for i in (1, 3, 5)]).all(axis=1))
        top = drawing["base"] + (drawing["one"] - drawing["base"]) * o_j
        assert abs(filled.min() - top) <= 1.5, j
        assert drawing["base"] - 3 < filled.max() < drawing["base"], j      # down to the axis line, drawn over it
    title = drawing["title"]
    assert title["font"] == "DejaVu Sans" and title["size"] == 16.0 and len(title["baselines"]) == 2
    assert title["baselines"][0] < title["baselines"][1] < drawing["bars_box"][1]


def test_only_a_pad_is_exported_as_a_pad():
    explorer = nnlib.explore_sigmoid()
    with pytest.raises(TypeError) as error:
        export.digit_pad(explorer)
    assert "pad" in str(error.value) and "Explorer" in str(error.value)
    plt.close(explorer.fig)


# --- The website's machinery stays with the website ------------------------------------------------

def loaded_after(code):
    """The modules a fresh Python has loaded after running ``code`` in tests/, by name and file."""
    probe = f"{code}\nimport sys\nfor name, module in list(sys.modules.items()):\n" \
            "    print(name, getattr(module, '__file__', None) or '')"
    result = subprocess.run([sys.executable, "-c", probe], cwd=Path(__file__).parent, capture_output=True, text=True,
                            check=True)
    return dict(line.partition(" ")[::2] for line in result.stdout.splitlines())


def website_machinery(modules):
    """The loaded modules that are the website's: anything from docs/, Sphinx and its extensions."""
    docs = str(ROOT / "docs")
    return sorted(name for name, file in modules.items()
                  if file.startswith(docs) or name.split(".")[0] in {"sphinx", "myst_nb", "myst_parser", "docutils"})


def test_import_nnlib_loads_none_of_the_websites_machinery():
    assert website_machinery(loaded_after("import nnlib")) == []
    # The check sees the machinery when it is there.
    assert "site_pictures" in website_machinery(loaded_after(f"import sys; sys.path.insert(0, {str(ROOT / 'docs' / '_ext')!r})\n"
                                                              "import nnlib, site_pictures"))
