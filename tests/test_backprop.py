"""nnlib.backprop: the graph of the computation, its chain rule, its picture and its explorer.

The expected numbers come from elsewhere: nnlib's own forward passes and gradients (tested against
central differences in their own files), nnlib.numerical_gradient on the graph's loss, formulas written
out here, and a few values worked out by hand.
"""

import ast
import base64
import inspect
import io
import re

import sys
from pathlib import Path

import matplotlib.pyplot as plt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

import nnlib
from nnlib import backprop
from strategies import arrays, floats, networks, signs
from test_explorers import saved_picture
from test_site_pictures import saved, stacked
from test_site_pictures import export  # the site's machinery (docs/_ext/site_pictures.py), outside nnlib


# --- Graphs to test: random ones of each kind ---------------------------------------------------------

def weights(shape):
    """Weights never near 0: a gradient check from zero weights can hide a wrong backward pass."""
    return st.tuples(arrays(shape, 0.1, 1.5), signs(shape)).map(lambda pair: pair[0] * pair[1])


@st.composite
def one_weight(draw):
    n = draw(st.integers(1, 4))
    X, y = draw(arrays((n,))), draw(arrays((n,), 0.0, 1.0))
    w, b = float(draw(weights(()))), draw(floats(-1.0, 1.0))
    return X, y, w, b


@st.composite
def one_layer(draw):
    d_in, d_out = draw(st.integers(1, 3)), draw(st.integers(1, 2))
    return draw(arrays((d_in,))), draw(arrays((d_out,), 0.0, 1.0)), draw(weights((d_in, d_out))), \
        draw(arrays((d_out,), -1.0, 1.0))


@st.composite
def two_layers(draw):
    d_in, hidden, d_out = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 2))
    return (draw(arrays((d_in,))), draw(arrays((d_out,), 0.0, 1.0)), draw(weights((d_in, hidden))),
            draw(arrays((hidden,), -1.0, 1.0)), draw(weights((hidden, d_out))), draw(arrays((d_out,), -1.0, 1.0)))


def sigmoid_networks():
    return networks(output="sigmoid").filter(lambda network: len(network[2]) <= 3)


def graph_and_reference(kind, case):
    """The graph of ``case``, its loss by nnlib's forward pass, and its parameters' gradients by nnlib:
    {array name in the graph: gradient}."""
    if kind == "one_weight":
        X, y, w, b = case
        dL_dw, dL_db = nnlib.gradients(X, y, w, b)
        return nnlib.graph_one_weight(X, y, w, b), nnlib.mean_sum_squared_loss(nnlib.forward(X, w, b), y), \
            {"w": dL_dw, "b": dL_db}
    if kind == "one_layer":
        x, y, w, b = case
        X, Y = x.reshape(1, -1), y.reshape(1, -1)
        dL_dw, dL_db = nnlib.gradients(X, Y, w, b)
        return nnlib.graph_layer(x, y, w, b), nnlib.mean_sum_squared_loss(nnlib.forward(X, w, b), Y), \
            {"w": dL_dw, "b": dL_db}
    if kind == "two_layers":
        x, y, w1, b1, w2, b2 = case
        X, Y = x.reshape(1, -1), y.reshape(1, -1)
        grads = nnlib.gradients_two_layer(X, Y, w1, b1, w2, b2)
        return nnlib.graph_two_layer(x, y, w1, b1, w2, b2), \
            nnlib.mean_sum_squared_loss(nnlib.forward_two_layer(X, w1, b1, w2, b2), Y), \
            dict(zip(["w_1", "b_1", "w_2", "b_2"], grads))
    X, y, layers, _ = case
    grads = nnlib.gradients_layers(X, y, layers)
    return nnlib.graph_layers(X, y, layers), nnlib.mean_sum_squared_loss(nnlib.forward_layers(X, layers), y), \
        {f"{p}_{l}": g for l, pair in enumerate(grads, 1) for p, g in zip("wb", pair)}


KINDS = {"one_weight": one_weight(), "one_layer": one_layer(), "two_layers": two_layers(),
         "layers": sigmoid_networks()}


