"""JupyterLab in Debian's Chromium, driven by Playwright: shared by tests/browser and bench/.

One server and one browser serve every notebook. The server binds 127.0.0.1 on a
free port with token auth on, and keeps all its state (config, runtime, settings,
workspaces, IPython, the matplotlib cache) in a folder of the caller's choosing,
so nothing here reads or writes a user's Jupyter set-up.

Facts this relies on (measured on the project's machines): Playwright cannot
download browsers here, so it launches /usr/bin/chromium; the kernel exists only
once the status bar says ``ipykernel) | Idle`` (the toolbar says idle earlier);
ipympl draws into ``.jupyter-matplotlib-canvas-div canvas``, so "drawn" and
"repainted" are read from that canvas's pixels, not from the element existing.
"""

import ast
import contextlib
import json
import os
import queue
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the networking flags Chromium keeps calling home on a machine that has no network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
SERVER_CONFIG = Path(__file__).resolve().parents[2] / "binder" / "jupyter_server_config.py"
# jupyter-server's own kernel websocket (no TCP_NODELAY): what a server runs without SERVER_CONFIG.
STOCK_CONNECTION = ("--ServerApp.kernel_websocket_connection_class="
                    "jupyter_server.services.kernels.connection.channels.ZMQChannelsWebsocketConnection")
TIMEOUT_MS = 180_000         # generous: CI machines are small and shared (notebook 10 trains for ~1 min); no latency asserted
SLIDER = ".jp-OutputArea-output .widget-hslider"
CANVAS = ".jupyter-matplotlib-canvas-div canvas"

# JupyterLab user settings written into the private settings folder.
SETTINGS = {
    # Keep every cell in the DOM (no virtual scrolling), so every slider and figure can be found.
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    # No "get Jupyter news?" toast over the notebook, no update check.
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    # The served notebooks are throw-away copies; saving them only costs time.
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}

# Pixel hash and ink count of one canvas (ink: pixels that are neither blank nor white).
CANVAS_STATE_JS = """canvas => {
    const words = new Uint32Array(canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data.buffer);
    let hash = 2166136261, ink = 0;
    for (let i = 0; i < words.length; i++) {
        hash = Math.imul(hash ^ words[i], 16777619) >>> 0;
        if (words[i] !== 0 && words[i] !== 0xffffffff) ink++;
    }
    return {hash, ink, width: canvas.width, height: canvas.height};
}"""

