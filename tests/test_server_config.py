"""The learners' server settings, binder/jupyter_server_config.py: a kernel's websocket sends without Nagle's
algorithm (TCP_NODELAY), so a kernel's answer is not held back for the browser's delayed ACK (~40 ms a message).

Each test starts a real Jupyter server on 127.0.0.1, opens a kernel's websocket the way JupyterLab does, and asks
the server (tests/nodelay_probe.py, a test-only extension) what the socket itself says (getsockopt).
"""

import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).parents[1]
CONFIG = ROOT / "binder" / "jupyter_server_config.py"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder, **environment):
    """A Jupyter server with the probe extension and the environment's config folders: (process, url, token)."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parent), JUPYTER_PLATFORM_DIRS="1", **environment)
    for variable, name in [("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTER_DATA_DIR", "data"), ("IPYTHONDIR", "ipython")]:
        env[variable] = str(folder / name)
    env.setdefault("JUPYTER_CONFIG_DIR", str(folder / "no-config"))
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyter_server", "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
               "--no-browser", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
               "--ServerApp.jpserver_extensions={'nodelay_probe': True}"] + (["--allow-root"] if os.geteuid() == 0 else [])
    with open(folder / "server.log", "w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            api(url, token, "/api/status")
            return process, url, token
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError((folder / "server.log").read_text()) from None
            time.sleep(0.2)


def api(url, token, path, method="GET", body=None):
    request = urllib.request.Request(url + path, method=method, data=body, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


async def nodelay_while_connected(url, token):
    """Start a kernel, open its websocket, wait for its kernel_info_reply; return the probe's answer meanwhile."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    kernel = api(url, token, "/api/kernels", method="POST", body=b"{}")["id"]
    session = uuid.uuid4().hex
    socket_url = f"ws{url[4:]}/api/kernels/{kernel}/channels?session_id={session}"
    websocket = await websocket_connect(HTTPRequest(socket_url, headers={"Authorization": f"token {token}"}))
    try:
        msg_id = uuid.uuid4().hex
        websocket.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "kernel_info_request", "username": "", "session": session,
                       "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": {}, "channel": "shell", "buffers": []}))
        while True:
            message = json.loads(await asyncio.wait_for(websocket.read_message(), 60))
            if message["msg_type"] == "kernel_info_reply" and message["parent_header"]["msg_id"] == msg_id:
                break
        return api(url, token, "/nodelay-probe")
    finally:
        websocket.close()
        # Wait for the server's side of the closing handshake, so the socket is closed before the loop ends.
        while await asyncio.wait_for(websocket.read_message(), 30) is not None:
            pass


def nodelay(folder, **environment):
    process, url, token = start_server(folder, **environment)
    try:
        return asyncio.run(nodelay_while_connected(url, token))
    finally:
        process.terminate()
        process.wait(30)


def test_a_stock_server_leaves_nagle_on(tmp_path):
    """The probe can tell: without the settings, the kernel's socket waits for ACKs (the 40 ms)."""
    assert nodelay(tmp_path) == [0]


def test_the_settings_turn_nagle_off_for_the_kernel_websocket(tmp_path):
    """Loaded as make lab and the classroom hub load it (a config folder of the server's; they copy the file into
    their environment's etc/jupyter)."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "jupyter_server_config.py").write_bytes(CONFIG.read_bytes())
    assert nodelay(tmp_path, JUPYTER_CONFIG_DIR=str(tmp_path / "config")) == [1]


def test_binder_postbuild_installs_the_settings_where_jupyter_reads_them(tmp_path):
    prefix = tmp_path / "env"
    subprocess.run(["binder/postBuild"], cwd=ROOT, check=True, env={**os.environ, "NB_PYTHON_PREFIX": str(prefix)})
    # A Jupyter installed in `prefix` reads prefix/etc/jupyter (jupyter_core.paths.ENV_CONFIG_PATH).
    assert nodelay(tmp_path, JUPYTER_CONFIG_PATH=str(prefix / "etc" / "jupyter")) == [1]
