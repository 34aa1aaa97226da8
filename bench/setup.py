"""A learner's set-up: a fresh clone to JupyterLab's URL with `make lab`, against a plain pip install.

Timed in one run, alternating so the machine's state weighs on both:

- ``make lab`` in a fresh `git clone` of this repository (its committed state): .venv without pip, uv from
  PyPI, then requirements.txt and nnlib through constraints.txt, the working copy, JupyterLab. Two times:
  until make starts JupyterLab (the install) and until JupyterLab prints its URL (what the learner waits for).
- the plain way: ``python -m venv`` and ``pip install -r requirements.txt -c constraints.txt`` in it.

Package downloads come from the machine's caches where the tools keep them (uv does; pip here does not):
that is what a learner's second project or a re-run costs, and it is the same for every repeat.
Merges ``setup_lab_seconds``, ``setup_pip_seconds`` and their ratios (medians) into bench/results.json.
"""

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import save

ROOT = Path(__file__).parents[1]
PYTHON = os.environ.get("PYTHON", "python3")
# The clone's make, not the one that may be running this benchmark (no MAKEFLAGS, no venv of ours).
ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "VIRTUAL_ENV")}
ENV["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
URL = re.compile(r"http://127\.0\.0\.1:\d+/\S*\?token=\w+")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_lab(folder, timeout=300):
    """Seconds from `git clone` to make starting JupyterLab, and to JupyterLab's URL."""
    start = time.perf_counter()
    subprocess.run(["git", "clone", "-q", str(ROOT), str(folder)], check=True)
    process = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS=--no-browser --port={free_port()}",
                                f"PYTHON={PYTHON}"], cwd=folder, env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    installed, output = None, []
    try:
        for line in process.stdout:
            output.append(line)
            if installed is None and line.startswith(".venv/bin/jupyter lab"):
                installed = time.perf_counter() - start
            if URL.search(line):
                return installed, time.perf_counter() - start
            if time.perf_counter() - start > timeout:
                break
        sys.exit("make lab printed no URL:\n" + "".join(output[-40:]))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)


def plain_pip(folder):
    """Seconds for a fresh venv and a plain pip install of requirements.txt with constraints.txt."""
    start = time.perf_counter()
    subprocess.run([PYTHON, "-m", "venv", str(folder / "env")], check=True)
    subprocess.run([folder / "env" / "bin" / "python", "-m", "pip", "install", "--quiet", "-r", "requirements.txt",
                    "-c", "constraints.txt"], cwd=ROOT, env=ENV, check=True)
    return time.perf_counter() - start


def main(repeats=3):
    installs, labs, pips, loads = [], [], [], []
    for repeat in range(repeats):
        with tempfile.TemporaryDirectory() as folder:
            installed, url = make_lab(Path(folder) / "clone")
        with tempfile.TemporaryDirectory() as folder:
            pip = plain_pip(Path(folder))
        installs.append(installed)
        labs.append(url)
        pips.append(pip)
        loads.append(os.getloadavg()[0])
        print(f"repeat {repeat + 1}: make lab installed in {installed:.1f} s, URL at {url:.1f} s; "
              f"plain pip {pip:.1f} s (load average {os.getloadavg()[0]:.1f})", flush=True)
    install, lab, pip = (statistics.median(times) for times in (installs, labs, pips))
    print(f"medians: fresh clone to URL {lab:.1f} s (target <= 15), of which the install {install:.1f} s; "
          f"plain pip {pip:.1f} s; install / pip {install / pip:.2f} (target <= 0.35), URL / pip {lab / pip:.2f}")
    save({"setup_lab_seconds": round(lab, 1), "setup_lab_install_seconds": round(install, 1),
          "setup_pip_seconds": round(pip, 1), "setup_lab_install_ratio_vs_pip": round(install / pip, 2),
          "setup_lab_ratio_vs_pip": round(lab / pip, 2), "setup_load_average": round(statistics.median(loads), 1)})


if __name__ == "__main__":
    main()
