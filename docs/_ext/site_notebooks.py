"""How the site reads a notebook: the committed file with its stored outputs, and one change for a page.

myst-nb calls :func:`read` for every ``.ipynb`` (``nb_custom_formats`` in conf.py); nothing is executed.

An explorer's output holds the live widget (sliders above an ipympl canvas) and a PNG of its first
state. A page has no kernel to draw the canvas, so the stored PNG goes into the canvas model's
``_data_url``, which ipympl's front end shows when no kernel is connected: the picture appears under
the sliders, as in JupyterLab. The sliders are disabled, since nothing would redraw; site.css adds a
line pointing to the launch button.
"""

import re

import nbformat

STATE = "application/vnd.jupyter.widget-state+json"
VIEW = "application/vnd.jupyter.widget-view+json"


def read(text):
    nb = nbformat.reads(text, as_version=4)
    models = nb.metadata.get("widgets", {}).get(STATE, {}).get("state", {})
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if VIEW in data and "image/png" in data:
                show_picture(models, data[VIEW]["model_id"], data["image/png"])
    return nb


def descendants(models, model_id):
    """The model ``model_id`` and every model its state refers to (``IPY_MODEL_<id>``), once each."""
    found, todo = [], [model_id]
    while todo:
        current = todo.pop()
        if current in found or current not in models:
            continue
        found.append(current)
        todo.extend(re.findall(r"IPY_MODEL_([0-9a-f]+)", str(models[current]["state"])))
    return found


def show_picture(models, view_id, png):
    """Put the stored PNG into the view's one ipympl canvas, and disable its sliders."""
    tree = [models[m] for m in descendants(models, view_id)]
    canvases = [m for m in tree if m["model_name"] == "MPLCanvasModel"]
    if len(canvases) != 1 or canvases[0]["state"].get("_data_url"):
        return
    canvases[0]["state"]["_data_url"] = "data:image/png;base64," + "".join(png.split())
    for model in tree:
        if model["model_name"].endswith("SliderModel"):
            model["state"]["disabled"] = True
