"""The static site: `make site` builds it from the committed notebooks, and every page holds up offline.

One build (into a temporary folder) for the module; each test reads the HTML it wrote. The pages in a
real browser with every external host blocked: tests/browser/test_site_screenshot.py.
"""

import base64
import copy
import hashlib
import json
import os
import re
import tomllib
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["nn-companion"]
STATE = "application/vnd.jupyter.widget-state+json"
VIEW = "application/vnd.jupyter.widget-view+json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Hosts that serve other people's files to pages: none of them may appear in ours.
URL = re.compile(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"'<>)]*")
CDN = re.compile(r"cdn|unpkg|jsdelivr|googleapis|gstatic|cloudflare|bootstrapcdn|polyfill|mathjax\.org", re.I)



@pytest.fixture(scope="module")
def pages(site):
    return {path.relative_to(site).as_posix(): BeautifulSoup(path.read_text(), "html.parser")
            for path in site.rglob("*.html") if not path.relative_to(site).parts[0].startswith("_")}


def page_of(pages, notebook):
    return pages[f"notebooks/{notebook.stem}.html"]


def png_digest(data):
    return hashlib.sha256(base64.b64decode("".join(data.split()))).hexdigest()


def widget_state(page):
    script = page.find("script", type=STATE)
    return json.loads(script.string)["state"] if script else {}


def test_the_build_is_clean(site):
    warnings = (site.parent / "warnings.txt").read_text()
    assert warnings == "", f"sphinx warned:\n{warnings}"


def test_one_page_per_notebook_in_the_navigation(site, pages):
    assert NOTEBOOKS, "no notebooks found"
    built = sorted(path.stem for path in (site / "notebooks").glob("*.html"))
    assert built == [notebook.stem for notebook in NOTEBOOKS]
    navigation = pages["index.html"].select("nav.bd-docs-nav a.reference.internal")
    assert [a["href"] for a in navigation if a["href"].startswith("notebooks/")] == \
        [f"notebooks/{notebook.stem}.html" for notebook in NOTEBOOKS]
    for notebook in NOTEBOOKS:
        title = nbformat.read(notebook, as_version=4).cells[0].source.splitlines()[0].removeprefix("# ").strip()
        assert page_of(pages, notebook).find("h1").get_text(" ", strip=True).rstrip("#").strip() == title


def test_the_landing_page_is_the_readme_with_the_symbol_table(pages):
    readme = (ROOT / "README.md").read_text()
    title = readme.splitlines()[0].removeprefix("# ")
    for name in ["index.html", "symbols.html"]:
        tables = [t for t in pages[name].find_all("table")
                  if [th.get_text(strip=True) for th in t.find_all("th")] == ["symbol", "code", "shape", "meaning"]]
        assert len(tables) == 1, f"{name}: the README's symbol table"
        rows = [line for line in readme.split("## The symbols")[1].split("\n## ")[0].splitlines() if line.startswith("|")]
        assert len(tables[0].find("tbody").find_all("tr")) == len(rows) - 2   # less the header and its rule
    assert pages["index.html"].find("h1").get_text(strip=True).rstrip("#") == title


def test_math_is_typeset_by_the_sites_own_mathjax(site, pages):
    for notebook in NOTEBOOKS:
        page = page_of(pages, notebook)
        markdown = "\n".join(c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "markdown")
        math = page.select(".math")
        assert len(math) >= markdown.count("$$") // 2, f"{notebook.name}: display math missing"
        # No formula left as raw text: every $...$ of the notebook's prose became a math element.
        prose = copy.copy(page.find("article"))     # a copy: the pages are shared by every test
        for element in prose.select(".math, pre, code, script, .cell_output"):
            element.decompose()
        leftover = re.findall(r"\$[^$\s][^$]*\$", prose.get_text())
        assert not leftover, f"{notebook.name}: untypeset math {leftover[:3]}"
        scripts = [s["src"].split("?")[0] for s in page.find_all("script", src=True)]
        assert "../_static/mathjax/tex-mml-chtml.js" in scripts, notebook.name
    assert (site / "_static" / "mathjax" / "tex-mml-chtml.js").is_file()
    assert any((site / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))


def test_every_stored_figure_is_on_its_page(site, pages):
    """Each PNG the notebook stores is on the page: as an image file, or inside an explorer's widget."""
    for notebook in NOTEBOOKS:
        nb = nbformat.read(notebook, as_version=4)
        page = page_of(pages, notebook)
        shown = {hashlib.sha256((site / "notebooks" / unquote(img["src"])).resolve().read_bytes()).hexdigest()
                 for img in page.select(".cell_output img")}
        in_widgets = {m["state"]["_data_url"]: m for m in widget_state(page).values()
                      if m["model_name"] == "MPLCanvasModel" and m["state"].get("_data_url")}
        shown |= {png_digest(url.split(",", 1)[1]) for url in in_widgets}
        stored = [output.data["image/png"] for cell in nb.cells for output in cell.get("outputs", [])
                  if "image/png" in output.get("data", {})]
        missing = [i for i, png in enumerate(stored) if png_digest(png) not in shown]
        assert not missing, f"{notebook.name}: stored figures {missing} (0-based) are not on the page"


