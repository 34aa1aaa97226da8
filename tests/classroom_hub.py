"""The classroom hub (`make classroom`) and its learners, driven from Python on 127.0.0.1.

Shared by tests/test_classroom.py, tests/browser/test_classroom_browser.py and bench/classroom.py.

``Hub`` runs the Makefile's own `make classroom` in a class folder of its own, with test learners (system users
named ``nnctest01``, ``nnctest02``, ... that the hub makes on their first start) and an API token for the caller
(a service with admin scopes, added through CLASSROOM_EXTRA_CONFIG). ``Hub.stop`` stops the hub, which stops
every learner's server, and removes the test learners it made, with their homes.

``Learner`` is one simulated learner, asyncio all through: it logs in with the class password through the hub's
API (a token, as the login page gets a cookie), starts its server, pulls the series with nbgitpuller's API (what
the link's page calls), and runs notebooks through the kernel's websocket the way JupyterLab does, answering
ipympl's messages so that every figure really sends its pictures (``Kernel``).
"""

import asyncio
import contextlib
import json
import os
import pwd
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "classroom"))
from link import CLONE, pull_link  # noqa: E402,F401 (classroom/link.py: the link's clone folder and the link)

NAME = "nnctest"                      # the test learners: nnctest01, nnctest02, ...
PASSWORD = "classroom-tests-password"
SLIDER_MODELS = {"FloatSliderModel", "IntSliderModel", "SelectionSliderModel"}
CANVAS_MODEL = "MPLCanvasModel"


def free_ports(count):
    """The first of ``count`` consecutive free ports on 127.0.0.1 (the hub uses port, port + 1, port + 2)."""
    for _ in range(100):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + count < 65536 and all(_free(base + k) for k in range(1, count)):
            return base
    raise RuntimeError(f"found no {count} consecutive free ports")


def _free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def published_repository(folder):
    """The teacher's repository learners pull from: a clone of this checkout's HEAD as branch main. ``folder``'s
    parent must let every user in (see readable_folder: a test's tmp_path is private to root)."""
    folder = Path(folder)
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(folder)], check=True)
    subprocess.run(["git", "checkout", "--quiet", "-B", "main"], cwd=folder, check=True)
    for key, value in [("user.name", "Teacher"), ("user.email", "teacher@example.org")]:
        subprocess.run(["git", "config", key, value], cwd=folder, check=True)
    return folder


def readable_folder(prefix):
    """A fresh folder under /tmp that every user can enter (for the class's environment and repository)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder


class Hub:
    """`make classroom` in ``folder``, with ``learners`` test learners, its API token in ``self.token``."""

    def __init__(self, folder, repo, learners=3, cull_timeout=3600, log=None):
        self.folder, self.repo, self.learners = Path(folder), Path(repo), learners
        self.cull_timeout = cull_timeout
        self.port = free_ports(3)
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(32)
        self.log_path = Path(log or self.folder / "hub.log")
        self.process = None

    def names(self):
        return [f"{NAME}{i:02d}" for i in range(1, self.learners + 1)]

    def start(self, timeout=900):
        leftovers = [name for name in self.names() if _user_exists(name)]
        if leftovers:
            raise RuntimeError(f"test learners from an earlier run still exist: {leftovers} (userdel -r them)")
        extra = self.folder / "extra_config.py"
        extra.write_text(
            "c.JupyterHub.services.append({'name': 'classroom-tests', 'api_token': %r})\n"
            "c.JupyterHub.load_roles.append({'name': 'classroom-tests', 'services': ['classroom-tests'],\n"
            "    'scopes': ['admin:users', 'admin:servers', 'access:servers', 'list:users', 'read:users']})\n"
            % self.token)
        command = ["make", "--no-print-directory", "classroom", f"CLASSROOM_DIR={self.folder}",
                   f"CLASSROOM_PORT={self.port}", f"CLASSROOM_LEARNERS={self.learners}", f"CLASSROOM_LEARNER_NAME={NAME}",
                   f"CLASSROOM_PASSWORD={PASSWORD}", f"CLASSROOM_REPO={self.repo}",
                   f"CLASSROOM_CULL_TIMEOUT={self.cull_timeout}"]
        env = dict(os.environ, CLASSROOM_EXTRA_CONFIG=str(extra))
        for variable in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "VIRTUAL_ENV"):
            env.pop(variable, None)
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout     # the first start installs the class's environment
        while True:
            try:
                self.api("/hub/api/")
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"the hub did not start:\n{self.log_tail()}") from None
                time.sleep(0.5)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)   # JupyterHub stops every learner's server as it exits
            try:
                self.process.wait(120)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        for name in self.names():
            if _user_exists(name):
                _end_processes_of(name)
                subprocess.run(["userdel", "--remove", name], check=False, stderr=subprocess.DEVNULL)

    def log_tail(self, lines=60):
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def api(self, path, method="GET", body=None, token=None):
        import urllib.request

        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, method=method, data=data,
                                         headers={"Authorization": f"token {token or self.token}"})
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read()
        return json.loads(text) if text else None

    def processes(self):
        """{name: [psutil.Process]}: each test learner's processes (server, kernels), the hub's (``hub``) and the
        proxy's (``proxy``)."""
        import psutil

        names = set(self.names())
        found = {name: [] for name in names} | {"hub": [], "proxy": []}
        for process in psutil.process_iter(["username"]):
            if process.info["username"] in names:
                found[process.info["username"]].append(process)
        with contextlib.suppress(psutil.Error):
            for process in psutil.Process(self.process.pid).children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    cmdline = process.cmdline()
                    if process.username() == "root" and any(part.endswith("bin/jupyterhub") for part in cmdline[:2]):
                        found["hub"].append(process)
                    elif any(part.endswith("configurable-http-proxy") for part in cmdline[:2]):
                        found["proxy"].append(process)
        return found


