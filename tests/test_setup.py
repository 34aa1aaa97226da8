"""A learner's set-up: the Makefile's Python check, the working copy my-notebooks/, the installs (uv, or pip
with ``UV=``) and the JupyterLab settings `make lab` and Binder share.

Each test runs the real Makefile in a temporary folder holding a copy of what that test needs. The
install tests use a tiny stand-in project (one small package from PyPI and a one-line nnlib) so they
check the install commands, the stamps and the rebuild of a stale .venv in seconds; the real package set
is installed by `make test` itself, and with plain pip by tests/test_binder.py.
"""

import importlib.metadata
import json
import os
import queue
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import jsonschema
import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LINK = re.compile(r"\]\((?!\w+:)([^)#\s]+)")          # markdown links and images that are not URLs
HERE = f"{sys.version_info.major}.{sys.version_info.minor}"
# The install tests make .venv with the Python running them, whichever the README allows (make test PYTHON=...).
THIS_PYTHON = f"PYTHON={sys.executable}"
# A clean environment for make: no venv of the caller's, no Makefile variables leaking in.
ENV = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "MAKEFLAGS", "MAKELEVEL", "MFLAGS")}


def make(folder, *args, check=True):
    result = subprocess.run(["make", "--no-print-directory", *args], cwd=folder, env=ENV,
                            capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, f"make {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def fake_python(folder, version):
    """A shell script standing in for a Python of ``version``: it answers the version question, nothing else."""
    path = folder / f"python{version}"
    path.write_text(f'#!/bin/sh\ncase "$*" in *version_info*) echo {version} ;; *) echo "$0 is a stand-in" >&2; '
                    "exit 1 ;; esac\n")
    path.chmod(0o755)
    return path


def lines(result):
    return (result.stdout + result.stderr).strip().splitlines()


# --- The interpreter ----------------------------------------------------------------------------

@pytest.fixture
def bare(tmp_path):
    """The Makefile alone."""
    shutil.copy(ROOT / "Makefile", tmp_path)
    return tmp_path


@pytest.mark.parametrize("goal", ["install", "lab", "test"])
def test_an_old_python_is_told_in_one_line_before_anything_is_made(bare, goal):
    python = fake_python(bare, "3.10.12")
    result = make(bare, goal, f"PYTHON={python}", check=False)
    assert result.returncode != 0
    (line,) = lines(result)
    assert f"Python 3.11 or newer is needed; {python} is 3.10.12." in line, line
    assert f"make {goal} PYTHON=python3.11" in line, line
    assert not (bare / ".venv").exists()


def test_the_oldest_python_the_readme_allows_passes_the_check(bare):
    """The README, pyproject.toml and the Makefile's check name one minimum: a Python of exactly that version gets
    past the check (this stand-in then fails to make .venv, which is not the check's business)."""
    minimum = oldest_python_allowed()
    assert re.search(rf"You need Python {re.escape(minimum)} or newer", (ROOT / "README.md").read_text())
    result = make(bare, "install", f"PYTHON={fake_python(bare, minimum + '.0')}", check=False)
    assert "is needed" not in result.stdout + result.stderr


def oldest_python_allowed():
    """The lowest Python pyproject.toml allows, as "3.11": its requires-python is a lower bound only."""
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    match = re.fullmatch(r">=\s*(\d+\.\d+)", requires.strip())
    assert match, f"requires-python should be a lower bound, e.g. >=3.11; got {requires!r}"
    return match.group(1)


def test_every_locked_package_installed_here_runs_on_the_oldest_python_allowed():
    """The lock must install on every Python the README allows, down to x.y.0: a pin that needs a later patch
    release (soupsieve 4.1.3 needs 3.11.5; Debian 12's Python is 3.11.2) fails there. Read from the metadata
    of what constraints.txt installed here."""
    oldest = Version(oldest_python_allowed() + ".0")
    pins = dict(line.split("==") for line in (ROOT / "constraints.txt").read_text().splitlines() if "==" in line)
    checked, too_new = 0, []
    for name, version in pins.items():
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:    # an extra this environment has not installed
            continue
        if distribution.version != version:
            continue
        checked += 1
        requires = distribution.metadata.get("Requires-Python")
        if requires and oldest not in SpecifierSet(requires):
            too_new.append(f"{name}=={version} needs Python {requires}")
    assert checked > 50, f"only {checked} of the locked packages are installed here"
    assert too_new == []


def test_a_missing_python_is_told_in_one_line(bare):
    result = make(bare, "lab", "PYTHON=no-such-python3", check=False)
    assert result.returncode != 0
    (line,) = lines(result)
    assert "no-such-python3 does not run as Python here" in line, line
    assert not (bare / ".venv").exists()


# --- Installing ---------------------------------------------------------------------------------

def pin(name):
    """The version constraints.txt pins for ``name``."""
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.lower().startswith(f"{name}=="):
            return line.split("==")[1]
    raise AssertionError(f"constraints.txt pins no {name}")


@pytest.fixture
def tiny(tmp_path):
    """A stand-in project: the real Makefile; requirements.txt asks for one small package (iniconfig), a
    range that constraints.txt narrows to one version, and nnlib is a one-line package."""
    shutil.copy(ROOT / "Makefile", tmp_path)
    (tmp_path / "requirements.txt").write_text("iniconfig>=1\n")
    (tmp_path / "constraints.txt").write_text(f"iniconfig==2.0.0\nuv=={pin('uv')}\n")
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta"\n\n'
        '[project]\nname = "nnlib"\nversion = "0.0.1"\n\n[tool.setuptools]\npackages = ["nnlib"]\n')
    (tmp_path / "nnlib").mkdir()
    (tmp_path / "nnlib" / "__init__.py").write_text("ANSWER = 42\n")
    return tmp_path


