"""The digits notebook's explorers driven without a browser: a slider set in Python, a mouse simulated with
matplotlib's own events, the Clear button clicked; then the figure is read back.

Expected values are computed here from the formulas, not by nnlib.
"""

import base64

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent

import nnlib
from jupyter_page import Page
from test_bad_inputs import assert_clear_error
from test_explorers import jupyter, saved_picture  # noqa: F401 (jupyter: a fixture)

# A small stand-in for the digits: 64 pixels, 10 classes, a few epochs (the real data is the notebook's).
_r = np.random.default_rng(0)
X = _r.uniform(size=(50, 64))
LABELS = np.arange(50) % 10
X = X + 0.8 * np.eye(10)[LABELS] @ _r.uniform(size=(10, 64))   # make the classes learnable
X = X / X.max()
HISTORY = nnlib.train_layers(X, nnlib.one_hot(LABELS), nnlib.random_layers(_r, [64, 12, 10]),
                             np.random.default_rng(1), eta=2.0, epochs=6, batch_size=10)
NETWORKS = [list(zip(ws, bs)) for ws, bs in zip(HISTORY.ws, HISTORY.bs)]


def sigma(z):
    return 1 / (1 + np.exp(-z))


def outputs(X_, epoch):
    (w1, b1), (w2, b2) = NETWORKS[epoch]
    return sigma(sigma(X_ @ w1 + b1) @ w2 + b2)


# --- The training run, epoch by epoch -----------------------------------------------------------

def training_explorer():
    return nnlib.explore_digit_training(HISTORY, (X[:30], LABELS[:30]), (X[30:], LABELS[30:]), (X[:16], LABELS[:16]))


def check_training(explorer, epoch):
    right = outputs(X[:16], epoch).argmax(axis=1) == LABELS[:16]
    grid = explorer.artists["grid"]
    rgb = grid["image"].get_array()
    for k, ok in enumerate(right):                    # GRID_COLUMNS tiles a row; each background tells right from wrong
        row, col = divmod(k, nnlib.digit_explorers.GRID_COLUMNS)
        background = rgb[row * 9:row * 9 + 8, col * 9:col * 9 + 8].reshape(-1, 3)[np.argmin(X[k])]
        expected = np.array([0.80, 0.94, 0.80] if ok else [1.0, 0.72, 0.72])
        np.testing.assert_allclose(background, (1 - X[k].min()) * expected + X[k].min() * 0.05, atol=1e-12)
    assert grid["text"].get_text() == f"{right.sum()} of 16 read right (green)"
    curves = explorer.artists["curves"]
    assert curves["loss_marker"].get_data() == ([epoch], [HISTORY.losses[epoch]])
    accuracy_train = np.mean(outputs(X[:30], epoch).argmax(axis=1) == LABELS[:30])
    accuracy_validation = np.mean(outputs(X[30:], epoch).argmax(axis=1) == LABELS[30:])
    assert [m.get_data() for m in curves["accuracy_markers"]] == [([epoch], [accuracy_train]),
                                                                  ([epoch], [accuracy_validation])]


def test_the_epoch_slider_moves_the_markers_and_recolours_the_digits(backend):
    explorer = training_explorer()
    assert explorer.values == {"epoch": 6}            # it opens at the end of the run
    check_training(explorer, 6)
    for epoch in (0, 3, 6):
        explorer.sliders["epoch"].value = epoch
        check_training(explorer, epoch)


def test_without_validation_digits_only_the_training_curve_is_drawn(backend):
    # A run that trained on the validation digits too (the final refit) has no validation curve to show.
    explorer = nnlib.explore_digit_training(HISTORY, (X, LABELS), None, (X[:16], LABELS[:16]))
    curves = explorer.artists["curves"]
    assert [line.get_label() for line in explorer.fig.axes[1].get_lines()][:1] == ["train"]
    assert len(curves["accuracy_markers"]) == 1
    for epoch in (6, 2):
        explorer.sliders["epoch"].value = epoch
        accuracy = np.mean(outputs(X, epoch).argmax(axis=1) == LABELS)
        assert curves["accuracy_markers"][0].get_data() == ([epoch], [accuracy])
        assert curves["text"].get_text().splitlines()[1:] == [f"train {accuracy:6.1%}"]


