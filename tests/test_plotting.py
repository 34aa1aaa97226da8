import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib import as_picture, new_figure
from nnlib.plotting import (draw_decision_boundary, draw_descent, draw_hidden_view, draw_loss_and_fit,
                            draw_loss_history, draw_matmul_shapes, draw_sigmoid_curve, draw_single_weight,
                            draw_tangent, draw_two_weights, update_decision_boundary, update_descent,
                            update_hidden_view, update_loss_and_fit, update_loss_history, update_sigmoid_curve,
                            update_single_weight, update_tangent, update_two_weights)

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
    fig, (ax,) = new_figure()
    losses = np.array([0.5, 0.3, 0.2])
    artists = draw_loss_history(ax, losses)
    assert update_loss_history(artists, losses, 1, note=" (ok)") == 0.3
    assert artists["marker"].get_data() == ([1], [0.3])
    assert artists["text"].get_text() == "epoch 1: L = 0.3000 (ok)"
    plt.close(fig)


def test_loss_history_marks_the_last_epoch_by_default_and_takes_a_new_history_in_place():
    fig, (ax,) = new_figure()
    artists = draw_loss_history(ax, [0.5, 0.3, 0.2])                # a list works as well as an array
    n_lines = len(ax.lines)
    assert update_loss_history(artists, [0.9, 0.4, 0.3, 0.1]) == 0.1
    assert artists["marker"].get_data() == ([3], [0.1])
    np.testing.assert_array_equal(artists["line"].get_ydata(), [0.9, 0.4, 0.3, 0.1])
    assert len(ax.lines) == n_lines
    plt.close(fig)


def test_update_loss_and_fit_moves_the_marker_and_the_error_lines():
    fig, (ax_fit, ax_loss) = new_figure(ncols=2)
    artists = draw_loss_and_fit(ax_fit, ax_loss, X1, Y1, 0.5, 0.0, np.linspace(-2, 6, 81))
    L = update_loss_and_fit(artists, X1, Y1, 3.0, 0.0)
    assert L == pytest.approx(np.mean((_sigma(3.0 * X1) - Y1) ** 2))
    assert artists["marker"].get_data() == ([3.0], [pytest.approx(L)])
    top_of_first_error = artists["errors"].get_segments()[0][0][1]
    assert top_of_first_error == pytest.approx(_sigma(3.0 * X1[0, 0]))
    plt.close(fig)


def test_one_input_pictures_take_lists_and_either_shape():
    fig, (ax_fit, ax_loss) = new_figure(ncols=2)
    artists = draw_loss_and_fit(ax_fit, ax_loss, X1.ravel().tolist(), Y1.ravel().tolist(), 0.5, 0.0, [0.0, 1.0, 2.0])
    np.testing.assert_allclose(artists["outputs"].get_ydata(), _sigma(0.5 * X1).ravel())
    fig2, (ax,) = new_figure()
    artists = draw_single_weight(ax, X.reshape(4, 1).tolist(), y.reshape(4, 1), 1.5)
    np.testing.assert_allclose(artists["outputs"].get_ydata(), [1.5, 3.0, 4.5, 6.0])
    plt.close(fig)
    plt.close(fig2)


def test_tangent_reaches_half_width_either_side_and_its_artists_are_artists_only():
    fig, (ax,) = new_figure()
    artists = draw_tangent(ax, X1, Y1, 0.5, 0.0, np.linspace(-2, 6, 81), half_width=0.5)
    assert list(artists["tangent"].get_xdata()) == [0.0, 1.0]
    assert set(artists) == {"tangent", "point", "arrow", "text"}    # half_width is an argument, not an artist
    slope = update_tangent(artists, X1, Y1, 3.0, 0.0, half_width=0.25)
    (w0, w1), (l0, l1) = artists["tangent"].get_data()
    assert (w0, w1) == (2.75, 3.25)
    L = lambda v: np.mean((_sigma(v * X1) - Y1) ** 2)
    assert slope == pytest.approx((L(3.0 + 1e-6) - L(3.0 - 1e-6)) / 2e-6, rel=1e-6)
    assert (l1 - l0) / (w1 - w0) == pytest.approx(slope)
    assert slope > 0 and artists["arrow"].xy[0] == pytest.approx(3.0 - 0.8 * 0.25)   # downhill: to smaller w
    plt.close(fig)


XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def _check_hidden_view(artists, w1, b1, w2, b2):
    np.testing.assert_allclose(artists["points"].get_offsets(), _sigma(XOR_X @ w1 + b1))
    for j, line in enumerate(artists["unit_lines"]):           # unit j: w1[0, j] x1 + w1[1, j] x2 + b1[j] = 0
        x1, x2 = (np.asarray(v) for v in line.get_data())
        np.testing.assert_allclose(w1[0, j] * x1 + w1[1, j] * x2 + b1[j], 0.0, atol=1e-12)
    h1, h2 = (np.asarray(v) for v in artists["output_line"].get_data())
    np.testing.assert_allclose(w2[0, 0] * h1 + w2[1, 0] * h2 + b2[0], 0.0, atol=1e-12)


def test_hidden_view_draws_each_units_line_and_the_hidden_points():
    w1, b1 = np.array([[1.0, -1.0], [1.0, -1.0]]), np.array([-0.5, 1.5])     # unit 1: OR, unit 2: NAND
    w2, b2 = np.array([[1.0], [1.0]]), np.array([-1.5])                       # output: AND of the two
    fig, (ax_in, ax_hidden) = new_figure(ncols=2)
    artists = draw_hidden_view(ax_in, ax_hidden, XOR_X, XOR_Y, w1, b1, w2, b2)
    assert len(artists["unit_lines"]) == 2
    _check_hidden_view(artists, w1, b1, w2, b2)
    w1_new, b1_new = np.array([[2.0, 1.0], [-1.0, 3.0]]), np.array([0.5, -1.0])
    w2_new, b2_new = np.array([[-1.0], [2.0]]), np.array([0.25])
    h = update_hidden_view(artists, XOR_X, w1_new, b1_new, w2_new, b2_new)
    np.testing.assert_allclose(h, _sigma(XOR_X @ w1_new + b1_new))
    _check_hidden_view(artists, w1_new, b1_new, w2_new, b2_new)
    update_hidden_view(artists, XOR_X, w1, 0.0, w2, 0.0)       # a number for a bias shared by the layer's units
    _check_hidden_view(artists, w1, np.zeros(2), w2, np.zeros(1))
    plt.close(fig)


def test_decision_boundary_takes_w_and_b_in_the_forms_train_gives():
    Xs = np.array([[0.0, 0.0], [4.0, 4.0], [1.0, 3.0]])
    fig, (ax,) = new_figure()
    artists = draw_decision_boundary(ax, Xs, [0, 1, 1], np.array([1.0, 1.0]), np.array([-3.0]))  # y (n,) w (2,) b (1,)
    x, x2 = artists["boundary"].get_data()
    np.testing.assert_allclose(np.asarray(x) + np.asarray(x2), 3.0)
    assert artists["text"].get_text() == "accuracy 100%"
    plt.close(fig)
