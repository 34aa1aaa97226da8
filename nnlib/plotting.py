"""Plot helpers: each draws on an Axes and returns the artists it made.

``draw_*`` builds a picture once; ``update_*`` moves the same artists to new
values (``set_data``, ``set_text``), which is what a slider calls. Nothing
here calls ``plt.show()`` or touches rcParams.

Each public function is a door, as in the rest of nnlib: it checks its inputs
once, with the helpers at the end of this file, and the drawing code behind it
sees checked arrays only. An ``update_*`` is its door plus ``_update_*``, the
plain moving code; an explorer checks once when it is built and then calls
``_update_*`` on each slider step.
"""

import io

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Image
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from nnlib import _checks
from nnlib.losses import mean_sum_squared_loss
from nnlib.network import descent_path, forward, gradients, loss_curve, weighted_sum

__all__ = [
    "new_figure", "as_picture",
    "draw_single_weight", "update_single_weight",
    "draw_matmul_shapes",
    "draw_two_weights", "update_two_weights",
    "draw_sigmoid_curve", "update_sigmoid_curve",
    "draw_loss_and_fit", "update_loss_and_fit",
    "draw_tangent", "update_tangent",
    "draw_descent", "update_descent",
    "draw_decision_boundary", "update_decision_boundary",
    "draw_loss_history", "update_loss_history",
    "draw_hidden_view", "update_hidden_view",
    "draw_spam_rule", "update_spam_rule",
]


def new_figure(ncols=1, width=6.4, height=3.6, nrows=1):
    """One figure of ``nrows`` x ``ncols`` Axes, not shown until asked (ipympl-friendly); the Axes row by row.

    A figure of the series fits an output area 800 px wide: at most 8 inches at 100 dpi. More panels than
    fit side by side go in rows (``nrows=2``), not in a wider figure.
    """
    ncols, nrows = _checks.whole("ncols", ncols, minimum=1), _checks.whole("nrows", nrows, minimum=1)
    width, height = _checks.positive("width", width, " (inches)"), _checks.positive("height", height, " (inches)")
    fig, axes = _quiet_figure(width, height, lambda fig: fig.subplots(nrows, ncols, squeeze=False))
    return fig, list(axes.ravel())


def _new_mosaic(mosaic, width, height):
    """A figure laid out as ``Figure.subplot_mosaic(mosaic)``, e.g. [["loss", "accuracy"], ["grid", "grid"]]
    (a panel across both columns): (fig, dict of Axes by name)."""
    return _quiet_figure(width, height, lambda fig: fig.subplot_mosaic(mosaic))


def _quiet_figure(width, height, add_axes):
    with plt.ioff():  # an explorer decides where its figure appears, not pyplot
        fig = plt.figure(figsize=(width, height), layout="constrained")
        axes = add_axes(fig)
    fig.stale_callback = None   # nor when it is drawn: pyplot would ask for a picture at each change
    return fig, axes


def as_picture(fig):
    """The figure as a PNG image (shown by GitHub and nbviewer too); closes the figure."""
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, e.g. from fig, axes = nnlib.new_figure(); "
                        f"got {_checks.describe(fig)}")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    plt.close(fig)
    return Image(data=buffer.getvalue(), format="png")


def draw_single_weight(ax, X, y, w, x_max=None):
    """Targets y against inputs X, and the outputs o = X w of one weight, as dots on a line. X, y (n,) or (n, 1)."""
    ax, (X, y), w = _axes("ax", ax), _one_input(X, y), _checks.number("w", w)
    x_max = _checks.positive("x_max", 1.1 * X.max() if x_max is None else x_max,
                             " (the right end of the x axis, 1.1 max(X) unless given)")
    line_x = np.array([0.0, x_max])
    artists = {
        "line": ax.plot(line_x, line_x * w, color="C0", label="$o = X w$")[0],
        "outputs": ax.plot(X, X * w, "o", color="C0", label="outputs $o$")[0],
        "targets": ax.plot(X, y, "x", color="C3", markersize=9, mew=2, label="targets $y$")[0],
        "text": ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", family="monospace"),
    }
    ax.set(xlabel="input $X$", ylabel="output", xlim=(0, x_max))
    ax.legend(loc="lower right")
    _update_single_weight(artists, X, w)
    return artists


def update_single_weight(artists, X, w):
    """Move the outputs o = X w (dots, line and read-out) to a new weight w; returns o."""
    artists = _drawn(artists, "draw_single_weight", "line", "outputs", "text")
    X = _same_examples(_inputs(X).ravel(), artists["outputs"], "draw_single_weight")
    return _update_single_weight(artists, X, _checks.number("w", w))


