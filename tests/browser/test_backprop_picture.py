"""The backpropagation picture moves for a person: in JupyterLab, and on a page of the website with no kernel.

No notebook of the series shows it yet, so the tests make their own: a scratch notebook with the explorers of
notebooks 07 and 10 (the graph of one layer, a box per number; a three-layer network, a box per array),
written into the server's temporary copy of notebooks/ (the repository is never touched).

- JupyterLab: the notebook runs in Chromium. Two presses of the left arrow on a slider take the kernel's
  explorer two steps back and repaint its canvas; its caption in the kernel is that step's. Then every slider
  passes the checks of test_sliders.py (keyboard and mouse, one kernel slider each, no new figure).
- The website (`make test-site`): the notebook is exported as `make site` exports one
  (docs/_ext/site_explorers.py, in a forked process), its explorers put on a page as site_notebooks.py writes
  them, with the built site's explorers.js and site.css. In Chromium, with every host but 127.0.0.1 blocked, two left-arrow presses on each range input
  change the picture (its pixels), the alt text (the caption of that step is in it) and the read-out;
  two right-arrow presses bring back what was there.
"""

import functools
import http.server
import json
import multiprocessing
import shutil
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

import lab
from test_site_explorers import LOADED_JS, STATE_JS
from test_sliders import move_every_slider, slider_state

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
NAME = "backprop_scratch.ipynb"
SETUP = "%matplotlib widget\nimport numpy as np\n\nimport nnlib\n\nr = np.random.default_rng(18)"
LAYER = ("x, w, b, y = r.normal(size=3), r.normal(size=(3, 2)), r.normal(size=2), r.uniform(size=2)\n"
         "layer = nnlib.explore_backprop(nnlib.graph_layer(x, y, w, b))\nlayer")
LAYERS = ("X5, y5 = r.random((5, 64)), nnlib.one_hot(np.arange(5))\n"
          "network = nnlib.explore_backprop(nnlib.graph_layers(X5, y5, nnlib.random_layers(r, [64, 16, 12, 10])))\n"
          "network")
CELLS = {"layer": LAYER, "network": LAYERS}


def scratch_notebook(outputs=None):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# The backpropagation picture"), nbformat.v4.new_code_cell(SETUP)]
    nb.cells += [nbformat.v4.new_code_cell(source, outputs=(outputs or {}).get(name, []))
                 for name, source in CELLS.items()]
    return nb


# --- JupyterLab ------------------------------------------------------------------------------------------

def kernel_state(kernel, name):
    """The kernel's explorer ``name``: its step, the caption it shows, and the caption of that step in its plan."""
    values = kernel.evaluate(step=f"{name}.values['step']", caption=f"{name}.artists['caption'].get_text()",
                             expected=f"{name}._update.args[1].captions[{name}.values['step']]")
    return values["step"], values["caption"], values["expected"]


def test_two_key_presses_walk_the_kernels_explorer_back_and_every_slider_moves(page, server, artifacts):
    nbformat.write(scratch_notebook(), server.root / NAME)
    try:
        lab.open_and_run(page, server, NAME)
        errors = lab.error_outputs(page)
        assert not errors, "\n".join(errors)
        sliders = page.locator(lab.SLIDER)
        assert sliders.count() == len(CELLS)
        with server.kernel(NAME) as kernel:
            for index, name in enumerate(CELLS):
                slider = sliders.nth(index)
                canvas, handle = lab.figure_of(slider), slider.locator(".noUi-handle")
                step, caption, _ = kernel_state(kernel, name)
                assert slider_state(slider)["value"] == step == slider_state(slider)["max"], "it opens at the last step"
                pixels = lab.settled_hash(page, canvas)
                handle.focus()
                page.keyboard.press("ArrowLeft")
                page.keyboard.press("ArrowLeft")
                deadline = time.monotonic() + lab.TIMEOUT_MS / 1000
                while kernel_state(kernel, name)[0] != step - 2 and time.monotonic() < deadline:
                    time.sleep(0.05)
                now, shown, expected = kernel_state(kernel, name)
                assert now == step - 2 and shown == expected != caption, (name, now, shown)
                lab.wait_for_repaint(page, canvas, pixels)
            failures, owners = move_every_slider(page, kernel, sliders, NAME, artifacts)
        assert not failures, "\n".join(failures)
        assert len(owners) == len(CELLS)
    finally:
        server.close_session(NAME)


