"""JupyterHub for a class on one machine: `make classroom` starts it (docs/teachers.md says how to use it).

Everything is on 127.0.0.1. Each learner is a system user of their own (learner01, learner02, ...), made the first
time they log in, with a private home folder; their Jupyter server runs as that user (LocalProcessSpawner) from the
class's environment: the series' JupyterLab, packages and settings at the versions of constraints.txt. The
nbgitpuller link clones the series into ~/nn-companion; the kernel imports nnlib from that clone, so the notebooks and
nnlib always come from the same commit, the one the learner last pulled. A server idle for CLASSROOM_CULL_TIMEOUT
seconds is stopped; the learner's files stay.

Settings come from the environment (the Makefile sets them; its `classroom` target lists them):
CLASSROOM_DIR, CLASSROOM_PORT, CLASSROOM_LEARNERS, CLASSROOM_LEARNER_NAME, CLASSROOM_PASSWORD, CLASSROOM_REPO, CLASSROOM_CULL_TIMEOUT and
CLASSROOM_EXTRA_CONFIG (a further config file, loaded last: tests and the load test add their API token there).
"""

import os
import pwd
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from link import CLONE  # noqa: E402 (the folder the nbgitpuller link clones into, in each learner's home)

CLASS = Path(os.environ.get("CLASSROOM_DIR", "/srv/nn-companion-classroom"))
VENV = CLASS / "venv"
SKELETON = CLASS / "skeleton"       # copied into each new learner's home (matplotlib's font cache, built once)
PORT = int(os.environ.get("CLASSROOM_PORT", "8000"))
LEARNERS = int(os.environ.get("CLASSROOM_LEARNERS", "30"))
NAME = os.environ.get("CLASSROOM_LEARNER_NAME", "learner")     # learner01, learner02, ...
CULL_TIMEOUT = int(os.environ.get("CLASSROOM_CULL_TIMEOUT", "3600"))
REPO = os.environ.get("CLASSROOM_REPO", "")

c = get_config()  # noqa: F821 (provided by JupyterHub when it reads this file)

# --- The hub, its proxy and its state: 127.0.0.1 only ------------------------------------------------------------
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = PORT
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(CLASS / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{CLASS / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(CLASS / "jupyterhub_cookie_secret")

# --- Accounts: one shared password, learner01 .. learnerNN --------------------------------------------------------
# Fine offline, for a workshop, where learners do not need protecting from each other's logins. A school uses its
# own accounts instead (docs/teachers.md: OAuth with oauthenticator, LDAP, LTI from its learning platform).
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ.get("CLASSROOM_PASSWORD")
c.Authenticator.allowed_users = {f"{NAME}{i:02d}" for i in range(1, LEARNERS + 1)}


def ensure_system_user(spawner):
    """Make the learner's system user and private home on their first start (useradd copies SKELETON in)."""
    name = spawner.user.name
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--key", "HOME_MODE=0700", "--skel", str(SKELETON),
                        "--shell", "/bin/bash",
                        "--comment", "nn-companion classroom learner", name], check=True)


# --- Each learner's server: their own user, the class's environment -----------------------------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.pre_spawn_hook = ensure_system_user
c.Spawner.cmd = [str(VENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.args = ["--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
c.Spawner.default_url = "/lab"
# A class logs in at once: 30 s (the default) was too short for 20 servers starting together on 2 cores.
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
# How often a server tells the hub it is in use: a few times within the cull timeout, at most every 5 minutes.
ACTIVITY_INTERVAL = max(10, min(300, CULL_TIMEOUT // 3))
c.JupyterHub.last_activity_interval = ACTIVITY_INTERVAL
c.Spawner.environment = {
    "PATH": f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    # nnlib from the learner's clone: the same commit as the notebooks they pulled (the venv has no nnlib).
    "PYTHONPATH": lambda spawner: str(Path(pwd.getpwnam(spawner.user.name).pw_dir) / CLONE),
    "JUPYTERHUB_ACTIVITY_INTERVAL": str(ACTIVITY_INTERVAL),
}
if REPO and Path(REPO).is_dir():
    # git refuses to read a repository another user owns ("dubious ownership") unless a global or system config
    # lists it as safe. This one does, and includes the learner's own ~/.gitconfig too.
    gitconfig = CLASS / "gitconfig"
    gitconfig.write_text(f"[include]\n\tpath = ~/.gitconfig\n[safe]\n\tdirectory = {Path(REPO).resolve()}\n"
                         f"\tdirectory = {Path(REPO).resolve() / '.git'}\n")
    c.Spawner.environment["GIT_CONFIG_GLOBAL"] = str(gitconfig)

# --- Idle culling: a server idle past the timeout is stopped; the learner and their files stay --------------------
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={CULL_TIMEOUT}",
                f"--cull-every={max(5, min(300, CULL_TIMEOUT // 2))}"],
}]

if os.environ.get("CLASSROOM_EXTRA_CONFIG"):
    load_subconfig(os.environ["CLASSROOM_EXTRA_CONFIG"])  # noqa: F821 (provided by traitlets)