def _update_single_weight(artists, X, w):
    o = weighted_sum(X, w)
    artists["outputs"].set_ydata(o)
    artists["line"].set_ydata(artists["line"].get_xdata() * w)
    artists["text"].set_text(f"w = {_short(w)}\no = {np.round(o, 2)}")
    return o


def draw_matmul_shapes(ax, X_shape, w_shape):
    """Boxes for X (n, k) @ w (k, m) = o (n, m), each drawn to scale, with the shape rule written under them."""
    ax = _axes("ax", ax)
    (n, k), (k_w, m) = _matrix_shape("X_shape", X_shape), _matrix_shape("w_shape", w_shape)
    if k != k_w:
        raise ValueError(f"X_shape {(n, k)} @ w_shape {(k_w, m)}: the inner sizes {k} and {k_w} must match")
    x0, artists = 0.0, {}
    for name, (rows, cols), color in [("X", (n, k), "C0"), ("w", (k, m), "C1"), ("o", (n, m), "C2")]:
        artists[name] = [ax.add_patch(plt.Rectangle((x0 + c, -r - 1), 1, 1, facecolor=color, alpha=0.35, edgecolor="k"))
                         for r in range(rows) for c in range(cols)]
        ax.text(x0 + cols / 2, 0.4, f"${name}$  ({rows}, {cols})", ha="center", va="bottom")
        sign = {"X": "@", "w": "=", "o": ""}[name]
        ax.text(x0 + cols + 0.6, -rows / 2, sign, ha="center", va="center", fontsize=16)
        x0 += cols + 1.2
    artists["rule"] = ax.text(x0 / 2, -max(n, k) - 0.9,
                              f"({n}, {k}) @ ({k}, {m}) -> ({n}, {m}): the inner sizes match and cancel",
                              ha="center", va="top")
    ax.set(xlim=(-0.3, x0), ylim=(-max(n, k) - 2.0, 1.4), aspect="equal")
    ax.axis("off")
    return artists


def draw_two_weights(ax, X, y, w):
    """Bars for the outputs o = X @ w of each example, next to crosses for their targets y. X (n, d), y (n,), w (d,)."""
    ax, (X, w) = _axes("ax", ax), _bars(X, w)
    y = _per_example("y", _checks.numbers("y", y), len(X))
    examples = np.arange(len(X))
    artists = {
        "bars": ax.bar(examples, np.zeros(len(X)), width=0.6, color="C0", label="outputs $o = Xw$"),
        "targets": ax.plot(examples, y, "x", color="C3", markersize=10, mew=2, label="targets $y$")[0],
        "text": ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", family="monospace"),
    }
    ax.axhline(0, color="0.5", linewidth=0.8)
    ax.set(xlabel="example $i$", ylabel="output", xticks=examples)
    ax.legend(loc="lower right")
    _update_two_weights(artists, X, w)
    return artists


def update_two_weights(artists, X, w):
    """Set the bars to o = X @ w for new weights w = [w1, w2]; returns o."""
    artists = _drawn(artists, "draw_two_weights", "bars", "text")
    X, w = _bars(X, w)
    return _update_two_weights(artists, _same_examples(X, artists["bars"], "draw_two_weights"), w)


def _update_two_weights(artists, X, w):
    o = weighted_sum(X, w)
    for bar, height in zip(artists["bars"], o):
        bar.set_height(height)
    artists["text"].set_text(f"w = {np.round(w, 2)}\no = {np.round(o, 2)}")
    return o


def draw_sigmoid_curve(ax, w, b, x_range=(-6.0, 6.0)):
    """The curve o = sigmoid(x w + b) over x_range, with its midpoint (o = 0.5 at x = -b / w) marked."""
    ax, w, b = _axes("ax", ax), _checks.number("w", w), _checks.number("b", b)
    x = np.linspace(*_checks.interval("x_range", x_range), 301)
    ax.axhline(0, color="0.6", linewidth=0.8, linestyle="--")
    ax.axhline(1, color="0.6", linewidth=0.8, linestyle="--")
    artists = {
        "curve": ax.plot(x, np.zeros_like(x), color="C0", label=r"$o = \sigma(xw + b)$")[0],
        "midpoint": ax.plot([], [], "o", color="C1", label="$o = 0.5$ at $x = -b/w$")[0],
        "text": ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", family="monospace"),
    }
    ax.set(xlabel="input $x$", ylabel="output $o$", xlim=(x[0], x[-1]), ylim=(-0.08, 1.35))  # room for the read-out
    ax.legend(loc="lower right")
    _update_sigmoid_curve(artists, w, b)
    return artists