def mismatches(graph):
    """The nodes whose gradient from the backward pass differs from nudging that node's value up and down
    (nnlib.numerical_gradient of L, everything computed from the node computed again)."""
    wrong = []
    for v, gradient in enumerate(graph.grads):
        if not np.isnan(gradient):
            nudged = nnlib.numerical_gradient(lambda value: backprop._loss_at(graph, v, value), float(graph.values[v]))
            if not np.isclose(gradient, nudged, rtol=1e-6, atol=1e-9):
                wrong.append(graph.names[v])
    return wrong


# --- The math ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=30)
@given(data=st.data())
def test_forward_pass_is_nnlibs_and_every_gradient_is_the_nudged_slope(kind, data):
    graph, L, reference = graph_and_reference(kind, data.draw(KINDS[kind]))
    assert graph.value("L") == pytest.approx(L, rel=1e-12)
    assert mismatches(graph) == []
    for array, gradient in reference.items():
        np.testing.assert_allclose(graph.gradient(array), gradient, rtol=1e-9, atol=1e-15, err_msg=array)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=20)
@given(data=st.data())
def test_a_gradient_is_the_sum_over_paths_of_the_products_of_local_derivatives(kind, data):
    graph, _, _ = graph_and_reference(kind, data.draw(KINDS[kind]))
    children = {v: [] for v in range(len(graph.kinds))}
    for v, (parents, local) in enumerate(zip(graph.parents, graph.local)):
        for p, dv_dp in zip(parents, local):
            children[p].append((v, dv_dp))

    def paths_sum(v):          # sum over the paths v -> ... -> L of the product of the edges' local derivatives
        return 1.0 if not children[v] else sum(dc_dv * paths_sum(c) for c, dc_dv in children[v])

    learned = [v for v, kind in enumerate(graph.kinds) if kind in ("weight", "bias")]
    np.testing.assert_allclose([paths_sum(v) for v in learned], graph.grads[learned], rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=20)
@given(data=st.data())
def test_each_edge_carries_its_local_derivative(kind, data):
    """dv/dp on every edge p -> v, from the step's formula written out here (the sigmoid's by nudging)."""
    graph, _, _ = graph_and_reference(kind, data.draw(KINDS[kind]))
    values = graph.values
    for v, (kind_, parents, local) in enumerate(zip(graph.kinds, graph.parents, graph.local)):
        p = values[list(parents)]
        if kind_ == "sum":                    # z = sum_k x_k w_k + b
            d = len(p) // 2
            expected = [*p[d:2 * d], *p[:d], 1.0]
        elif kind_ == "sigmoid":
            h = 1e-6
            expected = [(1 / (1 + np.exp(-(p[0] + h))) - 1 / (1 + np.exp(-(p[0] - h)))) / (2 * h)]
        elif kind_ == "loss":                 # L = (1/n) sum (o - y)^2
            m = len(p) // 2
            expected = [*(2 * (p[:m] - p[m:]) / graph.n), *(-2 * (p[:m] - p[m:]) / graph.n)]
        else:
            expected = []
        np.testing.assert_allclose(local, expected, rtol=1e-6, atol=1e-10, err_msg=graph.names[v])


def test_one_weight_worked_by_hand():
    """X = 1, y = 0, w = b = 0: z = 0, o = 1/2, L = 1/4; dL/do = 2(o - y) = 1, do/dz = o(1 - o) = 1/4,
    dz/dw = X = 1, dz/db = 1: dL/dw = dL/db = 1/4."""
    graph = nnlib.graph_one_weight(1.0, 0.0, 0.0, 0.0)
    assert [graph.value(a) for a in ("z", "o", "L")] == [0.0, 0.5, 0.25]
    assert [graph.gradient(a) for a in ("L", "o", "z", "w", "b")] == [1.0, 1.0, 0.25, 0.25, 0.25]
    assert np.isnan(graph.gradient("X")) and np.isnan(graph.gradient("y"))


def test_with_several_examples_a_weight_sums_one_term_per_example():
    """L = ((o_1 - y_1)^2 + (o_2 - y_2)^2) / 2: w reaches L along two paths, one per example."""
    X, y, w = np.array([1.0, -2.0]), np.array([0.0, 1.0]), 0.5
    graph = nnlib.graph_one_weight(X, y, w)
    o = 1 / (1 + np.exp(-X * w))
    per_example = 2 * (o - y) / 2 * o * (1 - o) * X        # dL/do_i * do_i/dz_i * dz_i/dw
    np.testing.assert_allclose(graph.value("o"), o)
    assert graph.gradient("w") == pytest.approx(per_example.sum(), rel=1e-12)
    assert graph.names == ("X_{1}", "X_{2}", "w", "b", "z_{1}", "z_{2}", "o_{1}", "o_{2}", "y_{1}", "y_{2}", "L")


