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
    x0 = 0.0
    for name, (rows, cols), color in [("X", (n, k), "C0"), ("w", (k, m), "C1"), ("o", (n, m), "C2")]:
        for r in range(rows):
            for c in range(cols):
                ax.add_patch(plt.Rectangle((x0 + c, -r - 1), 1, 1, facecolor=color, alpha=0.35, edgecolor="k"))
        ax.text(x0 + cols / 2, 0.4, f"${name}$  ({rows}, {cols})", ha="center", va="bottom")
        sign = {"X": "@", "w": "=", "o": ""}[name]
        ax.text(x0 + cols + 0.6, -rows / 2, sign, ha="center", va="center", fontsize=16)
        x0 += cols + 1.2
    ax.text(x0 / 2, -max(n, k) - 0.9, f"({n}, {k}) @ ({k}, {m}) -> ({n}, {m}): the inner sizes match and cancel",
            ha="center", va="top")
    ax.set(xlim=(-0.3, x0), ylim=(-max(n, k) - 2.0, 1.4), aspect="equal")
    ax.axis("off")


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
    ax.set(xlabel="input $x$", ylabel="output $o$", xlim=x_range, ylim=(-0.08, 1.08))
    ax.legend(loc="lower right")
    update_sigmoid_curve(artists, w, b)
    return artists


def update_sigmoid_curve(artists, w, b):
    """Reshape the curve to new w and b; returns the midpoint x = -b / w (None when w = 0: a flat line)."""
    x = artists["curve"].get_xdata()
    artists["curve"].set_ydata(sigmoid(x * w + b))
    middle = -b / w if w != 0 else None
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
    ax_fit.legend(loc="upper left", fontsize="small")
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
        "arrow": ax.annotate("", xy=(0, 0), xytext=(0, 0), arrowprops={"arrowstyle": "->", "color": "C3", "lw": 2}),
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
    downhill = -np.sign(slope) * h * 0.8        # step against the slope
    artists["arrow"].xy = (w + downhill, L - abs(slope) * abs(downhill))
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
