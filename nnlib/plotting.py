"""Plot helpers: each draws on an Axes and returns the artists it made.

``draw_*`` builds a picture once; ``update_*`` moves the same artists to new
values (``set_data``, ``set_text``), which is what a slider calls. Nothing
here calls ``plt.show()`` or touches rcParams.
"""

import io

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Image

from nnlib.activations import sigmoid
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
]


def new_figure(ncols=1, width=6.4, height=3.6):
    """One figure with ``ncols`` Axes side by side, not shown until asked (ipympl-friendly)."""
    with plt.ioff():  # an explorer decides where its figure appears, not pyplot
        fig, axes = plt.subplots(1, ncols, figsize=(width, height), layout="constrained", squeeze=False)
    return fig, list(axes[0])


def as_picture(fig):
    """The figure as a PNG image (shown by GitHub and nbviewer too); closes the figure."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    plt.close(fig)
    return Image(data=buffer.getvalue(), format="png")


def draw_single_weight(ax, X, y, w, x_max=None):
    """Targets y against inputs X, and the outputs o = X w of one weight, as dots on a line."""
    x_max = float(np.max(X)) * 1.1 if x_max is None else x_max
    line_x = np.array([0.0, x_max])
    artists = {
        "line": ax.plot(line_x, line_x * w, color="C0", label="$o = X w$")[0],
        "outputs": ax.plot(X, X * w, "o", color="C0", label="outputs $o$")[0],
        "targets": ax.plot(X, y, "x", color="C3", markersize=9, mew=2, label="targets $y$")[0],
        "text": ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", family="monospace"),
    }
    ax.set(xlabel="input $X$", ylabel="output", xlim=(0, x_max))
    ax.legend(loc="lower right")
    update_single_weight(artists, X, w)
    return artists


def update_single_weight(artists, X, w):
    """Move the outputs o = X w (dots, line and read-out) to a new weight w."""
    o = weighted_sum(X, w)
    artists["outputs"].set_ydata(o)
    artists["line"].set_ydata(artists["line"].get_xdata() * w)
    artists["text"].set_text(f"w = {w:.2f}\no = {np.round(o, 2)}")
    return o


def draw_matmul_shapes(ax, X_shape, w_shape):
    """Boxes for X (n, k) @ w (k, m) = o (n, m), each drawn to scale, with the shape rule written under them."""
    (n, k), (k_w, m) = X_shape, w_shape
    if k != k_w:
        raise ValueError(f"X {X_shape} @ w {w_shape}: the inner sizes {k} and {k_w} must match")
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
    """Bars for the outputs o = X @ w of each example, next to crosses for their targets y."""
    examples = np.arange(len(X))
    artists = {
        "bars": ax.bar(examples, np.zeros(len(X)), width=0.6, color="C0", label="outputs $o = Xw$"),
        "targets": ax.plot(examples, y, "x", color="C3", markersize=10, mew=2, label="targets $y$")[0],
        "text": ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", family="monospace"),
    }
    ax.axhline(0, color="0.5", linewidth=0.8)
    ax.set(xlabel="example $i$", ylabel="output", xticks=examples)
    ax.legend(loc="lower right")
    update_two_weights(artists, X, w)
    return artists


def update_two_weights(artists, X, w):
    """Set the bars to o = X @ w for new weights w = [w1, w2]."""
    o = weighted_sum(X, w)
    for bar, height in zip(artists["bars"], o):
        bar.set_height(height)
    artists["text"].set_text(f"w = {np.round(w, 2)}\no = {np.round(o, 2)}")
    return o


def draw_sigmoid_curve(ax, w, b, x_range=(-6.0, 6.0)):
    """The curve o = sigmoid(x w + b) over x_range, with its midpoint (o = 0.5 at x = -b / w) marked."""
    x = np.linspace(*x_range, 301)
    ax.axhline(0, color="0.6", linewidth=0.8, linestyle="--")
    ax.axhline(1, color="0.6", linewidth=0.8, linestyle="--")
    artists = {
        "curve": ax.plot(x, np.zeros_like(x), color="C0", label=r"$o = \sigma(xw + b)$")[0],
        "midpoint": ax.plot([], [], "o", color="C1", label="$o = 0.5$ at $x = -b/w$")[0],
        "text": ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", family="monospace"),
    }
    ax.set(xlabel="input $x$", ylabel="output $o$", xlim=x_range, ylim=(-0.08, 1.35))  # room for the read-out
    ax.legend(loc="lower right")
    update_sigmoid_curve(artists, w, b)
    return artists


def update_sigmoid_curve(artists, w, b):
    """Reshape the curve to new w and b; returns the midpoint x = -b / w (None when w = 0: a flat line)."""
    x = artists["curve"].get_xdata()
    artists["curve"].set_ydata(sigmoid(x * w + b))
    middle = -b / w + 0.0 if w != 0 else None  # + 0.0 turns -0.0 into 0.0 for the read-out
    artists["midpoint"].set_data([middle] if middle is not None else [], [0.5] if middle is not None else [])
    where = f"x = {middle:.2f}" if middle is not None else "nowhere: w = 0 gives a flat line"
    artists["text"].set_text(f"w = {w:.2f}  b = {b:.2f}\no = 0.5 at {where}")
    return middle


def _loss_panel(ax, X, y, b, weights):
    """The loss-vs-weight curve L(w) with its lowest point marked; returns the curve's losses."""
    losses = loss_curve(X, y, weights, b)
    best = np.argmin(losses)
    ax.plot(weights, losses, color="C0", label="$L(w)$")
    ax.plot(weights[best], losses[best], "*", color="C2", markersize=14, label=f"lowest: $w = {weights[best]:.2f}$")
    ax.set(xlabel="weight $w$", ylabel="loss $L$", xlim=(weights[0], weights[-1]))
    return losses


