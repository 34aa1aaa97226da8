"""The site's export of a notebook (docs/_ext/site_explorers.py), on a small notebook made here, without Sphinx.

Any notebook, any ``nnlib.Explorer``: the notebook below builds its own explorer with ``nnlib.Explorer``,
an explorer that listens to the mouse, a figure, and a digit pad (``nnlib.explore_digit_pad``) on a
small network trained here. It is exported as `make site` does, in a process forked for it; the test
reads the manifest, the pictures and the pad's weights back.
"""

import base64
import io
import json
import multiprocessing
import re
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from PIL import Image

import nnlib

sys.path.insert(0, str(Path(__file__).parents[1] / "docs" / "_ext"))
import site_explorers  # noqa: E402

VIEW = "application/vnd.jupyter.widget-view+json"
SETUP = "%matplotlib widget\nimport ipywidgets as widgets\nimport numpy as np\nimport nnlib"
SPIKE = '''fig, (ax,) = nnlib.new_figure(height=2.5)
ax.set(xlim=(0, 4), ylim=(0, 5), xlabel="$x$", ylabel="height $h$")
artists = {"bar": ax.bar([2.0], [1.0], color="C1")[0], "text": ax.text(0.02, 0.9, "", transform=ax.transAxes)}


def update(h):
    artists["bar"].set_height(h)
    artists["text"].set_text(f"h = {h}")


update(3)
explorer = nnlib.Explorer(fig, update, {"h": widgets.IntSlider(value=3, min=0, max=4, description="h")}, artists)
explorer'''
PAD = '''fig, (ax,) = nnlib.new_figure(height=2.5)
dot = ax.plot([1.0], [1.0], "o")[0]
pad = nnlib.Explorer(fig, lambda size: dot.set_markersize(size), {"size": widgets.IntSlider(5, 1, 9)}, {"dot": dot})
_ = fig.canvas.mpl_connect("motion_notify_event", lambda event: dot.set_data([event.xdata], [event.ydata]))
pad'''
DIGIT_PAD = '''r = np.random.default_rng(0)
X = r.uniform(size=(20, 64))
history = nnlib.train_layers(X, nnlib.one_hot(np.arange(20) % 10), nnlib.random_layers(r, [64, 6, 10]), r, epochs=2)
nnlib.explore_digit_pad(history, grid=X[0])'''
FIGURE = '''fig, (ax,) = nnlib.new_figure(height=2.5)
_ = ax.plot([0, 1], [1, 0], label=r"$\\sigma(z)$")
ax.set(title="A line", xlabel="$x_1$", ylabel="loss $L$")
_ = ax.legend()
nnlib.as_picture(fig)'''


def run(source):
    """The cell's code run here: the namespace it leaves, and the value of its last line."""
    namespace, (*body, last) = {}, (SETUP.split("\n", 1)[1] + "\n" + source).split("\n")
    exec("\n".join(body), namespace)
    return namespace, eval(last, namespace)


def stored(source):
    """The output the cell stores when it runs in JupyterLab: an explorer's widget view and picture, or a figure."""
    _, shown = run(source)
    if isinstance(shown, nnlib.Explorer):
        bundle = shown._repr_mimebundle_()
        data = {"image/png": bundle["image/png"], "text/plain": bundle["text/plain"],
                VIEW: {"model_id": "0" * 32, "version_major": 2, "version_minor": 0}}
    else:
        data = {"image/png": base64.b64encode(shown.data).decode(), "text/plain": "<IPython.core.display.Image object>"}
    plt.close("all")
    return [nbformat.v4.new_output("execute_result", data=data, execution_count=1)]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A notebook"), nbformat.v4.new_code_cell(SETUP)]
    for source in [SPIKE, PAD, FIGURE, "1 / 0", DIGIT_PAD]:
        nb.cells.append(nbformat.v4.new_code_cell(source, outputs=stored(source) if source != "1 / 0" else []))
    path = folder / "notebook.ipynb"
    nbformat.write(nb, path)
    with multiprocessing.get_context("fork").Pool(1, maxtasksperchild=1) as pool:   # as `make site` runs it
        seconds, error = pool.apply(site_explorers._export_into, (path, folder / "out"))
    assert error is None, error
    return nb, folder / "out", json.loads((folder / "out" / "manifest.json").read_text())


def picture(path):
    return np.asarray(Image.open(path).convert("RGBA")).astype(float)