def update_sigmoid_curve(artists, w, b):
    """Reshape the curve to new w and b; returns the midpoint x = -b / w (None when w = 0: a flat line)."""
    artists = _drawn(artists, "draw_sigmoid_curve", "curve", "midpoint", "text")
    return _update_sigmoid_curve(artists, _checks.number("w", w), _checks.number("b", b))


def _update_sigmoid_curve(artists, w, b):
    artists["curve"].set_ydata(forward(artists["curve"].get_xdata(), w, b))   # o = sigmoid(x w + b)
    middle = -b / w + 0.0 if w != 0 else None  # + 0.0 turns -0.0 into 0.0 for the read-out
    artists["midpoint"].set_data([middle] if middle is not None else [], [0.5] if middle is not None else [])
    where = f"x = {_short(middle)}" if middle is not None else "nowhere: w = 0 gives a flat line"
    artists["text"].set_text(f"w = {_short(w)}  b = {_short(b)}\no = 0.5 at {where}")
    return middle


def _loss_panel(ax, X, y, b, weights):
    """The loss-vs-weight curve L(w) with its lowest point marked; returns the curve's losses."""
    losses = loss_curve(X, y, weights, b)
    best = np.argmin(losses)
    ax.plot(weights, losses, color="C0", label="$L(w)$")
    ax.plot(weights[best], losses[best], "*", color="C2", markersize=14, label=f"lowest: $w = {_short(weights[best])}$")
    ax.set(xlabel="weight $w$", ylabel="loss $L$", xlim=(weights[0], weights[-1]))
    return losses


def draw_loss_and_fit(ax_fit, ax_loss, X, y, w, b, weights):
    """Left: outputs o = sigmoid(X w + b) against targets y, errors as red lines. Right: L(w) with w marked."""
    ax_fit, ax_loss = _axes("ax_fit", ax_fit), _axes("ax_loss", ax_loss)
    X, y, w, b, weights = *_one_input(X, y), _checks.number("w", w), _checks.number("b", b), _weight_grid(weights)
    x = np.linspace(X.min() - 0.5, X.max() + 0.5, 200)
    artists = {
        "curve": ax_fit.plot(x, np.zeros_like(x), color="C0", label=r"$o = \sigma(xw)$" if b == 0 else r"$o = \sigma(xw + b)$")[0],
        "errors": ax_fit.vlines(X, 0, 0, color="C3", linewidth=1, label="error $o - y$"),
        "outputs": ax_fit.plot(X, np.zeros(len(X)), "o", color="C0", markersize=4)[0],
        "targets": ax_fit.plot(X, y, "x", color="C3", label="targets $y$")[0],
    }
    ax_fit.set(xlabel="input $X$", ylabel="output", ylim=(-0.05, 1.05))
    ax_fit.legend(loc="best", fontsize="small")  # placed where the curve is not, at each redraw
    _loss_panel(ax_loss, X, y, b, weights)
    artists["marker"] = ax_loss.plot([], [], "o", color="C1", markersize=9, label="current $w$")[0]
    artists["text"] = ax_loss.text(0.5, 0.97, "", transform=ax_loss.transAxes, ha="center", va="top", family="monospace")
    ax_loss.legend(loc="center right", fontsize="small")
    _update_loss_and_fit(artists, X, y, w, b)
    return artists


def update_loss_and_fit(artists, X, y, w, b):
    """Move the outputs, the error lines and the loss marker to weight w; returns L(w)."""
    artists = _drawn(artists, "draw_loss_and_fit", "curve", "outputs", "errors", "marker", "text")
    X, y = _one_input(X, y)
    _same_examples(X, artists["outputs"], "draw_loss_and_fit")
    return _update_loss_and_fit(artists, X, y, _checks.number("w", w), _checks.number("b", b))


def _update_loss_and_fit(artists, X, y, w, b):
    o = forward(X, w, b)
    L = mean_sum_squared_loss(o, y)
    artists["curve"].set_ydata(forward(artists["curve"].get_xdata(), w, b))
    artists["outputs"].set_ydata(o)
    artists["errors"].set_segments([[(x, oi), (x, yi)] for x, oi, yi in zip(X, o, y)])
    artists["marker"].set_data([w], [L])
    artists["text"].set_text(f"w = {_short(w)}   L = {_short(L, '.4f')}")
    return L


