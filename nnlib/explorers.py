"""Explorers: sliders above one figure that redraws in place as they move.

Each explorer is a pure ``draw_*`` / ``update_*`` pair from ``nnlib.plotting``
wrapped in an :class:`Explorer`. The figure is built once; a slider step only
moves existing artists and asks the canvas to redraw when idle. Tests drive
an explorer without a browser by setting ``explorer.sliders[name].value``.
"""

import asyncio
import base64
import functools
import io

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist

from nnlib import plotting, training

__all__ = [
    "Explorer", "explore_single_weight", "explore_two_weights", "explore_sigmoid",
    "explore_loss", "explore_tangent", "explore_descent",
    "explore_training", "explore_learning_rates", "explore_hidden_layer",
]


class Explorer:
    """Sliders wired to ``update(**values)`` on one persistent figure.

    ``artists`` holds what ``update`` moves (dicts and lists of them are fine). A
    slider step moves them, then the picture is blitted: the figure without the
    moving artists, kept from the last full draw, with just those artists drawn on
    it. No axes, ticks or labels are drawn again, so a step costs a fraction of a
    full draw. The blit runs when the kernel's event loop is next free (one blit
    serves all the steps that arrived before it); until the canvas has been drawn
    once, a step asks it for a full draw instead.
    """

    def __init__(self, fig, update, sliders, artists):
        self.fig, self.sliders, self.artists, self._update = fig, sliders, artists, update
        for slider in sliders.values():
            slider.observe(self._on_change, names="value")
        canvas = [fig.canvas] if isinstance(fig.canvas, widgets.DOMWidget) else []  # ipympl, or a test's Agg
        if canvas:
            fig.canvas.header_visible = fig.canvas.footer_visible = fig.canvas.toolbar_visible = False
            fig.canvas.resizable = False
        self.widget = widgets.VBox([*sliders.values(), *canvas])
        self._moving = sorted(_artists_in(artists), key=lambda artist: artist.get_zorder())
        for artist in self._moving:
            artist.set_animated(True)   # a full draw leaves them out; _on_draw draws them on top
        self._background, self._blit_pending = None, False
        fig.canvas.mpl_connect("draw_event", self._on_draw)

    @property
    def values(self):
        """The sliders' current values, by name."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def _on_change(self, _change):
        self._update(**self.values)
        if not self._blit_pending:
            self._blit_pending = True
            _soon(self._blit)

    def _blit(self):
        """Paste the background, draw the moving artists on it, and show the result."""
        self._blit_pending = False
        if self._background is None or self._background[1] != self.fig.bbox.bounds:
            self.fig.canvas.draw_idle()  # not drawn yet, or resized: a full draw makes a new background
            return
        self.fig.canvas.restore_region(self._background[0])
        self._draw_moving()
        self.fig.canvas.blit(self.fig.bbox)

    def _on_draw(self, _event):
        """After a full draw on the canvas: keep it as the background, then add the moving artists."""
        if self.fig.canvas.is_saving():  # savefig draws every artist itself (and restores the layout engine)
            return
        self._freeze_layout()
        self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox), self.fig.bbox.bounds
        self._draw_moving()

    def _draw_moving(self):
        for artist in self._moving:
            self.fig.draw_artist(artist)

    def _freeze_layout(self):
        """Keep the axes where constrained layout put them at the first draw.

        A slider step moves lines and text, not axes, so later full draws skip the
        layout, about half of their time.
        """
        self.fig.set_layout_engine("none")

    def _repr_mimebundle_(self, **kwargs):
        """The live widget for JupyterLab, plus a PNG of the current state for static viewers."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        buffer = io.BytesIO()
        self.fig.savefig(buffer, format="png", dpi=96)
        self._freeze_layout()           # the layout savefig just computed
        bundle["image/png"] = base64.b64encode(buffer.getvalue()).decode("ascii")
        ranges = ", ".join(f"{n} in [{_low(s):g}, {_high(s):g}]" for n, s in self.sliders.items())
        bundle["text/plain"] = f"Explorer with sliders {ranges} (move them in JupyterLab)"
        return bundle


