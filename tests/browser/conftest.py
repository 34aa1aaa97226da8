"""One JupyterLab server and one Chromium page for every browser test; screenshots when a test fails.

Everything here is marked ``browser``, so ``make test`` (``-m "not browser"``) deselects it and
never imports Playwright; ``make test-browser`` runs it. Failure screenshots, the server log and
the browser console go to ``test-artifacts/browser/`` (or ``$BROWSER_ARTIFACTS``), which
``make test-browser`` lists when a test fails.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

import lab

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", ROOT / "test-artifacts" / "browser"))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder ``browser`` before ``-m`` selects (belt and braces with pytestmark)."""
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def _needs(config, what):
    """Fail when the browser tests were asked for (``-m browser``); otherwise skip with a pointer."""
    message = f"{what}: run `make test-browser`, which installs it"
    if (config.getoption("markexpr") or "").strip() == "browser":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def artifacts():
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def notebooks_copy(tmp_path_factory):
    return lab.copy_notebooks(ROOT / "notebooks", tmp_path_factory.mktemp("served") / "notebooks")


@pytest.fixture(scope="session")
def server(request, notebooks_copy, tmp_path_factory, artifacts):
    with lab.jupyterlab(notebooks_copy, tmp_path_factory.mktemp("jupyter-state")) as running:
        yield running
        if request.session.testsfailed:
            shutil.copy(running.log_path, artifacts / "jupyterlab.log")


@pytest.fixture(scope="session")
def page(request, tmp_path_factory, artifacts):
    try:
        import playwright  # noqa: F401
    except ImportError:
        _needs(request.config, "the playwright package is missing")
    if not Path(lab.CHROMIUM).exists():
        _needs(request.config, f"{lab.CHROMIUM} is missing")
    console = []
    with lab.chromium(tmp_path_factory.mktemp("chromium-profile")) as page:
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
        yield page
    if request.session.testsfailed:
        (artifacts / "console.txt").write_text("\n".join(console))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and page is not None:
        path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', item.name)}.png"
        try:
            page.screenshot(path=path)
            report.sections.append(("screenshot", str(path)))
        except Exception as error:  # the page may be gone; the failure itself matters more
            report.sections.append(("screenshot", f"none: {error}"))
    return report