def test_arrays_come_back_in_the_notebooks_shapes():
    x, y, w, b = np.array([0.5, -1.0, 2.0]), np.array([0.2, 0.9]), np.ones((3, 2)), np.zeros(2)
    graph = nnlib.graph_layer(x, y, w, b)
    assert graph.gradient("w").shape == (3, 2) and graph.value("z").shape == (2,) and graph.value("x").shape == (3,)
    np.testing.assert_allclose(graph.value("z"), x @ w + b)
    assert np.isnan(graph.gradient("x")).all()
    assert "w_{21}" in graph.names and "x_{3}" in graph.names
    two = nnlib.graph_two_layer([0.0, 1.0], [1.0], np.ones((2, 2)), 0.0, np.ones((2, 1)), 0.0)
    assert {"w_{1,21}", "h_{2}", "w_{2,2}", "b_{2}", "z_{2}", "o"} <= set(two.names)
    assert two.gradient("w_2").shape == (2, 1) and two.gradient("b_1").shape == (2,)
    with pytest.raises(ValueError, match="'W'.*x, w, b, z, o, y, L"):
        graph.value("W")


def test_a_broken_local_derivative_is_caught(monkeypatch):
    """sigma' written as o instead of o(1 - o): below the sigmoid, the nudged slopes and nnlib.gradients disagree."""
    right = backprop._local

    def forgot_one_minus_o(kind, p, value, n):
        return (value,) if kind == "sigmoid" else right(kind, p, value, n)

    case = (np.array([0.5, -1.0]), np.array([0.2, 0.7]), 0.8, 0.1)
    monkeypatch.setattr(backprop, "_local", forgot_one_minus_o)
    graph, _, reference = graph_and_reference("one_weight", case)
    assert set(mismatches(graph)) == {"z_{1}", "z_{2}", "w", "b"}
    assert graph.gradient("w") != pytest.approx(reference["w"], rel=1e-3)


def test_the_math_fits_on_a_board():
    """Each step of the math is a short function, like the rest of nnlib's math (tests/test_textbook.py)."""
    for function in (backprop._structure, backprop._layer, backprop._forward, backprop._value, backprop._local,
                     backprop._backward, backprop._needs_gradient, backprop._children, backprop._loss_at):
        (tree,) = ast.parse(inspect.getsource(function)).body
        body = tree.body[1:] if isinstance(tree.body[0].value if isinstance(tree.body[0], ast.Expr) else None,
                                           ast.Constant) else tree.body
        assert body[-1].end_lineno - body[0].lineno + 1 <= 12, function.__name__
        assert not re.search(r"\b(out=|np\.dot\(|np\.einsum\()|[-+*/]=", inspect.getsource(function))


# --- The picture: what a reader sees at each step -------------------------------------------------------

R = np.random.default_rng(7)
CASES = {   # one graph of each kind, with no weight near 0
    "one_weight": ("one_weight", (1.3, 0.2, -0.6, 0.1)),
    "three_examples": ("one_weight", (np.array([-1.0, 0.5, 2.0]), np.array([0.1, 0.6, 0.9]), 0.8, -0.2)),
    "one_layer": ("one_layer", (R.normal(size=3), R.uniform(size=2), R.normal(size=(3, 2)), R.normal(size=2))),
    "two_layers": ("two_layers", (np.array([0.0, 1.0]), np.array([1.0]), R.normal(size=(2, 2)), np.zeros(2),
                                  R.normal(size=(2, 1)), np.zeros(1))),
    "layers": ("layers", (R.random((5, 6)), R.random((5, 3)), nnlib.random_layers(R, [6, 4, 3]), "sigmoid")),
    "three_layers": ("layers", (R.random((4, 64)), nnlib.one_hot(np.array([3, 1, 4, 1])),
                                nnlib.random_layers(R, [64, 16, 12, 10]), "sigmoid")),
}
NUMBER = re.compile(r"\N{MINUS SIGN}?\d+(?:\.\d+)?(?:e[+\N{MINUS SIGN}-]\d+)?")