def draw_tangent(ax, X, y, w, b, weights, half_width=1.0):
    """L(w) with the tangent line at w (slope dL/dw), half_width either side of w, and an arrow pointing downhill."""
    ax, (X, y), w, b = _axes("ax", ax), _one_input(X, y), _checks.number("w", w), _checks.number("b", b)
    weights, half_width = _weight_grid(weights), _checks.positive("half_width", half_width)
    _loss_panel(ax, X, y, b, weights)
    artists = {
        "tangent": ax.plot([], [], color="C1", linewidth=2, label="tangent, slope $dL/dw$")[0],
        "point": ax.plot([], [], "o", color="C1", markersize=8)[0],
        "arrow": ax.annotate("", xy=(0, 0), xytext=(0, 0), annotation_clip=False,
                             arrowprops={"arrowstyle": "->", "color": "C3", "lw": 2}),
        "text": ax.text(0.5, 0.97, "", transform=ax.transAxes, ha="center", va="top", family="monospace"),
    }
    ax.set_ylim(bottom=0)
    ax.legend(loc="center right", fontsize="small")
    _update_tangent(artists, X, y, w, b, half_width)
    return artists


def update_tangent(artists, X, y, w, b, half_width=1.0):
    """Move the tangent to weight w, reaching half_width either side of it; returns the slope dL/dw there."""
    artists = _drawn(artists, "draw_tangent", "tangent", "point", "arrow", "text")
    (X, y), w, b = _one_input(X, y), _checks.number("w", w), _checks.number("b", b)
    return _update_tangent(artists, X, y, w, b, _checks.positive("half_width", half_width))


def _update_tangent(artists, X, y, w, b, half_width):
    L = mean_sum_squared_loss(forward(X, w, b), y)
    slope, _ = gradients(X, y, w, b)
    h = half_width
    artists["tangent"].set_data([w - h, w + h], [L - slope * h, L + slope * h])
    artists["point"].set_data([w], [L])
    downhill = -np.sign(slope) * h * 0.8        # which way to move w: against the slope
    artists["arrow"].xy = (w + downhill, L)     # drawn level with the point, so it never leaves the axes
    artists["arrow"].set_position((w, L))
    way = "left" if slope > 0 else "right" if slope < 0 else "nowhere: flat"
    artists["text"].set_text(f"w = {_short(w)}  dL/dw = {_short(slope, '+.4f')}\ndownhill: {way}")
    return slope


def draw_descent(ax, X, y, w0, b, eta, step, weights):
    """L(w) with the weights visited by gradient descent from w0, up to the given step."""
    ax, (X, y), weights = _axes("ax", ax), _one_input(X, y), _weight_grid(weights)
    w0, b, eta, step = _descent(w0, b, eta, step)
    _loss_panel(ax, X, y, b, weights)
    artists = {
        "path": ax.plot([], [], "-o", color="C1", markersize=4, linewidth=1, label="gradient descent")[0],
        "current": ax.plot([], [], "o", color="C3", markersize=9, label="current step")[0],
        "text": ax.text(0.5, 0.97, "", transform=ax.transAxes, ha="center", va="top", family="monospace"),
    }
    ax.set_ylim(bottom=0)
    ax.legend(loc="center right", fontsize="small")
    _update_descent(artists, X, y, w0, b, eta, step)
    return artists


def update_descent(artists, X, y, w0, b, eta, step):
    """Show the first ``step`` steps of w <- w - eta dL/dw from w0; returns the weights visited."""
    artists = _drawn(artists, "draw_descent", "path", "current", "text")
    return _update_descent(artists, *_one_input(X, y), *_descent(w0, b, eta, step))


def _update_descent(artists, X, y, w0, b, eta, step):
    path = descent_path(X, y, w0, b, eta, step)
    return _show_descent(artists, path, loss_curve(X, y, path, b), eta)


def _show_descent(artists, path, losses, eta):
    """Draw the weights visited and their losses; the last one is the current step."""
    artists["path"].set_data(path, losses)
    artists["current"].set_data(path[-1:], losses[-1:])
    artists["text"].set_text(f"step {len(path) - 1}: w = {_short(path[-1], '.3f')}  L = {_short(losses[-1], '.4f')}  "
                             f"(eta = {_short(eta)})")
    return path


def _boundary_y(x, w, b):
    """Points where w[0] x + w[1] x2 + b = 0, i.e. x2 = -(w[0] x + b) / w[1] (nan where w[1] = 0: a vertical line)."""
    if w[1] == 0:
        return np.full_like(x, np.nan)
    return -(w[0] * x + b) / w[1]


