"""Pictures of handwritten digits and of a network that reads them: ``draw_*`` builds one, ``update_*`` moves it.

An 8 x 8 digit is a row of 64 pixels, 0 (white) to 1 (black). Many digits are
drawn as one image, a mosaic of tiles with a white gap between them, so a grid
of 40 digits is one artist that a slider can repaint at once. Nothing here calls
``plt.show()`` or touches rcParams.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnlib import _checks

__all__ = [
    "draw_digits",
    "draw_training_curves", "update_training_curves",
    "draw_digit_grid", "update_digit_grid",
    "draw_confusion_matrix", "draw_hidden_units",
    "draw_digit_pad", "update_digit_pad",
]

SIDE = 8                                   # pixels per side of one digit
RIGHT, WRONG, INK = np.array([0.80, 0.94, 0.80]), np.array([1.0, 0.72, 0.72]), np.array([0.05, 0.05, 0.05])


def _images(name, images):
    """images as (m, 8, 8): m digits, from (m, 64) rows of pixels or (m, 8, 8)."""
    images = _checks.numbers(name, images)
    if images.ndim not in (2, 3) or images.shape[1:] not in ((SIDE * SIDE,), (SIDE, SIDE)):
        raise ValueError(f"{name} must be digits of 8 x 8 pixels: shape (m, 64) or (m, 8, 8); got {images.shape}")
    return images.reshape(-1, SIDE, SIDE)


def _mosaic(images, ncols, gap=1, caption_gap=0):
    """One array holding the tiles row by row, with nan (drawn white) between them. images (m, 8, 8)."""
    rows = -(-len(images) // ncols)                           # ceiling division: a last row may be part full
    pitch_x, pitch_y = SIDE + gap, SIDE + gap + caption_gap
    mosaic = np.full((rows * pitch_y - gap - caption_gap, ncols * pitch_x - gap), np.nan)
    for k, image in enumerate(images):
        top, left = (k // ncols) * pitch_y, (k % ncols) * pitch_x
        mosaic[top:top + SIDE, left:left + SIDE] = image
    return mosaic


def _bare(ax):
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def draw_digits(ax, images, captions=None, ncols=10):
    """Digits as black ink on white, ``ncols`` to a row, each with an optional caption under it. images (m, 64)."""
    images = _images("images", images)
    ncols = min(_checks.whole("ncols", ncols, minimum=1), len(images))
    if captions is not None and len(captions) != len(images):
        raise ValueError(f"captions must have one text per image ({len(images)}), got {len(captions)}")
    gap = 4 if captions is not None else 1                   # room under each tile for its caption
    cmap = plt.get_cmap("gray_r").with_extremes(bad="white")
    artists = {"image": ax.imshow(_mosaic(images, ncols, 1, gap - 1), cmap=cmap, vmin=0, vmax=1,
                                  interpolation="nearest")}
    if captions is not None:
        artists["captions"] = [ax.text((k % ncols) * (SIDE + 1) + 3.5, (k // ncols) * (SIDE + gap) + SIDE - 0.2,
                                       text, ha="center", va="top", fontsize="small") for k, text in enumerate(captions)]
    _bare(ax)
    return artists


def draw_training_curves(ax_loss, ax_accuracy, losses, accuracies, epoch=None):
    """The loss per epoch (left) and each accuracy per epoch (right), with markers at one epoch (default: the last).

    ``accuracies`` maps a name ("train", "validation") to one accuracy per epoch, like ``losses``.
    """
    losses, accuracies = _curves(losses, accuracies)
    epochs = np.arange(len(losses))
    ax_loss.plot(epochs, losses, color="C0")
    ax_loss.set(xlabel="epoch", ylabel="loss $L$ (log scale)", yscale="log", xlim=(0, epochs[-1]))
    for k, (name, values) in enumerate(accuracies.items()):
        ax_accuracy.plot(epochs, values, color=f"C{k + 1}", label=name)
    ax_accuracy.set(xlabel="epoch", ylabel="accuracy", xlim=(0, epochs[-1]), ylim=(0, 1.02))
    ax_accuracy.yaxis.set_major_formatter(plt.FuncFormatter(lambda value, _: f"{value:.0%}"))
    ax_accuracy.legend(loc="lower right")
    artists = {
        "loss_marker": ax_loss.plot([], [], "o", color="C0", clip_on=False)[0],
        "accuracy_markers": [ax_accuracy.plot([], [], "o", color=f"C{k + 1}", clip_on=False)[0]
                             for k in range(len(accuracies))],
        "text": ax_accuracy.text(0.97, 0.32, "", transform=ax_accuracy.transAxes, ha="right", va="bottom",
                                 family="monospace", fontsize="small"),
    }
    _update_training_curves(artists, losses, accuracies, len(losses) - 1 if epoch is None else epoch)
    return artists


def _curves(losses, accuracies):
    losses = _checks.numbers("losses", losses)
    if losses.ndim != 1 or not isinstance(accuracies, dict) or not accuracies:
        raise ValueError("losses must be 1-D (one per epoch) and accuracies a dict of them by name, e.g. "
                         f"{{'train': [...], 'validation': [...]}}; got losses of shape {losses.shape} and accuracies "
                         f"{_checks.describe(accuracies)}")
    checked = {name: _checks.numbers(f"accuracies[{name!r}]", values) for name, values in accuracies.items()}
    for name, values in checked.items():
        _checks.same_shape("losses", losses, f"accuracies[{name!r}]", values)
    return losses, checked


def update_training_curves(artists, losses, accuracies, epoch):
    """Move the markers to ``epoch``; returns the accuracies there, by name."""
    losses, accuracies = _curves(losses, accuracies)
    epoch = _checks.whole("epoch", epoch)
    if epoch >= len(losses):
        raise ValueError(f"epoch must be at most {len(losses) - 1} (the last one recorded), got {epoch}")
    return _update_training_curves(artists, losses, accuracies, epoch)


def _update_training_curves(artists, losses, accuracies, epoch):
    artists["loss_marker"].set_data([epoch], [losses[epoch]])
    for marker, values in zip(artists["accuracy_markers"], accuracies.values()):
        marker.set_data([epoch], [values[epoch]])
    now = {name: float(values[epoch]) for name, values in accuracies.items()}
    lines = [f"epoch {epoch}: L = {losses[epoch]:.4f}"] + [f"{name} {value:6.1%}" for name, value in now.items()]
    artists["text"].set_text("\n".join(lines))
    return now


def _tinted(images, right, ncols):
    """An RGB mosaic: each digit's ink on green where it was read right, on red where it was read wrong."""
    tint = np.where(np.asarray(right)[:, None], RIGHT, WRONG)         # one background colour per digit
    tiles = (1 - images[..., None]) * tint[:, None, None, :] + images[..., None] * INK
    channels = [_mosaic(tiles[..., c], ncols) for c in range(3)]
    return np.nan_to_num(np.stack(channels, axis=-1), nan=1.0)         # the gaps white