def test_explorers_embed_their_widgets_and_first_picture(site, pages):
    versions = json.loads((site / "_static" / "versions.json").read_text())
    for notebook in NOTEBOOKS:
        nb = nbformat.read(notebook, as_version=4)
        page = page_of(pages, notebook)
        views = [output.data[VIEW]["model_id"] for cell in nb.cells for output in cell.get("outputs", [])
                 if VIEW in output.get("data", {})]
        shown = [json.loads(s.string)["model_id"] for s in page.find_all("script", type=VIEW)]
        assert shown == views, notebook.name
        if not views:
            continue
        state = widget_state(page)
        assert set(views) <= set(state), f"{notebook.name}: widget state not embedded"
        for model in state.values():
            if model["model_module"] == "jupyter-matplotlib":   # ipympl's front end: ^0.12 needs a vendored 0.12.x
                wanted = model["model_module_version"].lstrip("^~").split(".")[:2]
                assert versions["jupyter-matplotlib"].split(".")[:2] == wanted, (notebook.name, versions)
        scripts = [s["src"].split("?")[0] for s in page.find_all("script", src=True)]
        for needed in ["requirejs/require.js", "widgets-offline.js", "html-manager/embed-amd.js"]:
            assert f"../_static/{needed}" in scripts, f"{notebook.name}: {needed}"
            assert (site / "_static" / needed).is_file()
    assert (site / "_static" / "jupyter-matplotlib" / "index.js").is_file()


def test_outputs_are_the_stored_ones_not_rerun(pages):
    """The text a page shows is the text nbval compared: every stored stream and text result appears."""
    for notebook in NOTEBOOKS:
        nb = nbformat.read(notebook, as_version=4)
        # Output text as displayed (highlighting splits it into spans: join them as they are).
        shown = " ".join(" ".join(pre.get_text("").split()) for pre in page_of(pages, notebook).select(".cell_output pre"))
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                text = output.get("text") if output.output_type == "stream" else (
                    data.get("text/plain") if set(data) == {"text/plain"} else None)
                if text:
                    assert " ".join(ANSI.sub("", text).split()) in shown, f"{notebook.name}: {text[:80]!r}"


def test_no_page_loads_anything_from_another_host(site, pages):
    for name, page in pages.items():
        for tag in page.find_all(["script", "img", "iframe", "source", "embed", "object", "link"]):
            if tag.name == "link" and not {"stylesheet", "preload", "icon", "modulepreload"} & set(tag.get("rel", [])):
                continue            # a <link rel="search"> or "next" is a link, not something the page loads
            url = tag.get("src") or tag.get("data") or tag.get("href")
            if url:
                assert not urlsplit(url).netloc, f"{name}: <{tag.name}> from {url}"
        hosts = {urlsplit(url).netloc for url in URL.findall(str(page))}
        assert not {host for host in hosts if CDN.search(host)}, f"{name} names a CDN: {sorted(hosts)}"
    for css in (site / "_static").rglob("*.css"):
        external = re.findall(r"(?:url\(|@import)\s*['\"]?((?:https?:)?//[^'\")\s]+)", css.read_text(errors="replace"))
        assert not external, f"{css.relative_to(site)} loads {external[:3]}"


def test_no_broken_internal_link(site, pages):
    ids = {name: {tag["id"] for tag in page.find_all(id=True)} for name, page in pages.items()}
    broken = []
    for name, page in pages.items():
        for tag in page.find_all(["a", "link", "script", "img"]):
            url = tag.get("href") or tag.get("src")
            if not url or urlsplit(url).scheme or url.startswith("//"):
                continue
            parts = urlsplit(url)
            target = (site / name).parent / unquote(parts.path) if parts.path else site / name
            target = Path(os.path.normpath(target))
            if not target.is_file():
                broken.append(f"{name}: {url}")
            elif parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in ids[target.relative_to(site).as_posix()]:
                    broken.append(f"{name}: {url} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_links_between_notebooks_are_links_between_pages(pages):
    """A notebook's link to another notebook, or to the README, is a link to that page on the site."""
    for notebook in NOTEBOOKS:
        markdown = "\n".join(c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "markdown")
        targets = set(re.findall(r"\]\((?!\w+:)([^)#\s]+\.(?:ipynb|md))", markdown))
        expected = {"../index.html" if t == "../README.md" else t.removesuffix(".ipynb") + ".html" for t in targets}
        hrefs = {a["href"].split("#")[0] for a in page_of(pages, notebook).select("article a[href]")}
        assert expected <= hrefs, f"{notebook.name}: links lost on the page: {sorted(expected - hrefs)}"


def test_each_notebook_page_launches_that_notebook_on_binder(pages):
    slug, branch = PROJECT["repository"], PROJECT["branch"]
    assert re.fullmatch(r"[\w.-]+/[\w.-]+", slug)
    for notebook in NOTEBOOKS:
        links = [a["href"] for a in page_of(pages, notebook).find_all("a", href=True) if "mybinder.org" in a["href"]]
        path = notebook.relative_to(ROOT).as_posix()
        assert links == [f"https://mybinder.org/v2/gh/{slug}/{branch}?urlpath=lab/tree/{path}"], notebook.name
        assert (ROOT / path).is_file()


def test_the_readme_badge_names_the_same_repository():
    readme = (ROOT / "README.md").read_text()
    badges = re.findall(r"https://mybinder\.org/v2/gh/([^/\s)]+/[^/\s)]+)/([^?\s)]+)", readme)
    assert badges, "the README has no Binder link"
    assert set(badges) == {(PROJECT["repository"], PROJECT["branch"])}
