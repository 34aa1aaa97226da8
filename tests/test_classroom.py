"""A class on one JupyterHub: `make classroom` starts a hub whose learners each get their own system user and a
server with the series' environment; the nbgitpuller link hands the series out and, clicked again, brings the
teacher's fixes without touching the learner's edits; an idle server is stopped and the learner's files stay.

Every test here drives the real `make classroom` (tests/classroom_hub.py), as root, on 127.0.0.1. Marked
``classroom``: `make test-classroom` runs them (`make test` does not: they need root, npm and minutes).
"""

import asyncio
import copy
import json
import os
import re
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest

import classroom_hub
from classroom_hub import NAME, ROOT, Hub, Learner, LearnerError

pytestmark = pytest.mark.classroom

CULL_TIMEOUT = 45            # seconds: short, so a test can watch a server being culled
NOTEBOOK_04 = "nn-companion/notebooks/04_loss.ipynb"
NOTEBOOK_05 = "nn-companion/notebooks/05_derivative.ipynb"


@pytest.fixture(scope="module")
def repo():
    """The teacher's repository (a clone of this checkout, branch main), in a folder learners can read."""
    parent = classroom_hub.readable_folder("nnc-repo-")
    yield classroom_hub.published_repository(parent / "nn-companion")
    shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture(scope="module")
def hub(repo):
    if os.geteuid() != 0:
        pytest.fail("the classroom's tests run as root (learners are system users): make test-classroom")
    folder = classroom_hub.readable_folder("nnc-class-")
    running = Hub(folder, repo, learners=4, cull_timeout=CULL_TIMEOUT).start()
    # Test-only, before any learner's server starts: the class's environment also gets tests/nodelay_probe.py,
    # enabled the way extensions enable themselves (nbgitpuller's file sits beside it), so a learner's server can
    # report TCP_NODELAY of its kernels' websockets.
    try:
        (site_packages,) = (folder / "venv" / "lib").glob("python3.*/site-packages")
        shutil.copy(Path(__file__).with_name("nodelay_probe.py"), site_packages)
        (folder / "venv" / "etc" / "jupyter" / "jupyter_server_config.d" / "nodelay_probe.json").write_text(
            json.dumps({"ServerApp": {"jpserver_extensions": {"nodelay_probe": True}}}))
        yield running
    finally:
        running.stop()
        log = running.log_tail(200)
        shutil.rmtree(folder, ignore_errors=True)
        print(log)


def run(coroutine):
    return asyncio.run(coroutine)


async def logged_in(hub, index):
    learner = Learner(hub, f"{NAME}{index:02d}")
    await learner.log_in()
    return learner


def cells(model):
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in model["content"]["cells"]]


def teacher_commits(repo, path, old, new, message):
    """The teacher edits a cell's text in the published repository and commits it."""
    notebook = json.loads((repo / path).read_text())
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if old in source:
            cell["source"] = source.replace(old, new, 1)
            break
    else:
        raise AssertionError(f"{old!r} is not in {path}")
    (repo / path).write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")
    subprocess.run(["git", "commit", "--quiet", "-am", message], cwd=repo, check=True)


def test_a_wrong_password_gets_no_token(hub):
    async def attempt():
        learner = Learner(hub, f"{NAME}01")
        try:
            await learner.log_in(password="not-the-class-password")
        finally:
            learner.close()

    with pytest.raises(LearnerError, match="403"):
        run(attempt())