def draw_loss_and_fit(ax_fit, ax_loss, X, y, w, b, weights):
    """Left: outputs o = sigmoid(X w + b) against targets y, errors as red lines. Right: L(w) with w marked."""
    x = np.linspace(X.min() - 0.5, X.max() + 0.5, 200)
    artists = {
        "curve": ax_fit.plot(x, np.zeros_like(x), color="C0", label=r"$o = \sigma(xw + b)$")[0],
        "errors": ax_fit.vlines(X.ravel(), 0, 0, color="C3", linewidth=1, label="error $o - y$"),
        "outputs": ax_fit.plot(X.ravel(), np.zeros(len(X)), "o", color="C0", markersize=4)[0],
        "targets": ax_fit.plot(X.ravel(), y.ravel(), "x", color="C3", label="targets $y$")[0],
    }
    ax_fit.set(xlabel="input $X$", ylabel="output", ylim=(-0.05, 1.05))
    ax_fit.legend(loc="best", fontsize="small")  # placed where the curve is not, at each redraw
    _loss_panel(ax_loss, X, y, b, weights)
    artists["marker"] = ax_loss.plot([], [], "o", color="C1", markersize=9, label="current $w$")[0]
    artists["text"] = ax_loss.text(0.5, 0.97, "", transform=ax_loss.transAxes, ha="center", va="top", family="monospace")
    ax_loss.legend(loc="center right", fontsize="small")
    update_loss_and_fit(artists, X, y, w, b)
    return artists


def update_loss_and_fit(artists, X, y, w, b):
    """Move the outputs, the error lines and the loss marker to weight w; returns L(w)."""
    o = forward(X, w, b)
    L = mean_sum_squared_loss(o, y)
    artists["curve"].set_ydata(sigmoid(artists["curve"].get_xdata() * w + b))
    artists["outputs"].set_ydata(o.ravel())
    artists["errors"].set_segments([[(x, oi), (x, yi)] for x, oi, yi in zip(X.ravel(), o.ravel(), y.ravel())])
    artists["marker"].set_data([w], [L])
    artists["text"].set_text(f"w = {w:.2f}   L = {L:.4f}")
    return L


