"""Explorers: sliders above one figure that redraws in place as they move.

Each explorer is a pure ``draw_*`` / ``update_*`` pair from ``nnlib.plotting``
wrapped in an :class:`Explorer`. The figure is built once; a slider step only
moves existing artists and asks the canvas to redraw when idle. Tests drive
an explorer without a browser by setting ``explorer.sliders[name].value``.

Each explorer checks its inputs once, when it is built (and refuses a start
outside its slider's range); a slider step then calls the plain moving code
behind ``update_*`` (``plotting._update_*``) with values already checked.
"""

import asyncio
import base64
import dataclasses
import functools
import io

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from nnlib import _checks, network, plotting, training

__all__ = [
    "Explorer", "explore_single_weight", "explore_two_weights", "explore_sigmoid",
    "explore_loss", "explore_tangent", "explore_descent",
    "explore_training", "explore_learning_rates", "explore_hidden_layer",
    "explore_spam_rule",
]


class Explorer:
    """Sliders wired to ``update(**values)`` on one persistent figure.

    ``sliders`` maps each keyword of ``update`` to an ipywidgets slider.
    ``artists`` holds what ``update`` moves, and only that: matplotlib artists,
    in dicts, lists and tuples (anything else ``update`` needs, it takes as an
    argument). A slider step moves them, then the picture is blitted: the
    figure up to the moving artists, kept from the last full draw, with the
    moving artists and whatever a full draw paints over them (a legend, bars in
    front of a shaded span) drawn on it, in the full draw's order (``_split``).
    No axes, ticks or labels are drawn again, so a step costs a fraction of a
    full draw. The blit runs when the kernel's event loop is next free (one blit
    serves all the steps that arrived before it).

    The canvas draws in full only when the browser asks: when the widget appears
    (ipympl's refresh), and after a resize. pyplot is kept from asking on its own
    (the figure is left not stale): a picture sent before the widget is on the
    page can leave ipympl's canvas blank for good when the page is busy.
    """

    def __init__(self, fig, update, sliders, artists):
        _door(fig, update, sliders)
        moving = _artists_in(artists)
        self.fig, self.sliders, self.artists, self._update = fig, sliders, artists, update
        for slider in sliders.values():
            slider.observe(self._on_change, names="value")
        canvas = [fig.canvas] if isinstance(fig.canvas, widgets.DOMWidget) else []  # ipympl, or a test's Agg
        if canvas:
            fig.canvas.header_visible = fig.canvas.footer_visible = fig.canvas.toolbar_visible = False
            fig.canvas.resizable = False
        self.widget = widgets.VBox([*sliders.values(), *canvas])
        self._moving = sorted(moving, key=lambda artist: artist.get_zorder())
        self._layer = _split(fig, self._moving)[1]
        for artist in self._layer:
            artist.set_animated(True)   # a full draw leaves them out; _on_draw draws them on top, in order
        self._background, self._blit_pending = None, False
        fig.canvas.mpl_connect("draw_event", self._on_draw)
        fig.stale = False               # pyplot redraws stale figures after each cell: the browser will ask

    @property
    def values(self):
        """The sliders' current values, by name."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def drawing(self):
        """How the figure is drawn, split for blitting: a :class:`Drawing`, for drawing it elsewhere.

        Painted in order, ``under`` then ``over`` is the picture ``savefig`` makes; ``drawing().update(**values)``
        moves the picture to those slider values without touching the sliders or the canvas. The website's
        pictures of an explorer are drawn from it (docs/_ext/site_pictures.py).
        """
        under, over = _split(self.fig, self._moving)
        return Drawing(under=under, over=over, moving=list(self._moving), update=self._update)

    def _on_change(self, _change):
        self._update(**self.values)
        if not self._blit_pending:
            self._blit_pending = True
            _soon(self._blit)

    def _blit(self):
        """Paste the background, draw the moving artists on it, and show the result."""
        self._blit_pending = False
        if self._background is None:     # never drawn: its first draw, when the browser asks, shows this step
            return
        if self._background[1] != self.fig.bbox.bounds:
            self.fig.canvas.draw_idle()  # resized: a full draw makes a new background
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
        for artist in self._layer:
            self.fig.draw_artist(artist)
        # Drawing a legend or an axis marks it stale again (its parts are laid out as they are drawn). Left
        # stale, the figure would be drawn in full after every message the kernel handles (pyplot's redraw of
        # stale figures), and each picture sent brings another message: a loop. The canvas shows the figure.
        self.fig.stale = False

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
        self.fig.stale = False          # savefig leaves it stale: see the class docstring
        bundle["image/png"] = base64.b64encode(buffer.getvalue()).decode("ascii")
        ranges = ", ".join(f"{n} in [{_low(s):g}, {_high(s):g}]" for n, s in self.sliders.items())
        bundle["text/plain"] = f"Explorer with sliders {ranges} (move them in JupyterLab)"
        return bundle


@dataclasses.dataclass(frozen=True)
class Drawing:
    """What :meth:`Explorer.drawing` gives.

    ``under``: the artists a full draw paints before the first moving one, in its order (what a step keeps);
    ``over``: the moving artists and all a full draw paints after them, in its order (what a step draws again);
    ``moving``: the artists ``update`` moves; ``update``: the explorer's ``update(**slider values)``.
    """

    under: list
    over: list
    moving: list
    update: object


def _split(fig, moving):
    """What a full draw paints, in its order, split at each Axes' first moving artist: (under, layer).

    ``Figure.draw`` paints the figure's background, then its children in z-order; an Axes paints its
    background, then its children in z-order (``Axes.draw``). In each Axes, the artists from the lowest
    moving one on go into ``layer``; all else into ``under``.
    """
    moving = set(moving)
    under, layer = [fig.patch], []
    for child in sorted((c for c in fig.get_children() if c is not fig.patch), key=lambda c: c.get_zorder()):
        if child in moving:
            continue
        if not isinstance(child, Axes):
            under.append(child)
            continue
        order = sorted(_drawn_by(child), key=lambda artist: artist.get_zorder())   # stable, as in Axes.draw
        first = next((i for i, artist in enumerate(order) if artist in moving), len(order))
        under += ([child.patch] if child.axison and child.get_frame_on() else []) + order[:first]
        layer += order[first:]
    return under, layer + sorted((a for a in moving if a not in layer), key=lambda a: a.get_zorder())  # e.g. a figure text


def _drawn_by(ax):
    """What ``Axes.draw`` paints after the axes' background patch (its own list, animated artists included)."""
    children = [child for child in ax.get_children() if child is not ax.patch]
    if not (ax.axison and ax.get_frame_on()):
        children = [child for child in children if child not in ax.spines.values()]
    if not ax.axison:
        children = [child for child in children if child not in (ax.xaxis, ax.yaxis)]
    return children


