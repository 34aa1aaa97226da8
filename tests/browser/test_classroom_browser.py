"""A learner in Chromium on the classroom hub (`make classroom`): open the nbgitpuller link, log in with the class
password, land in notebook 00 of the series cloned into their home, run it, move its slider.

Marked ``classroom`` (and ``browser``, as everything in this folder): `make test-classroom` runs it, as root.
"""

import shutil
import time

import pytest

import classroom_hub
import lab
from classroom_hub import NAME, PASSWORD, Hub, pull_link

pytestmark = pytest.mark.classroom


@pytest.fixture(scope="module")
def hub(browser_installed):
    parent = classroom_hub.readable_folder("nnc-repo-")
    repo = classroom_hub.published_repository(parent / "nn-companion")
    folder = classroom_hub.readable_folder("nnc-class-")
    running = Hub(folder, repo, learners=1).start()
    try:
        yield running
    finally:
        running.stop()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(parent, ignore_errors=True)


def scroll_to(page, locator, steps=60):
    """JupyterLab renders only the cells in view: scroll the notebook down until ``locator`` is on the page."""
    panel = page.locator(".jp-NotebookPanel-notebook").first
    for _ in range(steps):
        if locator.count():
            locator.first.scroll_into_view_if_needed()
            return locator.first
        panel.evaluate("element => element.scrollBy(0, 400)")
        page.wait_for_timeout(100)
    raise AssertionError("scrolled through the notebook without finding a slider")


def test_a_learner_follows_the_link_runs_notebook_00_and_moves_its_slider(hub, tmp_path):
    link = pull_link(hub.url, str(hub.repo))
    with lab.chromium(tmp_path / "profile") as page:
        page.goto(link)
        # Not logged in yet: the hub's login page, then the link goes on by itself.
        page.locator("input#username_input").fill(f"{NAME}01")
        page.locator("input#password_input").fill(PASSWORD)
        page.locator("#login_submit").click()
        # The server starts, nbgitpuller clones the series, JupyterLab opens notebook 00 with its kernel.
        page.wait_for_url(f"**/user/{NAME}01/lab/tree/nn-companion/notebooks/00_introduction.ipynb*", timeout=300_000)
        page.locator(".jp-StatusBar-TextItem", has_text="ipykernel) | Idle").first.wait_for(timeout=120_000)
        assert page.locator(".jp-Notebook .jp-Cell").count() > 10
        # Run it afresh: the committed prompts already read [1]..[N], so clear them first.
        page.get_by_role("menuitem", name="Edit", exact=True).click()
        page.get_by_role("menuitem", name="Clear Outputs of All Cells", exact=True).click()
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        start = time.monotonic()
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""", timeout=180_000)
        slider = scroll_to(page, page.locator(lab.SLIDER))
        canvas = lab.figure_of(slider)
        page.wait_for_function(f"canvas => ({lab.CANVAS_STATE_JS})(canvas).ink > 0", arg=canvas.element_handle())
        errors = lab.error_outputs(page)
        assert not errors, f"notebook 00 showed errors after {time.monotonic() - start:.0f} s: {errors}"
        before = lab.settled_hash(page, canvas)
        slider.locator(".noUi-handle").focus()
        page.keyboard.press("ArrowRight")
        lab.wait_for_repaint(page, canvas, before)
