"""The static site: `make site` builds it from the committed notebooks, and every page holds up offline.

One build (into a temporary folder) for the module; each test reads the HTML it wrote. The pages in a
real browser with every external host blocked: tests/browser/test_site_screenshot.py; the explorers moved
with the keyboard there, and axe-core over every page: tests/browser/test_site_explorers.py.
"""

import base64
import copy
import hashlib
import io
import json
import math
import os
import re
import statistics
import tomllib
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import numpy as np
import pytest
from bs4 import BeautifulSoup
from PIL import Image

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


def headings(markdown, level):
    """The text of a Markdown file's headings of one level ("## Start" -> "Start"), outside code blocks."""
    prose = re.sub(r"```.*?```", "", markdown, flags=re.S)
    return [line[level + 1:].strip() for line in prose.splitlines() if line.startswith("#" * level + " ")]


def shown_headings(page, tag):
    return [h.get_text(" ", strip=True).rstrip("#").strip() for h in page.select(f"article {tag}")]


DOCUMENTS = {"contributing.html": ROOT / "CONTRIBUTING.md", "bench.html": ROOT / "bench" / "README.md"}


def test_the_home_page_is_the_learners_and_the_other_documents_have_pages_of_their_own(pages):
    """The home page shows the README and its sections only (its contents list is the README's); the
    contributors' guide and the speed report are pages of their own, in the navigation."""
    home = pages["index.html"]
    readme = (ROOT / "README.md").read_text()
    assert shown_headings(home, "h2") == headings(readme, 2)
    on_this_page = [a.get_text(strip=True) for a in home.select(".bd-toc a")]
    assert on_this_page == headings(readme, 2)
    navigation = [a["href"] for a in home.select("nav.bd-docs-nav a.reference.internal")]
    for name, document in DOCUMENTS.items():
        text = document.read_text()
        assert not set(headings(text, 2)) & set(shown_headings(home, "h2, h3")), f"{name}'s sections on the home page"
        assert shown_headings(pages[name], "h1") == headings(text, 1)
        assert shown_headings(pages[name], "h2") == headings(text, 2)
        assert name in navigation


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


def stored_outputs(notebook):
    """The notebook's outputs with a picture: ("figure" or "explorer", the PNG), in page order."""
    nb = nbformat.read(notebook, as_version=4)
    return [("explorer" if VIEW in output.data else "figure", output.data["image/png"])
            for cell in nb.cells for output in cell.get("outputs", []) if "image/png" in output.get("data", {})]


def test_every_stored_figure_is_on_its_page_with_alt_text(site, pages):
    """Each figure the notebook stores is an image file on its page, whose alt text says what it shows."""
    for notebook in NOTEBOOKS:
        page = page_of(pages, notebook)
        shown = {hashlib.sha256((site / "notebooks" / unquote(img["src"])).resolve().read_bytes()).hexdigest(): img
                 for img in page.select(".cell_output img") if not img["src"].startswith("data:")}
        for i, (kind, png) in enumerate(stored_outputs(notebook)):
            if kind == "figure":
                assert png_digest(png) in shown, f"{notebook.name}: stored figure {i} is not on the page"
                alt = shown[png_digest(png)].get("alt", "")
                assert alt.startswith("Figure") and not alt.endswith(".png"), f"{notebook.name}: figure {i}: {alt!r}"


def explorers_on(page):
    """Each explorer on the page, in order: one that moves (.explorer), a paint pad (.digit-pad, which holds
    the stored picture until its script runs), or a stored picture alone (.explorer-still)."""
    return [element for element in page.select(".cell_output .explorer, .cell_output .digit-pad, "
                                                ".cell_output .explorer-still")
            if not element.find_parent(class_="digit-pad")]


def frame_files(site, explorer):
    folder = site / "notebooks" / unquote(explorer["data-frames"])
    data = json.loads(explorer.select_one("script.explorer-data").string)
    return folder, data


def pad_files(site, pad):
    folder = (site / "notebooks" / unquote(pad["data-weights"])).parent
    data = json.loads(pad.select_one("script.digit-pad-data").string)
    return folder, data


