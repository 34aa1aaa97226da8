"""How the site reads a notebook: the committed file with its stored outputs, and what a page needs changed.

myst-nb calls :func:`read` for every ``.ipynb`` (``nb_custom_formats`` in conf.py); nothing is executed
here. Two changes, both from what site_explorers.py made of the notebook at build time:

- Each explorer's widget output (sliders above an ipympl canvas, which needs a kernel) becomes an explorer
  that moves on the page: one ``<input type="range">`` per slider, with its label and read-out, over the
  figure's background and the frame of the current slider values (_static/explorers.js swaps the frame).
- The paint pad becomes a pad on the page: the range input, the picture of what the figure draws under its
  grid, bars and title, a canvas over it that _static/digit-pad.js paints them on (and over them, the
  picture of what the figure draws over them), and a Clear button. The picture the notebook stored stays
  in place until the script has what it needs (it is what a reader without JavaScript sees).
- A widget that cannot move without a kernel (a widget that is not an explorer, an explorer that listens
  to the mouse in another way, an explorer that could not be rebuilt) shows the picture it stored, with
  alt text and a line saying where it moves.

Every figure gets alt text in its own words (its title, axes, key: site_explorers.describe), by the
digest of its PNG, which is also the name myst-nb gives its image file (:func:`figure_alts`). When no
widget is left on a page, its widget state goes too, so the page loads no widget JavaScript.
"""

import html
import json
from pathlib import PurePosixPath

import nbformat
from docutils import nodes

import site_explorers

STATE = "application/vnd.jupyter.widget-state+json"
VIEW = "application/vnd.jupyter.widget-view+json"
ALTS = {}             # sha256 of a PNG -> its alt text, for figure_alts
FALLBACK_ALT = "A figure drawn by the code above"
STILL_NOTE = {
    "mouse": "A picture of the first state: drawing on it needs Python running.",
    "script": "A picture of the first state: painting on it needs JavaScript.",
    "widget": "A picture of the first state: this widget needs Python running.",
    "sliders": "A picture of the first state: these sliders need Python running.",
    "missing": "A picture of the first state: this explorer could not be rebuilt for the website.",
}
LAUNCH = " The rocket button at the top of the page opens this notebook on Binder, where it runs."


def read(text):
    nb = nbformat.reads(text, as_version=4)
    manifest = site_explorers.exported(text)
    if manifest is None:
        return nb
    for index, cell in enumerate(nb.cells):
        record = manifest["cells"].get(str(index), {"figures": [], "widgets": []})
        for figure in record["figures"]:
            ALTS[figure["png"]] = figure["alt"]
        if cell.cell_type == "code":
            cell.outputs = replace_widgets(cell.outputs, iter(record["widgets"]), index, manifest["folder"])
    if not any(VIEW in output.get("data", {}) for cell in nb.cells for output in cell.get("outputs", [])):
        nb.metadata.pop("widgets", None)     # no widget left: the page needs no widget JavaScript
    return nb


def replace_widgets(outputs, widgets, index, folder):
    """The cell's outputs, each widget output with a stored picture replaced by a moving explorer or that picture."""
    new = []
    for k, output in enumerate(outputs):
        data = output.get("data", {})
        if VIEW not in data:
            new.append(output)
            continue
        export = next(widgets, {"kind": "still", "why": "missing", "alt": "A picture of the explorer's first state"})
        where = f"{site_explorers.ROOT_MARK}{site_explorers.SITE_FOLDER}/{folder}/"
        if export["kind"] == "frames":
            new.append(_html(explorer_html(export, where, f"explorer-{index}-{k}")))
        elif export["kind"] == "pad" and "image/png" in data:
            new.append(_html(pad_html(export, where, f"pad-{index}-{k}", "".join(data["image/png"].split()))))
        elif "image/png" in data:
            new.append(_html(still_html(export, "".join(data["image/png"].split()))))
        else:
            new.append(output)               # a widget with no picture: the widget manager draws it, as before
    return new


def _html(text):
    return nbformat.v4.new_output("display_data", data={"text/html": text})


def still_html(export, png):
    """The stored picture, its alt text, and a line saying where it moves."""
    return (f'<figure class="explorer-still" data-why="{export["why"]}">'
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(export["alt"])}">'
            f'<figcaption>{html.escape(STILL_NOTE[export["why"]] + LAUNCH)}</figcaption></figure>')


