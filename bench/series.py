"""The whole series under strict nbval with 2 workers, against as many empty notebooks (the kernel start-up floor).

Also timed, to show how much of the gap any notebook like ours pays before its content: the
same number of notebooks, each with the series' first code cell (``%matplotlib widget`` and
the imports) followed by as many ``pass`` cells as the notebook has code cells (nbval runs
and compares each cell). Its ratio to the empty notebooks is ``series_floor_ratio``.
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from _common import save

ROOT = Path(__file__).parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def run_nbval(paths, cwd):
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", "--dist", "loadscope",
               "--nbval", "--nbval-current-env", *map(str, paths)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"nbval failed, so there is nothing to time:\n{result.stdout[-3000:]}")
    return time.perf_counter() - start


def _write(path, sources, kernelspec):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
    notebook.metadata["kernelspec"] = kernelspec
    nbformat.write(notebook, path)


def main(repeats=3):
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    with tempfile.TemporaryDirectory() as folder:
        empty, floor_dir = Path(folder) / "empty", Path(folder) / "floor"
        empty.mkdir()
        floor_dir.mkdir()
        for path in NOTEBOOKS:
            code = [cell.source for cell in nbformat.read(path, 4).cells if cell.cell_type == "code"]
            _write(empty / path.name, ["pass"], kernelspec)
            _write(floor_dir / path.name, [code[0]] + ["pass"] * (len(code) - 1), kernelspec)
        series = sorted(run_nbval(NOTEBOOKS, ROOT) for _ in range(repeats))[repeats // 2]
        blank = sorted(run_nbval(sorted(empty.iterdir()), folder) for _ in range(repeats))[repeats // 2]
        floor = sorted(run_nbval(sorted(floor_dir.iterdir()), folder) for _ in range(repeats))[repeats // 2]
    print(f"{len(NOTEBOOKS)} notebooks under nbval -n 2: {series:.1f} s; as many empty notebooks: {blank:.1f} s; "
          f"with only the imports and as many empty cells: {floor:.1f} s")
    results = {"series_vs_empty_ratio": round(series / blank, 2), "series_floor_ratio": round(floor / blank, 2),
               "series_seconds": round(series, 1), "empty_seconds": round(blank, 1), "floor_seconds": round(floor, 1)}
    save(results)
    return results


if __name__ == "__main__":
    sys.exit(main() is None)
