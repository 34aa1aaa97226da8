"""Shared test set-up: a deterministic hypothesis profile (strategies live in strategies.py)."""

import subprocess
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")  # unit tests draw off-screen; the ipympl path has its own tests

# Same examples on every run and every machine: CI must not flake on a lucky draw.
settings.register_profile(
    "nnlib", derandomize=True, deadline=None, max_examples=60,
    suppress_health_check=[HealthCheck.filter_too_much],
)
settings.load_profile("nnlib")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """A test that uses the built site is a ``site`` test (``make test-site``): building it needs npm,
    which `make test` does not. Marked before ``-m`` selects."""
    for item in items:
        if "site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The static site, built once per test session by `make site` into a temporary folder."""
    html = tmp_path_factory.mktemp("site") / "html"
    result = subprocess.run(["make", "--no-print-directory", "site", f"SITE_DIR={html}"],
                            cwd=Path(__file__).parents[1], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"make site failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return html


@pytest.fixture(params=["agg", "module://ipympl.backend_nbagg"])
def backend(request):
    """Run an explorer test off-screen, and again with the ipympl widget canvas used in JupyterLab."""
    previous = plt.get_backend()
    plt.switch_backend(request.param)
    yield request.param
    plt.close("all")
    plt.switch_backend(previous)