def installed(folder):
    """What .venv holds: its Python version, iniconfig's version, where nnlib comes from, and its programs."""
    probe = ("import sys, iniconfig, nnlib, importlib.metadata as m; "
             "print(f'{sys.version_info.major}.{sys.version_info.minor}', m.version('iniconfig'), nnlib.__file__)")
    result = subprocess.run([folder / ".venv" / "bin" / "python", "-c", probe], cwd="/", capture_output=True,
                            text=True, check=True)
    version, iniconfig, nnlib = result.stdout.split()
    return version, iniconfig, Path(nnlib), {p.name for p in (folder / ".venv" / "bin").iterdir()}


@pytest.mark.slow
def test_make_install_with_uv_remakes_a_venv_of_another_python_and_then_does_nothing(tiny):
    stale = tiny / ".venv" / "bin"
    stale.mkdir(parents=True)
    shutil.copy(fake_python(tiny, "3.9.18"), stale / "python")
    (tiny / ".venv" / "left-over").touch()

    result = make(tiny, "install", THIS_PYTHON)
    assert ".venv was made by another Python" in result.stdout
    assert not (tiny / ".venv" / "left-over").exists()
    version, iniconfig, nnlib, programs = installed(tiny)
    assert version == HERE
    assert iniconfig == "2.0.0", "constraints.txt not applied"
    assert nnlib == tiny / "nnlib" / "__init__.py", "nnlib not installed editable"
    assert {"uv", "pip"} <= programs
    assert "Nothing to be done" in make(tiny, "install", THIS_PYTHON).stdout, "the stamps should make a second run a no-op"


@pytest.mark.slow
def test_make_install_with_an_empty_uv_installs_with_plain_pip(tiny):
    make(tiny, "install", THIS_PYTHON, "UV=")
    version, iniconfig, nnlib, programs = installed(tiny)
    assert version == HERE
    assert iniconfig == "2.0.0", "constraints.txt not applied"
    assert nnlib == tiny / "nnlib" / "__init__.py", "nnlib not installed editable"
    assert "pip" in programs
    assert "uv" not in programs, "pip alone should have installed everything"