def draw_digit_grid(ax, images, right, ncols=10):
    """A grid of digits on green (read right) or red (read wrong), with a count. images (m, 64), right (m,) bools."""
    images, right, ncols = _grid_inputs(images, right, ncols)
    artists = {
        "image": ax.imshow(_tinted(images, right, ncols), interpolation="nearest"),
        "text": ax.set_title(""),
    }
    _bare(ax)
    _update_digit_grid(artists, images, right, ncols)
    return artists


def _grid_inputs(images, right, ncols):
    images = _images("images", images)
    right = np.asarray(right)
    if right.dtype != bool or right.shape != (len(images),):
        raise ValueError(f"right must be one True / False per image ({len(images)},); got {_checks.describe(right)}")
    return images, right, min(_checks.whole("ncols", ncols, minimum=1), len(images))


def update_digit_grid(artists, images, right, ncols=10):
    """Recolour the grid for new answers ``right`` (m,); returns how many are right."""
    return _update_digit_grid(artists, *_grid_inputs(images, right, ncols))


def _update_digit_grid(artists, images, right, ncols):
    artists["image"].set_data(_tinted(images, right, ncols))
    artists["text"].set_text(f"{int(right.sum())} of {len(right)} read right (green)")
    return int(right.sum())


def draw_confusion_matrix(ax, counts):
    """counts[i, j]: how many digits i were read as j. The diagonal holds the right answers."""
    counts = _checks.numbers("counts", counts)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
        raise ValueError(f"counts must be a square table (true digit, read as); got shape {counts.shape}")
    image = ax.imshow(counts, cmap="Blues", vmin=0)
    for (i, j), count in np.ndenumerate(counts):
        if count:
            color = "white" if count > counts.max() / 2 else "black"
            ax.text(j, i, f"{count:g}", ha="center", va="center", color=color, fontsize="small")
    ticks = np.arange(len(counts))
    ax.set(xticks=ticks, yticks=ticks, xlabel="read as", ylabel="true digit")
    return {"image": image}


