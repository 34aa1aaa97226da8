"""Backpropagation as a picture: the graph of the computation, values forward, local slopes on the edges,
gradients back (micrograd's idea, drawn with matplotlib).

A network computes its loss L from numbers in small steps: z = sum_k x_k w_k + b, o = sigma(z),
L = (1/n) sum (o - y)^2. Each number is a node of a graph; an edge p -> v says that v is computed from
p, and it carries the **local derivative** dv/dp. The forward pass gives each node its value from its
parents. The backward pass starts at dL/dL = 1 and gives each node its gradient by the chain rule:

    dL/dp = sum over the children v of p of  dL/dv * dv/dp

So the gradient of a weight is a sum over the paths from it to L of the product of the local derivatives
along each path. Data (the inputs X and the targets y) needs no gradient: the backward pass stops there.

``graph_one_weight``, ``graph_layer``, ``graph_two_layer`` and ``graph_layers`` build the graphs of notebooks
06, 07, 09 and 10 (a :class:`Graph`, with its forward and backward pass done). ``draw_backprop`` /
``update_backprop`` draw one at a step of the story: the given numbers, then each node forward, then
each node backward, then one path whose product is the gradient (``nnlib.numerical_gradient`` agrees).
``explore_backprop`` puts a slider on the steps.
"""

import functools
from typing import NamedTuple

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from nnlib import _checks, layers, network, plotting
from nnlib.activations import _sigmoid
from nnlib.explorers import Explorer
from nnlib.gradcheck import numerical_gradient

__all__ = ["Graph", "graph_one_weight", "graph_layer", "graph_two_layer", "graph_layers", "explore_backprop",
           "backprop_figure", "draw_backprop", "update_backprop"]

GIVEN = ("input", "target", "weight", "bias")   # kinds of node that are given, not computed
LEARNED = ("weight", "bias")


class Graph(NamedTuple):
    """The computation of a network's loss L, one node per number (micrograd's ``Value``).

    Nodes come in forward order, each after the nodes it is computed from. For node v: ``names[v]`` its
    symbol (TeX, e.g. ``"w_{21}"``); ``kinds[v]`` what it is: given ("input", "target": data; "weight",
    "bias": learned) or computed ("sum": z = sum_k x_k w_k + b, "sigmoid": o = sigma(z), "loss":
    L = (1/n) sum (o - y)^2, the last node); ``parents[v]`` the nodes it is computed from; ``values[v]``
    its value (the forward pass); ``local[v]`` dv/dp for each parent p, the local derivative on the edge
    p -> v; ``grads[v]`` dL/dv (the backward pass; nan for data, which needs none); ``arrays[v]`` the array
    of the network it belongs to and where, ("w", (2, 1)) for w[2, 1]. ``n`` is the number of examples;
    ``level`` is what the picture draws: "numbers" (a box per node) or "arrays" (a box per array).
    """

    names: tuple
    kinds: tuple
    parents: tuple
    values: np.ndarray
    local: tuple
    grads: np.ndarray
    arrays: tuple
    n: int
    level: str

    def value(self, array):
        """The values of one array of the network, e.g. ``graph.value("z")``, in its shape (L: a number)."""
        return self._gather(array, self.values)

    def gradient(self, array):
        """dL/d(array), e.g. ``graph.gradient("w")``, in the array's shape (nan for data)."""
        return self._gather(array, self.grads)

    def _gather(self, array, numbers):
        nodes = [v for v, (name, _) in enumerate(self.arrays) if name == array]
        if not nodes:
            known = ", ".join(dict.fromkeys(name for name, _ in self.arrays))
            raise ValueError(f"the graph has no array {array!r}; it has {known}")
        shape = tuple(np.max([self.arrays[v][1] for v in nodes], axis=0) + 1) if self.arrays[nodes[0]][1] else ()
        gathered = np.empty(shape)
        for v in nodes:
            gathered[self.arrays[v][1]] = numbers[v]
        return float(gathered) if shape == () else gathered


# --- The graphs of notebooks 06, 07, 09 and 10 -----------------------------------------------------

def graph_one_weight(X, y, w, b=0.0):
    """Notebook 06: X, w, b -> z = X w + b -> o = sigma(z) -> L = (1/n) sum_i (o_i - y_i)^2.

    X and y a number (one example) or (n,) or (n, 1) for n <= 4 examples (a row of boxes each);
    w and b numbers. With several examples, w feeds every z_i: its gradient sums over them.
    """
    w, b = _checks.number("w", w), _checks.number("b", b)
    X, _, _, o_shape = _checks.layer_inputs(X, w, b)
    y = _checks.targets(y, o_shape)
    if len(X) > 4:
        raise ValueError(f"X holds {len(X)} examples: the picture draws a row of boxes per example, at most 4; "
                         "take a few, e.g. X[:3] and y[:3]")
    return _graph(X, y, [(np.full((1, 1), w), np.full(1, b))], functools.partial(_one_weight_names, len(X)),
                  "numbers")


def graph_layer(x, y, w, b):
    """Notebook 07: one example through one layer, a node per number: x_k, w_kj, b_j -> z_j -> o_j -> L.

    Shapes: x (d_in,) or (1, d_in), w (d_in, d_out), b a number or (d_out,), y (d_out,) or (1, d_out).
    """
    X, w = _one_example("x", x), _matrix("w", w)
    X, w, b, o_shape = _checks.layer_inputs(X, w, b, ("x", "w", "b"))
    y = _checks.targets(_one_example("y", y), o_shape, o_name="o = sigmoid(x @ w + b)")
    _fits([X.shape[1], w.shape[1]], "x and w")
    return _graph(X, y, [(w, b)], functools.partial(_one_example_names, {"h_1": "o"}), "numbers")


def graph_two_layer(x, y, w1, b1, w2, b2):
    """Notebook 09: one example through two layers, a node per number: x_k -> z_{1,j} -> h_j -> z_2 -> o -> L.

    Shapes: x (d_in,) or (1, d_in), w1 (d_in, d_hidden), w2 (d_hidden, d_out), b1 and b2 numbers or vectors,
    y (d_out,) or (1, d_out).
    """
    X = _one_example("x", x)
    X, w1, b1, w2, b2, o_shape = network._two_layer_inputs(X, w1, b1, w2, b2)
    y = _checks.targets(_one_example("y", y), o_shape, o_name="o = forward_two_layer(x, w1, b1, w2, b2)")
    _fits([X.shape[1], w1.shape[1], w2.shape[1]], "x, w1 and w2")
    rename = functools.partial(_one_example_names, {"h_1": "h", "h_2": "o"})
    return _graph(X, y, [(w1, b1), (w2, b2)], rename, "numbers")