def _soon(function):
    """Call ``function`` when the running event loop (the kernel's) is next free; with no loop, now."""
    try:
        asyncio.get_running_loop().call_soon(function)
    except RuntimeError:
        function()


def _door(fig, update, sliders):
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, e.g. from nnlib.new_figure(); got {_checks.describe(fig)}")
    if not callable(update):
        raise TypeError(f"update must be a function, called as update(**slider values); got {_checks.describe(update)}")
    if not isinstance(sliders, dict) or not sliders or not all(
            isinstance(name, str) and isinstance(slider, widgets.ValueWidget) for name, slider in sliders.items()):
        raise TypeError("sliders must be a dict of ipywidgets sliders by name, e.g. {'w': widgets.FloatSlider()}; "
                        f"got {_checks.describe(sliders)}")


def _artists_in(value, where="artists"):
    """Every matplotlib Artist in ``value``, looking inside dicts, lists and tuples; anything else is refused."""
    if isinstance(value, Artist):
        return [value]
    if isinstance(value, dict):
        return [artist for key, item in value.items() for artist in _artists_in(item, f"{where}[{key!r}]")]
    if isinstance(value, (list, tuple)):
        return [artist for i, item in enumerate(value) for artist in _artists_in(item, f"{where}[{i}]")]
    raise TypeError(f"{where} must be a matplotlib artist: artists holds only what update moves (pass anything "
                    f"else to update as an argument); got {_checks.describe(value)}")


def _low(slider):
    return slider.min if hasattr(slider, "min") else slider.options[0]   # a SelectionSlider has options


def _high(slider):
    return slider.max if hasattr(slider, "max") else slider.options[-1]


def _slider(label, value, low, high, step=0.05):
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=label,
        readout_format=".2f", continuous_update=True,
    )




def _start(name, value, range_name, bounds):
    """A slider's range (low, high) and its starting value inside it."""
    bounds = _checks.interval(range_name, bounds)
    return _checks.inside(name, value, range_name, bounds), bounds


