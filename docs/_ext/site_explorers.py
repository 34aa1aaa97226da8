"""Explorers that move on the site with no kernel: each one rebuilt at build time and exported as pictures.

A notebook's explorer (``nnlib.Explorer``: sliders over one figure) needs a kernel to move. At build time
this extension runs each notebook's code again, collects the explorers it displays, and exports each one
with site_pictures.py: the figure without its moving artists as a background, and for each combination
of slider values a frame, what differs from the background (cropped to its box, lossless WebP).
``site_notebooks.read`` then puts plain ``<input type="range">`` elements over the stacked pictures, and
_static/explorers.js swaps the frame as a slider moves. The pictures are drawn by the explorers' own
``draw_*`` / ``update_*`` code, and stacked they are what ``savefig`` draws, pixel for pixel.

Where the work lives. An explorer says how its figure is drawn (``Explorer.drawing()``: which artists
move, in which order a full draw paints them, and the ``update`` that moves them); site_pictures.py
draws a background and frames from that and gives plain RGBA arrays. Everything else about the site
(running the notebooks, files, WebP, a cache, HTML) is here and in site_notebooks.py. None of it is in
nnlib: a learner's ``import nnlib`` loads nothing the notebooks do not need.

How an explorer is rebuilt. The notebooks are not executed for the pages (conf.py), and an explorer
cannot be rebuilt from its stored output: its data, its update function and its state come from the
cells above it (notebook 00 even writes its own ``update``). So each notebook's code cells run again,
in order, in a fresh process: an IPython shell inside that process, with matplotlib's Agg backend for
``%matplotlib widget`` (what the ipympl canvas draws with too). Every object a cell displays as a
widget is caught on its way to the display formatter and matched, in order, to the widget outputs
stored in that cell; each explorer is exported right after its cell ran, in the state the notebook
showed it, before later cells move its sliders. Measured here (2 shared cores, medians of 3, notebooks
03 and 06): run by a Jupyter kernel (nbconvert --execute) 8.0 and 8.5 s; the same code in a fresh
Python process 6.2 and 6.6 s, of which about 4 s are imports that a worker forked from this process
does not repeat. A kernel would also have to export the explorers itself and hand files back; in this
process the Explorer objects are simply there.

Speed. Notebooks run in parallel processes, one per core, each forked fresh from this one after the
heavy imports; the result of each notebook (pictures and a manifest) is cached in docs/_build/explorers
under a hash of everything it depends on (the notebook, nnlib's and this file's source, the library
versions), so a build where none of that changed renders nothing.

The paint pad. Notebook 10's pad (``nnlib.DigitPad``) is painted with the mouse (on the page, with the
keys too): no set of pictures can hold every grid a reader may paint. So the page paints and computes by itself (_static/digit-pad.js):
``site_pictures.digit_pad`` gives what the figure draws under the grid, the bars and the title and what
it draws over them (the axes, the cells' borders), where and in which colours it draws them, and the
network of every epoch the pad's slider offers; here its weights become one file,
network.js, as float32 in base64 (a script, not data to fetch: the site also works opened from disk).
Float32 moves the ten outputs by about 1e-7 (checked at build time, ``float32_error``: at most 1e-5),
far below the two decimals the pad shows.

What cannot move. Any other explorer that listens to the mouse, or a widget that is not an Explorer,
keeps its stored picture, with alt text, and says where it moves (site_notebooks.py). A cell that fails
at build time, or an explorer whose rebuilt picture differs from the picture the notebook stored, is a
Sphinx warning: the notebook and nnlib disagree; `make notebooks` re-runs the notebooks.
"""

import base64
import contextlib
import hashlib
import importlib.metadata
import io
import json
import math
import multiprocessing
import os
import re
import shutil
import time
import traceback
import warnings
from pathlib import Path