def number(text):
    """The last number a text shows, as a float (the picture writes minus as U+2212)."""
    return float(NUMBER.findall(text)[-1].replace("\N{MINUS SIGN}", "-"))


def close(shown, exact):
    """A number shown with 3 significant digits: within half a unit of its third digit."""
    return abs(shown - exact) <= 0.005 * abs(exact) + 1e-12


def drawn(name, step=None):
    graph, L, reference = graph_and_reference(*CASES[name])
    fig, ax = backprop.backprop_figure(graph)
    return graph, reference, fig, backprop.draw_backprop(ax, graph, step)


def computed(graph):
    """The boxes whose value a step computes (the others are given: drawn from the start)."""
    return [v for v, kind in enumerate(backprop._plan(graph).kinds) if kind in ("sum", "sigmoid", "loss")]


def seen(graph, artists):
    """What the picture shows: the boxes with a value, the boxes with a gradient, the labelled edges shown."""
    values = {v for v in range(len(artists["grads"])) if v not in computed(graph)}
    values |= {v for v, text in zip(computed(graph), artists["values"]) if text.get_text()}
    grads = {v for v, text in enumerate(artists["grads"]) if text.get_text()}
    labels = {i for i, text in enumerate(artists["locals"]) if text.get_visible()}
    return values, grads, labels


@pytest.mark.parametrize("name", ["one_weight", "three_examples", "one_layer", "two_layers"])
def test_values_flow_forward_then_gradients_flow_back_one_box_at_a_time(name):
    graph, reference, fig, artists = drawn(name, step=0)
    plan = backprop._plan(graph)
    children = {v: {c for c, of in enumerate(graph.parents) if v in of} for v in range(len(graph.kinds))}
    given = {v for v, kind in enumerate(graph.kinds) if kind in ("input", "target", "weight", "bias")}
    values, grads, labels = seen(graph, artists)
    assert values == given and grads == set() and labels == set()
    last = len(plan.captions) - 1
    for step in range(1, last + 1):
        backprop.update_backprop(artists, graph, step)
        now = seen(graph, artists)
        new_values, new_grads = now[0] - values, now[1] - grads
        if step <= len(graph.kinds) - len(given):              # forward: one more value, its parents' shown
            (v,) = new_values
            assert new_grads == set() and set(graph.parents[v]) <= values
        elif step < last:                                      # backward: one more gradient, its children's shown
            (v,) = new_grads
            assert new_values == set() and children[v] <= grads and v not in given - {
                u for u, kind in enumerate(graph.kinds) if kind in ("weight", "bias")}
            assert {plan.labelled[i][0] for i in now[2] - labels} == {(v, c) for c in children[v]}
        values, grads, labels = now
        assert all(arrow.get_visible() == (step == last) for arrow in artists["path"])
    assert grads == {v for v, g in enumerate(graph.grads) if not np.isnan(g)}
    for v, text in zip(computed(graph), artists["values"]):
        assert close(number(text.get_text()), graph.values[v]), text.get_text()
    for array, gradient in reference.items():              # the red numbers are nnlib's gradients
        for v in (v for v, (name_, _) in enumerate(graph.arrays) if name_ == array):
            assert close(number(artists["grads"][v].get_text()), np.ravel(gradient)[
                np.ravel_multi_index(graph.arrays[v][1], np.shape(gradient)) if np.ndim(gradient) else 0])
    plt.close(fig)


@pytest.mark.parametrize("name", ["one_weight", "three_examples", "one_layer", "two_layers", "layers",
                                  "three_layers"])