# Kernel side: every explorer slider alive in the kernel, found generically (no variable names assumed).
# Each row: [model id, name in explorer.sliders, description, position, value, id of the explorer's figure].
# The position is what the browser's noUiSlider holds: the value, or for a SelectionSlider the option's index.
KERNEL_SLIDERS = (
    "__import__('json').dumps("
    "[[s.model_id, name, s.description, getattr(s, 'index', s.value), repr(s.value), id(e.fig)]"
    " for Explorer in [__import__('nnlib').Explorer] for e in __import__('gc').get_objects()"
    " if issubclass(type(e), Explorer)"
    " for name, s in e.sliders.items()])"
)
KERNEL_FIGURES = "len(__import__('matplotlib.pyplot').pyplot.get_fignums())"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server serving ``root`` with its state under ``state``.

    ``settings``: the user settings written for it (by default SETTINGS). ``make_lab=True`` starts it the way a
    learner does, with `make lab` in ``root`` (a clone: the Makefile sets up its .venv first), adding only what
    a test needs (no browser, the port, the token) through ``LAB_ARGS``.
    """

    def __init__(self, root, state, settings=SETTINGS, make_lab=False, server_config=True):
        self.root, self.state, self.make_lab = Path(root), Path(state), make_lab
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.runtime_dir = self.state / "runtime"
        self.log_path = self.state / "jupyterlab.log"
        # PYTHONFAULTHANDLER: a kernel that dies on a fatal signal leaves the Python stack of each of its
        # threads in jupyterlab.log (one aborted once here, "malloc(): unaligned tcache chunk detected",
        # while the digit pad was painted; it did not come back in 16 runs).
        self.env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1", PYTHONFAULTHANDLER="1")
        for variable, folder in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                                 ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                                 ("MPLCONFIGDIR", "matplotlib"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                                 ("JUPYTERLAB_WORKSPACES_DIR", "workspaces")]:
            (self.state / folder).mkdir(parents=True, exist_ok=True)
            self.env[variable] = str(self.state / folder)
        if make_lab:   # the clone's make, not the one that may be running these tests
            for variable in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "VIRTUAL_ENV"):
                self.env.pop(variable, None)
        # The learners' server settings (binder/jupyter_server_config.py, which make lab, Binder and the classroom
        # hub install): in the private config folder, so the server runs as a learner's does whatever .venv holds.
        # ``server_config=False`` runs the stock server instead, ignoring any copy installed in .venv too.
        self.server_config = server_config
        if server_config:
            shutil.copy(SERVER_CONFIG, self.state / "config" / "jupyter_server_config.py")
        for plugin, values in settings.items():
            path = self.state / "settings" / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        self.process = None

    def start(self, timeout=120, attempts=3):
        # Build matplotlib's font cache in the fresh MPLCONFIGDIR now, not as a warning in a notebook's first cell.
        fonts = subprocess.Popen([sys.executable, "-c", "import matplotlib.pyplot"], env=self.env)
        for attempt in range(attempts):
            if self._launch(timeout):
                break
            # Another process took the free port between our look and the server's bind: try another.
            if attempt == attempts - 1 or "already in use" not in self.log_tail():
                raise RuntimeError(f"JupyterLab exited ({self.process.returncode}):\n{self.log_tail()}")
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}"
        if fonts.wait(timeout) != 0:
            raise RuntimeError("could not build matplotlib's font cache")
        return self

    def _launch(self, timeout):
        """Start the server; True once it answers, False if it exited."""
        options = ["--no-browser", f"--port={self.port}", "--port-retries=0"]
        if self.make_lab:   # the token is the one make lab's server makes up and prints, as a learner gets it
            command = ["make", "--no-print-directory", "lab", f"LAB_ARGS={' '.join(options)}"]
            self.token = None
        else:
            command = [
                sys.executable, "-m", "jupyterlab", "--ip=127.0.0.1", *options, f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root}", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            ] + (["--allow-root"] if os.geteuid() == 0 else []) + ([] if self.server_config else [STOCK_CONNECTION])
        with open(self.log_path, "w") as log:
            # A session of its own, so stop() ends make and the server it started, and nothing else.
            self.process = subprocess.Popen(command, cwd=self.root, env=self.env, stdin=subprocess.DEVNULL,
                                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            try:
                if self.token is None:
                    url = self.printed_url()
                    if not url:
                        raise OSError("no URL printed yet")
                    self.token = url.rsplit("token=", 1)[1]
                self.api("/api/status")
                return True
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not answer in {timeout} s:\n{self.log_tail()}") from None
                time.sleep(0.2)
        return False

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)     # the server shuts its kernels down on SIGTERM
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def printed_url(self):
        """The URL with the token that the server printed for the user to open."""
        log = self.log_path.read_text(errors="replace")
        match = re.search(rf"http://127\.0\.0\.1:{self.port}/\S*\?token=\w+", log)
        return match and match.group()

    def log_tail(self, lines=40):
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def api(self, path, method="GET"):
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def notebook_url(self, name):
        return f"{self.url}/lab/tree/{name}?reset&token={self.token}"

    def session(self, name):
        """The server's session of the notebook ``name`` (its kernel), or None."""
        return next((s for s in self.api("/api/sessions") if s["path"] == name), None)

    def close_session(self, name):
        session = self.session(name)
        if session:
            self.api(f"/api/sessions/{session['id']}", method="DELETE")

    @contextlib.contextmanager
    def kernel(self, name):
        """A client of the kernel behind notebook ``name``, connected beside the browser's own connection."""
        from jupyter_client import BlockingKernelClient

        kernel_id = self.session(name)["kernel"]["id"]
        client = BlockingKernelClient(connection_file=str(self.runtime_dir / f"kernel-{kernel_id}.json"))
        client.load_connection_file()
        client.start_channels()
        try:
            yield KernelProbe(client)
        finally:
            client.stop_channels()


