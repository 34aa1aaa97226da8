"""Explorers driven without a browser: set a slider in Python, read the figure back, and what the page gets.

Every expected value is computed here from the formulas, not by nnlib. What a reader sees in JupyterLab is
read from the messages the kernel sends the page (tests/jupyter_page.py): how many pictures, and which.
"""

import asyncio
import base64
import io

import comm
import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.artist import Artist

import nnlib
from jupyter_page import Page, PageComm

X = np.array([1.0, 2.0, 3.0, 4.0])
y = 2 * X
X1 = np.linspace(-3, 3, 9).reshape(9, 1)
Y1 = 1 / (1 + np.exp(-2.0 * X1))
X2 = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]])


def sigma(z):
    return 1 / (1 + np.exp(-z))


def loss(w):
    return np.mean((sigma(w * X1) - Y1) ** 2)


def check_single_weight(e, w):
    np.testing.assert_allclose(e.artists["outputs"].get_ydata(), X * w)
    line_x, line_y = e.artists["line"].get_data()
    np.testing.assert_allclose(line_y, w * np.asarray(line_x))
    assert f"w = {w:.2f}" in e.artists["text"].get_text()


def check_two_weights(e, w1, w2):
    heights = [bar.get_height() for bar in e.artists["bars"]]
    np.testing.assert_allclose(heights, X2[:, 0] * w1 + X2[:, 1] * w2)


def check_sigmoid(e, w, b):
    x, o = e.artists["curve"].get_data()
    np.testing.assert_allclose(o, sigma(np.asarray(x) * w + b))
    assert e.artists["midpoint"].get_xdata()[0] == pytest.approx(-b / w)


def check_loss(e, w):
    assert e.artists["marker"].get_data() == ([w], [pytest.approx(loss(w))])
    np.testing.assert_allclose(e.artists["outputs"].get_ydata(), sigma(w * X1).ravel())


def check_tangent(e, w):
    (a, b), (la, lb) = e.artists["tangent"].get_data()
    h = 1e-6
    assert (lb - la) / (b - a) == pytest.approx((loss(w + h) - loss(w - h)) / (2 * h), rel=1e-5)
    assert e.artists["point"].get_data() == ([w], [pytest.approx(loss(w))])


def check_descent(e, step, eta):
    w = [-1.0]
    for _ in range(step):
        h = 1e-6
        w.append(w[-1] - eta * (loss(w[-1] + h) - loss(w[-1] - h)) / (2 * h))
    np.testing.assert_allclose(e.artists["path"].get_xdata(), w, atol=1e-7)
    assert e.artists["current"].get_xdata()[0] == pytest.approx(w[-1], abs=1e-7)
    # each point of the path sits on the loss curve: its height is L at its weight
    np.testing.assert_allclose(e.artists["path"].get_ydata(), [loss(v) for v in w], rtol=1e-6)
    assert e.artists["current"].get_ydata()[0] == pytest.approx(loss(w[-1]), rel=1e-6)


SPAM_X = np.array([[0.0, 1.0], [1.0, 0.0], [3.0, 4.0], [4.0, 5.0], [0.0, 0.0], [2.0, 5.0]])
SPAM_Y = np.array([[0.0], [0.0], [1.0], [1.0], [0.0], [1.0]])
HISTORY = nnlib.train(SPAM_X, SPAM_Y, np.array([[0.2], [-0.1]]), 0.0, eta=1.0, epochs=40)
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
_r = np.random.default_rng(0)
XOR_START = (_r.normal(size=(2, 2)), np.zeros(2), _r.normal(size=(2, 1)), np.zeros(1))