def test_the_caption_names_each_step_and_the_last_compares_the_path_with_nudging(name):
    graph, reference, fig, artists = drawn(name)
    plan = backprop._plan(graph)
    captions = [backprop.update_backprop(artists, graph, step) for step in range(len(plan.captions))]
    forward = len([k for k in plan.kinds if k in ("sum", "sigmoid", "loss")])
    assert captions[0].startswith("start")
    assert all(c.startswith("forward:") for c in captions[1:forward + 1])
    assert all(c.startswith("backward:") for c in captions[forward + 1:-1])
    assert captions[-1] == artists["caption"].get_text() and re.match(r"the (\d+ )?paths? ", captions[-1])
    product_line, nudged_line = captions[-1].split("\n")
    w = reference["w_1" if "w_1" in reference else "w"]
    largest = np.ravel(w)[np.argmax(np.abs(np.ravel(w)))]              # the first layer's steepest weight
    assert close(number(nudged_line), largest)                        # numerical_gradient, as shown
    assert close(number(product_line if graph.level == "numbers" else nudged_line.split(".  ")[0]), largest)
    if graph.level == "numbers":                                      # the forward captions show the values
        L = graph.value("L")
        assert close(number(captions[forward]), L) and "L =" in captions[forward]
    plt.close(fig)


@pytest.mark.parametrize("name", ["one_weight", "one_layer", "two_layers"])
def test_the_numbers_on_the_highlighted_path_multiply_to_the_gradient(name):
    """What a reader can check at the last step: multiply the blue numbers along the orange arrows."""
    graph, reference, fig, artists = drawn(name)
    plan = backprop._plan(graph)
    on_path = [number(text.get_text()) for ((p, v), _), text in zip(plan.labelled, artists["locals"])
               if (p, v) in plan.path and text.get_visible()]
    assert len(on_path) == len(plan.path) == len([a for a in artists["path"] if a.get_visible()])
    (w,) = {p for p, _ in plan.path} - {v for _, v in plan.path}              # where the path starts
    product_line = artists["caption"].get_text().split("\n")[0]
    assert close(number(product_line), graph.grads[w])                        # the caption's product
    assert np.prod(on_path) == pytest.approx(graph.grads[w], rel=0.03)        # 3-digit factors, multiplied
    assert close(number(artists["grads"][w].get_text()), graph.grads[w])      # the red number at the weight
    plt.close(fig)


def test_the_arrays_picture_shows_shapes_then_the_delta_recursion():
    graph, _, fig, artists = drawn("three_layers", step=0)

    def shown():
        return {text.get_text() for text in fig.axes[0].texts if text.get_visible()}

    assert {"$X$", "(4, 64)", "$w_1$", "(64, 16)", "(16,)", "$z_1$"} <= shown()
    assert "(4, 16)" not in shown()                                # z_1 is not computed yet
    backprop.update_backprop(artists, graph, len(backprop._plan(graph).captions) - 1)
    assert {"(4, 16)", "(4, 10)", r"$\delta_1$", r"$\delta_3$", r"$\partial L/\partial w_1$"} <= shown()
    assert not any(artists["grads"][v].get_text() for v, kind in enumerate(backprop._plan(graph).kinds)
                   if kind in ("input", "target")), "no gradient for the data"
    plt.close(fig)


def text_boxes(fig, artists):
    """Every text the reader sees, as display boxes: the moving ones and the key."""
    renderer = fig.canvas.get_renderer()
    texts = [t for t in [*artists["values"], *artists["grads"], *artists["locals"], artists["caption"],
                         *fig.axes[0].texts] if t.get_visible() and t.get_text()]
    return {id(t): (t, t.get_window_extent(renderer).padded(-0.5)) for t in texts}   # touching is not covering


@pytest.mark.parametrize("name", CASES)
def test_the_picture_fits_800_pixels_and_no_text_covers_another(name):
    graph, _, fig, artists = drawn(name)
    assert fig.get_figwidth() <= 8.0 and fig.get_figheight() <= 7.0
    fig.canvas.draw()
    plan = backprop._plan(graph)
    for step in range(len(plan.captions)):
        backprop.update_backprop(artists, graph, step)
        boxes = list(text_boxes(fig, artists).values())
        inside = fig.bbox
        for i, (text, box) in enumerate(boxes):
            assert inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1, \
                text.get_text()
            for other, box_other in boxes[i + 1:]:
                assert not box.overlaps(box_other), (step, text.get_text(), other.get_text())
        renderer, inches = fig.canvas.get_renderer(), fig.dpi_scale_trans.inverted()
        patches = [patch.get_window_extent(renderer).transformed(inches) for patch in fig.axes[0].patches
                   if type(patch).__name__ == "FancyBboxPatch" and patch.get_fill()]
        assert len(patches) == len(plan.where)
        for text in fig.axes[0].texts:                                 # a box's texts stay inside it
            where = fig.axes[0].transData.transform(text.get_position())
            box = text.get_window_extent(renderer).transformed(inches)
            (home,) = [patch for patch in patches if patch.contains(*fig.dpi_scale_trans.inverted().transform(where))] \
                or [None]
            assert home is None or not text.get_text() or (home.x0 < box.x0 and box.x1 < home.x1
                                                             and home.y0 < box.y0 and box.y1 < home.y1), text.get_text()
        for label in artists["locals"]:                                # and no edge label covers a box
            box = label.get_window_extent(renderer).transformed(inches)
            assert not any(box.overlaps(patch) for patch in patches), label.get_text()
    plt.close(fig)


