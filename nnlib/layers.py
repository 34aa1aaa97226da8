"""A network of any depth: a list of layers, the forward pass through all of them, and backpropagation.

A network is a list of layers ``[(w_1, b_1), ..., (w_K, b_K)]``: layer l reads
the outputs h_{l-1} of the layer below (h_0 = X) and computes
h_l = sigmoid(h_{l-1} @ w_l + b_l); its last output h_K is o. Each layer is the
one layer of ``nnlib.network``, so the code reuses its ``_forward`` and
``_backward``; backpropagation chains them with the delta recursion.

Two kinds of output layer, each with its loss (the ``output`` argument):

- ``"sigmoid"``: o = sigmoid(z_K) with the mean sum squared loss, the post's choice;
- ``"softmax"``: o = softmax(z_K) with the cross-entropy loss, what practitioners use
  for classification (notebook 10 measures why).

Classification also needs one-hot targets, mini-batches and the accuracy: they
are here too. The public functions are doors (``nnlib._checks``): they check
their inputs once; the private functions behind them are the formulas.
"""

import numpy as np

from nnlib import _checks
from nnlib.activations import _softmax
from nnlib.history import History
from nnlib.losses import _cross_entropy_loss, _mean_sum_squared_loss, _mean_sum_squared_loss_derivative
from nnlib.network import _backward, _forward, _weighted_sum

__all__ = [
    "random_layers", "forward_layers", "gradients_layers", "train_layers", "minibatches",
    "one_hot", "accuracy",
]

OUTPUTS = ("sigmoid", "softmax")


# --- The doors ----------------------------------------------------------------------------------

def _output(output):
    if output not in OUTPUTS:
        raise ValueError(f"output must be 'sigmoid' (with the squared loss) or 'softmax' (with cross-entropy), "
                         f"got {_checks.describe(output)}")
    return output


def _layer_list(layers):
    """layers as a list of (w, b) pairs, each w a matrix whose rows match the outputs of the layer below."""
    if isinstance(layers, np.ndarray) or not isinstance(layers, (list, tuple)) or not layers:
        raise TypeError("layers must be a list of (w, b) pairs, one per layer, e.g. from "
                        f"nnlib.random_layers(rng, [64, 32, 10]); got {_checks.describe(layers)}")
    for l, layer in enumerate(layers, 1):
        if not isinstance(layer, (list, tuple)) or len(layer) != 2:
            raise TypeError(f"layers[{l - 1}] must be a pair (w{l}, b{l}); got {_checks.describe(layer)}")
        if np.ndim(layer[0]) != 2:
            raise ValueError(f"w{l} must be a matrix (d_in, d_out); got w{l} = {_checks.describe(layer[0])}")
        if l > 1 and np.shape(layer[0])[0] != np.shape(layers[l - 2][0])[1]:
            raise ValueError(f"w{l - 1} {np.shape(layers[l - 2][0])} makes {np.shape(layers[l - 2][0])[1]} outputs "
                             f"but w{l} {np.shape(layer[0])} expects {np.shape(layer[0])[0]} (its number of rows)")
    return layers


def _network(X, layers, output="sigmoid"):
    """The door of every function here: X (n, d_in) and layers checked; returns them as float arrays and o's shape."""
    layers = _layer_list(layers)
    if output == "softmax" and np.shape(layers[-1][0])[1] < 2:
        raise ValueError(f"with output='softmax' the last layer needs 2 or more outputs, one per class (a softmax "
                         f"over one output is always 1); w{len(layers)} has shape {np.shape(layers[-1][0])}")
    X, w, b, _ = _checks.layer_inputs(X, *layers[0], ("X", "w1", "b1"))
    checked = [(w, b)]
    for l, (w, b) in enumerate(layers[1:], 2):          # sizes matched above: each b against its w; each h is <= 1
        _, w, b, _ = _checks.layer_inputs(np.ones((1, np.shape(w)[0])), w, b, (f"h{l - 1}", f"w{l}", f"b{l}"))
        checked.append((w, b))
    return X, checked, (len(X), checked[-1][0].shape[1])


def _targets(y, o_shape, output):
    """y (n, d_out) like o; with a softmax output each row must be a probability distribution (one-hot, say)."""
    y = _checks.reachable(_checks.targets(y, o_shape, o_name="o = forward_layers(X, layers)"))
    if output == "softmax":
        _checks.probabilities("y", y, "with output='softmax' the gradient (o - y) / n relies on it: use "
                                      "nnlib.one_hot(labels)")
    return y