def graph_layers(X, y, layers_):
    """Notebook 10: a network of K <= 3 sigmoid layers, drawn one box per array (h_0 = X, w_l, b_l, z_l, h_l, o, L).

    Shapes: X (n, d_in), layers [(w_1, b_1), ...] as for ``nnlib.forward_layers``, y (n, d_out). The graph
    holds every number, so its gradients are the chain rule's, number by number; the picture shows arrays.
    """
    X, checked, o_shape = layers._network(X, layers_)
    y = layers._targets(y, o_shape, "sigmoid")
    if len(checked) > 3:
        raise ValueError(f"layers has {len(checked)} layers: the picture draws two columns per layer, and at most "
                         "3 layers fit its 8 inches")
    sizes = [X.shape[1], *(w.shape[1] for w, _ in checked)]
    edges = len(X) * sum(d_out * (2 * d_in + 2) for d_in, d_out in zip(sizes, sizes[1:])) + 2 * y.size
    if edges > 250_000:
        raise ValueError(f"X's {len(X)} examples through layers of sizes {sizes} make {edges:,} edges, one per "
                         "number used, and at most 250,000 are worked out here: take a few examples, e.g. X[:5]")
    return _graph(X, y, checked, _array_names, "arrays")


def _one_example(name, value):
    """One example: a vector (d,) or a row (1, d), as (1, d)."""
    value = _checks.numbers(name, value)
    if value.ndim not in (1, 2) or value.ndim == 2 and value.shape[0] != 1:
        raise ValueError(f"{name} must be one example, shape (d,) or (1, d); got {name} of shape {value.shape}")
    return value.reshape(1, -1)


def _matrix(name, value):
    if np.ndim(value) != 2:
        raise ValueError(f"{name} must be a matrix (d_in, d_out); got {name} = {_checks.describe(value)}")
    return value


def _fits(sizes, what):
    """A layer's column holds its inputs and, for each unit, its weights and bias: at most 12 boxes."""
    for d_in, d_out in zip(sizes, sizes[1:]):
        if d_in + d_out * (d_in + 1) > 12:
            raise ValueError(f"{what} make a layer of {d_in} inputs and {d_out} outputs: {d_in + d_out * (d_in + 1)} "
                             "boxes in one column, and at most 12 fit. Draw a smaller network, or graph_layers.")


# --- Names: the symbols of each notebook ------------------------------------------------------------
# Each takes the layer sizes [d_0, ..., d_K] and a node's place (array, index) in the network's own terms
# (h_0 the inputs, w_l, b_l, z_l, h_l, y, L; per-example arrays indexed (example, unit)) and gives the array's
# name in the notebook, the node's index in that array as the notebook shapes it, and the node's symbol (TeX).

def _one_weight_names(n, sizes, array, index):
    """Notebook 06: X, w, b, z, o, y, L; with several examples X_i, z_i, o_i, y_i (i from 1).
    w and b are numbers; X, z, o, y have one entry per example."""
    name = {"h_0": "X", "w_1": "w", "b_1": "b", "z_1": "z", "h_1": "o"}.get(array, array)
    index = () if name in "wbL" else index[:1]
    return name, index, name if n == 1 or not index else f"{name}_{{{index[0] + 1}}}"


def _one_example_names(outputs, sizes, array, index):
    """One example (no example index). One layer: x_k, w_{kj}, b_j, z_j, o_j, y_j, L. Two: x_k, w_{1,kj},
    b_{1,j}, z_{1,j}, h_j, then w_{2,k}, b_2, z_2, o, y with one output (its unit index left out). From 1."""
    K, (letter, _, layer) = len(sizes) - 1, array.partition("_")
    symbol = "x" if array == "h_0" else outputs.get(array, letter)        # h_1 is o (one layer) or h
    index = index[1:] if letter in "hzy" else index                      # one example: no example index
    shown = index[:-1] if K > 1 and sizes[-1] == 1 and (layer == str(K) or array == "y") else index
    sub = ([layer] if letter in "wbz" and K > 1 else []) + (["".join(str(i + 1) for i in shown)] if shown else [])
    name = symbol if symbol in "xhoyL" or K == 1 else array
    return name, index, f"{symbol}_{{{','.join(sub)}}}" if sub else symbol


def _array_names(sizes, array, index):
    """Notebook 10, one box per array: X (h_0), w_l, b_l, z_l, h_l (l < K), o (h_K), y, L."""
    name = {"h_0": "X", f"h_{len(sizes) - 1}": "o"}.get(array, array)
    return name, index, name


# --- The math: nodes, the forward pass, the local derivatives, the chain rule ----------------------

def _graph(X, y, layers_, rename, level):
    """The graph of L = (1/n) sum (o - y)^2 for X (n, d_in), y (n, d_out) through sigmoid layers [(w, b), ...]:
    its nodes, then the forward pass, each node's local derivatives, and the backward pass."""
    sizes = [X.shape[1], *(w.shape[1] for w, _ in layers_)]
    kinds, parents, places = _structure(len(X), sizes)
    given = {"h_0": X, "y": y, **{f"{p}_{l}": a for l, layer in enumerate(layers_, 1) for p, a in zip("wb", layer)}}
    values = _forward(kinds, parents, np.array([given[a][i] if a in given else np.nan for a, i in places]), len(X))
    local = tuple(_local(k, values[list(p)], values[v], len(X)) for v, (k, p) in enumerate(zip(kinds, parents)))
    names = [rename(sizes, array, index) for array, index in places]
    return Graph(tuple(tex for _, _, tex in names), kinds, parents, values, local, _backward(kinds, parents, local),
                 tuple((name, index) for name, index, _ in names), len(X), level)