def test_an_explorer_becomes_a_background_and_a_frame_per_slider_value(exported):
    nb, folder, manifest = exported
    (spike,) = manifest["cells"]["2"]["widgets"]
    assert spike["kind"] == "frames" and spike["difference"] == 0
    assert spike["sliders"] == [{"name": "h", "label": "h", "readouts": ["0", "1", "2", "3", "4"], "start": 3}]
    assert spike["frames"] == [f"h = {h}" for h in range(5)]          # each frame's alt: the explorer's read-out
    assert spike["alt"] == "Figure: height h against x."
    background = picture(folder / spike["folder"] / "background.webp")
    stored_png = nb.cells[2].outputs[0].data["image/png"]
    first = np.asarray(Image.open(io.BytesIO(base64.b64decode(stored_png))).convert("RGB")).astype(float)
    for h, (x, y, w, h_box) in enumerate(spike["boxes"]):
        frame = picture(folder / spike["folder"] / f"{h}.webp")
        assert frame.shape[:2] == (h_box, w)
        stacked, alpha = background[..., :3].copy(), frame[..., 3:] / 255
        stacked[y:y + h_box, x:x + w] = frame[..., :3] * alpha + stacked[y:y + h_box, x:x + w] * (1 - alpha)
        if h == 3:                            # the notebook's own picture, pixel for pixel
            np.testing.assert_array_equal(stacked, first)
        else:
            assert (stacked != first).any()


def test_another_explorer_that_listens_to_the_mouse_stays_a_still_picture_with_alt_text(exported):
    _, _, manifest = exported
    (pad,) = manifest["cells"]["3"]["widgets"]
    assert pad == {"kind": "still", "why": "mouse", "alt": "Figure (no title, labels or text on it)"}


def test_a_digit_pad_becomes_two_pictures_its_networks_and_what_moves(exported):
    nb, folder, manifest = exported
    (pad,) = manifest["cells"]["6"]["widgets"]
    assert pad["kind"] == "pad" and sorted(path.name for path in (folder / pad["folder"]).iterdir()) == \
        ["background.webp", "network.js", "over.webp"]
    assert pad["slider"] == {"name": "epoch", "label": "epoch", "readouts": ["0", "1", "2"], "start": 2}
    assert pad["sizes"] == [64, 6, 10] and pad["output"] == "sigmoid"
    namespace, _ = run(DIGIT_PAD)
    assert pad["grid"] == namespace["X"][0].tolist()
    history = namespace["history"]        # trained here as in the cell: the same numbers
    text = (folder / pad["folder"] / "network.js").read_text()
    weights = np.frombuffer(base64.b64decode(re.fullmatch(r'(?s)(?://[^\n]*\n)*document\.currentScript\.weights = '
                                                          r'"([A-Za-z0-9+/=]+)";\n', text).group(1)), "<f4")
    expected = [part.ravel() for ws, bs in zip(history.ws, history.bs) for w, b in zip(ws, bs) for part in (w, b)]
    np.testing.assert_array_equal(weights, np.concatenate(expected).astype(np.float32))
    assert 0 < pad["float32_error"] < 1e-6
    first = np.asarray(Image.open(io.BytesIO(base64.b64decode(nb.cells[6].outputs[0].data["image/png"]))))
    for name in ["background", "over"]:
        assert picture(folder / pad["folder"] / f"{name}.webp").shape == (pad["height"], pad["width"], 4) == \
            (*first.shape[:2], 4)
    assert pad["alt"] == "Figure with 2 panels. Left: press and drag to paint. Right: output oj against digit j."
    assert pad["bytes"] == sum(path.stat().st_size for path in (folder / pad["folder"]).iterdir())
    plt.close("all")


def test_a_figure_gets_alt_text_in_its_own_words(exported):
    nb, _, manifest = exported
    (figure,) = manifest["cells"]["4"]["figures"]
    assert figure["alt"] == "Figure: A line. loss L against x1. Key: σ(z)."
    assert figure["png"] == site_explorers._digest(nb.cells[4].outputs[0].data["image/png"])


def test_a_cell_that_fails_at_build_time_is_a_problem(exported):
    _, _, manifest = exported
    assert manifest["problems"] == ["1 code cell(s) fail at build time: the notebook does not run with this "
                                    "nnlib (first, cell 5: ZeroDivisionError: division by zero)"]


def test_an_explorer_the_build_cannot_rebuild_is_a_problem_and_a_still_picture(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell("explorer", outputs=stored(SPIKE))]
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    with multiprocessing.get_context("fork").Pool(1, maxtasksperchild=1) as pool:
        _, error = pool.apply(site_explorers._export_into, (path, tmp_path / "out"))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert error is None and manifest["cells"]["1"]["widgets"][0]["kind"] == "still"
    assert "cell 1 displayed 0 widget(s) at build time, but its stored outputs hold 1" in manifest["problems"]


@pytest.mark.parametrize("text, plain", [
    (r"$o = \sigma(xw + b)$", "o = σ(xw + b)"), ("$x_1$", "x1"), (r"$\eta$ = 0.1", "η = 0.1"),
    ("$w_{12}$", "w12"), ("loss $L$", "loss L"),
])
def test_mathtext_reads_as_plain_words(text, plain):
    assert site_explorers._plain(text) == plain