def explore_single_weight(X, y, w=1.0, w_range=(-1.0, 4.0)):
    """Slider for one weight w; the outputs o = X w move against the targets y. X, y (n,) or (n, 1)."""
    (X, y), (w, w_range) = plotting._one_input(X, y), _start("w", w, "w_range", w_range)
    with np.errstate(over="ignore"):   # an overflow is refused just below, by name
        bottom, top = min(0.0, w_range[0] * X.max()), max(y.max(), w_range[1] * X.max()) * 1.05
    plotting._reach("w_range", w_range, "the outputs o = X w", bottom, top)
    fig, (ax,) = plotting.new_figure(height=3.4)
    artists = plotting.draw_single_weight(ax, X, y, w)
    ax.set_ylim(bottom, top)
    update = functools.partial(plotting._update_single_weight, artists, X)
    return Explorer(fig, update, {"w": _slider("w", w, *w_range)}, artists)


def _two_weights(X, y, w, w_range):
    """The door of explore_two_weights: X (n, 2), y (n,) or (n, 1) -> (n,), w = (w1, w2), each inside w_range."""
    X, w = plotting._bars(X, w)
    if w.shape != (2,):
        raise ValueError(f"explore_two_weights has a slider for each of 2 weights: X (n, 2) and w (w1, w2); "
                         f"got X of shape {X.shape} and w of shape {w.shape}")
    w_range = _checks.interval("w_range", w_range)
    w1, w2 = (_checks.inside(f"w[{i}]", value, "w_range", w_range) for i, value in enumerate(w))
    return X, plotting._per_example("y", _checks.numbers("y", y), len(X)), (w1, w2), w_range


def explore_two_weights(X, y, w=(0.5, 0.5), w_range=(-2.0, 3.0)):
    """Sliders for w1 and w2; the bars o = X @ w move against the targets y, one bar per example. X (n, 2), y (n,)."""
    X, y, (w1, w2), w_range = _two_weights(X, y, w, w_range)
    with np.errstate(over="ignore", invalid="ignore"):   # an overflow is refused just below, by name
        low, high = np.minimum(X * w_range[0], X * w_range[1]), np.maximum(X * w_range[0], X * w_range[1])
        bottom, top = min(low.sum(axis=1).min(), y.min(), 0.0), max(high.sum(axis=1).max(), y.max(), 0.0)
        limits = bottom - 0.05 * (top - bottom), top + 0.25 * (top - bottom)  # each bar's full reach, room for text
    plotting._reach("w_range", w_range, "the bars o = X @ w", *limits)
    fig, (ax,) = plotting.new_figure(height=3.4)
    ax.set_ylim(*limits)
    artists = plotting.draw_two_weights(ax, X, y, np.array([w1, w2]))

    def update(w1, w2):
        return plotting._update_two_weights(artists, X, np.array([w1, w2]))

    sliders = {"w1": _slider("w1", w1, *w_range), "w2": _slider("w2", w2, *w_range)}
    return Explorer(fig, update, sliders, artists)


def explore_sigmoid(w=1.0, b=0.0, w_range=(-3.0, 3.0), b_range=(-5.0, 5.0)):
    """Sliders for w and b reshape the curve o = sigmoid(x w + b): w sets its steepness, b shifts it."""
    (w, w_range), (b, b_range) = _start("w", w, "w_range", w_range), _start("b", b, "b_range", b_range)
    fig, (ax,) = plotting.new_figure(height=3.4)
    artists = plotting.draw_sigmoid_curve(ax, w, b)
    update = functools.partial(plotting._update_sigmoid_curve, artists)
    sliders = {"w": _slider("w", w, *w_range), "b": _slider("b", b, *b_range)}
    return Explorer(fig, update, sliders, artists)


def _loss_inputs(X, y, b, weights):
    """The door of the loss explorers: X, y (n,) or (n, 1) -> (n,), b a number, weights the w axis (default -2 to 6)."""
    weights = np.linspace(-2.0, 6.0, 401) if weights is None else weights
    return *plotting._one_input(X, y), _checks.number("b", b), plotting._weight_grid(weights)


def explore_loss(X, y, w, b=0.0, weights=None):
    """Slider for w; the outputs move against the targets (left) and a marker moves along L(w) (right)."""
    X, y, b, weights = _loss_inputs(X, y, b, weights)
    w = _checks.inside("w", w, "the range of weights", (weights[0], weights[-1]))
    fig, (ax_fit, ax_loss) = plotting.new_figure(ncols=2, width=8.0, height=3.4)
    artists = plotting.draw_loss_and_fit(ax_fit, ax_loss, X, y, w, b, weights)
    update = functools.partial(plotting._update_loss_and_fit, artists, X, y, b=b)
    return Explorer(fig, update, {"w": _slider("w", w, weights[0], weights[-1])}, artists)


