"""One JupyterLab server and one Chromium page for every browser test; screenshots when a test fails.

Everything here is marked ``browser``, so ``make test`` (``-m "not browser"``) deselects it and
never imports Playwright; ``make test-browser`` runs it. Failure screenshots, the server log and
the browser console go to ``test-artifacts/browser/`` (or ``$BROWSER_ARTIFACTS``), which
``make test-browser`` lists when a test fails.
"""

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import lab

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", ROOT / "test-artifacts" / "browser"))
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder ``browser`` before ``-m`` selects (belt and braces with pytestmark)."""
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def _needs(config, what):
    """Fail when browser, site or classroom tests were asked for (``make test-browser``, ``make test-site``,
    ``make test-classroom``: ``-m`` names them); otherwise skip with a pointer."""
    message = f"{what}: run `make test-browser`, which installs it"
    if re.match(r"(browser|site|classroom)\b", (config.getoption("markexpr") or "").strip()):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_installed(request):
    """Playwright and Chromium are there (or the test fails or skips, see _needs)."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        _needs(request.config, "the playwright package is missing")
    if not Path(lab.CHROMIUM).exists():
        _needs(request.config, f"{lab.CHROMIUM} is missing")


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
def page(request, tmp_path_factory, artifacts, browser_installed):
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


# --- The static site (`make site`, the `site` fixture of tests/conftest.py) in a browser with no network ----

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_server(site):
    """The built site on 127.0.0.1, from a tiny http.server: its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def offline_page(tmp_path_factory, browser_installed):
    """A Chromium page that reaches 127.0.0.1 only: every other request is aborted and listed in
    ``page.outside``; ``page.failed`` lists HTTP errors and ``page.errors`` JavaScript errors."""
    with lab.chromium(tmp_path_factory.mktemp("site-chromium-profile"), width=1400, height=1000) as page:
        page.outside, page.failed, page.errors = [], [], []

        def only_loopback(route):
            url = route.request.url
            if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).hostname in LOOPBACK:
                route.continue_()
            else:
                page.outside.append(url)
                route.abort()

        page.context.route("**/*", only_loopback)
        page.on("response", lambda response: page.failed.append(f"{response.status} {response.url}")
                if response.status >= 400 else None)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        yield page
