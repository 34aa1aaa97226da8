"""An explorer as pictures, for a page with no kernel: the website's sliders (site_explorers.py runs it).

An :class:`nnlib.Explorer` already splits its figure in two for blitting, and says how
(:meth:`nnlib.Explorer.drawing`): the *moving* artists, which its ``update`` changes and which a full
draw leaves out (they are animated), and the rest, the background. The pictures use the same split and
the explorer's own code:

- :func:`background`: the figure as a full draw paints it, with the moving artists left out;
- :func:`frame`: ``update(**values)``, then the figure's pixels that differ from the background, on a
  transparent canvas of the same size: the moving artists, and whatever a full draw puts over them
  (a legend, bars in front of a shaded span) where they cross it.

Laid over the background, a frame is the picture ``savefig`` makes at those slider values, pixel for
pixel, drawn by the same ``draw_*`` / ``update_*`` code as in the notebook. :func:`slider_steps`
lists the values a slider can take; :func:`frames` walks through every combination and puts the
explorer back where it was. Pictures come back as RGBA arrays (height, width, 4) of uint8: files and
formats are site_explorers.py's business. Only `make site` uses this module: ``import nnlib`` loads
none of it.

A paint pad (:class:`nnlib.DigitPad`) cannot be pictures: a reader may paint any of 2^64 grids. So
:func:`digit_pad` gives what a page needs to paint and compute by itself: pictures of what the figure
draws under and over its grid, bars and title, where and in which colours it draws those, the network
of every epoch its slider offers, and the grid it starts with (``docs/_static/digit-pad.js`` draws
them the same way).
"""

import contextlib
import itertools

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import to_hex
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.transforms import Bbox

import nnlib

__all__ = ["slider_steps", "background", "frame", "readout", "frames", "digit_pad"]

DPI = 96   # the resolution of the explorer's stored picture (nnlib.Explorer._repr_mimebundle_)