class KernelSlider(NamedTuple):
    """One explorer slider as the kernel sees it."""

    name: str           # its key in explorer.sliders
    description: str    # its label in the browser
    position: float     # what the browser's noUiSlider holds: the value, or a SelectionSlider's index
    value: str          # repr of the value
    figure: int         # id() of the explorer's figure


class KernelProbe:
    """Evaluate expressions in a kernel silently: no output, no history, nothing shown in the notebook."""

    def __init__(self, client):
        self.client = client

    def evaluate(self, **expressions):
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while True:
            reply = self._request(expressions, deadline)
            # After a cell fails, the kernel aborts the requests queued behind it, ours included: ask again.
            if reply["content"]["status"] != "aborted":
                break
            if time.monotonic() > deadline:
                raise RuntimeError("the kernel kept aborting the request")
            time.sleep(0.1)
        values = {}
        for key, result in reply["content"]["user_expressions"].items():
            if result["status"] != "ok":
                raise RuntimeError(f"kernel could not evaluate {key}: {result['ename']}: {result['evalue']}")
            values[key] = ast.literal_eval(result["data"]["text/plain"])   # the repr of a str or an int
        return values

    def subscribe(self, timeout=TIMEOUT_MS / 1000):
        """Return once this client's IOPub receives the kernel's messages (a ZMQ subscription takes a moment):
        its reply to a kernel_info request (no code runs) has come through."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg_id = self.client.kernel_info()
            try:
                while True:
                    msg = self.client.get_iopub_msg(timeout=1)
                    if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                            and msg["content"]["execution_state"] == "idle":
                        return
            except queue.Empty:
                continue
        raise RuntimeError("no message from the kernel on IOPub")

    def wait_for_cells(self, count, deadline):
        """Watch IOPub, sending nothing, until ``count`` execute requests of another client (the browser) have
        finished: True; or one raised an error (the kernel then skips the rest): False."""
        finished = set()
        while len(finished) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"the kernel ran {len(finished)} of {count} code cells in time")
            try:
                msg = self.client.get_iopub_msg(timeout=1)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_type") != "execute_request":
                continue
            if msg["msg_type"] == "error":
                return False
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                finished.add(msg["parent_header"]["msg_id"])
        return True

    def _request(self, expressions, deadline):
        msg_id = self.client.execute("", silent=True, store_history=False, user_expressions=expressions)
        while True:
            reply = self.client.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def explorer_sliders(self):
        """``{model_id: KernelSlider}`` of every explorer slider, and the number of open pyplot figures."""
        values = self.evaluate(sliders=KERNEL_SLIDERS, figures=KERNEL_FIGURES)
        return {row[0]: KernelSlider(*row[1:]) for row in json.loads(values["sliders"])}, values["figures"]


@contextlib.contextmanager
def jupyterlab(root, state, **options):
    lab = Lab(root, state, **options)
    try:
        yield lab.start()
    finally:
        lab.stop()


@contextlib.contextmanager
def chromium(profile, width=1400, height=1000):
    """A headless Chromium page (Debian's browser: Playwright cannot download its own here)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: `make test-browser` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": width, "height": height},
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.on("dialog", lambda dialog: dialog.accept())   # e.g. "leave this page?" when moving on
            yield page
        finally:
            context.close()


def copy_notebooks(source, target):
    """Serve copies: the repository's notebooks are never opened, run or saved by the browser."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return Path(target)


def open_and_run(page, lab, name):
    """Open notebook ``name`` (a fresh kernel), run all cells, and wait until the kernel has run every code
    cell, the page shows them all run and every figure has been drawn (its canvas has ink).
    Returns the seconds each phase took."""
    notebook = json.loads((lab.root / name).read_text(encoding="utf-8"))
    code_cells = sum(1 for c in notebook["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip())
    times, start = {}, time.monotonic()
    page.goto(lab.notebook_url(name))
    idle = page.locator(".jp-StatusBar-TextItem", has_text="ipykernel) | Idle").first
    idle.wait_for()
    times["open"], start = time.monotonic() - start, time.monotonic()
    # The saved prompts already read [1]..[N], so the page alone cannot tell a finished run: watch the kernel.
    # Only watch: every request to the kernel (even a silent execute) ends in IPython's post_execute, where
    # pyplot's interactive mode asks every not-yet-drawn figure for one more picture (see wait_for_drawn_figures).
    with lab.kernel(name) as kernel:
        kernel.subscribe()
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        if not kernel.wait_for_cells(code_cells, time.monotonic() + TIMEOUT_MS / 1000):
            page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').first.wait_for()
    errors = error_outputs(page)
    if errors:
        raise AssertionError(f"{name}: Run All stopped at an error or wrote to stderr:\n" + "\n".join(errors))
    # Every code cell has a number in its prompt: none waiting ([*]) or never run ([ ]).
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""")
    idle.wait_for()
    times["run"], start = time.monotonic() - start, time.monotonic()
    wait_for_drawn_figures(page)
    times["draw"] = time.monotonic() - start
    return times


