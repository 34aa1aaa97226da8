"""The whole series under strict nbval with 2 workers, against as many empty notebooks (the kernel start-up floor)."""

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


def main(repeats=3):
    with tempfile.TemporaryDirectory() as folder:
        empty = []
        for path in NOTEBOOKS:
            notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
            notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
            empty.append(Path(folder) / path.name)
            nbformat.write(notebook, empty[-1])
        series = sorted(run_nbval(NOTEBOOKS, ROOT) for _ in range(repeats))[repeats // 2]
        floor = sorted(run_nbval(empty, folder) for _ in range(repeats))[repeats // 2]
    print(f"{len(NOTEBOOKS)} notebooks under nbval -n 2: {series:.1f} s; as many empty notebooks: {floor:.1f} s")
    results = {"series_vs_empty_ratio": round(series / floor, 2), "series_seconds": round(series, 1),
               "empty_seconds": round(floor, 1)}
    save(results)
    return results


if __name__ == "__main__":
    sys.exit(main() is None)