# --- The working copy ---------------------------------------------------------------------------

@pytest.fixture
def clone(tmp_path):
    """The Makefile and the notebooks, as in a clone."""
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return tmp_path


def test_the_working_copy_is_made_once_and_never_overwritten(clone):
    make(clone, "my-notebooks")
    work = clone / "my-notebooks"
    assert sorted(p.name for p in work.iterdir()) == [p.name for p in NOTEBOOKS]
    for notebook in NOTEBOOKS:
        assert (work / notebook.name).read_bytes() == notebook.read_bytes()

    mine = work / NOTEBOOKS[4].name
    mine.write_text(mine.read_text() + "\n")                     # the learner ran and saved it
    new = clone / "notebooks" / "99_added_upstream.ipynb"        # a later `git pull` brought a new notebook
    shutil.copy(NOTEBOOKS[0], new)
    make(clone, "my-notebooks")
    assert mine.read_text().endswith("\n\n"), "the learner's notebook was overwritten"
    assert (work / new.name).read_bytes() == new.read_bytes(), "a new notebook was not copied in"


def test_links_in_the_working_copy_still_resolve():
    """A copy sits in my-notebooks/, beside notebooks/: a link to a sibling notebook must stay inside the copy
    (another copy), a link to anything else must reach the same file as from notebooks/."""
    work = ROOT / "my-notebooks"
    for notebook in NOTEBOOKS:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        for target in LINK.findall(markdown):
            from_copy = Path(os.path.normpath(work / target))
            if from_copy.parent == work:
                assert from_copy.suffix == ".ipynb", f"{notebook.name}: {target} is not copied to my-notebooks/"
                sibling = notebook.parent / target
                # The link to the next notebook may point ahead of the series only from its last notebook.
                assert sibling.exists() or notebook == NOTEBOOKS[-1], f"{notebook.name}: {target}"
            else:
                assert from_copy.exists(), f"{notebook.name}: {target} does not resolve from my-notebooks/"
                assert from_copy == Path(os.path.normpath(notebook.parent / target)), \
                    f"{notebook.name}: {target} leads somewhere else from my-notebooks/"