# --- The website ------------------------------------------------------------------------------------------

def stored_outputs():
    """The outputs each explorer cell stores when it runs in JupyterLab: the widget view and its picture."""
    import matplotlib.pyplot as plt

    namespace = {}
    exec(SETUP.split("\n", 1)[1], namespace)
    outputs = {}
    for name, source in CELLS.items():
        exec(source, namespace)
        bundle = namespace[name]._repr_mimebundle_()
        data = {"image/png": bundle["image/png"], "text/plain": bundle["text/plain"],
                "application/vnd.jupyter.widget-view+json": {"model_id": "0" * 32, "version_major": 2,
                                                             "version_minor": 0}}
        outputs[name] = [nbformat.v4.new_output("execute_result", data=data, execution_count=1)]
    plt.close("all")
    return outputs


@pytest.fixture(scope="module")
def page_of_explorers(tmp_path_factory, site):
    """A page holding the scratch notebook's explorers, as the site builds them, served on 127.0.0.1.

    It uses the built site (the ``site`` fixture: `make site`, which installs what site_notebooks.py needs)
    for its explorers.js and site.css, and is a ``site`` test: `make test-site` runs it."""
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    import site_explorers
    import site_notebooks

    folder = tmp_path_factory.mktemp("backprop-site")
    notebook = folder / NAME
    nbformat.write(scratch_notebook(stored_outputs()), notebook)
    with multiprocessing.get_context("fork").Pool(1, maxtasksperchild=1) as pool:   # as `make site` runs it
        _, error = pool.apply(site_explorers._export_into, (notebook, folder / "export"))
    assert error is None, error
    manifest = json.loads((folder / "export" / "manifest.json").read_text())
    assert manifest["problems"] == []
    widgets = [widget for cell in manifest["cells"].values() for widget in cell["widgets"]]
    assert [widget["kind"] for widget in widgets] == ["frames"] * len(CELLS)
    for asset in ("explorers.js", "site.css"):
        shutil.copy(site / "_static" / asset, folder)
    body = "".join(site_notebooks.explorer_html(widget, "export/", f"explorer-{i}") for i, widget in enumerate(widgets))
    (folder / "index.html").write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Backprop'
                                       f'</title><link rel="stylesheet" href="site.css"></head><body><main>{body}</main>'
                                       f'<script src="explorers.js"></script></body></html>')
    handler = functools.partial(type("Quiet", (http.server.SimpleHTTPRequestHandler,),
                                     {"log_message": lambda *args: None}), directory=folder)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/index.html", widgets
    httpd.shutdown()
    httpd.server_close()


def test_on_the_website_the_range_input_swaps_the_pictures_of_the_steps(offline_page, page_of_explorers):
    url, widgets = page_of_explorers
    page = offline_page
    page.goto(url, wait_until="load")
    page.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
    explorers = page.locator(".explorer")
    assert explorers.count() == len(CELLS)
    for i, widget in enumerate(widgets):
        explorer, slider = explorers.nth(i), explorers.nth(i).locator("input[type=range]")
        last = len(widget["frames"]) - 1
        assert slider.get_attribute("max") == str(last) and slider.input_value() == str(last)
        slider.focus()

        def state():
            explorer.locator(".explorer-frame").evaluate("f => f.decode()")
            return explorer.evaluate(STATE_JS)

        start = state()
        for key, step in [("ArrowLeft", last - 1), ("ArrowLeft", last - 2), ("ArrowRight", last - 1),
                          ("ArrowRight", last)]:
            src = state()["src"]
            page.keyboard.press(key)
            page.wait_for_function(LOADED_JS, arg=[explorer.element_handle(), src])
            now = state()
            assert now["readouts"] == [str(step)] and now["values"] == [str(step)]
            assert now["alt"] == widget["frames"][step], "the alt text is that step's"
            if step == last:
                assert now == start, "back at the last step: the same picture"
            else:
                assert now["pixels"] != start["pixels"] and now["alt"] != start["alt"]
    assert page.outside == [] and page.failed == [] and page.errors == [], (page.outside, page.failed, page.errors)
