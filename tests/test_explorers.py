"""Explorers driven without a browser: set a slider in Python, read the figure back."""

import base64

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib import explore_single_weight

X = np.array([1.0, 2.0, 3.0, 4.0])
y = 2 * X


@pytest.fixture(params=["agg", "module://ipympl.backend_nbagg"])
def backend(request):
    """Run each explorer test off-screen and with the ipympl widget canvas used in JupyterLab."""
    previous = plt.get_backend()
    plt.switch_backend(request.param)
    yield request.param
    plt.close("all")
    plt.switch_backend(previous)


def test_slider_moves_the_outputs(backend):
    explorer = explore_single_weight(X, y, w=0.5)
    for w in [2.0, -1.0, 3.25]:
        explorer.sliders["w"].value = w
        np.testing.assert_allclose(explorer.artists["outputs"].get_ydata(), X * w)
        line_x, line_y = explorer.artists["line"].get_data()
        np.testing.assert_allclose(line_y, w * np.asarray(line_x))
        assert f"w = {w:.2f}" in explorer.artists["text"].get_text()


def test_one_figure_updated_in_place(backend, monkeypatch):
    figures_before = len(plt.get_fignums())
    explorer = explore_single_weight(X, y)
    assert len(plt.get_fignums()) == figures_before + 1
    redraws = []
    monkeypatch.setattr(explorer.fig.canvas, "draw_idle", lambda: redraws.append(1))
    lines = list(explorer.fig.axes[0].lines)
    for step in range(5):
        explorer.sliders["w"].value = 1.25 + step / 4  # five new values (1.0 is the start)
    assert len(redraws) == 5
    assert list(explorer.fig.axes[0].lines) == lines  # the same artists, moved
    assert len(plt.get_fignums()) == figures_before + 1


def test_widget_holds_the_slider_and_in_jupyter_the_canvas(backend):
    explorer = explore_single_weight(X, y)
    children = explorer.widget.children
    assert children[0] is explorer.sliders["w"]
    assert (explorer.fig.canvas in children) == backend.startswith("module://ipympl")


def test_static_viewers_get_a_picture_and_stable_text(backend):
    bundle = explore_single_weight(X, y, w_range=(-1.0, 4.0))._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"
    assert bundle["text/plain"] == "Explorer with sliders w in [-1, 4] (move them in JupyterLab)"
    assert "application/vnd.jupyter.widget-view+json" in bundle
