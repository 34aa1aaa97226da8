"""Every figure fits a laptop's JupyterLab: 1280 x 800 with the file browser open, as a learner has it.

For each notebook in notebooks/: open it in Chromium at that size, with the file browser open on the left,
run all cells, wait for the figures. Then every figure on the page, each ipympl canvas (an explorer) and each
stored picture (a PNG output), must fit inside its output area: not wider than it, not reaching past its
right edge, and shown at its own size (a picture squeezed by the page would be blurred, one past the edge
cut off). The output area itself must be no wider than it is at that size, so the test really runs where a
learner does. tests/test_figure_sizes.py checks the same sizes without a browser.

Shares the JupyterLab server and the Chromium page of the other browser tests: the page is set to 1280 x 800
for this file and back afterwards.
"""

from pathlib import Path

import pytest

import lab

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(p.name for p in (Path(__file__).parents[2] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LAPTOP = {"width": 1280, "height": 800}
# The output area JupyterLab 4.6 leaves at 1280 px with the file browser open measured 848 px; without the
# file browser it is about 1100. Above this, the condition is not a laptop's and the check would prove nothing.
NARROWEST_LAYOUT = 900
FILE_BROWSER_TAB = '.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="filebrowser"]'

# The widest output area on the page (text outputs too), in CSS px.
OUTPUT_AREA_JS = """() => Math.max(0, ...[...document.querySelectorAll(".jp-OutputArea-output")]
    .map(output => output.getBoundingClientRect().width))"""
# For every figure on the page: its cell's number, its kind, and the boxes of the figure and its output area.
FIGURES_JS = f"""() => {{
    const cells = [...document.querySelectorAll(".jp-Notebook .jp-Cell")];
    const figures = [...document.querySelectorAll(
        ".jp-OutputArea-output {lab.CANVAS}:first-child, .jp-OutputArea-output img")];
    return figures.map(figure => {{
        const output = figure.closest(".jp-OutputArea-output");
        const area = output.getBoundingClientRect(), box = figure.getBoundingClientRect();
        return {{
            cell: cells.indexOf(figure.closest(".jp-Cell")),
            kind: figure.tagName === "IMG" ? "picture" : "explorer canvas",
            // its own width in CSS px: a PNG's pixels; ipympl's canvas holds devicePixelRatio pixels per CSS px
            own: figure.tagName === "IMG" ? figure.naturalWidth : figure.width / window.devicePixelRatio,
            left: box.left, right: box.right, width: box.width,
            areaLeft: area.left, areaRight: area.right, areaWidth: area.width,
            overflow: output.scrollWidth - output.clientWidth,
        }};
    }});
}}"""


@pytest.fixture(scope="module")
def laptop(page):
    """The shared page at a laptop's size, for this file only."""
    before = page.viewport_size
    page.set_viewport_size(LAPTOP)
    yield page
    page.set_viewport_size(before)


def open_file_browser(page):
    tab = page.locator(FILE_BROWSER_TAB)
    if "lm-mod-current" not in (tab.get_attribute("class") or ""):
        tab.click()
    page.locator("#filebrowser").wait_for(state="visible")


def misfits(figure):
    """What is wrong with one figure's place, as plain sentences (empty when it fits)."""
    found, slack = [], 0.5          # px: sub-pixel layout
    if figure["width"] > figure["areaWidth"] + slack:
        found.append(f"{figure['width']:.0f} px wide in an output area of {figure['areaWidth']:.0f} px")
    if figure["right"] > figure["areaRight"] + slack or figure["left"] < figure["areaLeft"] - slack:
        found.append(f"reaches {figure['left']:.0f}..{figure['right']:.0f} px, past its output area "
                     f"{figure['areaLeft']:.0f}..{figure['areaRight']:.0f}: cut off")
    if abs(figure["width"] - figure["own"]) > slack:
        found.append(f"drawn {figure['width']:.0f} px wide, not at its own {figure['own']} px")
    if figure["overflow"] > 0:
        found.append(f"its output area scrolls sideways by {figure['overflow']} px")
    return found


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_figure_fits_its_output_area_on_a_laptop(name, laptop, server):
    try:
        lab.open_and_run(laptop, server, name)
        open_file_browser(laptop)
        laptop.wait_for_function("() => document.querySelector('#filebrowser').getBoundingClientRect().width > 0")
        widest, figures = laptop.evaluate(OUTPUT_AREA_JS), laptop.evaluate(FIGURES_JS)
    finally:
        server.close_session(name)   # one kernel at a time on a small machine
    assert 0 < widest <= NARROWEST_LAYOUT, f"the output area is {widest:.0f} px wide: the file browser is not open"
    problems = [f"cell {figure['cell']} ({figure['kind']}): {problem}"
                for figure in figures for problem in misfits(figure)]
    print(f"{name}: {len(figures)} figures in output areas {widest:.0f} px wide; "
          f"widest figure {max([figure['width'] for figure in figures], default=0):.0f} px")
    assert not problems, f"{name} at {LAPTOP['width']} x {LAPTOP['height']} with the file browser open:\n" + \
        "\n".join(problems)