def explorer_html(export, folder, name):
    """Range inputs with labels and read-outs over the stacked background and frame (see _static/explorers.js)."""
    sliders, index = [], 0
    for slider in export["sliders"]:
        index = index * len(slider["readouts"]) + slider["start"]   # the frame of the start values
        start = html.escape(slider["readouts"][slider["start"]])
        field = f'{name}-{slider["name"]}'
        sliders.append(
            f'<div class="explorer-slider"><label for="{field}">{html.escape(slider["label"])}</label>'
            f'<input type="range" id="{field}" min="0" max="{len(slider["readouts"]) - 1}" step="1" '
            f'value="{slider["start"]}" aria-valuetext="{start}"><output for="{field}">{start}</output></div>')
    width, height = export["width"], export["height"]
    data = {"readouts": [slider["readouts"] for slider in export["sliders"]], "alts": export["frames"],
            "boxes": export["boxes"], "width": width, "height": height}
    source = f'{folder}{export["folder"]}/'
    x, y, w, h = export["boxes"][index]
    return (
        f'<div class="explorer" data-frames="{html.escape(source)}">'
        f'<div class="explorer-sliders">{"".join(sliders)}</div>'
        f'<div class="explorer-picture" style="max-width: {width}px">'
        f'<img class="explorer-background" src="{html.escape(source)}background.webp" width="{width}" '
        f'height="{height}" alt="{html.escape(export["alt"])}">'
        f'<img class="explorer-frame" src="{html.escape(source)}{index}.webp" width="{w}" height="{h}" '
        f'style="{frame_style(export["boxes"][index], width, height)}" alt="{html.escape(export["frames"][index])}">'
        f'</div><script type="application/json" class="explorer-data">{_json_in_html(data)}</script></div>')


def pad_html(export, folder, name, png):
    """The paint pad: its slider, a canvas over the picture of what is under the grid and the bars, the grid
    (painted with the mouse or the keys) and the bars as named boxes over both, Clear, a line on the keys,
    and a line that screen readers say as the keys paint.

    The stored picture shows until _static/digit-pad.js has loaded the pad's networks and swaps in the pad.
    """
    slider, drawing = export["slider"], export["drawing"]
    width, height, source = export["width"], export["height"], html.escape(f'{folder}{export["folder"]}/')
    start, field = html.escape(slider["readouts"][slider["start"]]), f"{name}-{slider['name']}"
    data = {key: export[key] for key in ("width", "height", "sizes", "output", "grid", "drawing")}
    data["readouts"] = slider["readouts"]
    still = {"why": "script", "alt": export["alt"]}
    return (
        f'<div class="digit-pad" data-weights="{source}network.js" data-over="{source}over.webp">'
        f'{still_html(still, png)}<div class="digit-pad-live" hidden>'
        f'<div class="explorer-slider"><label for="{field}">{html.escape(slider["label"])}</label>'
        f'<input type="range" id="{field}" min="0" max="{len(slider["readouts"]) - 1}" step="1" '
        f'value="{slider["start"]}" aria-valuetext="{start}"><output for="{field}">{start}</output></div>'
        f'<div class="digit-pad-picture" style="max-width: {width}px">'
        f'<img src="{source}background.webp" width="{width}" height="{height}" alt="{html.escape(export["alt"])}">'
        f'<canvas width="{width}" height="{height}" aria-hidden="true"></canvas>'
        f'<div class="digit-pad-grid" role="application" tabindex="0" aria-label="the digit pad" '
        f'style="{box_style(drawing["cells"], width, height)}"></div>'
        f'<div class="digit-pad-bars" role="img" aria-label="the network\'s ten outputs" '
        f'style="{box_style(drawing["bars_box"], width, height)}"></div></div>'
        f'<button type="button" class="digit-pad-clear">Clear</button>'
        f'<p class="digit-pad-keys">Or with the keys: tab to the grid; arrows move, space paints, '
        f'shift with an arrow paints a stroke.</p>'
        f'<p class="digit-pad-status" aria-live="polite"></p></div>'
        f'<script type="application/json" class="digit-pad-data">{_json_in_html(data)}</script></div>')


def box_style(box, width, height):
    """A box (x, y, width, height in pixels of the picture) laid on it, in percent: it scales with the picture."""
    x, y, w, h = box
    return (f"left: {100 * x / width:.6g}%; top: {100 * y / height:.6g}%; "
            f"width: {100 * w / width:.6g}%; height: {100 * h / height:.6g}%")


def frame_style(box, width, height):
    """Where a frame's box lies on the background, in percent: it scales with the picture (as explorers.js does)."""
    x, y, w, _ = box
    return f"left: {100 * x / width:.6g}%; top: {100 * y / height:.6g}%; width: {100 * w / width:.6g}%"


def _json_in_html(data):
    """JSON inside a <script>: no "</" may end it early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def figure_alts(app, doctree):
    """Each notebook figure's image gets its alt text (myst-nb names the file by the PNG's sha256)."""
    for image in doctree.findall(nodes.image):
        name = PurePosixPath(image["uri"])
        if name.suffix == ".png" and len(name.stem) == 64:
            image["alt"] = ALTS.get(name.stem, FALLBACK_ALT)
