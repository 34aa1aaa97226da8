"""Explorers for the digits notebook: a training run epoch by epoch, and a pad to paint a digit on.

Both are :class:`nnlib.explorers.Explorer` s: one figure, built once, moved by a
slider through ``digit_plots.update_*``, repainted by blitting. The pad also
listens to the mouse: pressing and dragging paints cells of its grid, and each
newly painted cell moves the picture the same way a slider step does.
"""

import dataclasses

import ipywidgets as widgets
import numpy as np

from nnlib import _checks, digit_plots, layers, plotting
from nnlib.explorers import Drawing, Explorer

__all__ = ["explore_digit_training", "explore_digit_pad", "DigitPad"]

GRID_COLUMNS = 10   # digits a row in explore_digit_training's grid, across the figure under its two curves


def _networks(history, output):
    """The network after each epoch of a History from train_layers, checked once: [[(w1, b1), ...], ...]."""
    if not all(hasattr(history, field) for field in ("ws", "bs", "losses")) or len(history.ws) != len(history.bs):
        raise TypeError(f"history must be what nnlib.train_layers returns, got {_checks.describe(history)}")
    networks = [list(zip(ws, bs)) for ws, bs in zip(history.ws, history.bs)]
    _, first, o_shape = layers._network(np.zeros((1, digit_plots.SIDE ** 2)), networks[0])
    if o_shape[1] != 10:
        raise ValueError(f"the network must have 10 outputs, one per digit; its last layer has {o_shape[1]}")
    return [[(np.asarray(w, dtype=float), np.asarray(b, dtype=float)) for w, b in net] for net in networks], \
        layers._output(output)


def _digits(name, pair):
    """(X, labels): digits X (n, 64) and their labels (n,)."""
    if not isinstance(pair, (list, tuple)) or len(pair) != 2:
        raise TypeError(f"{name} must be a pair (X, labels), got {_checks.describe(pair)}")
    X = digit_plots._images(f"{name}[0]", pair[0]).reshape(-1, digit_plots.SIDE ** 2)
    return X, layers._labels(pair[1], 10, len(X))


def explore_digit_training(history, train, validation, shown, output="sigmoid"):
    """Slider for the epoch of a training run: the loss and the train / validation accuracy, with markers at that
    epoch, and a grid of the ``shown`` digits coloured by that epoch's answers (green right, red wrong).

    ``train``, ``validation`` and ``shown`` are pairs (X (n, 64), labels (n,)). ``validation=None`` leaves that
    curve out: for a run that trained on the validation digits too, they are no longer held out.
    """
    networks, output = _networks(history, output)
    pairs = {"train": train, "validation": validation, "shown": shown}
    data = {name: _digits(name, pair) for name, pair in pairs.items() if not (name == "validation" and pair is None)}
    answers = {name: [layers._forward_layers(X, net, output)[-1].argmax(axis=1) == labels for net in networks]
               for name, (X, labels) in data.items()}
    accuracies = {name: np.mean(answers[name], axis=1) for name in ("train", "validation") if name in answers}
    X_shown = data["shown"][0]
    losses = np.asarray(history.losses, dtype=float)
    fig, axes = plotting._new_mosaic([["loss", "accuracy"], ["grid", "grid"]], width=8.0, height=5.4)
    epoch, images = len(networks) - 1, X_shown.reshape(-1, 8, 8)
    artists = {"curves": digit_plots.draw_training_curves(axes["loss"], axes["accuracy"], losses, accuracies, epoch),
               "grid": digit_plots.draw_digit_grid(axes["grid"], X_shown, answers["shown"][epoch], ncols=GRID_COLUMNS)}

    def update(epoch):
        digit_plots._update_digit_grid(artists["grid"], images, answers["shown"][epoch], GRID_COLUMNS)
        return digit_plots._update_training_curves(artists["curves"], losses, accuracies, epoch)

    slider = widgets.IntSlider(value=epoch, min=0, max=epoch, description="epoch")
    return Explorer(fig, update, {"epoch": slider}, artists)


def explore_digit_pad(history, grid=None, output="sigmoid"):
    """Paint a digit with the mouse on an 8 x 8 grid and watch the network's ten outputs follow (see DigitPad)."""
    networks, output = _networks(history, output)
    grid = np.zeros((8, 8)) if grid is None else _checks.numbers("grid", grid)
    if grid.shape not in ((8, 8), (64,)) or grid.min() < 0 or grid.max() > 1:
        raise ValueError(f"grid must be one digit of 8 x 8 pixels, (8, 8) or (64,), with ink from 0 to 1; got "
                         f"{_checks.describe(grid)}")
    return DigitPad(networks, grid.reshape(8, 8).copy(), output)