def _structure(n, sizes):
    """The nodes of the loss of n examples through sigmoid layers of sizes [d_0, ..., d_K], in forward order:
    their kinds, parents and places (array, index) in h_0 = X, w_l, b_l, z_l, h_l, y, L."""
    kinds, parents, places = [], [], []

    def add(kind, array, index, of=()):
        kinds.append(kind), parents.append(tuple(of)), places.append((array, index))
        return len(kinds) - 1

    h = [[add("input", "h_0", (i, k)) for k in range(sizes[0])] for i in range(n)]
    for l, (d_in, d_out) in enumerate(zip(sizes, sizes[1:]), 1):
        h = _layer(add, l, h, d_in, d_out)
    y = [add("target", "y", (i, j)) for i in range(n) for j in range(sizes[-1])]
    add("loss", "L", (), [o for row in h for o in row] + y)
    return tuple(kinds), tuple(parents), tuple(places)


def _layer(add, l, h, d_in, d_out):
    """Layer l: unit j's weights w_l[:, j] and bias b_l[j], then z_l = h_{l-1} w_l + b_l and h_l = sigma(z_l)
    for each example i and unit j. A sum's parents: its inputs, then its weights, then its bias."""
    units = [([add("weight", f"w_{l}", (k, j)) for k in range(d_in)], add("bias", f"b_{l}", (j,)))
             for j in range(d_out)]
    z = [[add("sum", f"z_{l}", (i, j), [*row, *w, b]) for j, (w, b) in enumerate(units)] for i, row in enumerate(h)]
    return [[add("sigmoid", f"h_{l}", (i, j), [v]) for j, v in enumerate(row)] for i, row in enumerate(z)]


def _forward(kinds, parents, values, n, fixed=()):
    """The forward pass: each computed node from its parents' values, in order. values (m,): the given nodes
    (and the ``fixed`` ones) are kept; returns a new array with every node's value."""
    values = values.copy()
    for v, (kind, of) in enumerate(zip(kinds, parents)):
        if kind not in GIVEN and v not in fixed:
            values[v] = _value(kind, values[list(of)], n)
    return values


def _value(kind, p, n):
    """One step of the network, from the parents' values p."""
    if kind == "sum":                          # z = sum_k x_k w_k + b: p = (x_1, ..., x_d, w_1, ..., w_d, b)
        d = len(p) // 2
        return np.sum(p[:d] * p[d:2 * d]) + p[-1]
    if kind == "sigmoid":                      # o = sigma(z)
        return _sigmoid(p[0])
    m = len(p) // 2                            # L = (1/n) sum (o - y)^2: p = (o_1, ..., o_m, y_1, ..., y_m)
    return np.sum((p[:m] - p[m:]) ** 2) / n


def _local(kind, p, value, n):
    """dv/dp for each parent p of node v (value: v's own): each step's derivative, next to the step."""
    if kind in GIVEN:
        return ()
    if kind == "sum":                          # dz/dx_k = w_k, dz/dw_k = x_k, dz/db = 1
        d = len(p) // 2
        return (*p[d:2 * d], *p[:d], 1.0)
    if kind == "sigmoid":                      # do/dz = sigma'(z) = o (1 - o)
        return (value * (1 - value),)
    m = len(p) // 2                            # dL/do = 2 (o - y) / n, dL/dy = -2 (o - y) / n
    return (*(2 * (p[:m] - p[m:]) / n), *(-2 * (p[:m] - p[m:]) / n))


def _backward(kinds, parents, local):
    """The chain rule from L back, each node after its children: dL/dp = sum over the children v of p of
    dL/dv * dv/dp, starting from dL/dL = 1. Data, and what only data feeds, gets no gradient (nan)."""
    learned, children = _needs_gradient(kinds, parents), _children(parents, local)
    grads = np.full(len(kinds), np.nan)
    grads[-1] = 1.0
    for p in reversed(range(len(kinds) - 1)):  # forward order backwards: a node's children come after it
        if learned[p]:
            grads[p] = sum(grads[v] * dv_dp for v, dv_dp in children[p])
    return grads


def _needs_gradient(kinds, parents):
    """The weights and biases, and every node computed from one of them: the nodes on a path from one to L."""
    needs = []
    for kind, of in zip(kinds, parents):
        needs.append(kind in LEARNED or any(needs[p] for p in of))
    return needs


def _children(parents, local):
    """For each node, its children v with the local derivative dv/dp on the edge to them: [(v, dv/dp), ...]."""
    children = [[] for _ in parents]
    for v, (of, slopes) in enumerate(zip(parents, local)):
        for p, dv_dp in zip(of, slopes):
            children[p].append((v, float(dv_dp)))
    return children


def _loss_at(graph, v, value):
    """L with node v set to ``value`` and everything computed from it computed again (the rest kept)."""
    values = graph.values.copy()
    values[v] = value
    return float(_forward(graph.kinds, graph.parents, values, graph.n, fixed=(v,))[-1])


# --- The story in steps: what each step shows ---------------------------------------------------------
# The picture draws boxes: one per node ("numbers") or one per array ("arrays", its nodes contracted).
# Step 0 shows the given numbers; then one step per computed box, forward; then one step per box that
# gets a gradient, backward, from L; the last step follows a path from a weight to L.

class _Boxes(NamedTuple):
    """The boxes a picture draws: their symbols, kinds, parents (boxes), the graph's nodes in each,
    and whether each gets a gradient."""

    names: tuple
    kinds: tuple
    parents: tuple
    members: tuple
    learned: tuple


def _boxes(graph):
    """One box per node, or (level "arrays") one per array of the network, with the edges between them."""
    learned = [not np.isnan(g) for g in graph.grads]
    if graph.level == "numbers":
        return _Boxes(graph.names, graph.kinds, graph.parents, tuple((v,) for v in range(len(learned))),
                      tuple(learned))
    order = list(dict.fromkeys(name for name, _ in graph.arrays))
    box = [order.index(name) for name, _ in graph.arrays]
    members = tuple(tuple(v for v in range(len(box)) if box[v] == a) for a in range(len(order)))
    parents = tuple(tuple(dict.fromkeys(box[p] for v in nodes for p in graph.parents[v])) for nodes in members)
    return _Boxes(tuple(graph.names[nodes[0]] for nodes in members), tuple(graph.kinds[nodes[0]] for nodes in members),
                  parents, members, tuple(learned[nodes[0]] for nodes in members))