def wait_for_drawn_figures(page):
    """Wait until every ipympl figure on the page has been drawn (its canvas has ink).

    Why the harness only watches the kernel while a notebook runs (open_and_run): any message the kernel handles,
    a silent execute or a widget's comm message alike, ends in IPython's post_execute, where pyplot's interactive
    mode (``%matplotlib widget``) asks every stale figure for a redraw; figures stay stale until their first
    picture. Each such request makes the kernel send a picture, and once a figure has had its full picture,
    the next ones are diffs against it. ipympl's front end shows only the last picture it was sent (a newer one
    replaces an older one still loading) and paints a diff over what its canvas holds: when a busy page (a cold
    first load) receives the full picture and then an empty diff before it could decode the first, the canvas
    stays blank for good. The old harness polled the kernel ten times a second during Run All, adding such
    requests for every figure: the wait below then timed out, rarely.
    """
    script = f"""() => {{
        const state = {CANVAS_STATE_JS};
        return [...document.querySelectorAll(".jp-OutputArea-output {CANVAS}:first-child")]
            .map(c => [c.width, c.height, c.width > 0 && c.height > 0 ? state(c).ink : 0]);
    }}"""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"() => ({script})().every(([width, height, ink]) => width > 0 && ink > 0)")
    except PlaywrightTimeout:
        blank = [i for i, (width, height, ink) in enumerate(page.evaluate(script)) if not (width > 0 and ink > 0)]
        raise AssertionError(f"figures {blank} (0-based, in page order) stayed blank for {TIMEOUT_MS / 1000:g} s: "
                             "see wait_for_drawn_figures") from None


def output_of(element):
    """The notebook output (one displayed object) that holds ``element``."""
    return element.locator(
        "xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' jp-OutputArea-output ')][1]")


def figure_of(slider):
    """The ipympl canvas displayed with ``slider``: the explorer's one figure."""
    return output_of(slider).locator(CANVAS).first


def settled_hash(page, canvas, quiet_ms=300):
    """The canvas's hash once it has stopped changing for ``quiet_ms`` (an earlier move may still be arriving)."""
    return page.evaluate(
        f"""async ([canvas, quietMs]) => {{
            const state = {CANVAS_STATE_JS};
            let last = state(canvas).hash, since = performance.now();
            while (performance.now() - since < quietMs) {{
                await new Promise(r => requestAnimationFrame(r));
                const now = state(canvas).hash;
                if (now !== last) {{ last = now; since = performance.now(); }}
            }}
            return last;
        }}""", [canvas.element_handle(), quiet_ms])


def wait_for_repaint(page, canvas, before, timeout_ms=TIMEOUT_MS):
    """Wait until the canvas's pixels differ from the hash ``before``; fail with a plain message if they never do."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            f"([canvas, before]) => ({CANVAS_STATE_JS})(canvas).hash !== before",
            arg=[canvas.element_handle(), before], polling="raf", timeout=timeout_ms)
    except PlaywrightTimeout:
        raise AssertionError(f"the figure did not repaint: its pixels stayed the same for {timeout_ms / 1000:g} s"
                             ) from None


def error_outputs(page):
    """Tracebacks and stderr shown in the notebook (JupyterLab renders both as this mime type)."""
    return page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