def explore_tangent(X, y, w, b=0.0, weights=None, half_width=1.0):
    """Slider for w; the tangent to L(w) follows, its slope dL/dw pointing uphill, an arrow downhill."""
    X, y, b, weights = _loss_inputs(X, y, b, weights)
    w = _checks.inside("w", w, "the range of weights", (weights[0], weights[-1]))
    half_width = _checks.positive("half_width", half_width)
    fig, (ax,) = plotting.new_figure(height=3.6)
    artists = plotting.draw_tangent(ax, X, y, w, b, weights, half_width)
    update = functools.partial(plotting._update_tangent, artists, X, y, b=b, half_width=half_width)
    return Explorer(fig, update, {"w": _slider("w", w, weights[0], weights[-1])}, artists)


def explore_descent(X, y, w0, b=0.0, eta=1.0, steps=30, weights=None, eta_range=(0.1, 20.0)):
    """Sliders for the step number and the learning rate eta; gradient descent walks down L(w) from w0."""
    X, y, b, weights = _loss_inputs(X, y, b, weights)
    w0, steps = _checks.number("w0", w0), _checks.whole("steps", steps, minimum=1)
    eta, eta_range = _start("eta", eta, "eta_range", eta_range)
    _checks.positive("eta_range[0]", eta_range[0], " (the smallest learning rate)")
    fig, (ax,) = plotting.new_figure(height=3.6)
    artists = plotting.draw_descent(ax, X, y, w0, b, eta, 0, weights)

    paths = {}  # eta -> the weights visited in all `steps` steps and their losses: the step slider only slices them

    def update(step, eta):
        if eta not in paths:
            path = network.descent_path(X, y, w0, b, eta, steps)
            paths[eta] = path, network.loss_curve(X, y, path, b)
        path, losses = paths[eta]
        return plotting._show_descent(artists, path[:step + 1], losses[:step + 1], eta)

    sliders = {
        "step": widgets.IntSlider(value=0, min=0, max=steps, description="step", continuous_update=True),
        "eta": _slider("η", eta, *eta_range, step=0.1),
    }
    return Explorer(fig, update, sliders, artists)


def _one_layer_run(history):
    """A History of nnlib.train on 2 inputs and 1 output -> ws (epochs + 1, 2), bs (epochs + 1,), losses."""
    if not isinstance(history, training.History) or not isinstance(history.ws, np.ndarray):
        got = "the History of a two-layer run" if isinstance(history, training.History) else _checks.describe(history)
        raise TypeError(f"history must be what nnlib.train returned (one layer); got {got}")
    ws, bs = _checks.numbers("history.ws", history.ws), _checks.numbers("history.bs", history.bs)
    losses = plotting._losses(history.losses, "history.losses")
    if ws.shape[1:] not in ((2,), (2, 1)) or bs.shape[1:] not in ((), (1,)) or not len(ws) == len(bs) == len(losses):
        raise ValueError("history must be a run of one output over 2 inputs: ws (epochs + 1, 2, 1), "
                         f"bs (epochs + 1, 1), losses (epochs + 1,); got ws {ws.shape}, bs {bs.shape}, "
                         f"losses {losses.shape}")
    return ws.reshape(len(ws), 2), bs.reshape(len(bs)), losses


def explore_training(X, y, history, feature_names=("$x_1$", "$x_2$"), labels=("not spam", "spam")):
    """Slider for the epoch: the decision boundary (left) and the loss (right) of a recorded training run."""
    (X, y), (ws, bs, losses) = plotting._two_features(X, y), _one_layer_run(history)
    fig, (ax_data, ax_loss) = plotting.new_figure(ncols=2, width=8.0, height=3.6)
    boundary = plotting.draw_decision_boundary(ax_data, X, y, ws[0], bs[0], labels, feature_names)
    curve = plotting.draw_loss_history(ax_loss, losses)
    artists = {"boundary": boundary, "loss": curve}

    def update(epoch):
        plotting._update_loss_history(curve, losses, epoch, "")
        return plotting._update_decision_boundary(boundary, X, y, ws[epoch], bs[epoch])

    update(0)
    slider = widgets.IntSlider(value=0, min=0, max=len(losses) - 1, description="epoch")
    return Explorer(fig, update, {"epoch": slider}, artists)


def _learning_rates(etas, eta):
    """Positive learning rates in increasing order, as Python floats (the slider's options), and eta among them."""
    given, etas = etas, _checks.numbers("etas", etas)
    if etas.ndim != 1 or np.any(etas <= 0) or np.any(np.diff(etas) <= 0):
        raise ValueError(f"etas must be positive learning rates in increasing order, got {_checks.describe(given)}")
    etas, eta = tuple(etas.tolist()), _checks.number("eta", eta)
    if eta not in etas:
        raise ValueError(f"eta = {eta:g} is not one of etas {etas}: the slider moves over etas only. "
                         "Choose eta among them, or add it to etas.")
    return etas, eta