def draw_decision_boundary(ax, X, y, w, b, labels=("not spam", "spam"), feature_names=("$x_1$", "$x_2$")):
    """Two-feature examples coloured by class, and the line where the neuron says 0.5 (w . x + b = 0).

    Shapes: X (n, 2), y (n,) or (n, 1) of labels 0 and 1, w (2,) or (2, 1), b a number or (1,).
    """
    ax, (X, y), (w, b) = _axes("ax", ax), _two_features(X, y), _line(w, b)
    labels, feature_names = _two_texts("labels", labels), _two_texts("feature_names", feature_names)
    for cls, marker, color in [(0, "o", "C0"), (1, "^", "C3")]:
        pick = y == cls
        ax.scatter(X[pick, 0], X[pick, 1], marker=marker, color=color, alpha=0.5, label=labels[cls])
    x = np.linspace(X[:, 0].min() - 1, X[:, 0].max() + 1, 2)
    artists = {
        "boundary": ax.plot(x, np.zeros_like(x), color="k", linewidth=2, label=r"$o = 0.5$")[0],
        "text": ax.text(0.98, 0.97, "", transform=ax.transAxes, ha="right", va="top", family="monospace"),
    }
    ax.set(xlabel=feature_names[0], ylabel=feature_names[1],
           xlim=(x[0], x[1]), ylim=(X[:, 1].min() - 1, X[:, 1].max() + 1))
    ax.legend(loc="upper left", fontsize="small")
    _update_decision_boundary(artists, X, y, w, b)
    return artists


def update_decision_boundary(artists, X, y, w, b):
    """Move the boundary line to new weights; returns the accuracy of o > 0.5 on (X, y)."""
    artists = _drawn(artists, "draw_decision_boundary", "boundary", "text")
    return _update_decision_boundary(artists, *_two_features(X, y), *_line(w, b))


def _update_decision_boundary(artists, X, y, w, b):
    line = artists["boundary"]
    line.set_ydata(_boundary_y(line.get_xdata(), w, b))
    accuracy = float(np.mean((forward(X, w, b) > 0.5) == y))
    artists["text"].set_text(f"accuracy {accuracy:.0%}")
    return accuracy


def draw_loss_history(ax, losses, label="loss"):
    """The loss after each epoch, with a marker that can move along it. losses (epochs + 1,)."""
    ax, losses, label = _axes("ax", ax), _losses(losses), _text("label", label)
    epochs = np.arange(len(losses))
    artists = {
        "line": ax.plot(epochs, losses, color="C0", label=label)[0],
        "marker": ax.plot([0], [losses[0]], "o", color="C1", clip_on=False)[0],  # visible at the axes' edge
        "text": ax.text(0.98, 0.97, "", transform=ax.transAxes, ha="right", va="top", family="monospace"),
    }
    ax.set(xlabel="epoch", ylabel="loss $L$", xlim=(0, len(losses) - 1), ylim=(0, None))
    return artists


def update_loss_history(artists, losses, epoch=None, note=""):
    """Show a loss history (redrawn in place) and mark one epoch on it (default: the last); returns its loss."""
    artists, losses = _drawn(artists, "draw_loss_history", "line", "marker", "text"), _losses(losses)
    epoch = len(losses) - 1 if epoch is None else _checks.whole("epoch", epoch)
    if epoch >= len(losses):
        raise ValueError(f"epoch {epoch} is past the end of losses, which holds epochs 0 to {len(losses) - 1}")
    return _update_loss_history(artists, losses, epoch, _text("note", note))


def _update_loss_history(artists, losses, epoch, note):
    artists["line"].set_data(np.arange(len(losses)), losses)
    artists["marker"].set_data([epoch], [losses[epoch]])
    artists["text"].set_text(f"epoch {epoch}: L = {_short(losses[epoch], '.4f')}{note}")
    return losses[epoch]


def draw_hidden_view(ax_in, ax_hidden, X, y, w1, b1, w2, b2):
    """Left: the inputs and each hidden unit's line (h_j = 0.5). Right: the same examples as the hidden layer sees them.

    The network of ``forward_two_layer(X, w1, b1, w2, b2)`` with 2 inputs, 2 hidden units and 1 output:
    X (n, 2), y (n,) or (n, 1) of labels 0 and 1, w1 (2, 2), b1 (2,), w2 (2, 1), b2 (1,).
    """
    ax_in, ax_hidden = _axes("ax_in", ax_in), _axes("ax_hidden", ax_hidden)
    X, w1, b1, w2, b2 = _hidden_layer(X, w1, b1, w2, b2)
    colors = np.where(_labels(y, len(X)) == 1, "C3", "C0")
    ax_in.scatter(X[:, 0], X[:, 1], c=colors, s=80, zorder=3)
    x = np.array([-0.5, 1.5])
    artists = {
        "unit_lines": [ax_in.plot(x, x * 0, color=f"C{2 * j + 2}", label=f"unit {j + 1}: $h_{j + 1} = 0.5$")[0]
                       for j in range(2)],
        "points": ax_hidden.scatter(np.zeros(len(X)), np.zeros(len(X)), c=colors, s=80, zorder=3),
        "output_line": ax_hidden.plot([-0.1, 1.1], [0, 0], color="k", label="output $o = 0.5$")[0],
    }
    for ax in (ax_in, ax_hidden):
        ax.set_aspect("equal")
    ax_in.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), xlabel="$x_1$", ylabel="$x_2$", title="input space")
    ax_hidden.set(xlim=(-0.1, 1.1), ylim=(-0.1, 1.1), xlabel="$h_1$", ylabel="$h_2$", title="what the hidden layer sees")
    ax_in.legend(loc="upper right", fontsize="x-small")
    ax_hidden.legend(loc="upper right", fontsize="x-small")
    _update_hidden_view(artists, X, w1, b1, w2, b2)
    return artists


