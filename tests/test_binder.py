"""Binder builds what the README promises: the helper package imports, widgets included, and JupyterLab
has the learners' settings (binder/postBuild installs binder/overrides.json, the file `make lab` uses)."""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).parents[1]
# The defaults this environment's JupyterLab gives the notification plugin, overrides.json included.
SETTING_DEFAULTS = """
import json
from jupyterlab.labapp import LabApp
from jupyterlab_server.settings_utils import get_settings
lab = LabApp()
settings, _ = get_settings(lab.app_settings_dir, lab.schemas_dir, lab.user_settings_dir,
                           schema_name="@jupyterlab/apputils-extension:notification")
print(json.dumps({key: settings["schema"]["properties"][key]["default"] for key in ["fetchNews", "checkForUpdates"]}))
"""


@pytest.mark.slow
def test_binder_requirements_install_into_a_fresh_venv(tmp_path):
    venv.create(tmp_path / "env", with_pip=True)
    python = tmp_path / "env" / "bin" / "python"
    # Exactly what repo2docker runs, from the repository root.
    subprocess.run([python, "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"],
                   cwd=ROOT, check=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    probe = "import nnlib, ipywidgets, ipympl, matplotlib; print(nnlib.forward(0.0, 1.0))"
    result = subprocess.run([python, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0.5"
    # Then repo2docker runs binder/postBuild from the repository root, with NB_PYTHON_PREFIX the environment.
    subprocess.run(["binder/postBuild"], cwd=ROOT, check=True,
                   env={**os.environ, "NB_PYTHON_PREFIX": str(tmp_path / "env")})
    result = subprocess.run([python, "-c", SETTING_DEFAULTS], cwd=tmp_path, capture_output=True, text=True, check=True,
                            env={**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings")})
    assert json.loads(result.stdout) == {"fetchNews": "false", "checkForUpdates": False}


def test_binder_builds_a_python_the_project_allows():
    """Binder builds one Python (runtime.txt); the tests may run on any the README allows (make test PYTHON=...)."""
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-\d+\.\d+", runtime), runtime
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert Version(runtime.removeprefix("python-") + ".0") in SpecifierSet(requires), (runtime, requires)


def test_repo2docker_picks_the_python_build_pack():
    repo2docker = shutil.which("repo2docker", path=str(Path(sys.executable).parent))
    assert repo2docker, "jupyter-repo2docker is a test dependency (pyproject.toml [test])"
    result = subprocess.run([repo2docker, "--no-build", "--debug", "."], cwd=ROOT,
                            capture_output=True, text=True, check=True, timeout=120)
    dockerfile = result.stdout + result.stderr
    version = (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    assert re.search(rf"python={re.escape(version)}\b", dockerfile), "runtime.txt not honoured"
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "RUN ./binder/postBuild" in dockerfile, "the JupyterLab settings for learners would not be installed"
    assert "environment.yml" not in dockerfile  # the conda build pack would have been chosen