def xor_run(epochs, eta=2.0):
    """Full-batch gradient descent on both layers, written out here: (w1, b1, w2, b2) after each epoch."""
    w1, b1, w2, b2 = XOR_START
    run = [XOR_START]
    for _ in range(epochs):
        h = sigma(XOR_X @ w1 + b1)
        o = sigma(h @ w2 + b2)
        dL_dz2 = 2 * (o - XOR_Y) / len(o) * o * (1 - o)      # L = mean (o - y)^2, o = sigma(z2)
        dL_dz1 = dL_dz2 @ w2.T * h * (1 - h)                   # back through w2, then h = sigma(z1)
        w1, b1 = w1 - eta * XOR_X.T @ dL_dz1, b1 - eta * dL_dz1.sum(axis=0)
        w2, b2 = w2 - eta * h.T @ dL_dz2, b2 - eta * dL_dz2.sum(axis=0)
        run.append((w1, b1, w2, b2))
    return run


XOR_RUN = xor_run(500)


def check_training(e, epoch):
    w, b = HISTORY.ws[epoch].ravel(), HISTORY.bs[epoch]
    line_x, line_y = e.artists["boundary"]["boundary"].get_data()
    np.testing.assert_allclose(line_y, -(w[0] * np.asarray(line_x) + b) / w[1])
    assert e.artists["loss"]["marker"].get_data() == ([epoch], [HISTORY.losses[epoch]])
    accuracy = np.mean((sigma(SPAM_X @ w + b) > 0.5) == SPAM_Y.ravel())
    assert e.artists["boundary"]["text"].get_text() == f"accuracy {accuracy:.0%}"


def check_learning_rates(e, eta):
    losses = [np.mean((sigma(SPAM_X @ np.array([0.2, -0.1])) - SPAM_Y.ravel()) ** 2)]
    w, b = np.array([0.2, -0.1]), 0.0
    for _ in range(20):
        o = sigma(SPAM_X @ w + b)
        dL_dz = 2 * (o - SPAM_Y.ravel()) / len(o) * o * (1 - o)
        w, b = w - eta * SPAM_X.T @ dL_dz, b - eta * dL_dz.sum()
        losses.append(np.mean((sigma(SPAM_X @ w + b) - SPAM_Y.ravel()) ** 2))
    np.testing.assert_allclose(e.artists["line"].get_ydata(), losses, rtol=1e-9)
    assert f"eta = {eta:g}" in e.artists["text"].get_text()
    assert e.artists["text"].get_text().endswith(nnlib.learning_rate_verdict(losses))  # the verdict follows the slider


def check_hidden(e, epoch):
    w1, b1, w2, b2 = XOR_RUN[epoch]
    np.testing.assert_allclose(e.artists["points"].get_offsets(), sigma(XOR_X @ w1 + b1), rtol=1e-9)
    for j, line in enumerate(e.artists["unit_lines"]):       # hidden unit j says 0.5 on its line
        x1, x2 = (np.asarray(v) for v in line.get_data())
        np.testing.assert_allclose(w1[0, j] * x1 + w1[1, j] * x2 + b1[j], 0.0, atol=1e-9)
    h1, h2 = (np.asarray(v) for v in e.artists["output_line"].get_data())
    np.testing.assert_allclose(w2[0, 0] * h1 + w2[1, 0] * h2 + b2[0], 0.0, atol=1e-9)
    (w1_kept, w2_kept), (b1_kept, b2_kept) = e.history.ws[epoch], e.history.bs[epoch]
    np.testing.assert_allclose(w1_kept, w1, rtol=1e-9)
    if epoch == 0:
        np.testing.assert_array_equal(w1_kept, XOR_START[0])


