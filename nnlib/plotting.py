"""Plot helpers: each draws on an Axes and returns the artists it made.

``draw_*`` builds a picture once; ``update_*`` moves the same artists to new
values (``set_data``, ``set_text``), which is what a slider calls. Nothing
here calls ``plt.show()`` or touches rcParams.
"""

import io

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Image

from nnlib.network import weighted_sum

__all__ = ["new_figure", "as_picture", "draw_single_weight", "update_single_weight"]


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