def draw_tangent(ax, X, y, w, b, weights, half_width=1.0):
    """L(w) with the tangent line at w (slope dL/dw) and an arrow pointing downhill."""
    _loss_panel(ax, X, y, b, weights)
    artists = {
        "tangent": ax.plot([], [], color="C1", linewidth=2, label="tangent, slope $dL/dw$")[0],
        "point": ax.plot([], [], "o", color="C1", markersize=8)[0],
        "arrow": ax.annotate("", xy=(0, 0), xytext=(0, 0), annotation_clip=False,
                             arrowprops={"arrowstyle": "->", "color": "C3", "lw": 2}),
        "text": ax.text(0.5, 0.97, "", transform=ax.transAxes, ha="center", va="top", family="monospace"),
        "half_width": half_width,
    }
    ax.set_ylim(bottom=0)
    ax.legend(loc="center right", fontsize="small")
    update_tangent(artists, X, y, w, b)
    return artists


def update_tangent(artists, X, y, w, b):
    """Move the tangent to weight w; returns the slope dL/dw there."""
    L = mean_sum_squared_loss(forward(X, w, b), y)
    slope, _ = gradients(X, y, w, b)
    h = artists["half_width"]
    artists["tangent"].set_data([w - h, w + h], [L - slope * h, L + slope * h])
    artists["point"].set_data([w], [L])
    downhill = -np.sign(slope) * h * 0.8        # which way to move w: against the slope
    artists["arrow"].xy = (w + downhill, L)     # drawn level with the point, so it never leaves the axes
    artists["arrow"].set_position((w, L))
    way = "left" if slope > 0 else "right" if slope < 0 else "nowhere: flat"
    artists["text"].set_text(f"w = {w:.2f}  dL/dw = {slope:+.4f}\ndownhill: {way}")
    return slope


def draw_descent(ax, X, y, w0, b, eta, step, weights):
    """L(w) with the weights visited by gradient descent from w0, up to the given step."""
    _loss_panel(ax, X, y, b, weights)
    artists = {
        "path": ax.plot([], [], "-o", color="C1", markersize=4, linewidth=1, label="gradient descent")[0],
        "current": ax.plot([], [], "o", color="C3", markersize=9, label="current step")[0],
        "text": ax.text(0.5, 0.97, "", transform=ax.transAxes, ha="center", va="top", family="monospace"),
    }
    ax.set_ylim(bottom=0)
    ax.legend(loc="center right", fontsize="small")
    update_descent(artists, X, y, w0, b, eta, step)
    return artists


def update_descent(artists, X, y, w0, b, eta, step):
    """Show the first ``step`` steps of w <- w - eta dL/dw from w0; returns the weights visited."""
    path = descent_path(X, y, w0, b, eta, step)
    losses = loss_curve(X, y, path, b)
    artists["path"].set_data(path, losses)
    artists["current"].set_data(path[-1:], losses[-1:])
    artists["text"].set_text(f"step {step}: w = {path[-1]:.3f}  L = {losses[-1]:.4f}  (eta = {eta:.2f})")
    return path


def _boundary_y(x, w, b):
    """Points where w[0] x + w[1] x2 + b = 0, i.e. x2 = -(w[0] x + b) / w[1] (nan where w[1] = 0: a vertical line)."""
    w = np.ravel(w)
    if w[1] == 0:
        return np.full_like(x, np.nan)
    return -(w[0] * x + b) / w[1]


def draw_decision_boundary(ax, X, y, w, b, labels=("not spam", "spam"), feature_names=("$x_1$", "$x_2$")):
    """Two-feature examples coloured by class, and the line where the neuron says 0.5 (w . x + b = 0)."""
    for cls, marker, color in [(0, "o", "C0"), (1, "^", "C3")]:
        pick = np.ravel(y) == cls
        ax.scatter(X[pick, 0], X[pick, 1], marker=marker, color=color, alpha=0.5, label=labels[cls])
    x = np.linspace(X[:, 0].min() - 1, X[:, 0].max() + 1, 2)
    artists = {
        "boundary": ax.plot(x, np.zeros_like(x), color="k", linewidth=2, label=r"$o = 0.5$")[0],
        "text": ax.text(0.98, 0.97, "", transform=ax.transAxes, ha="right", va="top", family="monospace"),
    }
    ax.set(xlabel=feature_names[0], ylabel=feature_names[1],
           xlim=(x[0], x[1]), ylim=(X[:, 1].min() - 1, X[:, 1].max() + 1))
    ax.legend(loc="upper left", fontsize="small")
    update_decision_boundary(artists, X, y, w, b)
    return artists


