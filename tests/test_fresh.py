"""`make fresh NB=...` puts a published notebook back in my-notebooks/ and never loses what the learner wrote.

Each test runs the real Makefile (and tools/fresh.py behind it) in a temporary folder holding a copy of what
it needs: the Makefile, tools/fresh.py and the notebooks. The learner's real my-notebooks/ is never touched.
The expected contents are the files the test itself wrote, byte for byte.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# A clean environment for make: no venv of the caller's, no Makefile variables leaking in.
ENV = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "MAKEFLAGS", "MAKELEVEL", "MFLAGS")}

PUBLISHED = next(path for path in NOTEBOOKS if path.name.startswith("04_"))


@pytest.fixture
def clone(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path)
    (tmp_path / "tools").mkdir()
    shutil.copy(ROOT / "tools" / "fresh.py", tmp_path / "tools")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return tmp_path


def fresh(folder, nb, check=True):
    """`make fresh NB=nb` in ``folder``: the result and everything it said."""
    result = subprocess.run(["make", "--no-print-directory", "fresh", f"NB={nb}"], cwd=folder, env=ENV,
                            capture_output=True, text=True, timeout=60)
    said = result.stdout + result.stderr
    if check:
        assert result.returncode == 0, f"make fresh NB={nb} failed:\n{said}"
    return result, said


def work(folder):
    """The learner's folder: file name -> bytes."""
    return {path.name: path.read_bytes() for path in sorted((folder / "my-notebooks").glob("*"))}


def notebook(path=PUBLISHED):
    return json.loads(path.read_text(encoding="utf-8"))


def save(folder, nb, name=PUBLISHED.name):
    """Write ``nb`` as the learner's copy, as JupyterLab saves it (indent 1); returns the bytes written."""
    path = folder / "my-notebooks" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return path.read_bytes()


def edited(text):
    """The published notebook with the learner's ``text`` in its first code cell."""
    nb = notebook()
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    cell["source"] = text
    return nb


def test_every_version_the_learner_had_survives_repeated_runs(clone):
    name, stem = PUBLISHED.name, PUBLISHED.stem
    first = save(clone, edited("w = 3.0  # my first try"))
    _, said = fresh(clone, "04")
    assert work(clone) == {name: PUBLISHED.read_bytes(), f"{stem}.old-1.ipynb": first}
    assert f"my-notebooks/{stem}.old-1.ipynb" in said

    _, said = fresh(clone, "04")                       # twice: the fresh copy is not the learner's work
    assert work(clone) == {name: PUBLISHED.read_bytes(), f"{stem}.old-1.ipynb": first}
    assert "nothing was kept" in said and f"my-notebooks/{stem}.old-1.ipynb" in said

    second = save(clone, edited("w = -1.0  # my second try"))
    _, said = fresh(clone, "04")
    assert work(clone) == {name: PUBLISHED.read_bytes(), f"{stem}.old-1.ipynb": first, f"{stem}.old-2.ipynb": second}
    assert f"kept as my-notebooks/{stem}.old-2.ipynb" in said and f"my-notebooks/{stem}.old-1.ipynb" in said

    _, said = fresh(clone, "04")                       # three times
    assert sorted(work(clone).values()) == sorted([PUBLISHED.read_bytes(), first, second])
    assert f"my-notebooks/{stem}.old-1.ipynb" in said and f"my-notebooks/{stem}.old-2.ipynb" in said


def ran_and_autosaved():
    """The published notebook as JupyterLab saves it after Run All: new outputs, counts, widget state and
    metadata, 6.0 written as 6, the source of each cell as one string, and the empty cell Shift+Enter adds."""
    nb = notebook()
    for k, cell in enumerate(nb["cells"]):
        cell["source"] = "".join(cell["source"])
        cell["metadata"] = {"execution": {"iopub.execute_input": "2026-12-07T10:00:00Z"}}
        if cell["cell_type"] == "code":
            cell["execution_count"] = k + 100
            cell["outputs"] = [{"name": "stdout", "output_type": "stream", "text": f"6 ran again {k}\n"}]
    nb["cells"].append({"cell_type": "code", "execution_count": None, "id": "new-empty", "metadata": {},
                        "outputs": [], "source": ""})
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"another-id": {}}}}
    return nb