class DigitPad(Explorer):
    """An 8 x 8 grid the learner paints with the mouse, beside the network's ten outputs for it.

    Press and drag on the grid to paint (each cell passed over becomes 1, full ink);
    the Clear button empties it. ``grid`` holds the ink, 0 to 1, as the network reads
    it: ``grid.reshape(1, 64)`` is its X. The slider picks the epoch whose network
    reads it, from the untrained start to the end of the run.
    """

    def __init__(self, networks, grid, output):
        self.grid, self._networks, self._output = grid, networks, output
        fig, (ax_pad, ax_bars) = plotting.new_figure(ncols=2, width=7.2, height=3.4)
        epoch = len(networks) - 1
        artists = digit_plots.draw_digit_pad(ax_pad, ax_bars, grid, self._outputs(epoch))
        slider = widgets.IntSlider(value=epoch, min=0, max=epoch, description="epoch")
        super().__init__(fig, self._show, {"epoch": slider}, artists)
        self._ax_pad, self._last = ax_pad, None      # _last: where the mouse was while the button is down
        self.clear_button = widgets.Button(description="Clear", tooltip="empty the grid and paint again")
        self.clear_button.on_click(self.clear)
        self.widget.children = (*self.widget.children, self.clear_button)
        for event in ("button_press_event", "motion_notify_event", "button_release_event"):
            fig.canvas.mpl_connect(event, self._on_mouse)
        self._show(epoch)

    def _outputs(self, epoch):
        """The network's ten outputs o (10,) for the grid, after ``epoch`` epochs."""
        return layers._forward_layers(self.grid.reshape(1, 64), self._networks[epoch], self._output)[-1][0]

    def _show(self, epoch):
        note = f"\nafter epoch {epoch}"
        return digit_plots._update_digit_pad(self.artists, self.grid, self._outputs(epoch), note=note)

    def drawing(self):
        """How the figure is drawn (:meth:`Explorer.drawing`), and what a page needs to paint and compute the pad by
        itself: a :class:`PadDrawing`."""
        drawing = super().drawing()
        return PadDrawing(**vars(drawing), networks=list(self._networks), output=self._output, grid_axes=self._ax_pad)

    def clear(self, _button=None):
        """Empty the grid (the Clear button)."""
        self.grid[:] = 0.0
        self._on_change(None)

    def paint(self, cells):
        """Paint the cells [(row, column), ...] with full ink, as the mouse does; returns how many were new."""
        new = [(row, col) for row, col in dict.fromkeys(cells) if self.grid[row, col] < 1.0]   # each cell once
        for row, col in new:
            self.grid[row, col] = 1.0
        if new:
            self._on_change(None)                  # the outputs and the picture follow, as after a slider step
        return len(new)

    def _on_mouse(self, event):
        """Press starts a stroke, moves extend it, release ends it at the release point.

        The browser sends moves at most every 33 ms (ipympl), so the last moves of a quick drag may never
        come: the stroke is drawn on to where the button went up. Off the grid nothing is painted, but the
        stroke goes on: back on the grid, it resumes from where it left.
        """
        if event.name == "button_press_event" and event.button != 1:
            self._last = None
            return
        stroking = event.name == "button_press_event" or self._last is not None
        if stroking and event.inaxes is self._ax_pad:
            here = (event.xdata, event.ydata)
            self.paint(_cells_between(self._last or here, here))
            self._last = here
        if event.name == "button_release_event":
            self._last = None

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = (f"Digit pad: paint a digit with the mouse in JupyterLab; slider epoch in "
                                f"[0, {len(self._networks) - 1}]")
        return bundle


@dataclasses.dataclass(frozen=True)
class PadDrawing(Drawing):
    """A :class:`~nnlib.explorers.Drawing`, and ``networks``: the layers [(w, b), ...] that read the grid after
    each epoch of the slider; ``output``: "sigmoid" or "softmax"; ``grid_axes``: the Axes the grid is drawn in."""

    networks: list
    output: str
    grid_axes: object


def _cells_between(start, end):
    """The grid cells (row, column) a stroke from ``start`` to ``end`` (x, y in cell units) passes over.
    A quick drag sends few mouse positions: the cells between two of them are painted too."""
    (x0, y0), (x1, y1) = start, end
    steps = int(np.ceil(4 * max(abs(x1 - x0), abs(y1 - y0)))) + 1     # a point every quarter of a cell
    xs, ys = np.linspace(x0, x1, steps), np.linspace(y0, y1, steps)
    cells = np.clip(np.round(np.stack([ys, xs], axis=1)).astype(int), 0, 7)
    return list(dict.fromkeys(map(tuple, cells.tolist())))            # in stroke order, each once