def _soon(function):
    """Call ``function`` when the running event loop (the kernel's) is next free; with no loop, now."""
    try:
        asyncio.get_running_loop().call_soon(function)
    except RuntimeError:
        function()


def _artists_in(value):
    """Every matplotlib Artist in ``value``, looking inside dicts, lists and tuples."""
    if isinstance(value, Artist):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return [artist for item in value for artist in _artists_in(item)]
    return []


def _low(slider):
    return slider.min if hasattr(slider, "min") else slider.options[0]   # a SelectionSlider has options


def _high(slider):
    return slider.max if hasattr(slider, "max") else slider.options[-1]


def _slider(label, value, low, high, step=0.05):
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=label,
        readout_format=".2f", continuous_update=True,
    )


def explore_single_weight(X, y, w=1.0, w_range=(-1.0, 4.0)):
    """Slider for one weight w; the outputs o = X w move against the targets y."""
    fig, (ax,) = plotting.new_figure(height=3.4)
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    ax.set_ylim(min(0.0, w_range[0] * X.max()), max(y.max(), w_range[1] * X.max()) * 1.05)
    artists = plotting.draw_single_weight(ax, X, y, w)
    update = functools.partial(plotting.update_single_weight, artists, X)
    return Explorer(fig, update, {"w": _slider("w", w, *w_range)}, artists)


def explore_two_weights(X, y, w=(0.5, 0.5), w_range=(-2.0, 3.0)):
    """Sliders for w1 and w2; the bars o = X @ w move against the targets y, one bar per example."""
    fig, (ax,) = plotting.new_figure(height=3.4)
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    low, high = np.minimum(X * w_range[0], X * w_range[1]), np.maximum(X * w_range[0], X * w_range[1])
    bottom, top = min(low.sum(axis=1).min(), y.min(), 0.0), max(high.sum(axis=1).max(), y.max(), 0.0)
    ax.set_ylim(bottom - 0.05 * (top - bottom), top + 0.25 * (top - bottom))  # each bar's full reach, room for text
    artists = plotting.draw_two_weights(ax, X, y, np.asarray(w, dtype=float))

    def update(w1, w2):
        return plotting.update_two_weights(artists, X, np.array([w1, w2]))

    sliders = {"w1": _slider("w1", w[0], *w_range), "w2": _slider("w2", w[1], *w_range)}
    return Explorer(fig, update, sliders, artists)


def explore_sigmoid(w=1.0, b=0.0, w_range=(-3.0, 3.0), b_range=(-5.0, 5.0)):
    """Sliders for w and b reshape the curve o = sigmoid(x w + b): w sets its steepness, b shifts it."""
    fig, (ax,) = plotting.new_figure(height=3.4)
    artists = plotting.draw_sigmoid_curve(ax, w, b)
    update = functools.partial(plotting.update_sigmoid_curve, artists)
    sliders = {"w": _slider("w", w, *w_range), "b": _slider("b", b, *b_range)}
    return Explorer(fig, update, sliders, artists)


def explore_loss(X, y, w, b=0.0, weights=None):
    """Slider for w; the outputs move against the targets (left) and a marker moves along L(w) (right)."""
    weights = np.linspace(-2.0, 6.0, 401) if weights is None else np.asarray(weights, dtype=float)
    fig, (ax_fit, ax_loss) = plotting.new_figure(ncols=2, width=9.6, height=3.6)
    artists = plotting.draw_loss_and_fit(ax_fit, ax_loss, X, y, w, b, weights)
    update = functools.partial(plotting.update_loss_and_fit, artists, X, y, b=b)
    return Explorer(fig, update, {"w": _slider("w", w, weights[0], weights[-1])}, artists)