def test_a_notebook_only_run_and_autosaved_is_unchanged_and_nothing_is_kept(clone):
    save(clone, ran_and_autosaved())
    _, said = fresh(clone, "04")
    assert work(clone) == {PUBLISHED.name: PUBLISHED.read_bytes()}
    assert "nothing was kept" in said


def markdown_edited():
    nb = notebook()
    next(c for c in nb["cells"] if c["cell_type"] == "markdown")["source"] = "# My own notes"
    return nb


def picture_pasted():
    nb = notebook()
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    cell["attachments"] = {"sketch.png": {"image/png": "iVBORw0KGgo="}}
    return nb


def cell_deleted():
    nb = notebook()
    del nb["cells"][3]
    return nb


def cells_swapped():
    nb = notebook()
    nb["cells"][2], nb["cells"][3] = nb["cells"][3], nb["cells"][2]
    return nb


@pytest.mark.parametrize("change", [markdown_edited, picture_pasted, cell_deleted, cells_swapped])
def test_any_change_to_the_cells_text_keeps_the_notebook(clone, change):
    mine = save(clone, change())
    assert json.loads(mine) != notebook()
    fresh(clone, "04")
    assert work(clone) == {PUBLISHED.name: PUBLISHED.read_bytes(), f"{PUBLISHED.stem}.old-1.ipynb": mine}


def test_a_file_that_is_not_a_readable_notebook_is_kept(clone):
    path = clone / "my-notebooks" / PUBLISHED.name
    path.parent.mkdir()
    path.write_text('{"cells": [ half saved')
    fresh(clone, "04")
    assert work(clone)[f"{PUBLISHED.stem}.old-1.ipynb"] == b'{"cells": [ half saved'


def test_a_copy_kept_before_the_numbering_is_never_overwritten(clone):
    legacy = save(clone, edited("kept by the old make fresh"), name=f"{PUBLISHED.stem}.old.ipynb")
    mine = save(clone, edited("my latest"))
    _, said = fresh(clone, "04")
    assert work(clone) == {PUBLISHED.name: PUBLISHED.read_bytes(), f"{PUBLISHED.stem}.old.ipynb": legacy,
                           f"{PUBLISHED.stem}.old-1.ipynb": mine}
    assert f"my-notebooks/{PUBLISHED.stem}.old.ipynb" in said


@pytest.mark.parametrize("nb", ["4", "04", PUBLISHED.stem, PUBLISHED.name, f"notebooks/{PUBLISHED.name}",
                                f"my-notebooks/{PUBLISHED.name}", PUBLISHED.stem[3:], PUBLISHED.stem.upper()])
def test_the_ways_to_name_a_notebook(clone, nb):
    mine = save(clone, edited("mine"))
    fresh(clone, nb)
    assert work(clone) == {PUBLISHED.name: PUBLISHED.read_bytes(), f"{PUBLISHED.stem}.old-1.ipynb": mine}


def test_a_number_names_the_notebook_of_that_number(clone):
    first = NOTEBOOKS[0]                  # 00_...: NB=0 is its number, as NB=4 is 04's
    fresh(clone, "0")
    assert work(clone) == {first.name: first.read_bytes()}


def starting_with(letter):
    """The notebooks whose title (the part after NN_) starts with ``letter``."""
    return [path.name for path in NOTEBOOKS if path.stem[3:].startswith(letter)]


SEVERAL = next(letter for letter in "abcdefghijklmnopqrstuvwxyz" if len(starting_with(letter)) > 1)
NONE = next(letter for letter in "abcdefghijklmnopqrstuvwxyz" if not starting_with(letter))


@pytest.mark.parametrize("nb, listed", [
    ("", [path.name for path in NOTEBOOKS]),
    ("99", [path.name for path in NOTEBOOKS]),
    (NONE, [path.name for path in NOTEBOOKS]),
    (f"{PUBLISHED.stem}.old-1", [path.name for path in NOTEBOOKS]),
    (SEVERAL, starting_with(SEVERAL)),
])
def test_a_name_that_matches_no_notebook_or_several_is_refused_with_the_list(clone, nb, listed):
    result, said = fresh(clone, nb, check=False)
    assert result.returncode != 0
    assert [path.name for path in NOTEBOOKS if path.name in said] == listed
    assert "make fresh NB=04" in said
    assert not (clone / "my-notebooks").exists()