def slider_steps(slider, most=None):
    """The values a slider can take, in order, each with its read-out as the widget shows it: [(0.5, "0.50"), ...].

    With ``most``: about that many, every k-th value (k = 1, 2, 5, 10, 20, 50, ...) on round numbers, and
    always both ends and the slider's current value (the picture a reader sees first).
    """
    values, readouts, offset = _every_value(slider)
    current = _index_of(values, slider.value)
    if current is None:                       # a start between two steps: keep it, in its place
        current = int(np.searchsorted(values, slider.value))
        values.insert(current, slider.value)
        readouts.insert(current, _readout(slider, slider.value))
        offset = 0
    values[current] = slider.value           # the value itself, not a neighbour within rounding
    keep = range(len(values))
    if most is not None:
        stride = next(s for s in _strides() if (len(values) - 1) // s + 1 <= most)
        keep = sorted({*range(offset % stride, len(values), stride), 0, len(values) - 1, current})
    return [(values[i], readouts[i]) for i in keep]


def _every_value(slider):
    """A slider's values and read-outs, and the index of a round value in them (where thinning starts)."""
    if hasattr(slider, "options"):            # SelectionSlider, and any other widget choosing among options
        return list(slider._options_values), list(slider._options_labels), 0
    if not all(hasattr(slider, name) for name in ("min", "max", "step", "readout_format")):
        raise TypeError(f"cannot list the values of {_describe(slider)}: a slider with min, max and step, "
                        "or options, is needed")
    count = int(np.floor((slider.max - slider.min) / slider.step + 1e-9)) + 1
    positions = [round(slider.min + k * slider.step, 12) for k in range(count)]  # round: 0.1 * 3 is 0.30000000000000004
    values = [slider.base ** p for p in positions] if hasattr(slider, "base") else positions   # FloatLogSlider
    ratio = slider.min / slider.step          # where a multiple of the step is: the round values start there
    offset = -round(ratio) if abs(ratio - round(ratio)) < 1e-9 else 0
    return values, [_readout(slider, v) for v in values], offset


def _readout(slider, value):
    return format(value, slider.readout_format) if hasattr(slider, "readout_format") else str(value)


def _index_of(values, value):
    """Where ``value`` is in ``values`` (numbers within rounding), or None."""
    def same(v):
        return v == value or isinstance(v, float) and isinstance(value, (int, float)) and np.isclose(v, value)
    return next((i for i, v in enumerate(values) if same(v)), None)


def _strides():
    """1, 2, 5, 10, 20, 50, 100, ...: every k-th value, k a round number."""
    for power in itertools.count():
        yield from (1 * 10 ** power, 2 * 10 ** power, 5 * 10 ** power)


def background(explorer, dpi=DPI):
    """The figure without its moving artists: RGBA (height, width, 4).

    A full draw leaves out the explorer's whole layer (the moving artists and what is painted over
    them, all animated); the layer's other artists are then painted on it, in order."""
    fig, drawing = _explorer(explorer).fig, explorer.drawing()
    moving = set(drawing.moving)

    def draw(renderer):
        fig.draw(renderer)
        _paint(renderer, [artist for artist in drawing.over if artist not in moving])

    with fig.canvas.callbacks.blocked(signal="draw_event"):   # the explorer's handler would add the moving artists
        return _render(fig, dpi, draw)


def frame(explorer, values, dpi=DPI):
    """The frame at ``values`` (see :func:`frames`); the explorer shows what it showed before."""
    values = {**_explorer(explorer).values, **_named(explorer, values, "values")}
    return next(frames(explorer, {name: [value] for name, value in values.items()}, dpi))[1]


def readout(explorer):
    """What the explorer's moving texts say now, e.g. ["w = 1.20   L = 0.0340"]; empty texts left out."""
    moving = _explorer(explorer).drawing().moving
    return [a.get_text() for a in moving if isinstance(a, Text) and a.get_text().strip()]


def frames(explorer, steps, dpi=DPI):
    """Every combination of slider values, the first slider's slowest: (values, frame, read-out) for each.

    ``steps`` maps slider names to the values to visit, e.g. {"w": [-1.0, 0.0, 1.0]}. A frame is the
    figure after ``update(**values)``, RGBA (height, width, 4), with every pixel that equals the
    background made transparent. The figure is drawn as a full draw draws it, split in two
    (``explorer.drawing()``): what comes before the moving artists is drawn once; each frame pastes it and
    draws the moving artists and what comes after them, so a legend or a bar in front of a moving
    shape stays in front, as in ``savefig``. Afterwards the explorer shows the values it had before.

    Speed, not a different picture: a frame can differ from the background only where a moving
    artist is, so only there is anything compared, and of what comes after the moving artists only
    what reaches there is drawn (:func:`_reach`; text is most of a frame's drawing time).
    """
    steps = _named(_explorer(explorer), steps, "steps")
    if set(steps) != set(explorer.sliders):
        raise ValueError(f"steps must list values for each of the explorer's sliders {sorted(explorer.sliders)}; "
                         f"got {sorted(steps)}")
    fig, start = explorer.fig, explorer.values
    back = background(explorer, dpi)          # a full draw: it also settles the layout the split relies on
    drawing = explorer.drawing()
    under, layer, moving, update = drawing.under, drawing.over, drawing.moving, drawing.update
    with _at_dpi(fig, dpi):
        renderer = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), dpi)   # one for all: it caches text
        pixels = np.asarray(renderer.buffer_rgba())
        _paint(renderer, under)
        below = pixels.copy()
        before = {artist: _extent(artist, renderer) for artist in layer if artist not in moving}
        try:
            for combination in itertools.product(*steps.values()):
                values = dict(zip(steps, combination))
                update(**values)
                boxes, drawn = _reach(moving, layer, before, renderer)
                pixels[:] = below
                _paint(renderer, drawn)
                picture = pixels.copy()
                words, background_words = picture.view(np.uint32)[..., 0], back.view(np.uint32)[..., 0]  # RGBA at once
                words[(words == background_words) | ~_inside(boxes, words.shape)] = 0   # transparent: background shows
                yield values, picture, readout(explorer)
        finally:
            update(**start)


def _explorer(explorer):
    if not isinstance(explorer, nnlib.Explorer):
        raise TypeError(f"explorer must be an nnlib Explorer, e.g. nnlib.explore_sigmoid(); got {_describe(explorer)}")
    return explorer


def _named(explorer, values, what):
    """``values`` must be a dict keyed by the explorer's slider names."""
    if not isinstance(values, dict):
        raise TypeError(f"{what} must be a dict by slider name, e.g. {{'w': 1.0}}; got {_describe(values)}")
    unknown = sorted(set(values) - set(explorer.sliders))
    if unknown:
        raise ValueError(f"{what} names {unknown}, which are not among the explorer's sliders {sorted(explorer.sliders)}")
    return values