def test_each_epoch_step_shows_one_picture_the_one_savefig_makes(jupyter):
    explorer = training_explorer()
    figures = len(plt.get_fignums())
    page = Page(explorer.fig.canvas)
    page.open()
    for epoch in (2, 5):
        explorer.sliders["epoch"].value = epoch
        page.settle()
        np.testing.assert_array_equal(page.picture, saved_picture(explorer.fig))
    assert page.pictures == 3 and len(plt.get_fignums()) == figures


# --- The digit pad ------------------------------------------------------------------------------

def mouse(pad, name, cell=None, button=1, xy=None):
    """A matplotlib mouse event over the centre of grid cell (row, column), sent as the canvas would."""
    ax = pad.fig.axes[0]
    x, y = ax.transData.transform(xy if xy is not None else (cell[1], cell[0]))
    pad.fig.canvas.callbacks.process(name, MouseEvent(name, pad.fig.canvas, x, y, button=button))


def check_pad(pad, epoch):
    o = outputs(pad.grid.reshape(1, 64), epoch)[0]
    bars = pad.artists["bars"]
    np.testing.assert_allclose([bar.get_height() for bar in bars], o, rtol=1e-12)
    np.testing.assert_array_equal(pad.artists["image"].get_array(), pad.grid)
    assert pad.artists["text"].get_text().startswith(f"reads {np.argmax(o)} ")
    assert pad.artists["text"].get_text().endswith(f"after epoch {epoch}")


def test_press_and_drag_paints_the_cells_passed_over_and_the_bars_follow(backend):
    pad = nnlib.explore_digit_pad(HISTORY)
    assert not pad.grid.any()
    check_pad(pad, 6)
    mouse(pad, "button_press_event", (1, 2))
    mouse(pad, "motion_notify_event", (1, 6))         # a quick drag: the cells in between are painted too
    mouse(pad, "motion_notify_event", (6, 6))
    mouse(pad, "button_release_event", (6, 6))
    painted = {(1, c) for c in range(2, 7)} | {(r, 6) for r in range(1, 7)}
    assert {tuple(cell) for cell in np.argwhere(pad.grid == 1.0)} == painted
    assert not pad.grid[pad.grid != 1.0].any()
    check_pad(pad, 6)
    mouse(pad, "motion_notify_event", (4, 1))         # the button is up: moving does not paint
    mouse(pad, "button_press_event", (4, 1), button=3)  # nor does another button
    assert pad.grid[4, 1] == 0.0
    pad.sliders["epoch"].value = 0                    # the untrained network reads the same grid
    check_pad(pad, 0)


def test_a_stroke_ends_where_the_button_goes_up(backend):
    # The browser sends moves at most every 33 ms: a quick drag may bring a press, one move and the release.
    pad = nnlib.explore_digit_pad(HISTORY)
    mouse(pad, "button_press_event", (1, 5))
    mouse(pad, "motion_notify_event", (3, 5))
    mouse(pad, "button_release_event", (6, 5))
    assert {tuple(cell) for cell in np.argwhere(pad.grid == 1.0)} == {(r, 5) for r in range(1, 7)}
    check_pad(pad, 6)
    mouse(pad, "button_release_event", (6, 1))        # a release with no stroke paints nothing
    mouse(pad, "motion_notify_event", (2, 1))         # and the stroke is over: a move does not paint
    assert pad.grid[:, 1].sum() == 0.0 and pad.grid.sum() == 6.0