def explore_learning_rates(X, y, w, b=0.0, etas=(0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0), epochs=100, eta=1.0):
    """Slider over learning rates eta: the loss over epochs for each (all trained once, up front) and a verdict."""
    (etas, eta), epochs = _learning_rates(etas, eta), _checks.whole("epochs", epochs, minimum=1)
    runs = {value: training.train(X, y, w, b, value, epochs).losses for value in etas}   # train checks X, y, w, b
    notes = {value: f"\neta = {value:g}: {training.learning_rate_verdict(losses)}" for value, losses in runs.items()}
    fig, (ax,) = plotting.new_figure(height=3.4)
    artists = plotting.draw_loss_history(ax, runs[eta])
    ax.set_ylim(0, max(float(np.max(losses)) for losses in runs.values()) * 1.1)

    def update(eta):
        return plotting._update_loss_history(artists, runs[eta], epochs, notes[eta])

    update(eta)
    slider = widgets.SelectionSlider(options=list(etas), value=eta, description="η")
    return Explorer(fig, update, {"eta": slider}, artists)


def explore_hidden_layer(X, y, w1, b1, w2, b2, eta=2.0, epochs=3000, every=50):
    """Slider for the epoch of a two-layer run: the hidden units' lines (left), the hidden layer's view (right).

    Takes what ``train_two_layer`` takes and trains once; the run is kept as
    ``explorer.history``. The slider moves ``every`` epochs; at epoch t the
    picture shows ``history.ws[t]`` = (w1, w2) and ``history.bs[t]`` = (b1, b2).
    """
    X, w1, b1, w2, b2 = plotting._hidden_layer(X, w1, b1, w2, b2)
    y = plotting._labels(y, len(X)).reshape(-1, 1)
    epochs, every = _checks.whole("epochs", epochs, minimum=1), _checks.whole("every", every, minimum=1)
    if every > epochs:
        raise ValueError(f"every = {every} is more than epochs = {epochs}: the slider would show epoch 0 only")
    history = training.train_two_layer(X, y, w1, b1, w2, b2, eta, epochs)
    fig, (ax_in, ax_hidden) = plotting.new_figure(ncols=2, width=8.0, height=3.8)
    artists = plotting.draw_hidden_view(ax_in, ax_hidden, X, y, w1, b1, w2, b2)

    def update(epoch):
        (w1, w2), (b1, b2) = history.ws[epoch], history.bs[epoch]
        return plotting._update_hidden_view(artists, X, w1, b1, w2, b2)

    slider = widgets.IntSlider(value=0, min=0, max=epochs // every * every, step=every, description="epoch")
    explorer = Explorer(fig, update, {"epoch": slider}, artists)
    explorer.history = history
    return explorer


def explore_spam_rule(X, y, threshold=1.5):
    """Slider for the threshold t of the hand-written rule "spam if the count of "free" > t":
    the emails it calls spam are shaded, its accuracy is written in the corner.

    X is the spam data (n, d) with the count of "free" in its first column (as ``nnlib.spam_data``
    makes it), or those counts alone (n,); y (n,) or (n, 1) labels 0 and 1. The slider steps from
    one half-way point between counts to the next, from below 0 (every email called spam) to above
    the largest count (none).
    """
    X = _checks.numbers("X", X)
    if X.ndim not in (1, 2):
        raise ValueError(f'X must be the spam data (n, d), the count of "free" in its first column, or the counts '
                         f"alone (n,); got X of shape {X.shape}")
    counts, y = plotting._counts(X if X.ndim == 1 else X[:, 0], y)
    low, high = -0.5, float(counts.max()) + 0.5   # below the smallest possible count, above the largest
    threshold = _checks.number("threshold", threshold)
    if not low <= threshold <= high:
        raise ValueError(f"threshold = {threshold:g} is outside the slider's range ({low:g}, {high:g}): from below "
                         f'the smallest count of "free" (0) to above the largest ({high - 0.5:g})')
    fig, (ax,) = plotting.new_figure(height=3.6)
    artists = plotting.draw_spam_rule(ax, counts, y, threshold)
    update = functools.partial(plotting._update_spam_rule, artists, counts, y)
    return Explorer(fig, update, {"threshold": _slider("t", threshold, low, high, step=1.0)}, artists)
