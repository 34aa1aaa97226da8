"""The website's explorers move with no kernel, no server and no CDN; axe-core finds no serious fault on any page.

Chromium reaches 127.0.0.1 only (``offline_page`` in conftest.py: every other request is aborted). On each
notebook page, every explorer the notebook stored is there and moves: each of its range inputs, moved
with the keyboard, changes the picture (its pixels), the picture's alt text and the read-out, and moving
back restores them. No explorer stays a still picture: the paint pad is painted and computed by the page
(its slider is moved here too; painting it: tests/browser/test_site_digit_pad.py). A stored picture is
left only in the page's HTML, for a reader without JavaScript, and the pad's script removes it.

axe-core, vendored from npm by docs/vendor.py (not part of the site), runs in every page of the site:
0 critical and 0 serious violations. The counts per page and impact are printed at the end and written
to test-artifacts/browser/site/axe.json.
"""

import json
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
AXE = ROOT / "docs" / "_build" / "vendor" / "axe-core" / "axe.min.js"   # `make site` vendors it (the site fixture)
VIEW = "application/vnd.jupyter.widget-view+json"
IMPACTS = ["critical", "serious", "moderate", "minor"]

# What a reader sees of one explorer: the frame's address, pixels (FNV hash) and alt text, and each read-out.
STATE_JS = """explorer => {
    const frame = explorer.querySelector(".explorer-frame");
    const canvas = document.createElement("canvas");
    canvas.width = frame.naturalWidth, canvas.height = frame.naturalHeight;
    const context = canvas.getContext("2d");
    context.drawImage(frame, 0, 0);
    const words = new Uint32Array(context.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
    let hash = 2166136261;
    for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 16777619) >>> 0;
    return {src: frame.getAttribute("src"), alt: frame.alt, pixels: hash, width: canvas.width,
            readouts: [...explorer.querySelectorAll("output")].map(o => o.textContent),
            values: [...explorer.querySelectorAll("input[type=range]")].map(i => i.getAttribute("aria-valuetext"))};
}"""
LOADED_JS = "([explorer, src]) => { const f = explorer.querySelector('.explorer-frame'); " \
            "return f.getAttribute('src') !== src && f.complete && f.naturalWidth > 0; }"


def stored_explorers(notebook):
    """How many explorers (widget outputs with a stored picture) the notebook holds."""
    return sum(VIEW in output.get("data", {}) and "image/png" in output.get("data", {})
               for cell in nbformat.read(notebook, as_version=4).cells for output in cell.get("outputs", []))


def settle(page, url):
    """Open ``url`` and wait for its math and images: what a reader gets once the page is still."""
    page.outside.clear(), page.failed.clear(), page.errors.clear()
    page.goto(url, wait_until="load")
    if page.locator(".math").count():
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("() => MathJax.startup.promise")
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    page.wait_for_function("() => [...document.querySelectorAll('.digit-pad-live')].every(pad => !pad.hidden)")


def state(explorer):
    explorer.locator(".explorer-frame").evaluate("f => f.decode()")
    return explorer.evaluate(STATE_JS)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_every_explorer_moves_with_the_keyboard(offline_page, site_server, notebook):
    page = offline_page
    settle(page, f"{site_server}notebooks/{notebook.stem}.html")
    explorers, pads = page.locator(".explorer"), page.locator(".digit-pad")
    stills = [element.get_attribute("data-why") for element in page.locator(".explorer-still").all()]
    assert stills == [], f"explorers that do not move: {stills}"
    assert explorers.count() + pads.count() == stored_explorers(notebook)
    for i in range(pads.count()):
        pad_moves_with_the_keyboard(page, pads.nth(i))
    moves = 0
    for i in range(explorers.count()):
        explorer = explorers.nth(i)
        sliders = explorer.locator("input[type=range]")
        assert sliders.count() >= 1
        for k in range(sliders.count()):
            slider = sliders.nth(k)
            slider.scroll_into_view_if_needed()
            slider.focus()
            before = state(explorer)
            forward, back = ("ArrowRight", "ArrowLeft") if slider.evaluate("s => s.value !== s.max") else ("ArrowLeft", "ArrowRight")
            for key, expected in [(forward, None), (back, before)]:
                src = state(explorer)["src"]
                page.keyboard.press(key)
                page.wait_for_function(LOADED_JS, arg=[explorer.element_handle(), src])
                now = state(explorer)
                if expected is None:
                    where = f"explorer {i}, slider {k} ({key})"
                    assert now["pixels"] != before["pixels"], f"{where}: the picture did not change"
                    assert now["alt"] != before["alt"], f"{where}: the alt text did not change"
                    assert now["readouts"][k] != before["readouts"][k], f"{where}: the read-out did not change"
                    assert now["values"][k] == now["readouts"][k], f"{where}: the slider's aria-valuetext is stale"
                    assert now["alt"].strip() and now["width"] > 0
                else:
                    assert now == expected, f"explorer {i}, slider {k}: moving back did not restore the picture"
                assert page.evaluate("() => document.activeElement.type") == "range", "the slider lost the focus"
            moves += 1
    assert moves == sum(explorers.nth(i).locator("input[type=range]").count() for i in range(explorers.count()))
    assert page.outside == [], f"the page tried to reach other hosts: {page.outside}"
    assert page.failed == [] and page.errors == [], (page.failed, page.errors)