def test_clear_empties_the_grid(backend):
    pad = nnlib.explore_digit_pad(HISTORY, grid=X[3])
    np.testing.assert_array_equal(pad.grid, X[3].reshape(8, 8))
    check_pad(pad, 6)
    pad.clear_button.click()
    assert not pad.grid.any()
    check_pad(pad, 6)
    assert pad.paint([(0, 0), (0, 0), (7, 7)]) == 2 and pad.paint([(0, 0)]) == 0
    check_pad(pad, 6)


def test_painting_outside_the_grid_or_off_its_edge(backend):
    pad = nnlib.explore_digit_pad(HISTORY)
    mouse(pad, "button_press_event", xy=(7.45, -0.45))   # inside the last column's top edge
    assert pad.grid[0, 7] == 1.0 and pad.grid.sum() == 1.0
    ax_bars = pad.fig.axes[1]
    x, y = ax_bars.transData.transform((5, 0.5))
    pad.fig.canvas.callbacks.process("button_press_event", MouseEvent("button_press_event", pad.fig.canvas, x, y, button=1))
    assert pad.grid.sum() == 1.0                            # a press on the bars paints nothing


def test_each_piece_of_a_stroke_shows_one_picture_the_one_savefig_makes(jupyter):
    pad = nnlib.explore_digit_pad(HISTORY)
    page = Page(pad.fig.canvas)
    page.open()
    mouse(pad, "button_press_event", (2, 3))
    mouse(pad, "motion_notify_event", (5, 3))
    page.settle()
    assert pad.grid.sum() == 4.0 and page.pictures == 3      # the first picture, the press, the move
    np.testing.assert_array_equal(page.picture, saved_picture(pad.fig))


def test_the_pad_widget_and_its_static_picture(backend):
    pad = nnlib.explore_digit_pad(HISTORY, grid=X[0])
    shown = set(pad.widget.children)
    assert {pad.sliders["epoch"], pad.clear_button} <= shown
    assert (pad.fig.canvas in shown) == backend.startswith("module://ipympl")
    bundle = pad._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"
    assert bundle["text/plain"] == "Digit pad: paint a digit with the mouse in JupyterLab; slider epoch in [0, 6]"


@pytest.mark.parametrize("call, error, words", [
    (lambda: nnlib.explore_digit_pad(HISTORY.losses), TypeError, ["history must be what nnlib.train_layers returns"]),
    (lambda: nnlib.explore_digit_pad(HISTORY, grid=np.ones((8, 7))), ValueError, ["grid must be one digit of 8 x 8"]),
    (lambda: nnlib.explore_digit_pad(HISTORY, grid=np.full(64, 2.0)), ValueError, ["with ink from 0 to 1"]),
    (lambda: nnlib.explore_digit_pad(HISTORY, output="tanh"), ValueError, ["output must be 'sigmoid'", "'tanh'"]),
    (lambda: nnlib.explore_digit_pad(HISTORY._replace(ws=[[np.ones((63, 12)), np.ones((12, 10))]],
                                                      bs=[[np.zeros(12), np.zeros(10)]])), ValueError,
     ["columns of X (64)", "rows of w1 (63)"]),
    (lambda: nnlib.explore_digit_pad(HISTORY._replace(ws=[[np.ones((64, 3))]], bs=[[np.zeros(3)]])), ValueError,
     ["10 outputs, one per digit", "has 3"]),
    (lambda: nnlib.explore_digit_training(HISTORY, X, (X, LABELS), (X, LABELS)), TypeError,
     ["train must be a pair (X, labels)"]),
    (lambda: nnlib.explore_digit_training(HISTORY, (X, LABELS[:5]), (X, LABELS), (X, LABELS)), ValueError,
     ["labels must be a 1-D array of 50"]),
    (lambda: nnlib.explore_digit_training(HISTORY, (X, LABELS), (X[:, :60], LABELS), (X, LABELS)), ValueError,
     ["validation[0] must be digits of 8 x 8"]),
])
def test_bad_inputs_get_a_clear_error(call, error, words):
    assert_clear_error(call, error, *words)
    plt.close("all")
