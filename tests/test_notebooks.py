"""Notebook hygiene: what strict nbval does not check, but a learner would notice."""

import json
import re
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
