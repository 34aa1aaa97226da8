import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib import (as_picture, draw_descent, draw_loss_and_fit, draw_matmul_shapes, draw_sigmoid_curve,
                   draw_single_weight, draw_tangent, draw_two_weights, new_figure, update_descent,
                   update_sigmoid_curve, update_single_weight, update_two_weights)

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


def _sigma(z):
    return 1 / (1 + np.exp(-z))


X1 = np.linspace(-3, 3, 9).reshape(9, 1)
Y1 = _sigma(2.0 * X1)


def test_matmul_shapes_labels_the_rule_and_refuses_a_mismatch():
    fig, (ax,) = new_figure()
    artists = draw_matmul_shapes(ax, (4, 2), (2, 3))
    assert [len(artists[k]) for k in "Xwo"] == [8, 6, 12]
    texts = [t.get_text() for t in ax.texts]
    assert "$X$  (4, 2)" in texts and "$w$  (2, 3)" in texts and "$o$  (4, 3)" in texts
    assert len(ax.patches) == 4 * 2 + 2 * 3 + 4 * 3    # one box per number
    with pytest.raises(ValueError, match="inner sizes 2 and 3"):
        draw_matmul_shapes(ax, (4, 2), (3, 3))
    plt.close(fig)


def test_two_weights_bars_are_X_at_w():
    Xb = np.array([[1.0, 2.0], [3.0, -1.0], [0.0, 4.0]])
    fig, (ax,) = new_figure()
    artists = draw_two_weights(ax, Xb, np.zeros(3), np.array([0.5, 1.0]))
    assert [bar.get_height() for bar in artists["bars"]] == [2.5, 0.5, 4.0]
    update_two_weights(artists, Xb, np.array([-1.0, 0.0]))
    assert [bar.get_height() for bar in artists["bars"]] == [-1.0, -3.0, 0.0]
    plt.close(fig)


def test_sigmoid_curve_and_its_midpoint():
    fig, (ax,) = new_figure()
    artists = draw_sigmoid_curve(ax, 2.0, -3.0)
    x, o = artists["curve"].get_data()
    np.testing.assert_allclose(o, _sigma(2.0 * np.asarray(x) - 3.0))
    assert artists["midpoint"].get_data() == ([1.5], [0.5])
    update_sigmoid_curve(artists, 1.0, 0.0)
    assert "x = 0.00" in artists["text"].get_text()                 # not "-0.00"
    assert update_sigmoid_curve(artists, 0.0, 1.0) is None          # flat: no midpoint
    assert len(artists["midpoint"].get_xdata()) == 0 and "flat" in artists["text"].get_text()
    plt.close(fig)


def test_loss_and_fit_marks_the_loss_of_w():
    fig, (ax_fit, ax_loss) = new_figure(ncols=2)
    artists = draw_loss_and_fit(ax_fit, ax_loss, X1, Y1, 0.5, 0.0, np.linspace(-2, 6, 81))
    expected = np.mean((_sigma(0.5 * X1) - Y1) ** 2)
    assert artists["marker"].get_data() == ([0.5], [pytest.approx(expected)])
    np.testing.assert_allclose(artists["outputs"].get_ydata(), _sigma(0.5 * X1).ravel())
    segments = artists["errors"].get_segments()
    assert len(segments) == 9 and segments[0][1][1] == pytest.approx(Y1[0, 0])
    star = ax_loss.lines[1].get_data()
    assert star[0][0] == pytest.approx(2.0)                        # the lowest point of the grid
    plt.close(fig)


def test_tangent_has_the_slope_of_the_loss():
    fig, (ax,) = new_figure()
    artists = draw_tangent(ax, X1, Y1, 0.5, 0.0, np.linspace(-2, 6, 81))
    h = 1e-6
    L = lambda v: np.mean((_sigma(v * X1) - Y1) ** 2)
    slope = (L(0.5 + h) - L(0.5 - h)) / (2 * h)
    (w0, w1), (l0, l1) = artists["tangent"].get_data()
    assert (l1 - l0) / (w1 - w0) == pytest.approx(slope, rel=1e-6)
    assert slope < 0 and "downhill: right" in artists["text"].get_text()
    assert artists["arrow"].xy[0] > 0.5                          # the arrow points to larger w
    plt.close(fig)


def test_descent_shows_the_first_steps_of_the_path():
    fig, (ax,) = new_figure()
    artists = draw_descent(ax, X1, Y1, -1.0, 0.0, 2.0, 0, np.linspace(-2, 6, 81))
    assert list(artists["path"].get_xdata()) == [-1.0]
    path = update_descent(artists, X1, Y1, -1.0, 0.0, 2.0, 4)
    assert len(path) == 5 and artists["current"].get_xdata()[0] == path[-1]
    slope = np.mean(2 * (_sigma(-1.0 * X1) - Y1) * _sigma(-X1) * (1 - _sigma(-X1)) * X1)
    assert path[1] == pytest.approx(-1.0 - 2.0 * slope)
    plt.close(fig)


def test_decision_boundary_is_where_the_neuron_says_one_half():
    from nnlib import draw_decision_boundary, update_decision_boundary
    Xs = np.array([[0.0, 0.0], [4.0, 4.0], [1.0, 3.0]])
    ys = np.array([[0.0], [1.0], [1.0]])
    fig, (ax,) = new_figure()
    artists = draw_decision_boundary(ax, Xs, ys, np.array([[1.0], [1.0]]), -3.0)
    x, x2 = artists["boundary"].get_data()
    np.testing.assert_allclose(np.asarray(x) + np.asarray(x2), 3.0)           # x1 + x2 - 3 = 0
    assert update_decision_boundary(artists, Xs, ys, np.array([[1.0], [1.0]]), -3.0) == 1.0
    assert artists["text"].get_text() == "accuracy 100%"
    update_decision_boundary(artists, Xs, ys, np.array([[1.0], [0.0]]), -2.0)   # vertical: x1 = 2
    assert np.all(np.isnan(artists["boundary"].get_ydata()))
    plt.close(fig)


def test_loss_history_marks_the_epoch():
    from nnlib import draw_loss_history, update_loss_history
    fig, (ax,) = new_figure()
    losses = np.array([0.5, 0.3, 0.2])
    artists = draw_loss_history(ax, losses)
    assert update_loss_history(artists, losses, 1, note=" (ok)") == 0.3
    assert artists["marker"].get_data() == ([1], [0.3])
    assert artists["text"].get_text() == "epoch 1: L = 0.3000 (ok)"
    plt.close(fig)
