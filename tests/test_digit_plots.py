"""nnlib.digit_plots: each picture holds the numbers it claims to show. Expected values come from the inputs here."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnlib
from nnlib import digit_plots
from test_bad_inputs import assert_clear_error

RNG = np.random.default_rng(0)
IMAGES = RNG.uniform(size=(13, 64))


@pytest.fixture
def ax():
    fig, axes = nnlib.new_figure(ncols=2)
    yield axes[0]
    plt.close(fig)


def tile(mosaic, k, ncols, pitch_y=9):
    row, col = divmod(k, ncols)
    return mosaic[row * pitch_y:row * pitch_y + 8, col * 9:col * 9 + 8]


def test_digits_are_tiles_of_one_image_with_white_gaps(ax):
    artists = digit_plots.draw_digits(ax, IMAGES, ncols=5)
    mosaic = artists["image"].get_array()
    assert mosaic.shape == (3 * 9 - 1, 5 * 9 - 1)
    for k in range(13):
        np.testing.assert_array_equal(tile(mosaic, k, 5), IMAGES[k].reshape(8, 8))
    assert np.all(np.ma.getmaskarray(mosaic) | ~np.isnan(np.ma.getdata(mosaic)))
    assert np.isnan(np.ma.getdata(mosaic)[8, :]).all()           # the gap under the first row
    assert np.isnan(np.ma.getdata(mosaic)[-5:, -8:]).all()       # the missing tiles of a part-full last row


def test_captions_sit_under_their_digits(ax):
    captions = [f"d{k}" for k in range(13)]
    artists = digit_plots.draw_digits(ax, IMAGES, captions, ncols=5)
    assert [t.get_text() for t in artists["captions"]] == captions
    x, y = artists["captions"][6].get_position()                 # row 1, column 1: under that tile
    assert 9 <= x <= 17 and 12 + 7 < y < 2 * 12
    np.testing.assert_array_equal(tile(artists["image"].get_array(), 6, 5, pitch_y=12), IMAGES[6].reshape(8, 8))


def test_digit_grid_is_green_where_right_red_where_wrong(ax):
    images = np.zeros((4, 64))
    images[:, 0] = 1.0                                            # one full-ink pixel in each tile's corner
    right = np.array([True, False, True, False])
    artists = digit_plots.draw_digit_grid(ax, images, right, ncols=2)
    rgb = artists["image"].get_array()
    for k, ok in enumerate(right):
        corner = tile(rgb, k, 2)
        np.testing.assert_allclose(corner[0, 0], [0.05, 0.05, 0.05])              # ink
        np.testing.assert_allclose(corner[3, 3], [0.80, 0.94, 0.80] if ok else [1.0, 0.72, 0.72])
    np.testing.assert_array_equal(rgb[8, :], 1.0)                                 # white gaps
    assert artists["text"].get_text() == "2 of 4 read right (green)"
    assert digit_plots.update_digit_grid(artists, images, np.ones(4, dtype=bool), ncols=2) == 4
    np.testing.assert_allclose(tile(artists["image"].get_array(), 1, 2)[3, 3], [0.80, 0.94, 0.80])


def test_training_curves_mark_one_epoch():
    fig, (ax_loss, ax_accuracy) = nnlib.new_figure(ncols=2)
    losses = np.array([2.0, 1.0, 0.5, 0.25])
    accuracies = {"train": [0.1, 0.5, 0.8, 0.9], "validation": [0.1, 0.4, 0.7, 0.75]}
    artists = digit_plots.draw_training_curves(ax_loss, ax_accuracy, losses, accuracies)
    assert artists["loss_marker"].get_data() == ([3], [0.25])                      # the last epoch by default
    now = digit_plots.update_training_curves(artists, losses, accuracies, 1)
    assert now == {"train": 0.5, "validation": 0.4}
    assert artists["loss_marker"].get_data() == ([1], [1.0])
    assert [m.get_data() for m in artists["accuracy_markers"]] == [([1], [0.5]), ([1], [0.4])]
    assert artists["text"].get_text().splitlines() == ["epoch 1: L = 1.0000", "train  50.0%", "validation  40.0%"]
    np.testing.assert_array_equal(ax_accuracy.get_lines()[1].get_ydata(), accuracies["validation"])
    plt.close(fig)


def test_confusion_matrix_shows_the_counts(ax):
    counts = np.array([[5, 1, 0], [0, 6, 0], [2, 0, 4]])
    artists = digit_plots.draw_confusion_matrix(ax, counts)
    np.testing.assert_array_equal(artists["image"].get_array(), counts)
    shown = {(t.get_position(), t.get_text()) for t in ax.texts}
    assert shown == {((j, i), str(c)) for (i, j), c in np.ndenumerate(counts) if c}
    assert ax.get_xlabel() == "read as" and ax.get_ylabel() == "true digit"


def test_hidden_units_show_each_units_64_weights_on_one_scale(ax):
    w = RNG.normal(size=(64, 5))
    artists = digit_plots.draw_hidden_units(ax, w, ncols=3)
    mosaic = artists["image"].get_array()
    for j in range(5):
        np.testing.assert_array_equal(tile(mosaic, j, 3), w[:, j].reshape(8, 8))
    reach = np.abs(w).max()
    assert artists["image"].get_clim() == (-reach, reach)


def test_digit_pad_shows_the_grid_and_the_ten_outputs():
    fig, (ax_pad, ax_bars) = nnlib.new_figure(ncols=2)
    grid, o = RNG.uniform(size=(8, 8)), np.linspace(0.05, 0.5, 10)
    o[3] = 0.9
    artists = digit_plots.draw_digit_pad(ax_pad, ax_bars, grid, o)
    np.testing.assert_array_equal(artists["image"].get_array(), grid)
    assert [bar.get_height() for bar in artists["bars"]] == pytest.approx(o.tolist())
    colors = [bar.get_facecolor() for bar in artists["bars"]]
    assert colors[3] != colors[0] and len(set(colors)) == 2           # the answer stands out
    assert artists["text"].get_text() == "reads 3 ($o_3$ = 0.90)"
    assert digit_plots.update_digit_pad(artists, np.zeros(64), o[::-1], note="!") == 6
    assert artists["text"].get_text() == "reads 6 ($o_6$ = 0.90)!"
    assert not artists["image"].get_array().any()
    plt.close(fig)


@pytest.mark.parametrize("call, error, words", [
    (lambda ax: digit_plots.draw_digits(ax, np.ones((3, 63))), ValueError, ["images must be digits of 8 x 8", "(3, 63)"]),
    (lambda ax: digit_plots.draw_digits(ax, np.ones((3, 64)), ["a"]), ValueError, ["one text per image (3), got 1"]),
    (lambda ax: digit_plots.draw_digits(ax, np.ones((3, 64)), ncols=0), ValueError, ["ncols must be a whole number >= 1"]),
    (lambda ax: digit_plots.draw_digit_grid(ax, np.ones((3, 64)), [1, 0, 1]), ValueError,
     ["right must be one True / False per image (3,)"]),
    (lambda ax: digit_plots.draw_confusion_matrix(ax, np.ones((3, 2))), ValueError, ["counts must be a square", "(3, 2)"]),
    (lambda ax: digit_plots.draw_hidden_units(ax, np.ones((32, 64))), ValueError, ["w must be the first layer's", "(32, 64)"]),
    (lambda ax: digit_plots.draw_digit_pad(ax, ax, np.ones((7, 7)), np.ones(10)), ValueError,
     ["grid must be one digit, (8, 8) or (64,)", "(7, 7)"]),
    (lambda ax: digit_plots.draw_training_curves(ax, ax, [1.0, 0.5], {"train": [0.5]}), ValueError,
     ["losses has shape (2,)", "accuracies['train'] has shape (1,)"]),
    (lambda ax: digit_plots.draw_training_curves(ax, ax, [1.0, 0.5], [0.1, 0.2]), ValueError,
     ["accuracies a dict of them by name"]),
])
def test_bad_inputs_get_a_clear_error(ax, call, error, words):
    assert_clear_error(lambda: call(ax), error, *words)


def test_update_training_curves_refuses_an_epoch_past_the_end():
    fig, (ax_loss, ax_accuracy) = nnlib.new_figure(ncols=2)
    artists = digit_plots.draw_training_curves(ax_loss, ax_accuracy, [1.0, 0.5], {"train": [0.1, 0.2]})
    assert_clear_error(lambda: digit_plots.update_training_curves(artists, [1.0, 0.5], {"train": [0.1, 0.2]}, 2),
                       ValueError, "epoch must be at most 1", "got 2")
    plt.close(fig)