EXPLORERS = {
    "single_weight": (lambda: nnlib.explore_single_weight(X, y, w=0.5), check_single_weight,
                      [{"w": 2.0}, {"w": -1.0}, {"w": 3.25}]),
    "two_weights": (lambda: nnlib.explore_two_weights(X2, np.zeros(3)), check_two_weights,
                    [{"w1": 1.5, "w2": 0.5}, {"w1": -2.0, "w2": 3.0}]),
    "sigmoid": (lambda: nnlib.explore_sigmoid(), check_sigmoid, [{"w": 2.0, "b": 1.0}, {"w": -0.5, "b": -3.0}]),
    "loss": (lambda: nnlib.explore_loss(X1, Y1, w=0.0), check_loss, [{"w": 1.0}, {"w": 4.5}]),
    "tangent": (lambda: nnlib.explore_tangent(X1, Y1, w=0.0), check_tangent, [{"w": 0.5}, {"w": 3.0}]),
    "descent": (lambda: nnlib.explore_descent(X1, Y1, w0=-1.0, eta=2.0), check_descent,
                [{"step": 3, "eta": 2.0}, {"step": 7, "eta": 5.0}, {"step": 0, "eta": 1.0}]),
    "training": (lambda: nnlib.explore_training(SPAM_X, SPAM_Y, HISTORY), check_training,
                 [{"epoch": 10}, {"epoch": 40}]),
    "learning_rates": (lambda: nnlib.explore_learning_rates(SPAM_X, SPAM_Y, np.array([[0.2], [-0.1]]),
                                                            etas=(0.01, 1.0, 100.0), epochs=20),
                       check_learning_rates, [{"eta": 100.0}, {"eta": 0.01}]),
    "hidden_layer": (lambda: nnlib.explore_hidden_layer(XOR_X, XOR_Y, *XOR_START, epochs=500, every=50),
                     check_hidden, [{"epoch": 250}, {"epoch": 500}]),
}


@pytest.mark.parametrize("name", EXPLORERS)
def test_sliders_move_the_figure(backend, name):
    make, check, settings = EXPLORERS[name]
    explorer = make()
    check(explorer, **explorer.values)                      # the starting picture is right too
    for values in settings:
        for slider, value in values.items():
            explorer.sliders[slider].value = value
        assert explorer.values == values
        check(explorer, **values)