def _descends_from(process, pid):
    with contextlib.suppress(Exception):
        return any(parent.pid == pid for parent in process.parents())
    return False


def _user_exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def _end_processes_of(name, timeout=30):
    """Wait for a test learner's processes to end (the hub stops their servers), then end what is left, by id."""
    import psutil

    deadline = time.monotonic() + timeout
    while True:
        left = [p for p in psutil.process_iter(["username"]) if p.info["username"] == name]
        if not left:
            return
        if time.monotonic() > deadline:
            for process in left:
                with contextlib.suppress(psutil.Error):
                    process.kill()
            psutil.wait_procs(left, timeout=10)
            return
        time.sleep(0.5)


class LearnerError(RuntimeError):
    pass


class Learner:
    """One learner of the class, through the hub's API and their server's (asyncio, tornado's HTTP client)."""

    def __init__(self, hub, name):
        from tornado.httpclient import AsyncHTTPClient

        self.hub, self.name, self.token = hub, name, None
        self.http = AsyncHTTPClient(force_instance=True, max_clients=20)
        self.user_url = f"{hub.url}/user/{name}"

    async def fetch(self, url, method="GET", body=None, timeout=120, **options):
        from tornado.httpclient import HTTPRequest

        headers = {"Authorization": f"token {self.token}"} if self.token else {}
        data = None if body is None else (body if isinstance(body, (bytes, str)) else json.dumps(body))
        if data is None and method in ("POST", "PUT", "PATCH"):
            data = b""
        response = await self.http.fetch(HTTPRequest(url, method=method, body=data, headers=headers,
                                                     request_timeout=timeout, **options), raise_error=False)
        if response.code >= 400 or response.code == 599:
            raise LearnerError(f"{self.name}: {method} {url.split('?')[0]} -> {response.code} {response.reason}: "
                               f"{(response.body or b'')[:300]!r}")
        return json.loads(response.body) if response.body else None

    async def log_in(self, password=PASSWORD):
        """The hub's API with the class password gives the learner a token (the login page gives a cookie)."""
        answer = await self.fetch(f"{self.hub.url}/hub/api/users/{self.name}/tokens", method="POST",
                                  body={"auth": {"username": self.name, "password": password},
                                        "note": "classroom client", "expires_in": 3600})
        self.token = answer["token"]

    async def start_server(self, timeout=300):
        """Ask the hub for the learner's server and wait until the hub says it is ready."""
        await self.fetch(f"{self.hub.url}/hub/api/users/{self.name}/server", method="POST", timeout=timeout)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            user = await self.fetch(f"{self.hub.url}/hub/api/users/{self.name}")
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            if not server or not server.get("pending"):
                raise LearnerError(f"{self.name}: the server stopped while starting: {user}")
            await asyncio.sleep(0.5)
        raise LearnerError(f"{self.name}: server not ready in {timeout} s")

    async def server_running(self):
        user = await self.fetch(f"{self.hub.url}/hub/api/users/{self.name}")
        return "" in user.get("servers", {})

    async def pull(self, repo, branch="main", timeout=300):
        """What the nbgitpuller link's page does: its API streams the pull's progress; returns the git output."""
        query = urlencode({"repo": str(repo), "branch": branch, "targetpath": CLONE})
        lines = []
        await self.fetch(f"{self.user_url}/git-pull/api?{query}", timeout=timeout,
                         streaming_callback=lambda chunk: lines.append(chunk.decode(errors="replace")))
        events = [json.loads(line[len("data: "):]) for line in "".join(lines).splitlines() if line.startswith("data: ")]
        if not events or events[-1].get("phase") != "finished":
            raise LearnerError(f"{self.name}: nbgitpuller did not finish: {events[-3:]}")
        return "".join(e.get("output", "") for e in events)

    async def contents(self, path):
        return await self.fetch(f"{self.user_url}/api/contents/{quote(path)}?content=1")

    async def save(self, path, model):
        return await self.fetch(f"{self.user_url}/api/contents/{quote(path)}", method="PUT", body=model)

    @contextlib.asynccontextmanager
    async def kernel(self, path):
        """A notebook's session (its kernel, as JupyterLab opens one), connected; shut down on leaving."""
        session = await self.fetch(f"{self.user_url}/api/sessions", method="POST",
                                   body={"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}})
        kernel = Kernel(self, session["kernel"]["id"])
        try:
            await kernel.connect()
            yield kernel
        finally:
            await kernel.close()
            with contextlib.suppress(Exception):
                await self.fetch(f"{self.user_url}/api/sessions/{session['id']}", method="DELETE")

    async def run_notebook(self, path, kernel):
        """Every code cell of the notebook at ``path`` in ``kernel``, top to bottom: the errors (empty if none)."""
        notebook = (await self.contents(path))["content"]
        errors = []
        for cell in notebook["cells"]:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] == "code" and source.strip():
                reply = await kernel.execute(source)
                if reply["status"] != "ok":
                    errors.append(f"{path}: {reply.get('ename')}: {reply.get('evalue')}")
                    break
        return errors

    def close(self):
        self.http.close()


class Kernel:
    """A kernel's websocket through the hub's proxy, as JupyterLab uses it; answers ipympl's canvases like the
    page does (refresh, image mode, initialized; a 'draw' request after each 'draw' event), so the kernel sends the
    pictures a page would get. ``frames[comm_id]`` lists the arrival times of each canvas's pictures."""

    def __init__(self, learner, kernel_id):
        self.learner, self.kernel_id = learner, kernel_id
        self.session = uuid.uuid4().hex
        self.websocket, self.reader = None, None
        self.replies, self.idle = {}, {}
        self.models = {}                 # comm id -> widget state at its opening
        self.opened_by = {}              # comm id -> msg_id of the execute request that opened it
        self.frames = {}                 # comm id -> [monotonic time of each picture]
        self.frame_event = asyncio.Event()
        self.waiting_for_image = set()

    async def connect(self):
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = (f"ws{self.learner.user_url[4:]}/api/kernels/{self.kernel_id}/channels?"
               f"session_id={self.session}")
        self.websocket = await websocket_connect(
            HTTPRequest(url, headers={"Authorization": f"token {self.learner.token}"}, request_timeout=120),
            max_message_size=64 * 1024 * 1024)
        self.reader = asyncio.ensure_future(self._read())
        await self.request("kernel_info_request", {})

    async def close(self):
        if self.websocket:
            self.websocket.close()
        if self.reader:   # it ends when the server has closed its side too (the socket is closed then)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.reader, 30)
            self.reader.cancel()

    def _send(self, msg_type, content, channel="shell"):
        msg_id = uuid.uuid4().hex
        self.websocket.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": self.learner.name,
                       "session": self.session, "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}))
        return msg_id

    async def request(self, msg_type, content, timeout=300):
        msg_id = self._send(msg_type, content)
        self.replies[msg_id] = asyncio.get_running_loop().create_future()
        self.idle[msg_id] = asyncio.get_running_loop().create_future()
        try:
            reply = await asyncio.wait_for(self.replies[msg_id], timeout)
            await asyncio.wait_for(self.idle[msg_id], timeout)
        finally:
            self.replies.pop(msg_id, None), self.idle.pop(msg_id, None)
        return reply

    async def execute(self, code, timeout=300):
        return await self.request("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False,
            "stop_on_error": True}, timeout)

    def custom(self, comm_id, content):
        """A message from a widget's front end to its kernel side (ipywidgets' 'custom' method)."""
        self._send("comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": content}})

    def update(self, comm_id, state):
        """The browser's message when a learner moves a slider: the widget's new state."""
        self._send("comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": []}})

    async def _read(self):
        from jupyter_server.services.kernels.connection.base import deserialize_binary_message

        while True:
            raw = await self.websocket.read_message()
            if raw is None:
                return
            message = deserialize_binary_message(raw) if isinstance(raw, bytes) else json.loads(raw)
            self._handle(message)

    def _handle(self, message):
        kind, parent = message["msg_type"], message.get("parent_header") or {}
        parent_id = parent.get("msg_id")
        if kind.endswith("_reply") and parent_id in self.replies and not self.replies[parent_id].done():
            self.replies[parent_id].set_result(message["content"])
        elif kind == "status" and message["content"]["execution_state"] == "idle" and parent_id in self.idle:
            if not self.idle[parent_id].done():
                self.idle[parent_id].set_result(True)
        elif kind == "comm_open" and message["content"].get("target_name") == "jupyter.widget":
            comm_id = message["content"]["comm_id"]
            self.models[comm_id] = message["content"]["data"].get("state", {})
            self.opened_by[comm_id] = parent_id
            if self.models[comm_id].get("_model_name") == CANVAS_MODEL:
                self.frames[comm_id] = []
                for kind_ in ("refresh", "send_image_mode", "initialized"):   # what ipympl's page sends first
                    self.custom(comm_id, {"type": kind_})
        elif kind == "comm_msg" and message["content"]["comm_id"] in self.frames:
            comm_id, data = message["content"]["comm_id"], message["content"]["data"]
            if data.get("method") != "custom":
                return
            event = json.loads(data["content"]["data"])
            if event["type"] == "binary":
                self.frames[comm_id].append(time.monotonic())
                self.waiting_for_image.discard(comm_id)
                self.frame_event.set()
            elif event["type"] == "draw" and comm_id not in self.waiting_for_image:
                self.waiting_for_image.add(comm_id)
                self.custom(comm_id, {"type": "draw"})

    def explorer(self):
        """(slider comm id, its state, canvas comm id) of the last cell run that made both a slider and a figure."""
        by_cell = {}
        for comm_id, state in self.models.items():
            by_cell.setdefault(self.opened_by[comm_id], []).append((comm_id, state))
        for comms in reversed(list(by_cell.values())):
            sliders = [(c, s) for c, s in comms if s.get("_model_name") in SLIDER_MODELS]
            canvases = [c for c, s in comms if s.get("_model_name") == CANVAS_MODEL]
            if sliders and canvases:
                return sliders[0][0], sliders[0][1], canvases[0]
        raise LearnerError(f"{self.learner.name}: no explorer (a slider with a figure) in this kernel")

    async def move_slider(self, slider, state, canvas, step, timeout=30):
        """Move the slider to its ``step``-th position (alternating callers pass 1, 0, 1, ...) and return the
        seconds from the update message to the canvas's next picture."""
        if state.get("_model_name") == "SelectionSliderModel":
            new = {"index": (state.get("index", 0) + step) % len(state["_options_labels"])}
        else:
            value = state["value"] + step * state.get("step", 1)
            new = {"value": value if value <= state["max"] else state["value"] - step * state.get("step", 1)}
        seen = len(self.frames[canvas])
        start = time.monotonic()
        self.update(slider, new)
        deadline = start + timeout
        while len(self.frames[canvas]) == seen:
            self.frame_event.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LearnerError(f"{self.learner.name}: no picture {timeout} s after moving the slider")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.frame_event.wait(), remaining)
        return self.frames[canvas][seen] - start
