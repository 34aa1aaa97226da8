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

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the networking flags Chromium keeps calling home on a machine that has no network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 60_000          # generous: CI machines are small and shared; nothing here asserts a latency
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
# Each row: [slider model id, slider name in explorer.sliders, description, value, id of the explorer's figure].
KERNEL_SLIDERS = (
    "__import__('json').dumps([[s.model_id, name, s.description, s.value, id(e.fig)]"
    " for e in __import__('gc').get_objects() if issubclass(type(e), __import__('nnlib').Explorer)"
    " for name, s in e.sliders.items()])"
)
KERNEL_FIGURES = "len(__import__('matplotlib.pyplot').pyplot.get_fignums())"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server serving ``root`` with its state under ``state``."""

    def __init__(self, root, state):
        self.root, self.state = Path(root), Path(state)
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.runtime_dir = self.state / "runtime"
        self.log_path = self.state / "jupyterlab.log"
        self.env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1", PYTHONWARNINGS="ignore::DeprecationWarning")
        for variable, folder in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                                 ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                                 ("MPLCONFIGDIR", "matplotlib"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                                 ("JUPYTERLAB_WORKSPACES_DIR", "workspaces")]:
            (self.state / folder).mkdir(parents=True, exist_ok=True)
            self.env[variable] = str(self.state / folder)
        for plugin, values in SETTINGS.items():
            path = self.state / "settings" / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        self.process = None

    def start(self, timeout=120):
        # Build matplotlib's font cache in the fresh MPLCONFIGDIR now, not as a warning in a notebook's first cell.
        fonts = subprocess.Popen([sys.executable, "-c", "import matplotlib.pyplot"], env=self.env)
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
            "--port-retries=0", f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ] + (["--allow-root"] if os.geteuid() == 0 else [])
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                self.api("/api/status")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not answer in {timeout} s:\n{self.log_tail()}") from None
                time.sleep(0.2)
        if fonts.wait(timeout) != 0:
            raise RuntimeError("could not build matplotlib's font cache")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()     # the server shuts its kernels down on SIGTERM
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self._log.close()

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


class KernelProbe:
    """Evaluate expressions in a kernel silently: no output, no history, nothing shown in the notebook."""

    def __init__(self, client):
        self.client = client

    def evaluate(self, **expressions):
        msg_id = self.client.execute("", silent=True, store_history=False, user_expressions=expressions)
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while True:
            reply = self.client.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        values = {}
        for key, result in reply["content"]["user_expressions"].items():
            if result["status"] != "ok":
                raise RuntimeError(f"kernel could not evaluate {key}: {result['ename']}: {result['evalue']}")
            values[key] = eval(result["data"]["text/plain"], {})    # a repr of str/int from our own expressions
        return values

    def explorer_sliders(self):
        """``{model_id: (name, description, value, figure id)}`` and the number of open figures, read together."""
        values = self.evaluate(sliders=KERNEL_SLIDERS, figures=KERNEL_FIGURES)
        return {row[0]: tuple(row[1:]) for row in json.loads(values["sliders"])}, values["figures"]


@contextlib.contextmanager
def jupyterlab(root, state):
    lab = Lab(root, state)
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
            yield page
        finally:
            context.close()


def copy_notebooks(source, target):
    """Serve copies: the repository's notebooks are never opened, run or saved by the browser."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return Path(target)


def open_and_run(page, lab, name):
    """Open notebook ``name``, run all cells, and wait until every cell ran, the kernel is idle
    and every figure on the page has been drawn (its canvas has ink)."""
    page.goto(lab.notebook_url(name))
    idle = page.locator(".jp-StatusBar-TextItem", has_text="ipykernel) | Idle")
    idle.first.wait_for()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # Every code cell has a number in its prompt: none waiting ([*]) or never run ([ ]).
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""")
    idle.first.wait_for()
    wait_for_drawn_figures(page)


def wait_for_drawn_figures(page):
    page.wait_for_function(
        f"""() => {{
            const canvases = [...document.querySelectorAll(".jp-OutputArea-output {CANVAS}:first-child")];
            const state = {CANVAS_STATE_JS};
            return canvases.every(c => c.width > 0 && state(c).ink > 0);
        }}""")


def output_of(element):
    """The notebook output (one displayed object) that holds ``element``."""
    return element.locator(
        "xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' jp-OutputArea-output ')][1]")


def figure_of(slider):
    """The ipympl canvas displayed with ``slider``: the explorer's one figure."""
    return output_of(slider).locator(CANVAS).first


def error_outputs(page):
    """Tracebacks and stderr shown in the notebook (JupyterLab renders both as this mime type)."""
    return page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