def saved_picture(fig):
    """What savefig paints at the canvas's resolution, RGBA (height, width, 4): every artist in z-order,
    animated ones included (matplotlib's Axes.draw keeps them when saving)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=fig.dpi)
    width, height = fig.canvas.get_width_height()
    return np.frombuffer(buffer.getvalue(), dtype=np.uint8).reshape(height, width, 4)


@pytest.fixture
def jupyter(monkeypatch):
    """As in JupyterLab: the ipympl backend, and a comm per widget that keeps what the kernel sends a page
    (tests/jupyter_page.py reads it)."""
    monkeypatch.setattr(comm, "create_comm", PageComm)   # what a kernel sets: how widgets talk to the page
    previous = plt.get_backend()
    plt.switch_backend("module://ipympl.backend_nbagg")
    yield
    plt.close("all")
    plt.switch_backend(previous)


STEPPED = {**{name: (make, settings) for name, (make, _, settings) in EXPLORERS.items()},
           # its shaded span is moving and the bars stand in front of it
           "spam_rule": (lambda: nnlib.explore_spam_rule(SPAM_X, SPAM_Y), [{"threshold": 0.5}, {"threshold": 3.5}])}


@pytest.mark.parametrize("name", STEPPED)
def test_each_step_shows_one_picture_the_one_savefig_makes(jupyter, name):
    """On the page: one picture per slider step, and it is what savefig draws of the same state (a legend or a
    bar in front of a moving shape stays in front). A full picture asked for later (a resize, the widget shown
    again) is the same. No figure is made along the way."""
    make, settings = STEPPED[name]
    figures = len(plt.get_fignums())
    explorer = make()
    page = Page(explorer.fig.canvas)
    page.open()
    np.testing.assert_array_equal(page.picture, saved_picture(explorer.fig))
    for values in settings:
        for slider, value in values.items():
            before, moved = page.pictures, explorer.sliders[slider].value != value
            explorer.sliders[slider].value = value    # no event loop here: the picture is made at once
            page.settle()
            assert page.pictures - before == moved, values
        np.testing.assert_array_equal(page.picture, saved_picture(explorer.fig), err_msg=str(values))
    shown = page.picture
    page.send("refresh")
    page.settle()
    np.testing.assert_array_equal(page.picture, shown)
    assert len(plt.get_fignums()) == figures + 1


@pytest.mark.parametrize("name", EXPLORERS)
def test_the_cell_shows_the_sliders_and_in_jupyter_the_figure(backend, name):
    explorer = EXPLORERS[name][0]()
    shown = set(explorer.widget.children)
    assert set(explorer.sliders.values()) <= shown
    assert (explorer.fig.canvas in shown) == backend.startswith("module://ipympl")


def test_static_viewers_get_a_picture_and_stable_text(backend):
    bundle = nnlib.explore_single_weight(X, y, w_range=(-1.0, 4.0))._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"
    assert bundle["text/plain"] == "Explorer with sliders w in [-1, 4] (move them in JupyterLab)"
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_picture_text_names_a_selection_sliders_range(backend):
    explorer = nnlib.explore_learning_rates(SPAM_X, SPAM_Y, np.array([[0.2], [-0.1]]), etas=(0.01, 1.0), epochs=5)
    assert explorer._repr_mimebundle_()["text/plain"] == "Explorer with sliders eta in [0.01, 1] (move them in JupyterLab)"


@pytest.mark.parametrize("first_draw", ["canvas", "picture"])
def test_the_axes_stay_where_the_first_draw_put_them(backend, first_draw):
    """A step that makes a title taller would make constrained layout shrink the axes at the next full draw:
    they stay where the first draw (the browser's, or the stored picture's) put them, so nothing jumps."""
    fig, (ax,) = nnlib.new_figure(height=3.0)
    _ = ax.plot([0, 1], [0, 1])
    artists = {"title": ax.set_title("one line")}
    explorer = nnlib.Explorer(fig, lambda lines: artists["title"].set_text("\n".join(["a line"] * lines)),
                              {"lines": ipywidgets.IntSlider(value=1, min=1, max=4)}, artists)
    if first_draw == "canvas":
        fig.canvas.draw()
    else:
        explorer._repr_mimebundle_()
    laid_out = ax.get_position().bounds
    for lines in (4, 2):
        explorer.sliders["lines"].value = lines
        fig.canvas.draw()
        assert ax.get_position().bounds == laid_out, lines
    plt.close(fig)


def test_pyplot_sends_no_picture_after_a_step(jupyter):
    """pyplot redraws stale figures after every message the kernel handles, widget messages included: after a
    step, that redraw adds no second picture (nor a loop of them)."""
    for make, settings in STEPPED.values():
        explorer = make()
        page = Page(explorer.fig.canvas)
        page.open()
        before, moved = page.pictures, sum(explorer.values[name] != v for name, v in settings[0].items())
        for slider, value in settings[0].items():
            explorer.sliders[slider].value = value
        plt.draw_all()                                # what pyplot runs after each message
        page.settle()
        plt.draw_all()
        page.settle()
        assert page.pictures - before == moved > 0
        plt.close(explorer.fig)


def test_nothing_is_sent_before_the_page_asks_and_its_first_picture_is_the_latest(jupyter):
    """A picture sent before the widget is on the page can leave ipympl's canvas blank for good: neither making
    the explorer, nor showing it, nor moving it, with pyplot's redraw after each cell (interactive mode, as
    under %matplotlib widget), sends one. The page's first picture shows the sliders' latest values."""
    with plt.ion():
        explorer = nnlib.explore_single_weight(X, y, w=0.5)
        plt.draw_all()                                # a cell that made it but did not show it
        explorer._repr_mimebundle_()                  # the next cell shows it
        explorer.sliders["w"].value = 2.0             # moved before the browser drew it
        plt.draw_all()                                # what pyplot runs after each cell
    page = Page(explorer.fig.canvas)
    assert not page.asked_for_a_picture()
    page.open()
    assert page.pictures == 1
    np.testing.assert_array_equal(page.picture, saved_picture(explorer.fig))
    check_single_weight(explorer, w=2.0)


def test_in_an_event_loop_one_picture_serves_the_steps_before_it(jupyter):
    explorer = nnlib.explore_single_weight(X, y, w=0.5)
    page = Page(explorer.fig.canvas)
    page.open()

    async def three_quick_steps():
        for w in (1.0, 1.5, 2.0):
            explorer.sliders["w"].value = w           # the kernel handles these messages in a row
        page.settle()
        assert page.pictures == 1                     # the callbacks returned without sending a picture
        await asyncio.sleep(0)                        # the loop is free: the picture is made

    asyncio.run(three_quick_steps())
    page.settle()
    assert page.pictures == 2
    np.testing.assert_array_equal(page.picture, saved_picture(explorer.fig))
    check_single_weight(explorer, w=2.0)


def _leaves(value):
    """Everything inside dicts, lists and tuples (a BarContainer is a tuple of bars)."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