def explore_tangent(X, y, w, b=0.0, weights=None):
    """Slider for w; the tangent to L(w) follows, its slope dL/dw pointing uphill, an arrow downhill."""
    weights = np.linspace(-2.0, 6.0, 401) if weights is None else np.asarray(weights, dtype=float)
    fig, (ax,) = plotting.new_figure(height=3.6)
    artists = plotting.draw_tangent(ax, X, y, w, b, weights)
    update = functools.partial(plotting.update_tangent, artists, X, y, b=b)
    return Explorer(fig, update, {"w": _slider("w", w, weights[0], weights[-1])}, artists)


def explore_descent(X, y, w0, b=0.0, eta=1.0, steps=30, weights=None, eta_range=(0.1, 20.0)):
    """Sliders for the step number and the learning rate eta; gradient descent walks down L(w) from w0."""
    weights = np.linspace(-2.0, 6.0, 401) if weights is None else np.asarray(weights, dtype=float)
    fig, (ax,) = plotting.new_figure(height=3.6)
    artists = plotting.draw_descent(ax, X, y, w0, b, eta, 0, weights)

    def update(step, eta):
        return plotting.update_descent(artists, X, y, w0, b, eta, step)

    sliders = {
        "step": widgets.IntSlider(value=0, min=0, max=steps, description="step", continuous_update=True),
        "eta": _slider("η", eta, *eta_range, step=0.1),
    }
    return Explorer(fig, update, sliders, artists)


def explore_training(X, y, history, feature_names=("$x_1$", "$x_2$"), labels=("not spam", "spam")):
    """Slider for the epoch: the decision boundary (left) and the loss (right) of a recorded training run."""
    fig, (ax_data, ax_loss) = plotting.new_figure(ncols=2, width=9.6, height=3.8)
    boundary = plotting.draw_decision_boundary(ax_data, X, y, history.ws[0], history.bs[0], labels, feature_names)
    curve = plotting.draw_loss_history(ax_loss, history.losses)
    artists = {"boundary": boundary, "loss": curve}

    def update(epoch):
        plotting.update_loss_history(curve, history.losses, epoch)
        return plotting.update_decision_boundary(boundary, X, y, history.ws[epoch], history.bs[epoch])

    update(0)
    slider = widgets.IntSlider(value=0, min=0, max=len(history.losses) - 1, description="epoch")
    return Explorer(fig, update, {"epoch": slider}, artists)


def explore_learning_rates(X, y, w, b=0.0, etas=(0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0), epochs=100, eta=1.0):
    """Slider over learning rates eta: the loss over epochs for each (all trained once, up front) and a verdict."""
    runs = {value: training.train(X, y, w, b, value, epochs).losses for value in etas}
    fig, (ax,) = plotting.new_figure(height=3.4)
    artists = plotting.draw_loss_history(ax, runs[eta])
    ax.set_ylim(0, max(float(np.max(losses)) for losses in runs.values()) * 1.1)

    def update(eta):
        verdict = training.learning_rate_verdict(runs[eta])
        return plotting.update_loss_history(artists, runs[eta], note=f"\neta = {eta:g}: {verdict}")

    update(eta)
    slider = widgets.SelectionSlider(options=list(etas), value=eta, description="η")
    return Explorer(fig, update, {"eta": slider}, artists)


def explore_hidden_layer(X, y, params, eta=2.0, epochs=3000, every=50):
    """Slider for the epoch of a two-layer run: the hidden units' lines in input space and the hidden layer's view."""
    snapshots = [tuple(params)]
    for _ in range(epochs // every):
        trained, _ = training.train_two_layer(X, y, snapshots[-1], eta, every)
        snapshots.append(trained)
    fig, (ax_in, ax_hidden) = plotting.new_figure(ncols=2, width=8.4, height=4.0)
    artists = plotting.draw_hidden_view(ax_in, ax_hidden, X, y, snapshots[0])
    artists["snapshots"] = snapshots

    def update(epoch):
        return plotting.update_hidden_view(artists, X, snapshots[epoch // every])

    slider = widgets.IntSlider(value=0, min=0, max=epochs // every * every, step=every, description="epoch")
    return Explorer(fig, update, {"epoch": slider}, artists)
