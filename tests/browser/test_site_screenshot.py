"""The static site in Chromium with every other host blocked: math typeset, figures loaded, explorers drawn.

`make site` builds the site into a temporary folder; a tiny http.server serves it on 127.0.0.1; every
request for another host is aborted (and counted: there must be none). Screenshots of each page's top
and of each explorer go to test-artifacts/browser/site/ (or $BROWSER_ARTIFACTS/site/) for a person to look at.
That the explorers move, and axe-core's verdict on every page: tests/browser/test_site_explorers.py.
"""

import base64
import io
import re
from pathlib import Path

import nbformat
import pytest
from PIL import Image

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# The pages that show a document of the repository, and that document.
DOCUMENTS = {"index.html": "README.md", "symbols.html": "README.md", "contributing.html": "CONTRIBUTING.md",
             "bench.html": "bench/README.md"}
PAGES = [*DOCUMENTS] + [f"notebooks/{notebook.stem}.html" for notebook in NOTEBOOKS]
VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def shots(artifacts):
    folder = artifacts / "site"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def has_math(name):
    """Whether the page's source has formulas: the README's symbol table does, and most notebooks."""
    notebook = ROOT / name.replace(".html", ".ipynb")
    if not notebook.exists():
        prose = re.sub(r"```.*?```|`[^`]*`", "", (ROOT / DOCUMENTS[name]).read_text(), flags=re.S)
        return "$" in prose
    return any("$" in cell.source for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "markdown")


def stored_explorer_pngs(name):
    """The PNG each explorer stored for static viewers, in page order: (width, height) of each."""
    notebook = ROOT / name.replace(".html", ".ipynb")
    if not notebook.exists():
        return []
    sizes = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if VIEW in data and "image/png" in data:
                sizes.append(Image.open(io.BytesIO(base64.b64decode("".join(data["image/png"].split())))).size)
    return sizes


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_offline(offline_page, site_server, shots, name):
    page = offline_page
    page.outside.clear(), page.failed.clear(), page.errors.clear()
    page.goto(site_server + name, wait_until="load")
    stem = name.replace("/", "_").removesuffix(".html")

    # Math: MathJax (from the site) typeset every formula, none with a TeX error.
    if page.locator("article .math").count():
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("() => MathJax.startup.promise")
    math = page.evaluate("""() => {
        const spans = [...document.querySelectorAll("article .math")];
        return {total: spans.length, typeset: spans.filter(s => s.querySelector("mjx-container")).length,
                errors: document.querySelectorAll("mjx-merror").length};
    }""")
    assert math["typeset"] == math["total"] and math["errors"] == 0, math
    if has_math(name):
        assert math["total"] > 0, "the formulas are missing"

    # Figures: every image loaded (a broken image has naturalWidth 0), and says what it shows.
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    broken = page.evaluate("() => [...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")
    assert not broken, f"images that did not load: {broken}"
    mute = page.evaluate("""() => [...document.images].filter(i => !(i.alt || "").trim() || /[.](png|webp|svg)$/.test(i.alt))
                                  .map(i => i.src)""")
    assert not mute, f"images with no alt text (or a file name for one): {mute}"

    # Explorers: each stored one is on the page, moving: a background and a frame, or a paint pad (its
    # background under the canvas its script paints on, once it has loaded the pad's networks).
    page.wait_for_function("() => [...document.querySelectorAll('.digit-pad-live')].every(pad => !pad.hidden)")
    expected = stored_explorer_pngs(name)
    assert page.locator(".explorer-still").count() == 0, "explorers that do not move"
    explorers = page.locator(".explorer, .digit-pad")
    assert explorers.count() == len(expected)
    column = page.locator("article").bounding_box()
    for i, (width, height) in enumerate(expected):
        explorer = explorers.nth(i)
        explorer.scroll_into_view_if_needed()
        picture = explorer.locator("img").first         # the background
        natural = picture.evaluate("img => [img.naturalWidth, img.naturalHeight]")
        assert tuple(natural) == (width, height), f"explorer {i}: not the size of the stored picture"
        box = picture.bounding_box()
        assert box["height"] > 0 and box["x"] + box["width"] <= column["x"] + column["width"] + 1, \
            f"explorer {i} is wider than the page"
        frame = explorer.locator(".explorer-frame")
        if frame.count():                               # the frame lies inside the background, in scale
            inner, scale = frame.bounding_box(), box["width"] / width
            assert box["x"] - 1 <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"] + 1
            assert box["y"] - 1 <= inner["y"] and inner["y"] + inner["height"] <= box["y"] + box["height"] + 1
            assert abs(inner["width"] - scale * frame.evaluate("f => f.naturalWidth")) <= 1, f"explorer {i}"
        explorer.screenshot(path=shots / f"{stem}_explorer{i}.png")

    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=shots / f"{stem}.png")
    assert page.locator("nav.bd-docs-nav a.reference.internal").count() >= len(NOTEBOOKS), "navigation missing"
    assert page.outside == [], f"the page tried to reach other hosts: {page.outside}"
    assert page.failed == [], f"requests that failed: {page.failed}"
    assert page.errors == [], f"JavaScript errors: {page.errors}"
