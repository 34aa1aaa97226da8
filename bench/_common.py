"""Shared by the benchmarks: a median timer and the results file.

Benchmarks are not tests: they print ratios measured in one run on one
machine, and write them to bench/results.json for the README table.
"""

import json
import os
import platform
import time
from pathlib import Path

RESULTS = Path(__file__).with_name("results.json")


def median_seconds(function, repeats=7, min_time=0.2):
    """Median time of one call: calls are looped until a run lasts min_time, runs repeated `repeats` times."""
    number, elapsed = 1, 0.0
    while True:                                  # find a loop count that takes about min_time
        start = time.perf_counter()
        for _ in range(number):
            function()
        elapsed = time.perf_counter() - start
        if elapsed >= min_time or number >= 10**6:
            break
        number = max(number * 2, int(number * min_time / max(elapsed, 1e-9)))
    runs = [elapsed / number]
    for _ in range(repeats - 1):
        start = time.perf_counter()
        for _ in range(number):
            function()
        runs.append((time.perf_counter() - start) / number)
    runs.sort()
    return runs[len(runs) // 2]


def machine():
    """One line naming the machine the numbers come from."""
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def save(updates):
    """Merge `updates` into bench/results.json (other benchmarks write other keys)."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results.update(updates)
    results["machine"] = machine()
    results["date"] = time.strftime("%Y-%m-%d")
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
