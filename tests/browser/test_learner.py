"""A learner's first session, in a clone: `make lab` opens notebook 00 of the working copy with the learners'
settings, and running and saving a notebook there leaves `git status` clean.

The clone is the repository's tracked files as they are now, committed into a fresh git repository in a
temporary folder; `make lab` sets up its own .venv there (uv, the lab packages only) and starts JupyterLab.
"""

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

import lab

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
GIT = ["git", "-c", "user.name=learner", "-c", "user.email=learner@example.invalid", "-c", "init.defaultBranch=main"]
NEWS = "@jupyterlab/apputils-extension:notification"


def git(folder, *args):
    return subprocess.run([*GIT, *args], cwd=folder, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clone")
    for name in git(ROOT, "ls-files", "-z").split("\0"):
        if name and (ROOT / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "as cloned")
    return folder


@pytest.fixture(scope="module")
def learners_lab(request, clone, tmp_path_factory, artifacts):
    # Only the harness's windowing setting as user settings: news and updates are left to the project's own.
    settings = {plugin: values for plugin, values in lab.SETTINGS.items()
                if plugin == "@jupyterlab/notebook-extension/tracker"}
    with lab.jupyterlab(clone, tmp_path_factory.mktemp("learner-state"), settings=settings, make_lab=True) as server:
        yield server
        if request.session.testsfailed:
            shutil.copy(server.log_path, artifacts / "make-lab.log")


def test_make_lab_prints_a_url_that_opens_notebook_00_of_the_working_copy(learners_lab, page):
    url = learners_lab.printed_url()
    assert url, f"make lab printed no URL:\n{learners_lab.log_tail()}"
    opens = f"http://127.0.0.1:{learners_lab.port}/lab/tree/my-notebooks/00_introduction.ipynb?token="
    assert url.startswith(opens), url
    page.goto(url)
    page.locator(".jp-StatusBar-TextItem", has_text="ipykernel) | Idle").first.wait_for()
    assert learners_lab.session("my-notebooks/00_introduction.ipynb"), "notebook 00 of my-notebooks/ is not open"
    assert not learners_lab.session("notebooks/00_introduction.ipynb")
    # The learners' settings (binder/overrides.json, installed by make lab) are JupyterLab's defaults there.
    schema = learners_lab.api(f"/lab/api/settings/{NEWS}")["schema"]["properties"]
    assert (schema["fetchNews"]["default"], schema["checkForUpdates"]["default"]) == ("false", False)
    toasts = page.locator(".Toastify__toast").all_inner_texts()
    assert not [t for t in toasts if "news" in t.lower()], toasts


def test_no_test_packages_in_the_learners_venv(learners_lab):
    python = learners_lab.root / ".venv" / "bin" / "python"
    listed = subprocess.run([python, "-m", "pip", "list", "--format=json"], capture_output=True, text=True, check=True)
    names = {package["name"].lower() for package in json.loads(listed.stdout)}
    assert {"jupyterlab", "ipympl", "nnlib"} <= names
    assert not names & {"pytest", "nbval", "hypothesis", "jupyter-repo2docker", "docker", "playwright"}


def test_run_all_and_save_in_the_working_copy_leave_the_clone_clean(learners_lab, page):
    name = "my-notebooks/04_loss.ipynb"
    saved = learners_lab.root / name
    before = saved.read_bytes()
    try:
        lab.open_and_run(page, learners_lab, name)
        errors = lab.error_outputs(page)
        assert not errors, "\n".join(errors)
        page.locator(".jp-NotebookPanel-toolbar [data-command='docmanager:save']").click()
        deadline = time.monotonic() + lab.TIMEOUT_MS / 1000
        while saved.read_bytes() == before:
            assert time.monotonic() < deadline, "JupyterLab did not save the notebook it ran"
            time.sleep(0.2)
    finally:
        learners_lab.close_session(name)
    assert json.loads(saved.read_text())["cells"], "the saved notebook is not a notebook"
    committed = (ROOT / "notebooks" / "04_loss.ipynb").read_bytes()
    assert (learners_lab.root / "notebooks" / "04_loss.ipynb").read_bytes() == committed
    status = git(learners_lab.root, "status", "--porcelain", "--untracked-files=all")
    assert status == "", f"the learner's run made the clone dirty:\n{status}"
    # It is there all the same, ignored.
    assert "!! my-notebooks/" in git(learners_lab.root, "status", "--porcelain", "--ignored").splitlines()
