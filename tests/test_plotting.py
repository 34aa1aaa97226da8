import matplotlib.pyplot as plt
import numpy as np

from nnlib import as_picture, draw_single_weight, new_figure, update_single_weight

X = np.array([1.0, 2.0, 3.0, 4.0])
y = 2 * X


def test_new_figure_is_not_shown_and_has_the_axes_asked_for():
    fig, axes = new_figure(ncols=3)
    assert len(axes) == 3 and fig.get_layout_engine() is not None
    plt.close(fig)


def test_as_picture_is_a_png_and_closes_the_figure():
    fig, (ax,) = new_figure()
    before = plt.get_fignums()
    picture = as_picture(fig)
    assert picture.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert fig.number in before and fig.number not in plt.get_fignums()


def test_single_weight_draws_outputs_X_times_w():
    fig, (ax,) = new_figure()
    artists = draw_single_weight(ax, X, y, 1.5)
    np.testing.assert_allclose(artists["outputs"].get_ydata(), [1.5, 3.0, 4.5, 6.0])
    np.testing.assert_allclose(artists["targets"].get_ydata(), y)
    line_x, line_y = artists["line"].get_data()
    np.testing.assert_allclose(line_y, 1.5 * np.asarray(line_x))
    assert "w = 1.50" in artists["text"].get_text()
    assert ax.get_xlabel() == "input $X$"
    plt.close(fig)


def test_update_moves_the_same_artists():
    fig, (ax,) = new_figure()
    artists = draw_single_weight(ax, X, y, 1.0)
    n_lines = len(ax.lines)
    o = update_single_weight(artists, X, -0.5)
    np.testing.assert_allclose(o, -0.5 * X)
    np.testing.assert_allclose(artists["outputs"].get_ydata(), -0.5 * X)
    assert "w = -0.50" in artists["text"].get_text()
    assert len(ax.lines) == n_lines  # moved, not redrawn
    plt.close(fig)