def _orders(boxes, columns):
    """The forward steps (computed boxes, left to right) and the backward steps (boxes with a gradient,
    nearest to L first; at equal distance, weights and biases before what feeds them)."""
    height = np.zeros(len(boxes.kinds), int)           # the longest path from each box to L
    for v in reversed(range(len(height))):
        for p in boxes.parents[v]:
            height[p] = max(height[p], height[v] + 1)
    forward = sorted((v for v, kind in enumerate(boxes.kinds) if kind not in GIVEN), key=lambda v: (columns[v], v))
    backward = sorted((v for v, learned in enumerate(boxes.learned) if learned),
                      key=lambda v: (height[v], boxes.kinds[v] not in LEARNED, v))
    return forward, backward


# --- Where the boxes go --------------------------------------------------------------------------------
# Left to right, a column per step of the network: a layer's inputs with its weights and biases, then its
# sums z, then its outputs (which are the next layer's inputs), ..., then L. In a column of inputs, each
# unit's weights and bias sit together, above and below the inputs; a sum sits level with the boxes only
# it reads; an output level with its sum, its target under it; L level with the outputs.

def _columns(boxes):
    """A computed box one column right of its furthest parent; a given box one left of its first child."""
    columns = np.zeros(len(boxes.kinds), int)
    for v, of in enumerate(boxes.parents):
        if of:
            columns[v] = 1 + max(columns[p] for p in of)
    children = _children(boxes.parents, [[0] * len(of) for of in boxes.parents])
    for v in reversed(range(len(columns))):
        if boxes.kinds[v] in GIVEN:
            columns[v] = columns[children[v][0][0]] - 1
    return columns


def _rows(boxes, columns, examples):
    """Each box's row (0 at the top, may be fractional), column by column from the left."""
    rows, children = np.full(len(columns), np.nan), _children(boxes.parents, [[0] * len(p) for p in boxes.parents])
    for column in range(columns.max() + 1):
        here = [v for v in range(len(rows)) if columns[v] == column]
        if any(boxes.kinds[v] in LEARNED for v in here):
            _stack(rows, boxes, here, examples)
        for v in (v for v in here if boxes.kinds[v] == "sum"):
            own = [p for p in boxes.parents[v] if len(children[p]) == 1] or boxes.parents[v]
            rows[v] = np.mean(rows[own])                 # level with what only it reads
        for v in (v for v in here if np.isnan(rows[v]) and boxes.kinds[v] == "sigmoid"):
            rows[v] = rows[boxes.parents[v][0]]          # an output, level with its sum
        _place_targets_and_loss(rows, boxes, here)
    return rows - np.nanmin(rows)


def _stack(rows, boxes, here, examples):
    """A column of inputs with the weights and biases of the units they feed, centred on row 0:
    one unit's weights above the inputs and its bias below; several units' groups above and below.
    Inputs of different examples get an empty row under each, for that example's target further right."""
    inputs = [v for v in here if boxes.kinds[v] not in LEARNED]
    sums = [s for s in range(len(rows)) if boxes.kinds[s] == "sum" and set(boxes.parents[s]) & set(here)]
    units = list(dict.fromkeys(tuple(p for p in boxes.parents[s] if boxes.kinds[p] in LEARNED) for s in sums))
    if len({examples[v] for v in inputs}) > 1:
        inputs = [slot for v in inputs for slot in (v, None)]
    half = len(units) // 2
    order = ([*units[0][:-1], *inputs, units[0][-1]] if len(units) == 1 else
             [v for unit in units[:half] for v in unit] + inputs + [v for unit in units[half:] for v in unit])
    for position, v in enumerate(order):
        if v is not None:
            rows[v] = position - (len(order) - 1) / 2


def _place_targets_and_loss(rows, boxes, here):
    """Each target one row under its output; L level with the outputs (the loss's parents: outputs, then targets)."""
    for v in (v for v in here if boxes.kinds[v] == "loss"):
        outputs, targets = np.split(np.array(boxes.parents[v]), 2)
        rows[targets] = rows[outputs] + 1
        rows[v] = np.mean(rows[outputs])


# --- The plan: every text and place of the picture, worked out once ------------------------------------

RED, BLUE, ORANGE = "#c0282d", "#1f5fa8", "#f28e1c"      # gradients, local derivatives, what a step is about
FILLS = {"input": "#e9e9e9", "target": "#e9e9e9", "weight": "#fdeeb8", "bias": "#fdeeb8"}   # data grey, learned yellow
WIDEST = 8.0                                              # inches: an 800-pixel output area at 100 dpi
MARGIN, TOP, BOTTOM = 0.12, 0.62, 0.34                    # inches: the caption above, the key below
LOOK = {   # box (width, height) and row pitch, extra room before L's column, font sizes, text lines (from the centre)
    "numbers": {"box": (0.96, 0.4), "row": 0.48, "last": 0.0, "font": 7.5, "label": 7, "value": 0.08, "grad": -0.085},
    "arrays": {"box": (0.62, 0.56), "row": 0.76, "last": 0.3, "font": 8, "label": 7.5, "value": 0.1, "grad": -0.16},
}


class _Plan(NamedTuple):
    """What the picture shows, per box and per step, and where: the explorer computes it once."""

    size: tuple          # the figure (width, height), inches
    box: tuple           # a box (width, height), inches
    where: np.ndarray    # (boxes, 2): each box's centre, inches from the bottom left
    kinds: tuple         # each box's kind (its colour)
    edges: tuple         # the arrows (p, v), p -> v
    labelled: tuple      # ((p, v), text): the edges that carry a local derivative, and what they say
    names: tuple         # each box's name (drawn once)
    values: tuple        # ... and its value: drawn once if given, shown from its forward step on if computed
    grads: tuple         # each box's gradient (red), shown from its backward step on
    forward_at: tuple    # the step at which each box's value appears (0: given)
    backward_at: tuple   # ... its gradient (past the last step: never)
    focus: tuple         # for each step, the box it is about (None: none)
    captions: tuple      # for each step, the line(s) that say what it does
    path: tuple          # the edges the last step follows
    key: tuple           # the colour key: (text, colour), ...
    look: dict           # LOOK[level]