def _paint(renderer, artists):
    for artist in artists:
        artist.draw(renderer)


def _reach(moving, layer, before, renderer):
    """Where this frame may differ from the background (boxes in pixels; None: anywhere), and what to draw.

    That is where each moving artist is now, and both places of a legend that has moved along (placed
    "best", it follows the lines; the rest of the layer stays where it was: ``update`` moves only the
    moving artists). Drawn: the moving artists, and whatever else of the layer reaches those places,
    in the layer's order.
    """
    boxes = [_extent(artist, renderer) for artist in moving]
    now = {artist: _extent(artist, renderer) if isinstance(artist, Legend) else box for artist, box in before.items()}
    boxes += [box for artist in before if not _same(now[artist], before[artist]) for box in (now[artist], before[artist])]
    if any(box is None for box in boxes):
        return None, layer
    boxes = [box for box in boxes if box is not _NOWHERE]
    reaches = [artist for artist in layer if artist in before and (
        now[artist] is None or any(now[artist].overlaps(box) for box in boxes))]     # None: drawn, to be safe
    return boxes, [artist for artist in layer if artist in moving or artist in reaches]


_NOWHERE = Bbox.null()


def _extent(artist, renderer):
    """The box (pixels) an artist paints in, widened for line widths and antialiasing; None when unknown."""
    if not artist.get_visible():
        return _NOWHERE
    try:
        box = artist.get_tightbbox(renderer)  # an Axis: its ticks and labels too
    except Exception:                         # an artist that cannot say
        return None
    if box is None or not np.isfinite(box.extents).all():   # e.g. a line with no points yet
        return _NOWHERE if _empty(artist) else None
    if not box.width and not box.height and not box.x0 and not box.y0:   # what an Artist says when it does not know
        return None
    return box.padded(renderer.dpi / 8)       # an eighth of an inch: thick lines, markers' edges, arrow heads


def _same(box, other):
    return box is other or None not in (box, other) and np.array_equal(box.extents, other.extents)


def _empty(artist):
    return hasattr(artist, "get_xydata") and len(artist.get_xydata()) == 0


def _inside(boxes, shape):
    """A mask (height, width): True inside any of the boxes (display pixels, y up); everywhere for None."""
    if boxes is None:
        return np.ones(shape, dtype=bool)
    mask = np.zeros(shape, dtype=bool)
    height = shape[0]
    for box in boxes:
        x0, x1 = max(int(np.floor(box.x0)), 0), min(int(np.ceil(box.x1)), shape[1])
        top, bottom = max(height - int(np.ceil(box.y1)), 0), min(height - int(np.floor(box.y0)), height)
        mask[top:bottom, x0:x1] = True
    return mask


def _render(fig, dpi, draw):
    """What ``draw(renderer)`` paints on a transparent canvas the size of ``fig`` at ``dpi``: RGBA (height, width, 4)."""
    with _at_dpi(fig, dpi):
        renderer = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), dpi)
        draw(renderer)
        return np.asarray(renderer.buffer_rgba()).copy()


@contextlib.contextmanager
def _at_dpi(fig, dpi):
    """The figure drawn at ``dpi``, then put back, as ``savefig(dpi=...)`` does: pictures keep savefig's size."""
    old = fig.dpi
    fig.set_dpi(dpi)
    try:
        yield
    finally:
        fig.set_dpi(old)


# --- A paint pad: numbers for a page that paints and computes by itself ------------------------------

