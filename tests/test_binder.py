"""Binder builds what the README promises: the helper package imports, widgets included."""

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


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


def test_runtime_pins_the_python_we_test_with():
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}"


def test_repo2docker_picks_the_python_build_pack():
    repo2docker = shutil.which("repo2docker", path=str(Path(sys.executable).parent))
    assert repo2docker, "jupyter-repo2docker is a test dependency (pyproject.toml [test])"
    result = subprocess.run([repo2docker, "--no-build", "--debug", "."], cwd=ROOT,
                            capture_output=True, text=True, check=True, timeout=120)
    dockerfile = result.stdout + result.stderr
    version = (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    assert re.search(rf"python={re.escape(version)}\b", dockerfile), "runtime.txt not honoured"
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "environment.yml" not in dockerfile  # the conda build pack would have been chosen