def check_pad(site, pad, png, where):
    """A paint pad: its files, a labelled range input for each epoch, a real Clear button, named grid and bars;
    until its script runs, the picture the notebook stored."""
    folder, data = pad_files(site, pad)
    assert unquote(pad["data-over"]) == unquote(pad["data-weights"]).replace("network.js", "over.webp"), where
    assert sorted(path.name for path in folder.iterdir()) == ["background.webp", "network.js", "over.webp"], where
    (slider,) = pad.select("input[type=range]")
    readouts = data["readouts"]
    assert (int(slider["min"]), int(slider["max"]), slider["step"]) == (0, len(readouts) - 1, "1"), where
    assert pad.select_one(f'label[for="{slider["id"]}"]').get_text(strip=True) == "epoch", where
    assert pad.select_one(f'output[for="{slider["id"]}"]').get_text() == slider["aria-valuetext"] == \
        readouts[int(slider["value"])], where
    assert [button.get_text() for button in pad.select("button")] == ["Clear"], where
    grid, bars = pad.select_one(".digit-pad-grid"), pad.select_one(".digit-pad-bars")
    assert grid["role"] == "application" and grid["tabindex"] == "0" and grid["aria-label"].strip(), where
    assert bars["role"] == "img" and bars["aria-label"].strip() and not bars.has_attr("tabindex"), where
    assert pad.select_one(".digit-pad-live .digit-pad-status")["aria-live"] == "polite", where
    assert "arrows move, space paints" in pad.select_one(".digit-pad-live .digit-pad-keys").get_text(), where
    assert pad.select_one("canvas")["aria-hidden"] == "true", where
    background = pad.select_one(".digit-pad-picture img")
    assert background["alt"].startswith("Figure") and (folder / Path(background["src"]).name).is_file(), where
    assert pad.select_one(".digit-pad-live").has_attr("hidden"), where
    still = pad.select_one(".explorer-still")
    assert still["data-why"] == "script" and still.img["src"] == "data:image/png;base64," + "".join(png.split())
    assert len(data["grid"]) == 64 and data["sizes"][0] == 64 and data["sizes"][-1] == 10, where


def test_every_explorer_moves_on_its_page(site, pages):
    """In place of each explorer's widget: range inputs with labels and read-outs, over its pictures."""
    for notebook in NOTEBOOKS:
        page = page_of(pages, notebook)
        stored = [png for kind, png in stored_outputs(notebook) if kind == "explorer"]
        shown = explorers_on(page)
        assert len(shown) == len(stored), notebook.name
        for i, explorer in enumerate(shown):
            where = f"{notebook.name}, explorer {i}"
            assert "explorer-still" not in explorer["class"], f"{where} does not move: {explorer['data-why']}"
            if "digit-pad" in explorer["class"]:               # painted and computed by the page's script
                check_pad(site, explorer, stored[i], where)
                continue
            folder, data = frame_files(site, explorer)
            sliders = explorer.select("input[type=range]")
            assert len(sliders) == len(data["readouts"]) >= 1, where
            assert len(data["alts"]) == math.prod(len(readouts) for readouts in data["readouts"]), where
            for slider, readouts in zip(sliders, data["readouts"]):
                assert (int(slider["min"]), int(slider["max"]), slider["step"]) == (0, len(readouts) - 1, "1")
                assert explorer.select_one(f'label[for="{slider["id"]}"]').get_text(strip=True), where
                assert explorer.select_one(f'output[for="{slider["id"]}"]').get_text() == \
                    slider["aria-valuetext"] == readouts[int(slider["value"])], where
            assert (folder / "background.webp").is_file(), where
            assert all((folder / f"{k}.webp").is_file() for k in range(len(data["alts"]))), f"{where}: frames missing"
            assert all(alt.strip() for alt in data["alts"]) and len(set(data["alts"])) > 1, where
            background, frame = explorer.select("img")
            assert background["alt"].startswith("Figure") and frame["alt"] in data["alts"], where


