"""`make lab` for a computer without make (Windows, for instance): python start_lab.py

Does what `make lab` does, in the same files, so either works in the same clone:

1. makes .venv with this Python (3.11 or newer), and makes it again if another Python version made it;
2. installs what the notebooks need (requirements.txt and nnlib itself) at the tested versions of
   constraints.txt, with uv (itself from PyPI), once: again only when one of those files changes;
3. installs the learners' JupyterLab settings (binder/overrides.json: no news popup, no update check);
4. copies each notebook of notebooks/ to my-notebooks/, your own copy, unless it is already there;
5. starts JupyterLab at notebook 00 of my-notebooks/, on 127.0.0.1, and prints the link to open.

Anything after the script's name goes to JupyterLab, e.g. `python start_lab.py --port=8890`.
Stop JupyterLab with Ctrl-C. Uses only Python's standard library.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
MINIMUM = (3, 11)
WORK = "my-notebooks"
INSTALLED = VENV / ".installed-lab"     # the same stamp as the Makefile's
INPUTS = [ROOT / "requirements.txt", ROOT / "pyproject.toml", ROOT / "constraints.txt"]


def too_old(version):
    """A one-line message when ``version`` (major, minor, micro) is older than MINIMUM, else None."""
    if tuple(version[:2]) >= MINIMUM:
        return None
    need, have = ".".join(map(str, MINIMUM)), ".".join(map(str, version[:3]))
    return f"Python {need} or newer is needed; this is {have}. Run this script with a newer one, e.g. py -{need} start_lab.py"


def venv_python():
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def make_venv():
    """.venv made by this Python's version (major.minor); one made by another is made again."""
    minor = f"{sys.version_info.major}.{sys.version_info.minor}"
    marker = VENV / f".made-by-python{minor}"
    if marker.exists():
        return
    if VENV.exists():
        print(f".venv was made by another Python: making it again with Python {minor}")
        shutil.rmtree(VENV)
    print("making .venv")
    subprocess.run([sys.executable, "-m", "venv", VENV], check=True)      # with pip: it installs uv below
    marker.touch()


def install():
    """requirements.txt and nnlib, at the versions of constraints.txt, unless done since those files last changed."""
    if INSTALLED.exists() and all(INSTALLED.stat().st_mtime > path.stat().st_mtime for path in INPUTS):
        return
    python, constraints = str(venv_python()), ["-c", "constraints.txt"]
    print("installing what the notebooks need (the first time takes a minute)")
    uv = [python, "-m", "uv"]
    if subprocess.run([*uv, "--version"], capture_output=True).returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "--quiet", "uv", *constraints], cwd=ROOT, check=True)
    subprocess.run([*uv, "pip", "install", "--quiet", "--python", python, "-r", "requirements.txt", *constraints,
                    "-e", ".", "pip"], cwd=ROOT, check=True)
    INSTALLED.touch()


def settings():
    """The learners' JupyterLab settings, as JupyterLab's defaults inside .venv (your own stay yours)."""
    folder = VENV / "share" / "jupyter" / "lab" / "settings"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "binder" / "overrides.json", folder / "overrides.json")


def notebooks():
    """Copy each notebook to my-notebooks/ unless it is there: a copy there is yours and never overwritten."""
    published = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    (ROOT / WORK).mkdir(exist_ok=True)
    for notebook in published:
        mine = ROOT / WORK / notebook.name
        if not mine.exists():
            shutil.copyfile(notebook, mine)
    return published


def lab_command(first_notebook, extra=()):
    """JupyterLab as `make lab` starts it: at the first notebook of my-notebooks/, on 127.0.0.1, no update check."""
    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [str(venv_python()), "-m", "jupyter", "lab", "--ip=127.0.0.1", "--ServerApp.root_dir=.",
            f"--LabApp.default_url=/lab/tree/{WORK}/{first_notebook}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *root, *extra]


def main(extra):
    message = too_old(sys.version_info)
    if message:
        print(message, file=sys.stderr)
        return 1
    os.environ.update(PYTHONHASHSEED="0", PIP_DISABLE_PIP_VERSION_CHECK="1")   # as the Makefile exports them
    make_venv()
    install()
    settings()
    first = notebooks()[0].name
    subprocess.Popen([str(venv_python()), "-c", "import matplotlib.pyplot"])     # builds the font cache meanwhile
    try:
        return subprocess.run(lab_command(first, extra), cwd=ROOT).returncode
    except KeyboardInterrupt:                    # Ctrl-C reaches JupyterLab too, which stops
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
