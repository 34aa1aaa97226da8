"""A notebook's code, run in this process, so a test can read the variables a lesson computed.

A lesson shows results as numbers a reader can compare; the checks that those numbers are right
live in tests (``tests/test_lesson_NN.py``), which run the notebook's code cells here, in order, in one
namespace, and assert on what they left behind. Magics (``%matplotlib widget``) are skipped and
matplotlib draws with Agg: only the values matter here, not the widgets.
"""

import functools
import json
from pathlib import Path

import matplotlib

NOTEBOOKS = Path(__file__).parents[1] / "notebooks"


@functools.cache
def _run(name):
    matplotlib.use("Agg")
    cells = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]
    namespace = {"__name__": "__lesson__"}
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "\n".join(line for line in "".join(cell["source"]).splitlines() if not line.lstrip().startswith("%"))
        exec(compile(source, f"{name} cell {index}", "exec"), namespace)
    return namespace


def run(name):
    """The namespace left by every code cell of ``notebooks/<name>`` (run once per test session), e.g. run("06_...")."""
    matches = sorted(p.name for p in NOTEBOOKS.glob(f"{name}*.ipynb"))
    if len(matches) != 1:
        raise ValueError(f"{name!r} names {len(matches)} notebooks: {matches}")
    return _run(matches[0])