def update_decision_boundary(artists, X, y, w, b):
    """Move the boundary line to new weights; returns the accuracy of o > 0.5 on (X, y)."""
    line = artists["boundary"]
    line.set_ydata(_boundary_y(line.get_xdata(), w, b))
    accuracy = float(np.mean((forward(X, np.reshape(w, (-1, 1)), b) > 0.5) == np.reshape(y, (-1, 1))))
    artists["text"].set_text(f"accuracy {accuracy:.0%}")
    return accuracy


def draw_loss_history(ax, losses, label="loss"):
    """The loss after each epoch, with a marker that can move along it."""
    epochs = np.arange(len(losses))
    artists = {
        "line": ax.plot(epochs, losses, color="C0", label=label)[0],
        "marker": ax.plot([0], [losses[0]], "o", color="C1", clip_on=False)[0],  # visible at the axes' edge
        "text": ax.text(0.98, 0.97, "", transform=ax.transAxes, ha="right", va="top", family="monospace"),
    }
    ax.set(xlabel="epoch", ylabel="loss $L$", xlim=(0, len(losses) - 1), ylim=(0, None))
    return artists


def update_loss_history(artists, losses, epoch=None, note=""):
    """Show a loss history (redrawn in place) and mark one epoch on it (default: the last)."""
    epoch = len(losses) - 1 if epoch is None else epoch
    artists["line"].set_data(np.arange(len(losses)), losses)
    artists["marker"].set_data([epoch], [losses[epoch]])
    artists["text"].set_text(f"epoch {epoch}: L = {losses[epoch]:.4f}{note}")
    return losses[epoch]


def draw_hidden_view(ax_in, ax_hidden, X, y, params):
    """Left: the inputs and each hidden unit's line (h_j = 0.5). Right: the same examples as the hidden layer sees them."""
    for ax in (ax_in, ax_hidden):
        ax.set_aspect("equal")
    colors = np.where(np.ravel(y) > 0.5, "C3", "C0")
    ax_in.scatter(X[:, 0], X[:, 1], c=colors, s=80, zorder=3)
    x = np.array([-0.5, 1.5])
    artists = {
        "unit_lines": [ax_in.plot(x, x * 0, color=f"C{2 * j + 2}", label=f"unit {j + 1}: $h_{j + 1} = 0.5$")[0]
                       for j in range(np.shape(params[0])[1])],
        "points": ax_hidden.scatter(np.zeros(len(X)), np.zeros(len(X)), c=colors, s=80, zorder=3),
        "output_line": ax_hidden.plot([-0.1, 1.1], [0, 0], color="k", label="output $o = 0.5$")[0],
    }
    ax_in.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), xlabel="$x_1$", ylabel="$x_2$", title="input space")
    ax_hidden.set(xlim=(-0.1, 1.1), ylim=(-0.1, 1.1), xlabel="$h_1$", ylabel="$h_2$", title="what the hidden layer sees")
    ax_in.legend(loc="upper right", fontsize="x-small")
    ax_hidden.legend(loc="upper right", fontsize="x-small")
    update_hidden_view(artists, X, params)
    return artists


def update_hidden_view(artists, X, params):
    """Move the hidden units' lines and the hidden-space points to new (w1, b1, w2, b2); returns h (n, 2)."""
    w1, b1, w2, b2 = (np.asarray(p, dtype=float) for p in params)
    for j, line in enumerate(artists["unit_lines"]):
        line.set_ydata(_boundary_y(line.get_xdata(), w1[:, j], b1[j]))
    h = forward(X, w1, b1)
    artists["points"].set_offsets(h[:, :2])
    line = artists["output_line"]
    line.set_ydata(_boundary_y(line.get_xdata(), w2[:2, 0], float(np.ravel(b2)[0])))
    return h