# --- The explorer ---------------------------------------------------------------------------------------

def explorer(name="one_layer", **kwargs):
    graph, _, _ = graph_and_reference(*CASES[name])
    return graph, nnlib.explore_backprop(graph, **kwargs)


@pytest.mark.parametrize("name", ["one_weight", "layers"])
def test_the_slider_walks_the_steps(backend, name):
    graph, e = explorer(name)
    last = len(backprop._plan(graph).captions) - 1
    assert e.values == {"step": last} and e.sliders["step"].min == 0 and e.sliders["step"].max == last
    assert last + 1 <= 441                                          # the site exports every position
    for step in (0, 3, last - 1, last):
        e.sliders["step"].value = step
        fig, ax = backprop.backprop_figure(graph)
        expected = backprop.draw_backprop(ax, graph, step)
        assert [t.get_text() for t in e.artists["values"]] == [t.get_text() for t in expected["values"]]
        assert [t.get_text() for t in e.artists["grads"]] == [t.get_text() for t in expected["grads"]]
        assert e.artists["caption"].get_text() == expected["caption"].get_text()
        plt.close(fig)


@pytest.mark.parametrize("name", ["three_examples", "three_layers"])
def test_a_step_after_the_first_draw_blits_the_picture_savefig_makes_without_a_new_figure(backend, name,
                                                                                         monkeypatch):
    figures = len(plt.get_fignums())
    _, e = explorer(name)
    canvas = e.fig.canvas
    canvas.draw()
    redraws, artists = [], [list(ax.get_children()) for ax in e.fig.axes]
    monkeypatch.setattr(canvas, "draw_idle", lambda: redraws.append(1))
    for step in (0, 5, 1, e.sliders["step"].max):
        e.sliders["step"].value = step
        assert not e.fig.stale                                        # pyplot would draw it again and again
        blitted = np.array(canvas.buffer_rgba())
        np.testing.assert_array_equal(blitted, saved_picture(e.fig))
    assert redraws == [] and [list(ax.get_children()) for ax in e.fig.axes] == artists
    assert len(plt.get_fignums()) == figures + 1


def test_a_static_viewer_sees_the_last_step(backend):
    graph, e = explorer("two_layers")
    bundle = e._repr_mimebundle_()
    last = e.sliders["step"].max
    assert bundle["text/plain"] == f"Explorer with sliders step in [0, {last}] (move them in JupyterLab)"
    _, moved = explorer("two_layers", step=0)
    moved.sliders["step"].value = last
    np.testing.assert_array_equal(saved(e), saved(moved))
    moved.sliders["step"].value = 0
    assert not np.array_equal(saved(e), saved(moved))


def test_the_website_gets_a_frame_per_step_that_stacks_into_the_notebooks_picture(backend):
    _, e = explorer("one_weight")
    background = export.background(e)
    for step in (e.sliders["step"].max, 0, 4):
        frame = export.frame(e, {"step": step})
        e.sliders["step"].value = step
        np.testing.assert_array_equal(stacked(background, frame), saved(e), err_msg=f"step {step}")
    png = base64.b64decode(e._repr_mimebundle_()["image/png"])
    assert Image.open(io.BytesIO(png)).size[0] <= 800


# --- Bad input: a clear error naming what was wrong ------------------------------------------------------

