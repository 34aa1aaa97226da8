"""The static site in Chromium with every other host blocked: math typeset, figures loaded, explorers drawn.

`make site` builds the site into a temporary folder; a tiny http.server serves it on 127.0.0.1; every
request for another host is aborted (and counted: there must be none). Screenshots of each page's top
and of each explorer go to test-artifacts/browser/site/ (or $BROWSER_ARTIFACTS/site/) for a person to look at.
"""

import base64
import functools
import http.server
import io
import json
import threading
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from PIL import Image

import lab

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PAGES = ["index.html", "symbols.html"] + [f"notebooks/{notebook.stem}.html" for notebook in NOTEBOOKS]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
VIEW = "application/vnd.jupyter.widget-view+json"
EXPLORER = ".cell_output .widget-vbox:has(.widget-slider):has(.jupyter-matplotlib)"



class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def shots(artifacts):
    folder = artifacts / "site"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def offline_page(tmp_path_factory):
    """A Chromium page that reaches 127.0.0.1 only; ``page.outside`` lists what it tried elsewhere."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("the playwright package is missing: run `make test-browser`, which installs it")
    if not Path(lab.CHROMIUM).exists():
        pytest.skip(f"{lab.CHROMIUM} is missing: run `make test-browser`, which installs it")
    with lab.chromium(tmp_path_factory.mktemp("site-chromium-profile"), width=1400, height=1000) as page:
        page.outside, page.failed, page.errors = [], [], []

        def only_loopback(route):
            url = route.request.url
            if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).hostname in LOOPBACK:
                route.continue_()
            else:
                page.outside.append(url)
                route.abort()

        page.context.route("**/*", only_loopback)
        page.on("response", lambda response: page.failed.append(f"{response.status} {response.url}")
                if response.status >= 400 else None)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        yield page


def has_math(name):
    """Whether the page's source has formulas: the README's symbol table does, and most notebooks."""
    notebook = ROOT / name.replace(".html", ".ipynb")
    if not notebook.exists():
        return "$" in (ROOT / "README.md").read_text()
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
def test_page_renders_offline(offline_page, server, shots, name):
    page = offline_page
    page.outside.clear(), page.failed.clear(), page.errors.clear()
    page.goto(server + name, wait_until="load")
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

    # Figures: every image loaded (a broken image has naturalWidth 0).
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    broken = page.evaluate("() => [...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")
    assert not broken, f"images that did not load: {broken}"

    # Explorers: the sliders and, in the ipympl canvas, the stored picture of the first state.
    expected = stored_explorer_pngs(name)
    explorers = page.locator(EXPLORER)
    if expected:
        page.wait_for_function(f"""() => {{
            const boxes = [...document.querySelectorAll({json.dumps(EXPLORER)})];
            const state = {lab.CANVAS_STATE_JS};
            return boxes.length === {len(expected)} &&
                boxes.every(b => {{ const c = b.querySelector("{lab.CANVAS}:first-child"); return c && c.width > 0 && state(c).ink > 0; }});
        }}""")
    assert explorers.count() == len(expected)
    for i, (width, height) in enumerate(expected):
        explorer = explorers.nth(i)
        canvas = explorer.locator(f"{lab.CANVAS}:first-child")
        drawn = canvas.evaluate(lab.CANVAS_STATE_JS)
        assert (drawn["width"], drawn["height"]) == (width, height), f"explorer {i}: not the stored picture"
        assert explorer.locator(".widget-slider").count() >= 1
        explorer.scroll_into_view_if_needed()
        box, column = canvas.bounding_box(), page.locator("article").bounding_box()
        assert explorer.is_visible() and box["height"] > 0
        assert box["x"] + box["width"] <= column["x"] + column["width"] + 1, f"explorer {i} is wider than the page"
        explorer.screenshot(path=shots / f"{stem}_explorer{i}.png")

    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=shots / f"{stem}.png")
    assert page.locator("nav.bd-docs-nav a.reference.internal").count() >= len(NOTEBOOKS), "navigation missing"
    assert page.outside == [], f"the page tried to reach other hosts: {page.outside}"
    assert page.failed == [], f"requests that failed: {page.failed}"
    assert page.errors == [], f"JavaScript errors: {page.errors}"