def test_a_learners_server_runs_as_their_own_user_with_the_series_environment(hub, repo):
    async def scenario():
        learner = await logged_in(hub, 1)
        try:
            await learner.start_server()
            await learner.pull(repo)
            async with learner.kernel(NOTEBOOK_04) as kernel:
                reply = await kernel.request("execute_request", {
                    "code": "", "silent": True, "store_history": False, "allow_stdin": False,
                    "user_expressions": {"nnlib": "__import__('nnlib').__file__",
                                         "user": "__import__('getpass').getuser()",
                                         "matplotlib": "__import__('matplotlib').__version__"}})
                # The learners' server settings (binder/jupyter_server_config.py) reach the hub's servers too:
                # this kernel's websocket sends without Nagle's algorithm.
                nodelay = await learner.fetch(f"{learner.user_url}/nodelay-probe")
            settings = await learner.fetch(
                f"{learner.user_url}/lab/api/settings/@jupyterlab/apputils-extension:notification")
            return reply["user_expressions"], nodelay, settings, hub.processes()[learner.name]
        finally:
            learner.close()

    values, nodelay, settings, processes = run(scenario())
    found = {key: value["data"]["text/plain"].strip("'") for key, value in values.items()}
    home = Path(f"/home/{NAME}01")
    # nnlib comes from the learner's clone: the same commit as the notebooks they pulled.
    assert found["nnlib"] == str(home / "nn-companion" / "nnlib" / "__init__.py")
    assert found["user"] == f"{NAME}01"
    lock = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "constraints.txt").read_text(), re.M))
    assert found["matplotlib"] == lock["matplotlib"]
    # The server and its kernel run as the learner, and nobody else can read the learner's home.
    assert processes and all(p.username() == f"{NAME}01" for p in processes)
    assert stat.S_IMODE(home.stat().st_mode) & 0o077 == 0
    assert nodelay == [1]
    # make lab's JupyterLab settings (binder/overrides.json, the defaults the server gives): no "Jupyter news?" popup.
    assert settings["schema"]["properties"]["fetchNews"]["default"] == "false"


def test_nbgitpuller_brings_the_teachers_fix_and_keeps_the_learners_edit(hub, repo):
    async def scenario():
        learner = await logged_in(hub, 2)
        try:
            await learner.start_server()
            await learner.pull(repo)                       # the first click: the series in the learner's home
            first_04, first_05 = await learner.contents(NOTEBOOK_04), await learner.contents(NOTEBOOK_05)
            # The learner edits notebook 04 and JupyterLab saves it.
            edited = copy.deepcopy(first_04["content"])
            edited["cells"][0]["source"] = "# My own notes on the loss\n" + "".join(edited["cells"][0]["source"])
            await learner.save(NOTEBOOK_04, {"type": "notebook", "format": "json", "content": edited})
            # The teacher fixes a sentence of notebook 05, and also changes the cell the learner edited in 04.
            fix = cells(first_05)[0].splitlines()[0]
            teacher_commits(repo, Path(NOTEBOOK_05).relative_to("nn-companion"), fix, fix + " (fixed)", "Fix 05")
            title_04 = cells(first_04)[0].splitlines()[0]
            teacher_commits(repo, Path(NOTEBOOK_04).relative_to("nn-companion"), title_04, title_04 + " (teacher)",
                            "Retitle 04")
            await learner.pull(repo)                       # the second click
            return fix, title_04, await learner.contents(NOTEBOOK_04), await learner.contents(NOTEBOOK_05)
        finally:
            learner.close()

    fix, title_04, after_04, after_05 = run(scenario())
    assert cells(after_05)[0].splitlines()[0] == fix + " (fixed)"
    assert cells(after_04)[0].startswith("# My own notes on the loss\n" + title_04)
    # nbgitpuller merges keeping the learner's side: the teacher's change to a cell the learner edited is dropped,
    # without a word (docs/teachers.md tells teachers so).
    assert title_04 + " (teacher)" not in "".join(cells(after_04))


def test_an_idle_server_is_culled_and_the_learners_files_stay(hub, repo):
    async def scenario():
        learner = await logged_in(hub, 3)
        try:
            await learner.start_server()
            await learner.save("notes.txt", {"type": "file", "format": "text", "content": "what I learned"})
            start = time.monotonic()
            while await learner.server_running():          # nothing else talks to the server meanwhile
                if time.monotonic() - start > 8 * CULL_TIMEOUT:
                    raise AssertionError(f"the server was still running {8 * CULL_TIMEOUT} s after going idle")
                await asyncio.sleep(5)
            idle = time.monotonic() - start
            user = await learner.fetch(f"{hub.url}/hub/api/users/{learner.name}")
            await learner.start_server()
            notes = await learner.contents("notes.txt")
            return idle, user, notes
        finally:
            learner.close()

    idle, user, notes = run(scenario())
    assert idle >= CULL_TIMEOUT * 0.9          # not stopped before the limit (the hub counts from its last activity)
    assert user["name"] == f"{NAME}03"         # the learner stays; only the server went
    assert notes["content"] == "what I learned"