def test_git_ignores_the_working_copy():
    paths = ["my-notebooks/00_introduction.ipynb", "my-notebooks/.ipynb_checkpoints/00_introduction-checkpoint.ipynb"]
    result = subprocess.run(["git", "check-ignore", "--no-index", *paths], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == paths


# --- JupyterLab's settings for learners ---------------------------------------------------------

def test_the_learner_settings_are_jupyterlab_defaults_that_silence_news_and_update_checks(tmp_path):
    """binder/overrides.json, read the way JupyterLab reads overrides.json in its app settings folder."""
    from jupyterlab.labapp import LabApp
    from jupyterlab_server.settings_utils import get_settings

    overrides = json.loads((ROOT / "binder" / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false",
                                                                         "checkForUpdates": False}
    (tmp_path / "app").mkdir()
    (tmp_path / "user").mkdir()
    shutil.copy(ROOT / "binder" / "overrides.json", tmp_path / "app" / "overrides.json")
    lab = LabApp()
    for plugin, values in overrides.items():
        settings, _ = get_settings(str(tmp_path / "app"), lab.schemas_dir, str(tmp_path / "user"), schema_name=plugin)
        for key, value in values.items():
            schema = settings["schema"]["properties"][key]
            jsonschema.validate(value, {k: v for k, v in schema.items() if k != "default"})
            assert schema["default"] == value, f"{plugin} {key}: the override did not become the default"
    # `make lab` copies the file to .venv's app settings folder: where this venv's JupyterLab reads it.
    where = Path(lab.app_settings_dir).relative_to(sys.prefix).as_posix()
    assert f"$(VENV)/{where}/overrides.json" in (ROOT / "Makefile").read_text()


# --- Without make: python start_lab.py ----------------------------------------------------------

sys.path.insert(0, str(ROOT))
import start_lab  # noqa: E402  (the repository's root, on the path just above)


def test_start_lab_starts_jupyterlab_as_make_lab_does():
    """The same JupyterLab options, read from what `make lab` would run here (-n: printed, not run)."""
    planned = make(ROOT, "-n", "lab", f"PYTHON={sys.executable}").stdout.replace("\\\n", " ")
    (line,) = [line for line in planned.splitlines() if line.startswith(".venv/bin/jupyter lab")]
    command = start_lab.lab_command("00_introduction.ipynb")
    assert command[:4] == [str(start_lab.venv_python()), "-m", "jupyter", "lab"]
    assert command[4:] == shlex.split(line)[2:]


def test_start_lab_tells_an_old_python_in_one_line():
    message = start_lab.too_old((3, 10, 12))
    assert "3.11 or newer" in message and "3.10.12" in message and "\n" not in message
    assert start_lab.too_old((3, 11, 0)) is None and start_lab.too_old((4, 0, 0)) is None


def lines_until(process, pattern, seconds):
    """Lines the process prints until one matches ``pattern`` (then that line is the last), or the time is up."""
    found, seen = queue.Queue(), []

    def read():
        try:
            for line in process.stdout:
                found.put(line)
        except ValueError:                     # the test closed the pipe: the process is gone
            pass

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            seen.append(found.get(timeout=1))
        except queue.Empty:
            continue
        if re.search(pattern, seen[-1]):
            break
    return seen


@pytest.mark.slow
def test_start_lab_in_a_fresh_clone_sets_up_and_opens_notebook_00(tmp_path):
    """What a learner without make does: python start_lab.py in a clone. .venv gets the locked versions and
    the learners' settings, my-notebooks/ the notebooks, and JupyterLab answers at the link it prints; a second
    run installs nothing."""
    clone = tmp_path / "clone"
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in listed.split("\0"):
        if name and (ROOT / name).is_file() and not (ROOT / name).is_symlink():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    port, token = free_port(), secrets.token_hex(8)
    env = {**ENV, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_DATA_DIR": str(tmp_path / "data"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"), "IPYTHONDIR": str(tmp_path / "ipython")}
    with subprocess.Popen([sys.executable, "start_lab.py", "--no-browser", f"--port={port}", "--port-retries=0",
                           f"--IdentityProvider.token={token}"], cwd=clone, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True) as process:
        try:
            link = rf"http://127\.0\.0\.1:{port}/lab/tree/my-notebooks/00_introduction\.ipynb\?token="
            printed = lines_until(process, link, seconds=240)
            assert printed and re.search(link, printed[-1]), "".join(printed[-30:])
            assert "started" in status(f"http://127.0.0.1:{port}/api/status?token={token}")
        finally:
            os.killpg(process.pid, signal.SIGTERM)      # the script and the JupyterLab it started
            process.wait(timeout=60)
    python = clone / ".venv" / "bin" / "python"
    probe = "import importlib.metadata as m; print(m.version('numpy'), m.version('jupyterlab'))"
    versions = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert versions == [pin("numpy"), pin("jupyterlab")]
    settings = clone / ".venv" / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert settings.read_bytes() == (ROOT / "binder" / "overrides.json").read_bytes()
    assert sorted(p.name for p in (clone / "my-notebooks").iterdir()) == [p.name for p in NOTEBOOKS]
    again = subprocess.run([sys.executable, "start_lab.py", "--version"], cwd=clone, env=env, capture_output=True,
                           text=True, timeout=120)
    assert again.returncode == 0 and again.stdout.split()[-1] == pin("jupyterlab")
    assert "installing" not in again.stdout and "making .venv" not in again.stdout


def status(url, seconds=60):
    """The JSON the server answers at ``url``: it listens a moment after it prints its link, so ask until then."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                return json.loads(answer.read())
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