def update_hidden_view(artists, X, w1, b1, w2, b2):
    """Move the hidden units' lines and the hidden-space points to new w1, b1, w2, b2; returns h (n, 2)."""
    artists = _drawn(artists, "draw_hidden_view", "unit_lines", "points", "output_line")
    return _update_hidden_view(artists, *_hidden_layer(X, w1, b1, w2, b2))


def _update_hidden_view(artists, X, w1, b1, w2, b2):
    for j, line in enumerate(artists["unit_lines"]):
        line.set_ydata(_boundary_y(line.get_xdata(), w1[:, j], b1[j]))   # unit j says 0.5 on this line
    h = forward(X, w1, b1)
    artists["points"].set_offsets(h)
    line = artists["output_line"]
    line.set_ydata(_boundary_y(line.get_xdata(), w2[:, 0], b2[0]))        # the output says 0.5 on this line
    return h


def _short(value, spec=".2f"):
    """A number in a read-out, formatted by ``spec``; from a million on in e-notation (1.00e+308, not 309 digits),
    so a read-out stays one short line at any slider position."""
    return format(value, spec if abs(value) < 1e6 else spec.replace("f", "e"))


# --- The door: the checks the pictures share ------------------------------------------------------

def _axes(name, ax):
    if not isinstance(ax, Axes):
        raise TypeError(f"{name} must be a matplotlib Axes, e.g. from fig, ({name},) = nnlib.new_figure(); "
                        f"got {_checks.describe(ax)}")
    return ax


def _text(name, value):
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a text (a str), got {_checks.describe(value)}")
    return value


def _two_texts(name, value):
    if not isinstance(value, (tuple, list)) or len(value) != 2 or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{name} must be a pair of texts, e.g. ('not spam', 'spam'); got {_checks.describe(value)}")
    return value


def _drawn(artists, made_by, *keys):
    """The door of every update_*: ``artists`` must be the dict that ``made_by`` returned."""
    if not isinstance(artists, dict) or not set(keys) <= set(artists):
        got = _checks.describe(artists) if not isinstance(artists, dict) else \
            f"a dict without {', '.join(key for key in keys if key not in artists)}"
        raise TypeError(f"artists must be the dict that {made_by} returned (keys {', '.join(keys)}); got {got}")
    return artists


def _same_examples(X, drawn, made_by):
    """X must have one example per point (or bar) the picture shows: the X it was drawn with."""
    count = len(drawn.get_xdata()) if hasattr(drawn, "get_xdata") else len(drawn)
    if len(X) != count:
        raise ValueError(f"X has {len(X)} examples but the picture from {made_by} shows {count}: "
                         "pass the X it was drawn with")
    return X


def _inputs(X):
    """The inputs of a one-input model: one number per example, X (n,) or (n, 1)."""
    X = _checks.numbers("X", X)
    if X.ndim not in (1, 2) or X.shape[1:] not in ((), (1,)):
        raise ValueError(f"X must hold one input per example, shape (n,) or (n, 1); got X of shape {X.shape}")
    return X


def _one_input(X, y):
    """X and y of a one-input model, of one shape, (n,) or (n, 1). Returns both as (n,)."""
    X, y = _inputs(X), _checks.numbers("y", y)
    _checks.same_shape("X", X, "y", y)
    return X.ravel(), y.ravel()


def _weight_grid(weights):
    """The w axis of a loss picture: candidate weights, increasing, at least 2, within what an axis can show."""
    weights = _checks.numbers("weights", weights)
    if weights.ndim != 1 or len(weights) < 2 or not np.all(np.diff(weights) > 0):
        raise ValueError("weights must be increasing candidate weights, a 1-D array of at least 2 such as "
                         f"np.linspace(-2, 6, 401); got {_checks.describe(weights)}")
    if not np.abs(weights).max() <= LARGEST_DRAWN:
        raise ValueError(f"weights go from {weights[0]:g} to {weights[-1]:g}: an axis can show numbers up to "
                         f"{LARGEST_DRAWN:g} either side of 0. Choose weights within that, such as "
                         "np.linspace(-2, 6, 401)")
    return weights