def digit_pad(pad, dpi=DPI):
    """What a page needs to be the pad (nnlib.DigitPad) with no kernel: a dict of plain numbers and arrays.

    "under" and "over": RGBA pictures (height, width, 4) of what a full draw paints below the grid, the
    bars and the title, and above them (the bars' axes, the grid's borders; transparent elsewhere): a
    page paints the grid, bars and title between the two. "epochs": the slider's values and read-outs
    (:func:`slider_steps`); "networks": the layers [(w, b), ...] that read the grid at each of those
    epochs; "start": the slider's position; "grid": the ink it starts with (8, 8); "output": "sigmoid"
    or "softmax"; "drawing": where and how the figure draws the grid, bars and title (:func:`_pad_drawing`).
    """
    if not isinstance(pad, nnlib.DigitPad):
        raise TypeError(f"pad must be a paint pad, from nnlib.explore_digit_pad(history); got {_describe(pad)}")
    (slider,) = pad.sliders.values()
    epochs = slider_steps(slider)
    background(pad, dpi)                      # a full draw: it settles the layout the split relies on
    drawing = pad.drawing()
    over = _render(pad.fig, dpi, lambda renderer: _paint(renderer, [a for a in drawing.over
                                                                     if a not in drawing.moving]))
    edges = _pad_edges(pad, dpi)
    return {"under": _render(pad.fig, dpi, lambda renderer: _paint(renderer, drawing.under)),
            "over": np.where(edges[..., 3:] > 0, edges, over), "epochs": epochs,
            "networks": [drawing.networks[epoch] for epoch, _ in epochs],
            "start": [epoch for epoch, _ in epochs].index(slider.value), "grid": pad.grid.copy(),
            "output": drawing.output, "drawing": _pad_drawing(pad, drawing.grid_axes, dpi)}


def _pad_edges(pad, dpi):
    """The grid's cell borders alone, as the figure draws them: the pixels that stay the same whether every
    cell is empty or full of ink (the rest transparent)."""
    mesh, pictures = pad.artists["image"], []
    try:
        for ink in (0.0, 1.0):
            mesh.set_array(np.full_like(pad.grid, ink))
            pictures.append(_render(pad.fig, dpi, mesh.draw))
    finally:
        mesh.set_array(pad.grid)
    empty, full = pictures
    return np.where((empty == full).all(axis=2, keepdims=True), empty, 0).astype(np.uint8)


def _pad_drawing(pad, grid_axes, dpi):
    """The grid's box and colours, each bar's span, and the title's place, as the figure draws them at ``dpi``."""
    mesh, bars, title = pad.artists["image"], pad.artists["bars"], pad.artists["text"]
    answer = int(np.argmax([bar.get_height() for bar in bars]))
    other = 1 if answer == 0 else 0           # a bar coloured as any bar but the answer
    with _at_dpi(pad.fig, dpi):
        renderer = RendererAgg(int(pad.fig.bbox.width), int(pad.fig.bbox.height), dpi)

        def down(ax, points):                 # data -> pixels from the top left, as a page counts them
            return [[round(x, 2), round(renderer.height - y, 2)] for x, y in ax.transData.transform(points)]

        (left, top), (right, bottom) = down(grid_axes, [(-0.5, -0.5), (7.5, 7.5)])   # cell (0, 0) is top left
        ax_bars = bars[0].axes
        spans = [[x for x, _ in down(ax_bars, [(b.get_x(), 0), (b.get_x() + b.get_width(), 0)])] for b in bars]
        (_, base), (_, one) = down(ax_bars, [(0, 0), (0, 1)])
        box = ax_bars.get_window_extent(renderer)
        anchor = title.get_transform().transform(title.get_position())
        lines = title._get_layout(renderer)[1]     # each line's offset from the anchor (the last line's baseline)
        return {
            "cells": [left, top, round(right - left, 2), round(bottom - top, 2)],
            "ink": {"colors": [to_hex(c) for c in mesh.cmap(np.arange(mesh.cmap.N))], "low": mesh.norm.vmin,
                    "high": mesh.norm.vmax},
            "bars": spans, "base": base, "one": one,
            "bars_box": [round(v, 2) for v in (box.x0, renderer.height - box.y1, box.width, box.height)],
            "colors": {"bar": to_hex(bars[other].get_facecolor()), "answer": to_hex(bars[answer].get_facecolor()),
                       "edge_width": round(bars[0].get_linewidth() * dpi / 72, 3)},
            "title": {"x": round(float(anchor[0]), 2), "font": title.get_fontname(), "color": to_hex(title.get_color()),
                      "size": round(title.get_fontsize() * dpi / 72, 3),
                      "baselines": [round(renderer.height - anchor[1] - y, 2) for _, _, (_, y) in lines]},
        }


def _describe(value):
    """A value as an error message names it: its type, and its text when short ("0.5 (a float)", "None")."""
    if value is None:
        return "None"
    text, name = repr(value), type(value).__name__
    a_name = ("an " if name[0].lower() in "aeiou" else "a ") + name
    return f"{text} ({a_name})" if len(text) <= 40 else a_name
