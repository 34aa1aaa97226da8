"""Notebook hygiene: what strict nbval does not check, but a learner would notice."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MACHINE_PATH = re.compile(r"(/root/|/home/\w|/Users/\w|/tmp/\w|/work/|/opt/|site-packages|[A-Z]:\\\\Users)")
MEMORY_ADDRESS = re.compile(r"0x[0-9a-f]{6,}")


def _texts(output):
    if output["output_type"] == "stream":
        yield "".join(output["text"])
    for mime, value in output.get("data", {}).items():
        if mime.startswith("text/"):
            yield "".join(value)


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_series_is_numbered_without_gaps():
    assert [int(p.name[:2]) for p in NOTEBOOKS] == list(range(len(NOTEBOOKS)))
    assert len(NOTEBOOKS) >= 9


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_once_top_to_bottom_without_errors_or_warnings(path):
    code = [c for c in _load(path)["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1)), "run `make notebooks`"
    for index, cell in enumerate(code, 1):
        for output in cell["outputs"]:
            assert output["output_type"] != "error", f"cell {index}: {output.get('ename')}"
            assert output.get("name") != "stderr", f"cell {index} wrote to stderr: {''.join(output['text'])[:200]}"
            for text in _texts(output):
                assert not MEMORY_ADDRESS.search(text), f"cell {index}: memory address in {text[:80]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_machine_paths_or_user_names(path):
    raw = path.read_text(encoding="utf-8")
    nb = json.loads(raw)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    texts = [t for c in nb["cells"] for o in c.get("outputs", []) for t in _texts(o)]
    for text in texts + [json.dumps(nb["metadata"])]:
        match = MACHINE_PATH.search(text)
        assert not match, f"machine path {match.group()!r} in {text[max(0, match.start() - 40):match.end() + 40]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_follows_the_series_pattern(path):
    cells = _load(path)["cells"]
    sources = ["".join(c["source"]) for c in cells]
    assert cells[0]["cell_type"] == "markdown" and sources[0].startswith(f"# {path.name[:2]} ")
    assert re.search(r"^import nnlib$", sources[1], re.M), "cell 2 imports nnlib"
    assert "default_rng(" in sources[1], "cell 2 seeds the random generator in plain view"
    markdown = "\n".join(s for c, s in zip(cells, sources) if c["cell_type"] == "markdown")
    assert "## Summary" in markdown and "## Exercises" in markdown
    assert "(../README.md)" in sources[-1], "last cell links back to the contents"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_links_to_other_files_resolve(path):
    markdown = "\n".join("".join(c["source"]) for c in _load(path)["cells"] if c["cell_type"] == "markdown")
    for target in re.findall(r"\]\(([^)#:]+\.(?:ipynb|md))\)", markdown):
        if target.endswith(".ipynb") and not (path.parent / target).exists():
            # A link to the next notebook may point ahead of the series only from its last notebook.
            assert path == NOTEBOOKS[-1], f"broken link to {target}"
        else:
            assert (path.parent / target).exists(), f"broken link to {target}"


# --- How the lessons read --------------------------------------------------------------------------

WORDS_PER_MINUTE = 200      # prose, read carefully
SECONDS_PER_CODE_LINE = 10  # a line of code, read and understood
BUDGET_MINUTES = 25
MAX_CELLS = 60


def reading_minutes(path):
    """Minutes to read a notebook: its prose at 200 words a minute plus 10 seconds a line of code (outputs not counted)."""
    cells = _load(path)["cells"]
    words = sum(len("".join(c["source"]).split()) for c in cells if c["cell_type"] == "markdown")
    lines = sum(1 for c in cells if c["cell_type"] == "code" for line in "".join(c["source"]).splitlines() if line.strip())
    return words / WORDS_PER_MINUTE + lines * SECONDS_PER_CODE_LINE / 60


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_idea_per_notebook_within_the_reading_budget(path):
    cells = _load(path)["cells"]
    assert len(cells) <= MAX_CELLS, f"{len(cells)} cells: split the notebook or cut"
    assert reading_minutes(path) <= BUDGET_MINUTES, f"{reading_minutes(path):.1f} minutes to read"


def test_the_reading_measure_can_fail(tmp_path):
    long = {"cells": [{"cell_type": "markdown", "source": "word " * 5001, "metadata": {}}]}
    path = tmp_path / "long.ipynb"
    path.write_text(json.dumps(long))
    assert reading_minutes(path) > BUDGET_MINUTES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_readme_table_shows_each_notebooks_reading_time(path):
    readme = (path.parents[1] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if f"(notebooks/{path.name})" in line)
    expected = f"{round(reading_minutes(path))} min"
    assert f"| {expected} |" in row, f"README row for {path.name} should show {expected}: {row[:120]}"


# Cells that prove the software works are tests: they live in tests/, not in a lesson.
EXPLORER_INTERNALS = re.compile(r"\.sliders\b|\.artists\b|get_offsets|get_ydata|get_xdata|\.canvas\b|_repr_mimebundle_")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lessons_do_not_test_the_explorers(path):
    for index, cell in enumerate(_load(path)["cells"]):
        source = "".join(cell["source"])
        if cell["cell_type"] == "code":
            assert not EXPLORER_INTERNALS.search(source), f"cell {index} tests explorer internals: {source[:120]!r}"


# --- Outputs the same on any CPU -------------------------------------------------------------------
# `make test` runs the notebooks a second time on another OpenBLAS kernel (tests/other_blas_kernel.py).

def _python(*args, coretype=None):
    """What a fresh Python prints, run in tests/ with OPENBLAS_CORETYPE set to `coretype` (None: unset)."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"} | ({"OPENBLAS_CORETYPE": coretype} if coretype else {})
    return subprocess.run([sys.executable, *args], cwd=Path(__file__).parent, env=env,
                          capture_output=True, text=True, check=True).stdout.strip()


def _kernel(coretype=None):
    """The OpenBLAS kernel a fresh Python picks."""
    return _python("-c", "import other_blas_kernel; print(other_blas_kernel.native_kernel())", coretype=coretype)


def test_the_second_notebook_run_uses_another_blas_kernel():
    other = _python("other_blas_kernel.py")
    if not other:   # only where there is nothing else to try: no OpenBLAS, or not an x86 CPU
        from other_blas_kernel import cpu_flags

        assert _kernel() == "None" or "sse2" not in cpu_flags(), "OpenBLAS on x86, yet no other kernel was chosen"
    else:
        assert _kernel(other) == other != _kernel(), f"OPENBLAS_CORETYPE={other} did not change the kernel"


def test_the_other_kernel_is_one_the_cpu_can_run():
    from other_blas_kernel import other_kernel

    assert other_kernel("SkylakeX", {"sse2", "avx512f", "avx2", "fma", "avx"}) == "Haswell"
    assert other_kernel("Haswell", {"sse2", "avx2", "fma", "avx"}) == "Sandybridge"
    assert other_kernel("Sandybridge", {"sse2", "avx"}) == "Nehalem"     # no AVX2: Haswell's code would not run
    assert other_kernel(None, {"sse2", "avx2", "fma"}) is None           # NumPy without OpenBLAS
    assert other_kernel("ARMV8", {"fp", "asimd"}) is None                # not an x86 CPU