# matplotlib places an axis's ticks and margins with sums and products of its limits, which overflow near the
# largest float (1.8e308): an axis from 0 to 1e307 draws, one from 0 to 1e308 fails inside matplotlib. 1e300
# leaves room; no picture of the series comes near it.
LARGEST_DRAWN = 1e300


def _reach(range_name, bounds, what, low, high):
    """A slider's range ``bounds`` stretches a picture's axis from ``low`` to ``high`` (computed, maybe overflowed
    to inf, under np.errstate(over="ignore")): refused when that axis cannot be drawn."""
    reach = max(abs(low), abs(high))
    if not reach <= LARGEST_DRAWN:     # inf and nan too
        raise ValueError(f"{range_name} = ({bounds[0]:g}, {bounds[1]:g}) is too wide to draw: {what} would reach "
                         f"{reach:.3g}, and an axis can show numbers up to {LARGEST_DRAWN:g} either side of 0. "
                         f"Choose a narrower {range_name}.")


def _losses(losses, name="losses"):
    """A loss history, losses[t] after t epochs: 1-D, at least epochs 0 and 1, none negative."""
    losses = _checks.numbers(name, losses)
    if losses.ndim != 1 or len(losses) < 2:
        raise ValueError(f"{name} must be a 1-D history of at least 2 losses (epochs 0 and 1); "
                         f"got {_checks.describe(losses)}")
    if losses.min() < 0:
        raise ValueError(f"{name} must be >= 0 (a squared loss cannot be negative); got {losses.min():g} "
                         f"at epoch {int(np.argmin(losses))}")
    return losses


def _descent(w0, b, eta, step):
    """The numbers of a descent picture: a start w0, a bias b, a learning rate eta > 0, a step number."""
    return (_checks.number("w0", w0), _checks.number("b", b), _checks.positive("eta", eta, " (the learning rate)"),
            _checks.whole("step", step))


def _matrix_shape(name, shape, largest=20):
    """A matrix shape (rows, columns): whole numbers from 1 to ``largest`` (the picture draws one box per number)."""
    if not isinstance(shape, (tuple, list)):
        raise TypeError(f"{name} must be a shape (rows, columns) such as X.shape, got {_checks.describe(shape)}")
    if len(shape) != 2:
        raise ValueError(f"{name} must be the shape of a matrix, (rows, columns); got {_checks.describe(shape)}")
    rows, cols = (_checks.whole(f"{name}[{i}]", size, minimum=1) for i, size in enumerate(shape))
    if max(rows, cols) > largest:
        raise ValueError(f"{name} = {(rows, cols)}: the picture draws one box per number, at most {largest} a side")
    return rows, cols


def _bars(X, w):
    """X (n, d) and one weight per column of X, w (d,): the bars o = X @ w."""
    X, w = _checks.numbers("X", X), _checks.numbers("w", w)
    if X.ndim != 2 or w.shape != X.shape[1:]:
        raise ValueError("X must be (n, d) and w (d,), one weight per column of X; "
                         f"got X of shape {X.shape} and w of shape {w.shape}")
    return X, w


def _per_example(name, y, n):
    if y.shape not in ((n,), (n, 1)):
        raise ValueError(f"{name} must hold one value per example of X, shape ({n},) or ({n}, 1); "
                         f"got {name} of shape {y.shape}")
    return y.ravel()


def _labels(y, n):
    """Class labels, 0 or 1, one per example: y (n,) or (n, 1) -> (n,)."""
    y = _per_example("y", _checks.numbers("y", y), n)
    others = sorted(set(y.tolist()) - {0.0, 1.0})
    if others:
        raise ValueError(f"y must hold class labels 0 and 1; got also {others[:3]}")
    return y


def _two_features(X, y):
    """X (n, 2), one point per example in the plane of the picture, and its labels y -> (n,)."""
    X = _checks.numbers("X", X)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have 2 features, one per axis of the picture: shape (n, 2); got X of shape {X.shape}")
    return X, _labels(y, len(X))


def _line(w, b):
    """One output over two inputs: w (2,) or (2, 1), b a number or (1,). Returns w (2,) and b a float."""
    w, b = _checks.numbers("w", w), _checks.numbers("b", b)
    if w.shape not in ((2,), (2, 1)):
        raise ValueError(f"w must hold the 2 weights of one output, shape (2,) or (2, 1); got w of shape {w.shape}")
    if b.shape not in ((), (1,)):
        raise ValueError(f"b must be the bias of one output, a number or shape (1,); got b of shape {b.shape}")
    return w.ravel(), b.item()