@pytest.mark.parametrize("name", EXPLORERS)
def test_artists_hold_artists_only(name):
    explorer = EXPLORERS[name][0]()
    leaves = _leaves(explorer.artists)
    assert leaves and all(isinstance(leaf, Artist) for leaf in leaves), [type(leaf) for leaf in leaves]
    plt.close(explorer.fig)


def test_hidden_layer_shows_its_run_every_few_epochs():
    explorer = nnlib.explore_hidden_layer(XOR_X, XOR_Y, *XOR_START, epochs=130, every=50)
    assert len(explorer.history.losses) == 131
    slider = explorer.sliders["epoch"]
    assert (slider.min, slider.max, slider.step) == (0, 100, 50)
    explorer.sliders["epoch"].value = 100
    check_hidden(explorer, 100)
    plt.close(explorer.fig)


def test_lists_just_work():
    explorer = nnlib.explore_loss(X1.ravel().tolist(), Y1.ravel().tolist(), w=0.0, weights=[-2.0, 0.0, 2.0, 6.0])
    explorer.sliders["w"].value = 1.0
    check_loss(explorer, 1.0)
    explorer = nnlib.explore_single_weight(X.tolist(), y.tolist(), w=0.5)
    explorer.sliders["w"].value = 2.0
    check_single_weight(explorer, 2.0)
    plt.close("all")


def test_tangent_explorer_passes_half_width_to_each_step():
    explorer = nnlib.explore_tangent(X1, Y1, w=0.0, half_width=0.25)
    explorer.sliders["w"].value = 3.0
    assert list(explorer.artists["tangent"].get_xdata()) == [2.75, 3.25]
    check_tangent(explorer, 3.0)
    plt.close(explorer.fig)


def test_learning_rates_start_at_eta_with_its_verdict():
    explorer = nnlib.explore_learning_rates(SPAM_X, SPAM_Y, np.array([[0.2], [-0.1]]), etas=[0.01, 1.0, 100.0],
                                            epochs=20, eta=100.0)
    assert explorer.values == {"eta": 100.0}
    check_learning_rates(explorer, 100.0)
    losses = explorer.artists["line"].get_ydata()
    assert explorer.artists["text"].get_text().endswith(nnlib.learning_rate_verdict(losses))
    plt.close(explorer.fig)


@pytest.mark.parametrize("name", ["sigmoid", "training"])
def test_drawing_says_how_the_figure_is_painted_and_moves_it_without_the_sliders(backend, name):
    """Explorer.drawing(), what the website's pictures are drawn from: painting ``under`` then ``over``, in order,
    is the picture savefig makes; ``update`` moves that picture and leaves the sliders where they are."""
    make, check, settings = EXPLORERS[name]
    explorer = make()
    saved_picture(explorer.fig)                       # shown first, as in a notebook: that fixes the layout
    start, values = explorer.values, settings[0]
    drawing = explorer.drawing()
    drawing.update(**values)
    assert explorer.values == start                   # the sliders did not move
    check(explorer, **values)                         # the picture did
    renderer = explorer.fig.canvas.get_renderer()
    renderer.clear()
    for artist in drawing.under + drawing.over:
        artist.draw(renderer)
    painted = np.array(renderer.buffer_rgba())        # a copy: savefig draws on the same renderer
    np.testing.assert_array_equal(painted, saved_picture(explorer.fig))
    assert set(drawing.moving) <= set(drawing.over)