def _plan(graph):
    """The picture of a graph: layout, the texts of every box and edge, and each step's caption."""
    boxes = _boxes(graph)
    columns, look = _columns(boxes), LOOK[graph.level]
    rows = _rows(boxes, columns, _examples(graph, boxes))
    size, where = _places(columns, rows, look)
    forward, backward = _orders(boxes, columns)
    texts = (_number_texts if graph.level == "numbers" else _array_texts)(graph, boxes, forward, backward)
    last = 1 + len(forward) + len(backward)
    forward_at = tuple(0 if k in GIVEN else 1 + forward.index(v) for v, k in enumerate(boxes.kinds))
    backward_at = tuple(1 + len(forward) + backward.index(v) if v in backward else last + 1
                        for v in range(len(boxes.kinds)))
    edges = tuple((p, v) for v, of in enumerate(boxes.parents) for p in of)
    return _Plan(size, look["box"], where, boxes.kinds, edges, texts["labelled"], texts["names"], texts["values"],
                 texts["grads"], forward_at, backward_at, (None, *forward, *backward, None), texts["captions"],
                 texts["path"], texts["key"], look)


def _examples(graph, boxes):
    """Which example each input box belongs to, so that examples get rows of their own (graph_one_weight's X_i)."""
    return [graph.arrays[nodes[0]][1][0] if graph.arrays[nodes[0]][0] == "X" and graph.level == "numbers" else None
            for nodes in boxes.members]


def _places(columns, rows, look):
    """The figure's size (8 inches wide) and each box's centre (inches from the bottom left), from its column
    and row. The last gap, before L, gets ``look["last"]`` more room (for the arrays' longer label there)."""
    (width, height), count = look["box"], columns.max()
    pitch = (WIDEST - 2 * MARGIN - width - look["last"]) / count
    size = (WIDEST, TOP + BOTTOM + height + rows.max() * look["row"])
    x = MARGIN + width / 2 + columns * pitch + look["last"] * (columns == count)
    return size, np.stack([x, size[1] - TOP - height / 2 - rows * look["row"]], axis=1)


def _number(value):
    """A number as the picture writes it: 3 significant digits (the same on any CPU), a true minus sign."""
    value = float(value) + 0.0                              # + 0.0: no "-0"
    text = f"{value:.3g}" if value == 0 or 1e-3 <= abs(value) < 1e4 else f"{value:.2e}"
    return text.replace("-", "\N{MINUS SIGN}")


def _factor(value):
    """A number in a product: in brackets when negative."""
    return f"({_number(value)})" if value < 0 else _number(value)


def _d(top, bottom):
    return rf"\partial {top}/\partial {bottom}"


# --- Texts of the "numbers" picture: a box per number --------------------------------------------------

def _number_texts(graph, boxes, forward, backward):
    """Every text of a picture with a box per node: values, gradients, local derivatives and captions."""
    names, children = graph.names, _children(graph.parents, graph.local)
    labelled = tuple(((p, v), _number(graph.local[v][i])) for v, of in enumerate(graph.parents)
                     for i, p in enumerate(of) if boxes.learned[p])
    path, final = _number_path(graph, children)
    given = ", ".join(f"${names[v]}$" for v in range(len(names)) if graph.kinds[v] in GIVEN)
    captions = (f"start: the given numbers, {given}. Grey: data; yellow: to learn.\n"
                "The forward pass computes each box from the boxes whose arrows point into it.",
                *(_forward_caption(graph, v) for v in forward),
                *(_backward_caption(graph, v, children[v]) for v in backward), final)
    return {"labelled": labelled, "names": tuple(f"${n}$" for n in names),
            "values": tuple(f" = {_number(x)}" for x in graph.values),
            "grads": tuple("" if np.isnan(g) else _number(g) for g in graph.grads), "captions": captions,
            "path": path, "key": (("black: the value (forward)", "k"),
                                  (r"blue: the local derivative on the edge $\partial$child$/\partial$parent", BLUE),
                                  (r"red: the gradient $\partial L/\partial$box (backward)", RED))}


def _forward_caption(graph, v):
    names, of, kind = graph.names, graph.parents[v], graph.kinds[v]
    if kind == "sum":
        d = len(of) // 2
        formula = " + ".join([*(f"{names[x]} {names[w]}" for x, w in zip(of[:d], of[d:2 * d])), names[of[-1]]])
    elif kind == "sigmoid":
        formula = rf"\sigma({names[of[0]]})"
    else:
        m = len(of) // 2
        terms = " + ".join(f"({names[o]} - {names[y]})^2" for o, y in zip(of[:m], of[m:]))
        formula = terms if graph.n == 1 else f"({terms})/{graph.n}"
    return f"forward: ${names[v]} = {formula}$ = {_number(graph.values[v])}"