import nbformat

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
CACHE = DOCS / "_build" / "explorers"     # one folder per notebook state, named by its hash
SITE_FOLDER = "_explorers"                # where the pictures go in the built site
ROOT_MARK = "@@site-root@@/"              # in the pages' HTML; becomes the page's relative path to the site root
VIEW = "application/vnd.jupyter.widget-view+json"
# At most this many frames per explorer: all values of a one-slider explorer up to 441, 21 per slider for two.
MOST_FRAMES = 441
# Lossless WebP: pixel for pixel the PNG the frame was rendered to, at about half its size. Each frame is
# cropped to what it draws (a box on the background): half the pixels to encode, and to decode in the page.
WEBP = {"format": "WEBP", "lossless": True, "quality": 50, "method": 3}
# The rebuilt first picture is the stored one pixel for pixel when the notebook ran with this nnlib; another
# FreeType may shade the edges of some letters differently: at most this share of pixels may differ.
MOST_DIFFERENT = 0.002
# A pad's weights are float32 on the site: at most this change in any of its outputs is accepted.
MOST_FLOAT32_ERROR = 1e-5
NETWORK_JS = """// The paint pad's networks, one per epoch of its slider; in each, layer by layer, w (row by row)
// then b. float32, little-endian, in base64. Written by docs/_ext/site_explorers.py, read by
// _static/digit-pad.js.
document.currentScript.weights = "{}";
"""
MOUSE_EVENTS = ("button_press_event", "button_release_event", "motion_notify_event", "scroll_event", "pick_event")
DEPENDS_ON = ("numpy", "matplotlib", "ipywidgets", "ipython", "pillow", "nbformat")

EXPORTS = {}      # sha256 of a notebook's text -> its manifest (site_notebooks.read looks it up)


def notebooks(srcdir):
    """Every notebook of the site (docs/notebooks links to ../notebooks: followed), not those in _build."""
    found = []
    for folder, subfolders, files in os.walk(srcdir, followlinks=True):
        subfolders[:] = [name for name in subfolders if not name.startswith(("_", "."))]
        found += [Path(folder, name) for name in files if name.endswith(".ipynb")]
    return sorted(found)


def text_key(text):
    return hashlib.sha256(text.encode()).hexdigest()


def code_key():
    """Everything besides the notebook that an export depends on: nnlib's source, this file and
    site_pictures.py, the libraries."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "nnlib").rglob("*.py")) + [Path(__file__), Path(__file__).with_name("site_pictures.py")]:
        digest.update(path.read_bytes())
    for name in DEPENDS_ON:
        digest.update(f"{name}={importlib.metadata.version(name)}".encode())
    return digest.hexdigest()


def exported(text):
    """The manifest of the notebook with this text, or None when it was not exported."""
    return EXPORTS.get(text_key(text))


# --- Sphinx ----------------------------------------------------------------------------------------

def plan(app, config):
    """Name each notebook's export by a hash of all it depends on. When an export or the HTML made of it
    (site_notebooks.py) changes, this config value changes, and Sphinx reads every page again."""
    common = code_key()
    app.site_explorers = {path: hashlib.sha256((common + text_key(path.read_text())).encode()).hexdigest()[:16]
                          for path in notebooks(app.srcdir)}
    pages = Path(__file__).with_name("site_notebooks.py").read_text()
    config.site_explorers_key = text_key(" ".join([*sorted(app.site_explorers.values()), text_key(pages)]))


def export_all(app):
    """Export every notebook not in the cache, in parallel processes, then load every manifest."""
    from sphinx.util import logging        # here: the export itself runs without Sphinx (tests/test_site_export.py)

    logger = logging.getLogger(__name__)
    todo = [(path, CACHE / key) for path, key in app.site_explorers.items() if not (CACHE / key / "manifest.json").exists()]
    if todo:
        logger.info(f"site_explorers: exporting the explorers of {len(todo)} notebook(s)")
        CACHE.mkdir(parents=True, exist_ok=True)
        timings = CACHE / "seconds.json"     # how long each notebook took last time: the longest start first
        seconds = json.loads(timings.read_text()) if timings.exists() else {}
        todo.sort(key=lambda task: -seconds.get(task[0].name, math.inf))
        _preload()
        processes = min(len(todo), len(os.sched_getaffinity(0)))
        # fork: each notebook gets a fresh process that already has numpy, matplotlib and nnlib imported;
        # maxtasksperchild=1: no notebook sees another's variables, figures or imports.
        with multiprocessing.get_context("fork").Pool(processes, maxtasksperchild=1) as pool:
            for (path, _), (took, error) in zip(todo, pool.starmap(_export_into, todo, chunksize=1)):
                seconds[path.name] = round(took, 1)
                if error:
                    logger.warning(f"site_explorers: {error}")
        timings.write_text(json.dumps(seconds, indent=1))
    for path, key in app.site_explorers.items():
        manifest_path = CACHE / key / "manifest.json"
        if not manifest_path.exists():
            continue
        manifest = json.loads(manifest_path.read_text())
        manifest["folder"] = key
        EXPORTS[text_key(path.read_text())] = manifest
        for problem in manifest["problems"]:
            logger.warning(f"{path.relative_to(ROOT)}: {problem}")
        os.utime(CACHE / key)           # used now: kept by the clean-up below
    _clean_cache(keep=set(app.site_explorers.values()))


def _clean_cache(keep, days=7):
    """Forget exports unused for a week (a build uses the current ones; another build may use older ones)."""
    for folder in CACHE.glob("*") if CACHE.exists() else []:
        if folder.is_dir() and folder.name not in keep and time.time() - folder.stat().st_mtime > days * 86400:
            shutil.rmtree(folder, ignore_errors=True)


def copy_pictures(app, exception):
    """Put the pictures of this build's explorers into the site; drop those of earlier builds."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / SITE_FOLDER
    used = {manifest["folder"] for manifest in EXPORTS.values()}
    for folder in target.glob("*") if target.exists() else []:
        if folder.name not in used:
            shutil.rmtree(folder)
    for name in used:
        if not (target / name).exists():
            shutil.copytree(CACHE / name, target / name, ignore=shutil.ignore_patterns("manifest.json"))