def _hidden_layer(X, w1, b1, w2, b2):
    """2 inputs, 2 hidden units, 1 output. Returns X (n, 2), w1 (2, 2), b1 (2,), w2 (2, 1), b2 (1,)."""
    w1, w2 = _checks.numbers("w1", w1), _checks.numbers("w2", w2)
    if w1.shape != (2, 2) or w2.shape != (2, 1):
        raise ValueError("the picture shows 2 inputs, 2 hidden units and 1 output: w1 must have shape (2, 2) and w2 "
                         f"shape (2, 1); got w1 of shape {w1.shape} and w2 of shape {w2.shape}")
    X, w1, b1, _ = _checks.layer_inputs(X, w1, b1, ("X", "w1", "b1"))
    _, w2, b2, _ = _checks.layer_inputs(np.zeros((1, 2)), w2, b2, ("h", "w2", "b2"))
    return X, w1, b1, w2, b2


# --- A rule written by hand: spam if the count of "free" is above a threshold ---------------------

def draw_spam_rule(ax, counts, y, threshold):
    """How many emails have each count of "free", spam and not spam side by side, and the rule
    "spam if count > threshold": a dashed line at the threshold, the emails it calls spam shaded, its accuracy.

    Shapes: counts (n,) whole numbers >= 0 (the count of "free" in each email), y (n,) or (n, 1) labels 0 and 1.
    """
    ax, (counts, y), threshold = _axes("ax", ax), _counts(counts, y), _checks.number("threshold", threshold)
    values = np.arange(int(counts.max()) + 1)                      # every count from 0 to the largest
    for label, name, offset, color in [(0, "not spam", -0.2, "C0"), (1, "spam", 0.2, "C3")]:
        emails = [np.sum((counts == c) & (y == label)) for c in values]   # how many emails of this label
        ax.bar(values + offset, emails, width=0.4, color=color, label=name)
    right = values[-1] + 0.7
    artists = {
        "called": ax.axvspan(threshold, right, color="0.85", zorder=0, label="called spam"),
        "line": ax.axvline(threshold, color="k", linestyle="--", label="threshold $t$"),
        "text": ax.text(0.98, 0.97, "", transform=ax.transAxes, ha="right", va="top", family="monospace"),
    }
    tallest = max(np.sum(counts == c) for c in values)
    ax.set(xlabel='count of "free" in the email', ylabel="number of emails", xticks=values,
           xlim=(-0.7, right), ylim=(0, 1.6 * tallest))           # room above the bars for the read-out
    ax.legend(loc="center right", fontsize="small")
    _update_spam_rule(artists, counts, y, threshold)
    return artists


def update_spam_rule(artists, counts, y, threshold):
    """Move the rule "spam if count > threshold" to a new threshold; returns its accuracy on (counts, y)."""
    artists = _drawn(artists, "draw_spam_rule", "called", "line", "text")
    return _update_spam_rule(artists, *_counts(counts, y), _checks.number("threshold", threshold))


def _update_spam_rule(artists, counts, y, threshold):
    says_spam = counts > threshold                                 # the rule, one True or False per email
    accuracy = float(np.mean(says_spam == (y == 1)))               # the fraction it labels right
    right = artists["called"].axes.get_xlim()[1]
    artists["called"].set_x(threshold)
    artists["called"].set_width(max(right - threshold, 0.0))      # shaded from the threshold to the right edge
    artists["line"].set_xdata([threshold, threshold])
    artists["text"].set_text(f'spam if "free" > {threshold:g}\n'
                             f"called spam: {np.sum(says_spam)} of {len(counts)}\naccuracy {accuracy:.1%}")
    return accuracy


def _counts(counts, y, largest=100):
    """The counts of a word, one per email: whole numbers from 0 to ``largest`` (one pair of bars per count),
    and their labels y (n,) or (n, 1) -> both (n,)."""
    counts = _checks.numbers("counts", counts)
    if counts.ndim != 1:
        raise ValueError(f'counts must hold one count of "free" per email, shape (n,); got counts of shape '
                         f"{counts.shape}. From the spam data X (n, 3), take its first column: X[:, 0]")
    if np.any(counts < 0) or np.any(counts != np.round(counts)):
        bad = counts[(counts < 0) | (counts != np.round(counts))][0]
        raise ValueError(f"counts must be whole numbers >= 0 (how often a word appears); got {bad:g}")
    if counts.max() > largest:
        raise ValueError(f"counts go up to {counts.max():g}: the picture draws one pair of bars per count, "
                         f"at most {largest}")
    return counts, _labels(y, len(counts))