BAD = {
    "graph_one_weight, five examples": (lambda: nnlib.graph_one_weight(np.ones(5), np.ones(5), 1.0),
                                        ValueError, ["X", "5 examples"]),
    "graph_one_weight, w a vector": (lambda: nnlib.graph_one_weight(1.0, 0.5, [1.0, 2.0]), TypeError,
                                     ["w", "[1.0, 2.0]"]),
    "graph_one_weight, y another shape": (lambda: nnlib.graph_one_weight([1.0, 2.0], [1.0], 1.0), ValueError,
                                          ["y", "(1,)", "(2,)"]),
    "graph_layer, two examples": (lambda: nnlib.graph_layer(np.ones((2, 3)), np.ones(2), np.ones((3, 2)), 0.0),
                                  ValueError, ["x", "(2, 3)"]),
    "graph_layer, w a vector": (lambda: nnlib.graph_layer(np.ones(3), np.ones(1), np.ones(3), 0.0), ValueError,
                                ["w", "(3,)"]),
    "graph_layer, too many boxes": (lambda: nnlib.graph_layer(np.ones(4), np.ones(3), np.ones((4, 3)), 0.0),
                                    ValueError, ["4 inputs", "3 outputs", "19 boxes"]),
    "graph_layer, x and w apart": (lambda: nnlib.graph_layer(np.ones(2), np.ones(2), np.ones((3, 2)), 0.0),
                                   ValueError, ["x", "(1, 2)", "(3, 2)"]),
    "graph_two_layer, w2 rows": (lambda: nnlib.graph_two_layer(np.ones(2), [1.0], np.ones((2, 2)), 0.0,
                                                               np.ones((3, 1)), 0.0), ValueError, ["w2", "(3, 1)"]),
    "graph_layers, four layers": (lambda: nnlib.graph_layers(np.ones((2, 3)), np.ones((2, 1)),
                                                             nnlib.random_layers(R, [3, 2, 2, 2, 1])),
                                  ValueError, ["layers", "4 layers"]),
    "graph_layers, every training digit": (lambda: nnlib.graph_layers(np.ones((1078, 64)), np.ones((1078, 10)),
                                                                     nnlib.random_layers(R, [64, 32, 10])),
                                           ValueError, ["1078 examples", "[64, 32, 10]", "X[:5]"]),
    "graph_layers, y text": (lambda: nnlib.graph_layers(np.ones((2, 3)), "y", nnlib.random_layers(R, [3, 1])),
                             TypeError, ["y", "'y'"]),
    "explore_backprop, not a graph": (lambda: nnlib.explore_backprop({"w": 1.0}), TypeError, ["graph", "dict"]),
    "backprop_figure, not a graph": (lambda: backprop.backprop_figure({"w": 1.0}), TypeError, ["graph", "dict"]),
    "explore_backprop, step past the end": (lambda: nnlib.explore_backprop(nnlib.graph_one_weight(1.0, 0.0, 1.0),
                                                                           step=10), ValueError, ["step = 10", "9"]),
    "explore_backprop, step a float": (lambda: nnlib.explore_backprop(nnlib.graph_one_weight(1.0, 0.0, 1.0),
                                                                      step=2.0), TypeError, ["step", "2.0"]),
    "draw_backprop, ax None": (lambda: backprop.draw_backprop(None, nnlib.graph_one_weight(1.0, 0.0, 1.0)),
                               TypeError, ["ax", "None"]),
    "update_backprop, another graph": (
        lambda: backprop.update_backprop(drawn("one_weight")[3], nnlib.graph_one_weight([1.0, 2.0], [0.0, 1.0], 1.0),
                                         0), ValueError, ["7 boxes", "11"]),
    "update_backprop, not its artists": (lambda: backprop.update_backprop({"text": None}, drawn("one_weight")[0], 0),
                                         TypeError, ["draw_backprop", "values"]),
}


def test_every_public_function_has_a_bad_input_case():
    public = {name for name in backprop.__all__ if inspect.isfunction(getattr(backprop, name))}
    assert public <= {case.split(",")[0] for case in BAD}, sorted(public - {case.split(",")[0] for case in BAD})


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_a_clear_error(case):
    call, error, words = BAD[case]
    figures = plt.get_fignums()
    with pytest.raises(error) as raised:
        call()
    for word in words:
        assert word in str(raised.value), (word, str(raised.value))
    plt.close("all")
    assert plt.get_fignums() == [] or plt.get_fignums() == figures