def site_root(app, pagename, templatename, context, doctree):
    """Pages name the pictures from the site root; make that relative to the page (notebooks/03.html: ../)."""
    if "body" in context and ROOT_MARK in context["body"]:
        context["body"] = context["body"].replace(ROOT_MARK, "../" * pagename.count("/"))


def pad_script(app, pagename, templatename, context, doctree):
    """A page with a paint pad also loads the script that paints it (only that page)."""
    if 'class="digit-pad"' in context.get("body", ""):
        app.add_js_file("digit-pad.js", loading_method="defer")


def setup(app):
    app.add_config_value("site_explorers_key", "", "env")   # changes when any export does: the pages are read again
    app.connect("config-inited", plan)
    app.connect("builder-inited", export_all)
    app.connect("html-page-context", site_root)
    app.connect("html-page-context", pad_script)
    app.connect("build-finished", copy_pictures)
    app.add_js_file("explorers.js", loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# --- In the worker process: run one notebook and export what it displays ------------------------------

def _preload():
    """Import what every notebook needs once, here, so each forked worker starts with it."""
    import matplotlib
    matplotlib.use("Agg")
    import IPython.core.interactiveshell  # noqa: F401
    import PIL.Image  # noqa: F401

    import nnlib  # noqa: F401


def _export_into(path, folder):
    """Export ``path`` into ``folder`` (written aside, then renamed: a build running at the same time is safe).

    Returns the seconds it took and an error message, or None.
    """
    started = time.perf_counter()
    partial = folder.with_name(f"{folder.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        manifest = export_notebook(path, partial)
    except Exception:
        shutil.rmtree(partial, ignore_errors=True)
        return time.perf_counter() - started, f"{path.name}: the export failed:\n{traceback.format_exc()}"
    manifest["seconds"] = round(time.perf_counter() - started, 1)
    (partial / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    try:
        partial.rename(folder)
    except OSError:                      # another build got there first, with the same content
        shutil.rmtree(partial, ignore_errors=True)
    return time.perf_counter() - started, None


def export_notebook(path, folder):
    """Run the notebook's code cells in this process and export the widgets each cell displays.

    Returns the manifest: for each code cell with pictures, the alt text of each stored figure and what
    became of each widget output (frames, or a still picture and why); and the problems found.
    """
    import matplotlib
    from IPython.core.interactiveshell import InteractiveShell
    from matplotlib.figure import Figure

    matplotlib.use("Agg")
    warnings.simplefilter("ignore")                 # a cell's warnings are nbval's business, not the pictures'
    nb = nbformat.read(path, as_version=4)
    shell = InteractiveShell.instance()
    shell.enable_matplotlib = lambda gui=None: ("agg", "agg")    # %matplotlib widget: draw with Agg here
    displayed, saved = [], []
    format_data = shell.display_formatter.format

    def catch_widgets(obj, *args, **kwargs):
        data, metadata = format_data(obj, *args, **kwargs)
        if VIEW in data:
            displayed.append(obj)
        return data, metadata

    shell.display_formatter.format = catch_widgets
    savefig = Figure.savefig

    def catch_figures(fig, *args, **kwargs):      # as_picture and an explorer's stored picture both savefig
        saved.append(describe(fig))
        return savefig(fig, *args, **kwargs)

    Figure.savefig = catch_figures
    os.chdir(path.parent)                           # as in Jupyter: a notebook's files are next to it
    manifest, failed = {"notebook": path.name, "cells": {}, "problems": []}, []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        displayed.clear(), saved.clear()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            result = shell.run_cell(cell.source, store_history=False)
        if not result.success:
            error = result.error_in_exec or result.error_before_exec
            failed.append(f"cell {index}: {type(error).__name__}: {error}")
        record = _cell_record(cell, index, displayed, saved, folder, manifest["problems"])
        if record:
            manifest["cells"][str(index)] = record
    if failed:
        manifest["problems"].insert(0, f"{len(failed)} code cell(s) fail at build time: the notebook does not run "
                                        f"with this nnlib (first, {failed[0]})")
    return manifest


def _cell_record(cell, index, displayed, saved, folder, problems):
    """Alt texts for the cell's stored figures, and an export for each of its widget outputs."""
    pngs = [output.data["image/png"] for output in cell.get("outputs", []) if "image/png" in output.get("data", {})]
    views = [output for output in cell.get("outputs", []) if VIEW in output.get("data", {})]
    if not pngs and not views:
        return None
    record = {"figures": [], "widgets": []}
    if len(saved) == len(pngs):
        record["figures"] = [{"png": _digest(png), "alt": alt} for png, alt in zip(pngs, saved)]
    if len(displayed) != len(views):
        problems.append(f"cell {index} displayed {len(displayed)} widget(s) at build time, "
                        f"but its stored outputs hold {len(views)}")
        displayed = [None] * len(views)
    for k, (obj, output) in enumerate(zip(displayed, views)):
        stored = output.data.get("image/png")
        record["widgets"].append(export_widget(obj, stored, folder / f"{index}-{k}", f"cell {index}", problems))
    return record


def export_widget(obj, stored_png, folder, where, problems):
    """Frames for an explorer; for anything else, why it stays a still picture (and its alt text)."""
    import nnlib

    if obj is None:                     # the cell failed, or displayed other widgets than it stored
        return {"kind": "still", "why": "missing", "alt": "A picture of the explorer's first state"}
    if not isinstance(obj, nnlib.Explorer):
        return {"kind": "still", "why": "widget", "alt": "A picture of the widget's first state"}
    alt = describe(obj.fig, moving=obj.drawing().moving)
    if isinstance(obj, nnlib.DigitPad):
        return export_pad(obj, folder, alt, where, problems)
    if _listens_to_mouse(obj.fig):
        return {"kind": "still", "why": "mouse", "alt": alt}
    try:
        return export_frames(obj, folder, alt, stored_png, where, problems)
    except TypeError as error:          # a slider whose values cannot be listed
        problems.append(f"{where}: explorer stays a still picture: {error}")
        return {"kind": "still", "why": "sliders", "alt": alt}


def export_frames(explorer, folder, alt, stored_png, where, problems):
    """The background and one frame per combination of slider values, as lossless WebP files in ``folder``."""
    import numpy as np
    from PIL import Image

    import site_pictures as export

    most = math.floor(MOST_FRAMES ** (1 / len(explorer.sliders)) + 1e-9)
    steps = {name: export.slider_steps(slider, most) for name, slider in explorer.sliders.items()}
    folder.mkdir()
    background = export.background(explorer)
    Image.fromarray(background).save(folder / "background.webp", **WEBP)
    start = {name: explorer.values[name] for name in steps}
    readouts, boxes = [], []
    values_only = {name: [value for value, _ in step] for name, step in steps.items()}
    for i, (values, picture, texts) in enumerate(export.frames(explorer, values_only)):
        x, y, w, h = _drawn_box(picture)      # a frame is mostly transparent: keep the box that is not
        Image.fromarray(picture[y:y + h, x:x + w]).save(folder / f"{i}.webp", **WEBP)
        boxes.append([x, y, w, h])
        readouts.append(frame_alt(explorer, steps, values, texts))
        if values == start:
            first = picture
    sliders = [{"name": name, "label": _plain(explorer.sliders[name].description or name),
                "readouts": [readout for _, readout in step],
                "start": [value for value, _ in step].index(start[name])}
               for name, step in steps.items()]
    difference = _difference(background, first, stored_png)
    if difference > MOST_DIFFERENT:
        problems.append(f"{where}: the explorer rebuilt at build time does not draw the picture the notebook "
                        f"stored ({difference:.1%} of the pixels differ); re-run the notebook (make notebooks)")
    height, width = background.shape[:2]
    return {"kind": "frames", "folder": folder.name, "width": width, "height": height, "alt": alt,
            "sliders": sliders, "frames": readouts, "boxes": boxes, "difference": round(difference, 5),
            "bytes": sum(path.stat().st_size for path in folder.iterdir())}


def export_pad(pad, folder, alt, where, problems):
    """A paint pad: what is drawn under and over its grid and bars (WebP), its networks (network.js), and
    what the page needs to draw the grid, the bars and the title between the two."""
    import numpy as np
    from PIL import Image

    import site_pictures as export

    exported = export.digit_pad(pad)
    folder.mkdir()
    Image.fromarray(exported["under"]).save(folder / "background.webp", **WEBP)
    Image.fromarray(exported["over"]).save(folder / "over.webp", **WEBP)
    networks = exported["networks"]
    weights = np.concatenate([part.ravel() for network in networks for layer in network for part in layer])
    (folder / "network.js").write_text(NETWORK_JS.format(base64.b64encode(weights.astype("<f4").tobytes()).decode()))
    error = _float32_error(networks, exported["grid"], exported["output"])
    if error > MOST_FLOAT32_ERROR:
        problems.append(f"{where}: the pad's outputs change by {error:.1e} when its weights are stored as float32")
    (slider,) = pad.sliders.values()
    height, width = exported["under"].shape[:2]
    return {"kind": "pad", "folder": folder.name, "width": width, "height": height, "alt": alt,
            "slider": {"name": next(iter(pad.sliders)), "label": _plain(slider.description or "epoch"),
                       "readouts": [readout for _, readout in exported["epochs"]], "start": exported["start"]},
            "sizes": [networks[0][0][0].shape[0], *(w.shape[1] for w, _ in networks[0])], "output": exported["output"],
            "grid": exported["grid"].ravel().tolist(), "drawing": exported["drawing"], "float32_error": error,
            "bytes": sum(path.stat().st_size for path in folder.iterdir())}


def _float32_error(networks, grid, output):
    """The largest change in any output when the weights are float32: for the pad's first grid, an empty one
    and one full of ink, at every epoch."""
    import numpy as np

    from nnlib import layers

    grids = np.stack([grid.ravel(), np.zeros(64), np.ones(64)])
    return max(float(np.abs(layers.forward_layers(grids, [(w.astype(np.float32), b.astype(np.float32)) for w, b in net],
                                                  output) - layers.forward_layers(grids, net, output)).max())
               for net in networks)


def _drawn_box(picture):
    """(x, y, width, height) of the frame's pixels that are not transparent; one pixel when none is."""
    import numpy as np

    rows, columns = np.flatnonzero(picture[..., 3].any(axis=1)), np.flatnonzero(picture[..., 3].any(axis=0))
    if not len(rows):
        return 0, 0, 1, 1
    return int(columns[0]), int(rows[0]), int(columns[-1] - columns[0] + 1), int(rows[-1] - rows[0] + 1)


def frame_alt(explorer, steps, values, texts):
    """What a frame shows: the explorer's own read-out where it has one, else the slider values."""
    if texts:
        return "; ".join(" ".join(line.split()) for text in texts for line in text.splitlines() if line.strip())
    readouts = {name: dict(step)[values[name]] for name, step in steps.items()}
    return ", ".join(f"{_plain(explorer.sliders[name].description or name)} = {readouts[name]}" for name in steps)


def _difference(background, frame, stored_png):
    """Share of pixels where background + frame and the stored picture differ by more than antialiasing."""
    import numpy as np
    from PIL import Image

    if stored_png is None:
        return 0.0
    stored = np.asarray(Image.open(io.BytesIO(base64.b64decode("".join(stored_png.split())))).convert("RGB"))
    alpha = frame[..., 3:] / 255
    stacked = frame[..., :3] * alpha + background[..., :3] * (1 - alpha)
    if stacked.shape != stored.shape:
        return 1.0
    return float(np.mean(np.abs(stacked - stored).max(axis=2) > 16))


def _listens_to_mouse(fig):
    """Whether code outside matplotlib reacts to the mouse on this figure (a paint pad does; sliders do not)."""
    for event in MOUSE_EVENTS:
        for reference in fig.canvas.callbacks.callbacks.get(event, {}).values():
            function = reference()
            if function is not None and not getattr(function, "__module__", "").startswith("matplotlib"):
                return True
    return False


def _digest(png):
    return hashlib.sha256(base64.b64decode("".join(png.split()))).hexdigest()


# --- Alt text from a figure's own words ---------------------------------------------------------------

TEX = {"sigma": "σ", "eta": "η", "alpha": "α", "beta": "β", "delta": "δ", "partial": "∂", "cdot": "·",
       "times": "×", "to": "→", "rightarrow": "→", "approx": "≈", "leq": "≤", "geq": "≥", "nabla": "∇"}


def _plain(text):
    """Mathtext to plain words for alt text: "$o = \\sigma(xw + b)$" -> "o = σ(xw + b)", "$x_1$" -> "x1"."""
    text = re.sub(r"\\(mathrm|mathbf|mathit|text)\{([^}]*)\}", r"\2", text)
    text = re.sub(r"\\([A-Za-z]+)", lambda m: TEX.get(m.group(1), m.group(1)), text)
    text = re.sub(r"_\{([^}]*)\}|_(\w)", lambda m: m.group(1) or m.group(2), text)
    return " ".join(text.replace("$", "").replace("{", "").replace("}", "").split())


def describe(fig, moving=()):
    """Alt text for a figure, in its own words: each panel's title, axes, key and texts (not those in ``moving``)."""
    panels = [_describe_axes(ax, moving) for ax in fig.axes if ax.get_visible()]
    panels = [panel for panel in panels if panel]
    if not panels:
        return "Figure (no title, labels or text on it)"
    if len(panels) == 1:
        return f"Figure: {panels[0]}"
    names = ["Left", "Right"] if len(panels) == 2 else [f"Panel {i + 1}" for i in range(len(panels))]
    return f"Figure with {len(panels)} panels. " + " ".join(f"{n}: {p}" for n, p in zip(names, panels))


def _describe_axes(ax, moving):
    words = []
    if ax.get_title() and ax.title not in moving:
        words.append(f"{_plain(ax.get_title())}.")
    x, y = _plain(ax.get_xlabel()), _plain(ax.get_ylabel())
    if ax.axison and (x or y):
        words.append(f"{y or 'values'} against {x or 'position'}.")
    legend = ax.get_legend()
    if legend is not None:
        words.append("Key: " + "; ".join(_plain(t.get_text()) for t in legend.get_texts()) + ".")
    texts = [_plain(t.get_text()) for t in ax.texts if t not in moving and t.get_visible() and t.get_text().strip()]
    if texts:
        words.append("Text: " + "; ".join(texts) + ".")
    return " ".join(words)
