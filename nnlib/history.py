"""What a training run visited: every training loop (one layer, two, any depth) gives back a History."""

from typing import NamedTuple

import numpy as np

__all__ = ["History"]


class History(NamedTuple):
    """What a training run visited: the weights and biases after each epoch, and the loss there.

    ``ws[0]`` is the start and ``ws[-1]`` the trained weights, in the form they
    were given. One layer (``train``): ``ws`` is an array (epochs + 1, *w.shape).
    Two layers (``train_two_layer``): ``ws[t]`` is the pair (w1, w2) and ``bs[t]``
    the pair (b1, b2) after t epochs. Any depth (``train_layers``): ``ws[t]`` is the
    list [w1, ..., wK] and ``bs[t]`` the list [b1, ..., bK].
    """

    ws: object           # np.ndarray (one layer), or a tuple or list of arrays per epoch (two layers, any depth)
    bs: object           # like ws, for the biases
    losses: np.ndarray   # (epochs + 1,): losses[t] is the loss at ws[t], bs[t]