def test_an_explorers_first_picture_is_the_one_the_notebook_stored(site, pages):
    """Background + the first frame, as the files on the site, against the stored PNG: antialiasing apart, equal."""
    for notebook in NOTEBOOKS:
        stored = [png for kind, png in stored_outputs(notebook) if kind == "explorer"]
        for png, explorer in zip(stored, explorers_on(page_of(pages, notebook))):
            if "digit-pad" in explorer["class"]:     # drawn by its script: tests/browser/test_site_digit_pad.py
                continue
            folder, data = frame_files(site, explorer)
            background, frame = (np.asarray(Image.open(folder / Path(img["src"]).name).convert("RGBA")).astype(float)
                                 for img in explorer.select("img"))
            x, y, w, h = data["boxes"][int(Path(explorer.select("img")[1]["src"]).stem)]
            assert frame.shape[:2] == (h, w), notebook.name
            stacked, alpha = background[..., :3].copy(), frame[..., 3:] / 255
            stacked[y:y + h, x:x + w] = frame[..., :3] * alpha + stacked[y:y + h, x:x + w] * (1 - alpha)
            first = np.asarray(Image.open(io.BytesIO(base64.b64decode("".join(png.split())))).convert("RGB"))
            assert stacked.shape == first.shape, notebook.name
            assert np.mean(np.abs(stacked - first).max(axis=2) > 16) < 0.002, notebook.name


def test_the_explorers_pictures_stay_small(site, pages):
    """At most 8 MB for all the explorers of the site (the paint pad's networks too), and a median of at most
    1 MB per explorer."""
    folders = {frame_files(site, explorer)[0] for page in pages.values() for explorer in page.select(".explorer")}
    folders |= {pad_files(site, pad)[0] for page in pages.values() for pad in page.select(".digit-pad")}
    sizes = [sum(path.stat().st_size for path in folder.iterdir()) for folder in folders]
    total = sum(path.stat().st_size for path in (site / "_explorers").rglob("*") if path.is_file())
    assert sizes and total == sum(sizes), "files on the site that no page shows"
    assert total <= 8e6, f"{total / 1e6:.1f} MB of explorer pictures"
    assert statistics.median(sizes) <= 1e6, sorted(sizes)


def test_pages_load_widget_javascript_only_for_widgets_left(site, pages):
    """An explorer needs no widget manager on the site; a widget with no stored picture still does."""
    versions = json.loads((site / "_static" / "versions.json").read_text())
    for notebook in NOTEBOOKS:
        nb = nbformat.read(notebook, as_version=4)
        page = page_of(pages, notebook)
        left = [output.data[VIEW]["model_id"] for cell in nb.cells for output in cell.get("outputs", [])
                if VIEW in output.get("data", {}) and "image/png" not in output.data]
        assert [json.loads(s.string)["model_id"] for s in page.find_all("script", type=VIEW)] == left, notebook.name
        scripts = [s["src"].split("?")[0] for s in page.find_all("script", src=True)]
        for needed in ["requirejs/require.js", "widgets-offline.js", "html-manager/embed-amd.js"]:
            assert (f"../_static/{needed}" in scripts) == bool(left), f"{notebook.name}: {needed}"
        assert bool(widget_state(page)) == bool(left), notebook.name
        for model in widget_state(page).values():
            if model["model_module"] == "jupyter-matplotlib":   # ipympl's front end: ^0.12 needs a vendored 0.12.x
                wanted = model["model_module_version"].lstrip("^~").split(".")[:2]
                assert versions["jupyter-matplotlib"].split(".")[:2] == wanted, (notebook.name, versions)
        assert "../_static/explorers.js" in scripts, notebook.name


def test_every_image_on_the_site_has_alt_text(pages):
    for name, page in pages.items():
        for img in page.find_all("img"):
            alt = img.get("alt", "").strip()
            assert alt and not re.search(r"\.(png|svg|webp|jpe?g)$", alt), f"{name}: <img src={img['src'][:80]}> alt={alt!r}"


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