def _labels(labels, classes, n=None):
    """labels (n,): whole numbers 0, 1, ..., classes - 1, one per example."""
    labels = _checks.numbers("labels", labels)
    if labels.ndim != 1 or (n is not None and len(labels) != n):
        raise ValueError(f"labels must be a 1-D array of {'' if n is None else f'{n} '}class numbers, one per "
                         f"example; got shape {labels.shape}")
    bad = labels[(labels != np.round(labels)) | (labels < 0) | (labels >= classes)]
    if bad.size:
        raise ValueError(f"labels must be whole numbers from 0 to {classes - 1} (one per class); got {bad[0]:g}")
    return labels.astype(int)


# --- A network of any depth ---------------------------------------------------------------------

@_checks.door
def random_layers(rng, sizes):
    """Layers [(w_1, b_1), ...] for sizes [d_in, d_1, ..., d_out]: w_l (d_{l-1}, d_l) ~ N(0, 1 / d_{l-1}), b_l = 0."""
    rng = _checks.generator(rng)
    if isinstance(sizes, str) or np.ndim(sizes) != 1 or len(sizes) < 2:
        raise TypeError(f"sizes must be a list of at least 2 layer sizes, e.g. [64, 32, 10]; got {_checks.describe(sizes)}")
    sizes = [_checks.whole(f"sizes[{i}]", size, minimum=1) for i, size in enumerate(sizes)]
    return _random_layers(rng, sizes)


def _random_layers(rng, sizes):
    # Dividing by sqrt(d_in) keeps z = h @ w of order 1 however many inputs a unit has:
    # the sigmoid starts in its steep middle, where learning is fast, not on a flat end.
    return [(rng.normal(size=(d_in, d_out)) / np.sqrt(d_in), np.zeros(d_out))
            for d_in, d_out in zip(sizes[:-1], sizes[1:])]


@_checks.door
def forward_layers(X, layers, output="sigmoid"):
    """o = h_K, with h_0 = X and h_l = sigmoid(h_{l-1} @ w_l + b_l) (softmax at the last layer if asked). X (n, d_in) -> o (n, d_out)."""
    X, layers, _ = _network(X, layers, _output(output))
    return _forward_layers(X, layers, output)[-1]


def _forward_layers(X, layers, output):
    """Every layer's output, [X, h_1, ..., h_K = o]: each layer reads the one below."""
    hs = [X]
    for w, b in layers[:-1]:
        hs.append(_forward(hs[-1], w, b))                  # h_l = sigmoid(h_{l-1} w_l + b_l)
    w, b = layers[-1]
    o = _forward(hs[-1], w, b) if output == "sigmoid" else _softmax(_weighted_sum(hs[-1], w, b))
    return hs + [o]


@_checks.door
def gradients_layers(X, y, layers, output="sigmoid"):
    """[(dL/dw_1, dL/db_1), ..., (dL/dw_K, dL/db_K)] by backpropagation, each shaped like its parameter."""
    given = layers
    X, layers, o_shape = _network(X, layers, _output(output))
    y = _targets(y, o_shape, output)
    grads = _gradients_layers(X, y, layers, output)
    return [(_checks.given_back(dL_dw, w), _checks.given_back(dL_db, b)) for (dL_dw, dL_db), (w, b) in zip(grads, given)]


def _gradients_layers(X, y, layers, output):
    """A forward pass, then backpropagation from the output's delta_K = dL/dz_K down to the first layer."""
    hs = _forward_layers(X, layers, output)
    o = hs[-1]
    if output == "sigmoid":                                # squared loss: start from dL/do, as in notebook 06
        return _backward_layers(hs, layers, _mean_sum_squared_loss_derivative(o, y))
    delta = (o - y) / len(o)                               # softmax + cross-entropy: delta_K = dL/dz_K = (o - y) / n
    w, _ = layers[-1]
    below = _backward_layers(hs[:-1], layers[:-1], delta @ w.T)
    return below + [(hs[-2].T @ delta, delta.sum(axis=0))]


def _backward_layers(hs, layers, dL_dh):
    """Backpropagation through sigmoid layers, from dL/dh of the top one down: the delta recursion.
    hs = [X, h_1, ..., h_K]: layer l reads hs[l - 1] and makes hs[l]. Returns [(dL_dw, dL_db) for each layer]."""
    grads = []
    for (w, _), h_in, h in reversed(list(zip(layers, hs, hs[1:]))):
        delta, dL_dw, dL_db = _backward(h_in, h, dL_dh)    # delta = dL/dz = dL/dh * h (1 - h); dL/dw = h_in^T delta
        grads.insert(0, (dL_dw, dL_db))
        dL_dh = delta @ w.T                                # back through w: dL/dh of the layer below (below layer 1
                                                           # this is dL/dX, which nothing uses)
    return grads