def pad_moves_with_the_keyboard(page, pad):
    """The pad's slider, moved with the arrow keys: its read-out, the bars (pixels) and their label change,
    and moving back restores them."""
    slider, bars = pad.locator("input[type=range]"), pad.locator(".digit-pad-bars")
    slider.scroll_into_view_if_needed()
    slider.focus()

    def seen():
        return {"readout": pad.locator("output").text_content(), "value": slider.get_attribute("aria-valuetext"),
                "label": bars.get_attribute("aria-label"), "pixels": pad.locator("canvas").evaluate(CANVAS_HASH_JS)}

    before = seen()
    at_end = slider.evaluate("s => s.value === s.max")
    forward, back = ("ArrowLeft", "ArrowRight") if at_end else ("ArrowRight", "ArrowLeft")
    page.keyboard.press(forward)
    now = seen()
    assert now["readout"] == now["value"] != before["readout"], "the pad's read-out did not follow its slider"
    assert now["label"] != before["label"] and now["pixels"] != before["pixels"], "the pad's bars did not change"
    page.keyboard.press(back)
    assert seen() == before, "moving back did not restore the pad"
    assert page.evaluate("() => document.activeElement.type") == "range", "the slider lost the focus"


CANVAS_HASH_JS = """canvas => {
    const words = new Uint32Array(canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data.buffer);
    let hash = 2166136261;
    for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 16777619) >>> 0;
    return hash;
}"""


def site_pages(site):
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")
                  if not path.relative_to(site).parts[0].startswith("_"))


@pytest.fixture(scope="module")
def axe_counts(request, artifacts):
    """Violations by page and impact; printed and written to the artifacts when the module ends."""
    counts = {}
    yield counts
    folder = artifacts / "site"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "axe.json").write_text(json.dumps(counts, indent=1))
    lines = [f"axe-core violations (elements) by impact, {len(counts)} pages: " + ", ".join(
        f"{impact} {sum(page[impact]['nodes'] for page in counts.values())}" for impact in IMPACTS)]
    lines += [f"  {name}: " + ", ".join(f"{impact} {page[impact]['nodes']}" + (f" ({', '.join(page[impact]['rules'])})"
                                                                              if page[impact]["rules"] else "")
                                        for impact in IMPACTS) for name, page in counts.items()]
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter and counts:
        with request.config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
            reporter.write_line("")
            for line in lines:
                reporter.write_line(line)


def test_axe_core_finds_no_critical_or_serious_violation(offline_page, site_server, site, axe_counts):
    assert AXE.is_file(), f"{AXE} is missing: docs/vendor.py vendors axe-core (make site runs it)"
    pages = site_pages(site)
    assert len(pages) >= len(NOTEBOOKS) + 2
    serious = []
    for name in pages:
        settle(offline_page, site_server + name)
        offline_page.add_script_tag(path=AXE)       # injected, not requested: no page of the site loads it
        violations = offline_page.evaluate("""async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5), count: v.nodes.length}));
        }""")
        axe_counts[name] = {impact: {"nodes": sum(v["count"] for v in violations if v["impact"] == impact),
                                     "rules": sorted(v["id"] for v in violations if v["impact"] == impact)}
                            for impact in IMPACTS}
        serious += [f"{name}: {v['impact']} {v['id']} ({v['help']}) at {v['nodes']}"
                    for v in violations if v["impact"] in ("critical", "serious")]
        assert offline_page.outside == [], f"{name} tried to reach other hosts: {offline_page.outside}"
    assert not serious, "\n".join(serious)