def draw_hidden_units(ax, w, ncols=8):
    """What each hidden unit looks for: column j of w (64, d_hidden), its 64 incoming weights, as an 8 x 8 image.
    Red pixels raise the unit's z when they hold ink, blue pixels lower it."""
    w = _checks.numbers("w", w)
    if w.ndim != 2 or w.shape[0] != SIDE * SIDE:
        raise ValueError(f"w must be the first layer's weights (64, d_hidden), one column per hidden unit; got {w.shape}")
    reach = np.abs(w).max()                                             # one colour scale, centred on 0
    cmap = plt.get_cmap("RdBu_r").with_extremes(bad="white")
    image = ax.imshow(_mosaic(w.T.reshape(-1, SIDE, SIDE), min(ncols, w.shape[1])), cmap=cmap, vmin=-reach,
                      vmax=reach, interpolation="nearest")
    _bare(ax)
    return {"image": image}


def draw_digit_pad(ax_pad, ax_bars, grid, o):
    """The painted 8 x 8 grid (left) and the network's ten outputs for it as bars (right), its answer in red."""
    grid, o = _pad_inputs(grid, o)
    edges = np.arange(-0.5, SIDE)                              # cell (row, col) is centred on x = col, y = row
    ax_pad.set(xlim=(-0.5, SIDE - 0.5), ylim=(SIDE - 0.5, -0.5), aspect="equal", title="press and drag to paint")
    _bare(ax_pad)
    digits = np.arange(len(o))
    ax_bars.set(xticks=digits, xlabel="digit $j$", ylabel="output $o_j$", ylim=(0, 1.08))
    artists = {
        # one artist for the cells and their borders, so a repaint of the ink keeps the borders on top
        "image": ax_pad.pcolormesh(edges, edges, grid, cmap="gray_r", vmin=0, vmax=1, edgecolors="0.85", linewidth=0.8),
        "bars": list(ax_bars.bar(digits, np.zeros(len(o)), color="C0")),
        "text": ax_bars.set_title(""),
    }
    _update_digit_pad(artists, grid, o)
    return artists


def _pad_inputs(grid, o):
    grid, o = _checks.numbers("grid", grid), _checks.numbers("o", o)
    if grid.shape not in ((SIDE, SIDE), (SIDE * SIDE,)) or o.ndim != 1:
        raise ValueError(f"grid must be one digit, (8, 8) or (64,), and o its outputs (classes,); got grid of shape "
                         f"{grid.shape} and o of shape {o.shape}")
    return grid.reshape(SIDE, SIDE), o


def update_digit_pad(artists, grid, o, note=""):
    """Show a new grid and its outputs o; returns the digit read (the largest output)."""
    return _update_digit_pad(artists, *_pad_inputs(grid, o), note=note)


def _update_digit_pad(artists, grid, o, note=""):
    artists["image"].set_array(grid)
    answer = int(np.argmax(o))
    for j, (bar, height) in enumerate(zip(artists["bars"], o)):
        bar.set_height(height)
        bar.set_color("C3" if j == answer else "C0")
    artists["text"].set_text(f"reads {answer} ($o_{answer}$ = {o[answer]:.2f}){note}")
    return answer