# --- Training on mini-batches -------------------------------------------------------------------

@_checks.door
def minibatches(rng, n, batch_size):
    """The example numbers 0, ..., n - 1 in a random order, cut into batches of batch_size (the last may be smaller)."""
    rng, n = _checks.generator(rng), _checks.whole("n", n, minimum=1)
    return _minibatches(rng, n, _checks.whole("batch_size", batch_size, minimum=1))


def _minibatches(rng, n, batch_size):
    order = rng.permutation(n)                             # a new order every epoch
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


@_checks.door
def train_layers(X, y, layers, rng, eta=1.0, epochs=10, batch_size=16, output="sigmoid"):
    """Mini-batch gradient descent: each epoch shuffles the examples with rng, then steps w <- w - eta dL/dw once per batch.

    Returns a History: ``ws[t]`` the list of every layer's w after t epochs, ``bs[t]``
    their b, ``losses[t]`` the loss on all of (X, y) there.
    """
    X, checked, o_shape = _network(X, layers, _output(output))
    y, rng = _targets(y, o_shape, output), _checks.generator(rng)
    eta = _checks.positive("eta", eta, " (the learning rate)")
    epochs, batch_size = _checks.whole("epochs", epochs), _checks.whole("batch_size", batch_size, minimum=1)
    visited, losses = _train_layers(X, y, checked, rng, eta, epochs, batch_size, output)
    forms = [(_checks.learned_form(w, w_), _checks.learned_form(b, b_)) for (w, b), (w_, b_) in zip(layers, checked)]
    back = [[(_checks.given_back(w, fw), _checks.given_back(b, fb)) for (w, b), (fw, fb) in zip(step, forms)]
            for step in visited]
    return History([[w for w, _ in step] for step in back], [[b for _, b in step] for step in back], np.array(losses))


def _train_layers(X, y, layers, rng, eta, epochs, batch_size, output):
    visited, losses = [layers], [_layers_loss(X, y, layers, output)]
    for _ in range(epochs):
        for batch in _minibatches(rng, len(X), batch_size):
            grads = _gradients_layers(X[batch], y[batch], layers, output)
            layers = [(w - eta * dL_dw, b - eta * dL_db) for (w, b), (dL_dw, dL_db) in zip(layers, grads)]
        visited.append(layers)
        losses.append(_layers_loss(X, y, layers, output))  # the loss on every example, after this epoch
    return visited, losses


def _layers_loss(X, y, layers, output):
    """The loss of the network on (X, y): squared after a sigmoid output, cross-entropy after softmax."""
    o = _forward_layers(X, layers, output)[-1]
    return float(_mean_sum_squared_loss(o, y) if output == "sigmoid" else _cross_entropy_loss(o, y))


# --- Classification: one-hot targets and the accuracy -------------------------------------------

@_checks.door
def one_hot(labels, classes=10):
    """y (n, classes): row i is 0 everywhere except a 1 in column labels[i]."""
    classes = _checks.whole("classes", classes, minimum=1)
    return _one_hot(_labels(labels, classes), classes)


def _one_hot(labels, classes):
    return np.eye(classes)[labels]                         # row j of the identity matrix has its 1 in column j


@_checks.door
def accuracy(o, labels):
    """The fraction of examples whose largest output is the one of their label. o (n, classes), labels (n,) -> a number.

    A tie for the largest output is no answer: it counts as wrong. One column o (n, 1)
    is one sigmoid's yes or no: the answer is 1 where o > 0.5 and 0 where o < 0.5.
    """
    o = _checks.numbers("o", o)
    if o.ndim != 2:
        raise ValueError(f"o must be the outputs (n, classes), one row per example; got shape {o.shape}")
    if o.shape[1] == 1:
        o = _yes_or_no(o)
    return float(_accuracy(o, _labels(labels, o.shape[1], len(o))))


def _yes_or_no(o):
    """One sigmoid output o (n, 1) as the outputs of two classes (n, 2): 1 - o for class 0, o for class 1."""
    if o.min() < 0 or o.max() > 1:
        raise ValueError(f"o with one column must be sigmoid outputs between 0 and 1 (the answer is 1 where "
                         f"o > 0.5); got values from {o.min():g} to {o.max():g}")
    return np.hstack([1 - o, o])


def _accuracy(o, labels):
    answer = o.argmax(axis=1)                              # the network's answer is its largest output,
    alone = np.sum(o == o.max(axis=1, keepdims=True), axis=1) == 1    # unless another is as large: a tie
    return np.mean((answer == labels) & alone)             # is no answer, and counts as wrong