def _local_formula(graph, p, v):
    """The local derivative dv/dp as a formula in the graph's symbols."""
    names, of, kind = graph.names, graph.parents[v], graph.kinds[v]
    i = of.index(p)
    if kind == "sum":
        d = len(of) // 2
        return names[of[i + d]] if i < d else names[of[i - d]] if i < 2 * d else "1"
    if kind == "sigmoid":
        return f"{names[v]}(1 - {names[v]})"
    y = names[of[i + len(of) // 2]]
    return f"2({names[p]} - {y})" + (f"/{graph.n}" if graph.n > 1 else "")


def _backward_caption(graph, v, children):
    """backward: dL/dv = sum over v's children c of dL/dc dc/dv, with the numbers; then what the new edges say."""
    names = graph.names
    if graph.kinds[v] == "loss":
        return f"backward: ${_d('L', 'L')} = 1$: the backward pass starts at the loss.\n" \
               "Each step then takes one box: its gradient from the gradients of the boxes it points to."
    if [graph.kinds[c] for c, _ in children] == ["loss"]:   # an output: L is its only child, and dL/dL = 1
        return f"backward: ${_d('L', names[v])} = {_local_formula(graph, v, children[0][0])}$ = " \
               f"{_number(graph.grads[v])}\nthe local derivative on the edge ${names[v]} \\to L$, " \
               f"times ${_d('L', 'L')} = 1$"
    rule = " + ".join(rf"{_d('L', names[c])} \cdot {_d(names[c], names[v])}" for c, _ in children) \
        if len(children) < 3 else rf"\sum_c {_d('L', 'c')} \cdot {_d('c', names[v])}"
    numbers = " + ".join(f"{_factor(graph.grads[c])} \N{MULTIPLICATION SIGN} {_factor(d)}" for c, d in children)
    edges = ", ".join(f"${_d(names[c], names[v])} = {_local_formula(graph, v, c)}$" for c, _ in children[:3])
    where = "on the edge" if len(children) == 1 else f"on the {len(children)} edges"
    return f"backward: ${_d('L', names[v])} = {rule}$ = {numbers} = {_number(graph.grads[v])}\n" \
           f"{where} from ${names[v]}$: {edges}{', ...' if len(children) > 3 else ''}"


def _number_path(graph, children):
    """The last step: the paths from the first layer's weight with the largest gradient to L, and the caption
    that multiplies the local derivatives along each and adds the paths; numerical_gradient beside it."""
    weights = [v for v, (name, _) in enumerate(graph.arrays) if name in ("w", "w_1")]
    w = max(weights, key=lambda v: (abs(graph.grads[v]), -v))
    paths = _paths(w, children)
    products = [np.prod([dc_dv for _, dc_dv in path]) for path in paths]
    nudged = numerical_gradient(functools.partial(_loss_at, graph, w), float(graph.values[w]))
    names = graph.names
    if len(paths) == 1:
        chain = r" \to ".join([names[w], *(names[c] for c, _ in paths[0])])
        said = f"the path ${chain}$: its local derivatives multiplied, " + " \N{MULTIPLICATION SIGN} ".join(
            _factor(d) for _, d in reversed(paths[0]))
    else:
        said = f"the {len(paths)} paths from ${names[w]}$ to $L$, the product along each, added: " + \
            " + ".join(_factor(p) for p in products)
    edges = tuple(dict.fromkeys(e for path in paths for e in zip([w, *(c for c, _ in path)], (c for c, _ in path))))
    return edges, f"{said} = {_number(sum(products))}\n= ${_d('L', names[w])}$ of the backward pass.  " \
                  f"nnlib.numerical_gradient, nudging ${names[w]}$: {_number(nudged)}"


def _paths(v, children):
    """Every path from v to L (the node without children): lists of (child, local derivative) edges."""
    if not children[v]:
        return [[]]
    return [[(c, dc_dv), *rest] for c, dc_dv in children[v] for rest in _paths(c, children)]


# --- Texts of the "arrays" picture: a box per array ----------------------------------------------------

def _array_texts(graph, boxes, forward, backward):
    """Every text of a picture with a box per array: shapes, gradients' names, what each edge multiplies by
    on the way back, and captions with the shapes."""
    names = boxes.names
    shapes = tuple(np.shape(graph.value(name)) for name in names)
    labelled = tuple(((p, v), _array_edge(boxes, p, v)) for v, of in enumerate(boxes.parents) for p in of
                     if boxes.learned[p])
    captions = ("start: the given arrays, with their shapes. Grey: data; yellow: to learn.\n"
                r"The forward pass computes layer after layer: $z_l = h_{l-1} w_l + b_l$, $h_l = \sigma(z_l)$, "
                r"with $h_0 = X$ and $h_K = o$.",
                *(_array_forward(graph, boxes, shapes, v) for v in forward),
                *(_array_backward(graph, boxes, shapes, v) for v in backward))
    path, final = _array_path(graph, boxes)
    return {"labelled": labelled, "names": tuple(f"${n}$" for n in names),
            "values": tuple(f" = {_number(graph.value('L'))}" if n == "L" else _shape(s)
                            for n, s in zip(names, shapes)),
            "grads": tuple(_array_gradient(n) if learned else "" for n, learned in zip(names, boxes.learned)),
            "captions": (*captions, final), "path": path,
            "key": (("black: the array, its shape (forward)", "k"), ("blue: what the gradient meets on the edge, "
                    "going back", BLUE), ("red: the gradient, shaped like its array (backward)", RED))}


def _shape(shape):
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def _layer_of(name):
    return name.partition("_")[2]


def _array_gradient(name):
    if name == "L":
        return "1"
    return rf"$\delta_{_layer_of(name)}$" if name.startswith("z_") else f"${_d('L', name)}$"


def _array_edge(boxes, p, v):
    """What the gradient of v is multiplied by, going back along p -> v, to reach p."""
    names, kind = boxes.names, boxes.kinds[v]
    if kind == "sigmoid":
        return r"$\odot\,\sigma'$"                         # elementwise, by sigma'(z) = h (1 - h)
    if kind == "loss":
        return "$2(o - y)/n$"
    h, w, b = boxes.parents[v]
    return {w: f"${names[h]}^\\top$", b: r"$\Sigma_i$", h: f"${names[w]}^\\top$"}[p]


def _array_forward(graph, boxes, shapes, v):
    names, of = boxes.names, boxes.parents[v]
    if boxes.kinds[v] == "sum":
        h, w, b = of
        return f"forward: ${names[v]} = {names[h]}\\,{names[w]} + {names[b]}$      {_shape(shapes[h])} @ " \
               f"{_shape(shapes[w])} + {_shape(shapes[b])} \N{RIGHTWARDS ARROW} {_shape(shapes[v])}"
    if boxes.kinds[v] == "sigmoid":
        return f"forward: ${names[v]} = \\sigma({names[of[0]]})$, number by number      {_shape(shapes[v])}"
    return r"forward: $L = \frac{1}{n} \sum_i \sum_j (o_{ij} - y_{ij})^2$" \
           f" = {_number(graph.value('L'))}, for n = {graph.n} example{'s' if graph.n > 1 else ''}"


def _array_backward(graph, boxes, shapes, v):
    """A backward step of the arrays picture: the delta recursion, with shapes."""
    kind = boxes.kinds[v]
    if kind == "loss":
        return _backward_caption(graph, len(graph.kinds) - 1, [])
    child = next(c for c, of in enumerate(boxes.parents) if v in of)     # each array feeds one array
    if kind == "sum":
        return _delta_caption(boxes.names[v], boxes.names[child], shapes[v])
    if boxes.kinds[child] == "loss":
        return f"backward: ${_d('L', 'o')} = 2(o - y)/n$      {_shape(shapes[v])}\n" \
               "one number per output and example: how the loss changes when that output moves."
    caption = {"weight": _weight_caption, "bias": _bias_caption}.get(kind, _step_down_caption)
    return caption(boxes, shapes, v, child, graph.n)


def _delta_caption(z, h, shape):
    l = _layer_of(z)
    return f"backward: $\\delta_{l} = {_d('L', z)} = {_d('L', h)} \\odot \\sigma'({z})$, with " \
           f"$\\sigma'({z}) = {h}(1 - {h})$      {_shape(shape)}\n$\\delta_{l}$, the error at layer {l}'s " \
           "weighted sum, gives the layer's gradients and flows on down."


def _weight_caption(boxes, shapes, v, child, n):
    h, names = boxes.parents[child][0], boxes.names
    return f"backward: ${_d('L', names[v])} = {names[h]}^\\top \\delta_{_layer_of(names[child])}$      " \
           f"{_shape(shapes[h][::-1])} @ {_shape(shapes[child])} \N{RIGHTWARDS ARROW} {_shape(shapes[v])}\n" \
           f"the product adds up the {n} examples' contributions: one number per weight."


def _bias_caption(boxes, shapes, v, child, n):
    names, l = boxes.names, _layer_of(boxes.names[child])
    end = "\n$X$ is data: it needs no gradient, and the backward pass ends here." if l == "1" else ""
    return f"backward: ${_d('L', names[v])} = \\sum_i (\\delta_{l})_i$: $\\delta_{l}$ summed over the {n} " \
           f"examples      {_shape(shapes[v])}{end}"


def _step_down_caption(boxes, shapes, v, child, n):
    names, w, below = boxes.names, boxes.parents[child][1], _layer_of(boxes.names[v])
    return f"backward: ${_d('L', names[v])} = \\delta_{_layer_of(names[child])}\\, {names[w]}^\\top$      " \
           f"{_shape(shapes[child])} @ {_shape(shapes[w][::-1])} \N{RIGHTWARDS ARROW} {_shape(shapes[v])}\n" \
           f"back through the weights, one layer down: next, $\\delta_{below} = {_d('L', names[v])} \\odot " \
           f"\\sigma'(z_{below})$."


def _array_path(graph, boxes):
    """The last step: the path w_1 -> z_1 -> h_1 -> ... -> L, and its largest entry next to numerical_gradient."""
    chain = [boxes.names.index("w_1")]
    while boxes.names[chain[-1]] != "L":
        chain.append(next(c for c, of in enumerate(boxes.parents) if chain[-1] in of))
    nodes = boxes.members[chain[0]]
    w = max(nodes, key=lambda v: (abs(graph.grads[v]), -v))
    nudged = numerical_gradient(functools.partial(_loss_at, graph, w), float(graph.values[w]))
    arrow = r" \to ".join(boxes.names[v] for v in chain)
    k, j = graph.arrays[w][1]
    return tuple(zip(chain, chain[1:])), \
        f"the path ${arrow}$: ${_d('L', 'w_1')} = X^\\top \\delta_1$, each $\\delta_l$ from the one above.\n" \
        f"Its largest entry, $w_1$[{k}, {j}] = {_number(graph.grads[w])}.  nnlib.numerical_gradient, nudging " \
        f"that weight: {_number(nudged)}"


# --- The picture --------------------------------------------------------------------------------------

def backprop_figure(graph):
    """A figure the size the picture of ``graph`` needs (at most 8 inches wide), and its one Axes, filling it."""
    plan = _plan(_a_graph(graph))
    fig, (ax,) = plotting.new_figure(width=plan.size[0], height=plan.size[1])
    fig.set_layout_engine("none")             # the picture places every box itself, in inches
    ax.set_position([0, 0, 1, 1])
    return fig, ax


def draw_backprop(ax, graph, step=None):
    """Draw ``graph`` on ``ax`` at ``step`` (default: the last); returns the artists update_backprop moves.

    Step 0 shows the given numbers; then each computed box gets its value (forward), then each box its
    gradient, from L back (backward); the last step follows a path. ``ax`` fills a figure from
    ``backprop_figure(graph)``: the picture is laid out in inches.
    """
    ax, plan = plotting._axes("ax", ax), _plan(_a_graph(graph))
    artists = _draw(ax, plan)
    _update(artists, plan, _step(step, plan))
    return artists


def update_backprop(artists, graph, step):
    """Show ``graph`` at another step; returns that step's caption."""
    artists = plotting._drawn(artists, "draw_backprop", "values", "grads", "locals", "path", "focus", "caption")
    plan = _plan(_a_graph(graph))
    if len(artists["grads"]) != len(plan.kinds):
        raise ValueError(f"the picture has {len(artists['grads'])} boxes but this graph {len(plan.kinds)}: "
                         "pass the graph it was drawn with")
    return _update(artists, plan, _step(step, plan))


def _draw(ax, plan):
    """The picture at no step in particular; returns what the steps change: the computed values, the gradients,
    the local derivatives, the focus, the path and the caption (each box's name and given value stay)."""
    values, look = _draw_still(ax, plan), plan.look
    return {
        "values": [values[v] for v, kind in enumerate(plan.kinds) if kind not in GIVEN],
        "grads": [ax.text(x, y + look["grad"], "", ha="center", va="center", fontsize=look["font"], color=RED)
                  for x, y in plan.where],
        "locals": [ax.text(*_label_place(plan, p, v), text, ha="center", va="center", fontsize=look["label"],
                           color=BLUE, bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none"})
                   for (p, v), text in plan.labelled],
        "path": [ax.add_patch(_arrow(plan, p, v, color=ORANGE, linewidth=2.4, zorder=2.5)) for p, v in plan.path],
        "focus": ax.add_patch(_box(plan.box, 0.0, 0.0, 0.05, fill=False, edgecolor=ORANGE, linewidth=2.2, zorder=2.6)),
        # zorder 2.9: the first moving text, so it leads the website's alt text of each step (docs/_ext/site_pictures.py, readout)
        "caption": ax.text(MARGIN, plan.size[1] - 0.1, "", va="top", fontsize=9, linespacing=1.6, zorder=2.9),
    }


def _draw_still(ax, plan):
    """What no step changes: the arrows, the boxes, their names and given values, the colour key.
    Returns each box's value text (empty for a computed box, filled at its step)."""
    ax.set(xlim=(0, plan.size[0]), ylim=(0, plan.size[1]))
    ax.axis("off")
    for p, v in plan.edges:
        ax.add_patch(_arrow(plan, p, v, color="0.6", linewidth=0.9, zorder=1))
    for (x, y), kind in zip(plan.where, plan.kinds):
        ax.add_patch(_box(plan.box, x, y, 0.0, facecolor=FILLS.get(kind, "white"), edgecolor="0.35", linewidth=0.8))
    _key(ax, plan.key)
    return [_name_and_value(ax, plan, v) for v in range(len(plan.kinds))]


def _name_and_value(ax, plan, v):
    """A box's name, and its value: beside the name ("z = 0.383", the pair centred in the box) or under it
    (an array's shape). A given value is written now; a computed one is returned empty, for its step."""
    (x, y), look = plan.where[v], plan.look
    beside = plan.look is LOOK["numbers"] or plan.kinds[v] == "loss"
    # zorder 2.2: over the box, under every moving artist, so a step's blit keeps it in the background
    style = {"fontsize": look["font"], "va": "baseline" if beside else "center", "zorder": 2.2}
    name = ax.text(x, y + look["value"] + (0 if beside else 0.07), plan.names[v], ha="right" if beside else "center",
                   **style)
    value = ax.text(x, y + look["value"] - (0 if beside else 0.09), plan.values[v], ha="left" if beside else "center",
                    **style)
    if beside:                                 # inches = pixels / dpi: the Axes spans the figure, 1 unit an inch
        renderer, dpi = ax.figure.canvas.get_renderer(), ax.figure.dpi
        widths = [text.get_window_extent(renderer).width / dpi for text in (name, value)]
        for text in (name, value):
            text.set_x(x - sum(widths) / 2 + widths[0])
    if plan.kinds[v] not in GIVEN:             # a computed value moves: empty until its step, with the moving texts
        value.set_text("")
        value.set_zorder(3)
    return value


def _update(artists, plan, step):
    """Show the plan at ``step``: values up to it, gradients and local derivatives from its backward steps,
    the box it is about, its caption; at the last step, the path."""
    computed = [v for v, kind in enumerate(plan.kinds) if kind not in GIVEN]
    for v, text in zip(computed, artists["values"]):
        text.set_text(plan.values[v] if step >= plan.forward_at[v] else "")
    for v, text in enumerate(artists["grads"]):
        text.set_text(plan.grads[v] if step >= plan.backward_at[v] else "")
    for ((p, _), _), text in zip(plan.labelled, artists["locals"]):
        text.set_visible(step >= plan.backward_at[p])
    for arrow in artists["path"]:
        arrow.set_visible(step == len(plan.captions) - 1)
    focus, v = artists["focus"], plan.focus[step]
    focus.set_visible(v is not None)
    if v is not None:
        focus.set_x(plan.where[v][0] - plan.box[0] / 2)
        focus.set_y(plan.where[v][1] - plan.box[1] / 2)
    artists["caption"].set_text(plan.captions[step])
    return plan.captions[step]


def _box(box, x, y, grow, **style):
    (width, height) = box
    return FancyBboxPatch((x - width / 2, y - height / 2), width, height, zorder=style.pop("zorder", 2),
                          boxstyle=f"round,pad={grow},rounding_size=0.05", **style)


def _ends(plan, p, v):
    """Where the arrow p -> v leaves p's box (its right side) and reaches v's (its left side): arrows run in
    the gaps between columns, never across a box. Their ends spread a little along the sides, by direction."""
    (px, py), (vx, vy) = plan.where[p], plan.where[v]
    width, height = plan.box
    spread = float(np.clip((vy - py) * 0.1, -0.3 * height, 0.3 * height))
    return np.array([px + width / 2 + 0.02, py + spread]), np.array([vx - width / 2 - 0.03, vy - spread])


def _arrow(plan, p, v, **style):
    start, end = _ends(plan, p, v)
    return FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=9, shrinkA=0, shrinkB=0, **style)


def _label_place(plan, p, v):
    """A local derivative's place on its arrow: where arrows converge on a box, 0.32 inch from the other end,
    where they are still apart (where they fan out, the same from the box they reach); else the middle. Just
    above an arrow that runs nearly level, so the label does not hide it."""
    start, end = _ends(plan, p, v)
    into, out_of = sum(v == c for _, c in plan.edges), sum(p == q for q, _ in plan.edges)
    reach = 0.32 / (end[0] - start[0])
    t = min(0.5, reach) if into > out_of else max(0.5, 1 - reach) if out_of > into else 0.5
    level = abs(end[1] - start[1]) < 0.3 * abs(end[0] - start[0])
    return start + t * (end - start) + (0, 0.1 if level else 0)


def _key(ax, key):
    """The colour key along the bottom, each part after the one before."""
    previous = None
    for text, color in key:
        where = {"xy": (MARGIN, 0.1), "xycoords": "data"} if previous is None else \
            {"xy": (1, 0), "xycoords": previous, "xytext": (14, 0), "textcoords": "offset points"}
        previous = ax.annotate(text, color=color, fontsize=7.5, va="bottom", zorder=1, **where)


def _a_graph(graph):
    if not isinstance(graph, Graph):
        raise TypeError(f"graph must be a Graph from nnlib.graph_one_weight, graph_layer, graph_two_layer or "
                        f"graph_layers; got {_checks.describe(graph)}")
    return graph


def _step(step, plan):
    last = len(plan.captions) - 1
    step = last if step is None else _checks.whole("step", step)
    if step > last:
        raise ValueError(f"step = {step} is past the last step of this graph's picture, {last}")
    return step


# --- The explorer --------------------------------------------------------------------------------------

def explore_backprop(graph, step=None):
    """A slider over the steps of backpropagation on ``graph`` (from graph_one_weight, graph_layer,
    graph_two_layer or graph_layers): the given numbers, the forward pass box by box, the backward pass box
    by box, then a path whose product is the gradient. It starts at ``step`` (default: the last, the whole story)."""
    plan = _plan(_a_graph(graph))
    step = _step(step, plan)
    fig, ax = backprop_figure(graph)
    artists = _draw(ax, plan)
    _update(artists, plan, step)
    slider = widgets.IntSlider(value=step, min=0, max=len(plan.captions) - 1, description="step")
    return Explorer(fig, functools.partial(_update, artists, plan), {"step": slider}, artists)
