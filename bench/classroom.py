"""A class on the classroom hub (`make classroom`), measured with many learners at once, all on 127.0.0.1.

One learner alone, then 10, 20, 30, ... simulated learners at once (--ladder), each as a class would: log in
through the hub's API, start their server, pull the series with nbgitpuller, run notebooks 01-04 top to bottom
through the kernel's websocket (each notebook's kernel shut down before the next, as a learner closing the tab;
04's stays), then move 04's explorer slider (the widget's own update message) every 2 s for a minute, timing each
move until the figure's next picture arrives. Learners are new system users in each round, so every round starts
from an empty home (the first click of the link). The ladder stops at the first round that fails (an error in a
notebook, or a slider p95 above twice the one learner's) from 20 learners on (10 and 20 always run: the targets are
stated at 20), or when the next round would not fit in memory.

Measured per round: login to a ready server (p50, p95); slider round trip (p50, p95) against one learner alone in
the same run; peak memory per learner while they hold 04's kernel (PSS, shared pages split fairly; and RSS, what a
container's limit counts); each learner's CPU seconds for the whole session; the hub's and the proxy's CPU.
Every loop is bounded in count and time.

Writes the classroom_* keys into bench/results.json. Run by `make bench` (as root: learners are system users;
needs npm for the proxy). `python bench/classroom.py --ladder 10,20` runs a shorter ladder.
"""

import argparse
import asyncio
import os
import shutil
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "tests"))

import classroom_hub                           # noqa: E402
from _common import machine, save              # noqa: E402
from classroom_hub import Hub, Learner         # noqa: E402

NOTEBOOKS = [f"nn-companion/notebooks/{name}.ipynb" for name in
             ("01_single_weight", "02_vectors_and_dot_product", "03_activation", "04_loss")]
SLIDER_SECONDS, SLIDER_EVERY = 60, 2.0
ROUND_TIMEOUT = 1200                 # seconds: a round that takes longer fails
SAMPLE_EVERY = 2.0                   # seconds between memory samples
TARGETS = {"ratio": 2.0, "ready_p95": 30.0, "mib": 300.0, "max_learners": 30}


def percentile(values, q):
    """The q-th percentile by linear interpolation between order statistics (numpy's default)."""
    values = sorted(values)
    position = (len(values) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


async def one_learner(hub, repo, name, record):
    """One learner's whole session; fills ``record`` as it goes (a failure is kept, not raised)."""
    learner = Learner(hub, name)
    try:
        start = time.monotonic()
        await learner.log_in()
        await learner.start_server()
        record["ready"] = time.monotonic() - start
        await learner.pull(repo)
        for path in NOTEBOOKS[:-1]:
            async with learner.kernel(path) as kernel:
                record["errors"] += await learner.run_notebook(path, kernel)
        async with learner.kernel(NOTEBOOKS[-1]) as kernel:
            record["errors"] += await learner.run_notebook(NOTEBOOKS[-1], kernel)
            slider, state, canvas = kernel.explorer()
            record["holding"] = True            # server + 04's kernel only: memory sampled from now on
            for move in range(int(SLIDER_SECONDS / SLIDER_EVERY)):
                started = time.monotonic()
                record["slider"].append(await kernel.move_slider(slider, state, canvas, (move + 1) % 2))
                await asyncio.sleep(max(0.0, SLIDER_EVERY - (time.monotonic() - started)))
            record["holding"] = False
    except Exception as error:                  # noqa: BLE001 (a learner's failure is a result of the round)
        record["errors"].append(f"{name}: {type(error).__name__}: {error}")
    finally:
        record["holding"] = False
        learner.close()


async def sample_memory(hub, records, peaks, stop):
    """Every SAMPLE_EVERY s, the PSS and RSS (MiB) of each learner holding 04's kernel, and of them all."""
    import psutil

    while not stop.is_set():
        processes = hub.processes()
        total_pss, holding = 0.0, 0
        for name, record in records.items():
            if not record["holding"]:
                continue
            pss = rss = 0.0
            for process in processes.get(name, []):
                try:
                    info = process.memory_full_info()
                except psutil.Error:
                    continue
                pss, rss = pss + info.pss / 2**20, rss + info.rss / 2**20
            record["pss"], record["rss"] = max(record["pss"], pss), max(record["rss"], rss)
            total_pss, holding = total_pss + pss, holding + 1
        if holding:
            peaks.append((holding, total_pss))
        try:
            await asyncio.wait_for(stop.wait(), SAMPLE_EVERY)
        except asyncio.TimeoutError:
            pass


def cpu_seconds(processes, children=False):
    """User + system CPU seconds of ``processes`` (with ``children``: also of their children that have ended)."""
    import psutil

    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system + (times.children_user + times.children_system if children else 0)
        except psutil.Error:
            pass
    return total


async def class_round(hub, repo, names):
    """All ``names`` at once; returns the round's numbers."""
    records = {name: {"ready": None, "slider": [], "errors": [], "holding": False, "pss": 0.0, "rss": 0.0}
               for name in names}
    peaks, stop = [], asyncio.Event()
    before = hub.processes()
    cpu_before = {part: cpu_seconds(before[part]) for part in ("hub", "proxy")}
    load = [os.getloadavg()[0]]
    start = time.monotonic()
    sampler = asyncio.ensure_future(sample_memory(hub, records, peaks, stop))
    learners = asyncio.gather(*(one_learner(hub, repo, name, records[name]) for name in names))
    try:
        await asyncio.wait_for(learners, ROUND_TIMEOUT)
    except asyncio.TimeoutError:
        for record in records.values():
            record["errors"].append(f"the round took more than {ROUND_TIMEOUT} s")
    stop.set()
    await sampler
    wall = time.monotonic() - start
    load.append(os.getloadavg()[0])
    after = hub.processes()
    cpu = {part: 100 * (cpu_seconds(after[part]) - cpu_before[part]) / wall for part in ("hub", "proxy")}
    # Each learner's whole session: their server's CPU with its finished children (the kernels, shut down by now).
    session_cpu = [cpu_seconds(after[name], children=True) for name in names if after.get(name)]
    await stop_servers(hub, names)
    ready = [r["ready"] for r in records.values() if r["ready"] is not None]
    slider = [t * 1000 for r in records.values() for t in r["slider"]]
    errors = [e for r in records.values() for e in r["errors"]]
    held = [r for r in records.values() if r["pss"] > 0]
    return {
        "learners": len(names), "seconds": round(wall, 1), "errors": errors[:10], "error_count": len(errors),
        "ready_p50_s": round(percentile(ready, 50), 1) if ready else None,
        "ready_p95_s": round(percentile(ready, 95), 1) if ready else None,
        "slider_p50_ms": round(percentile(slider, 50), 1) if slider else None,
        "slider_p95_ms": round(percentile(slider, 95), 1) if slider else None,
        "slider_moves": len(slider),
        # Per learner holding 04's kernel, when the most of them did at once (shared pages split among them): the
        # highest such sample.
        "mib_per_learner": (round(max(total / count for count, total in peaks if count == max(c for c, _ in peaks)), 1)
                            if peaks else None),
        "most_holding_at_once": max((c for c, _ in peaks), default=0),
        "pss_peak_mib_max": round(max(r["pss"] for r in held), 1) if held else None,
        "rss_peak_mib_max": round(max(r["rss"] for r in held), 1) if held else None,
        "cpu_seconds_per_learner": round(percentile(session_cpu, 50), 1) if session_cpu else None,
        "hub_cpu_percent": round(cpu["hub"], 1), "proxy_cpu_percent": round(cpu["proxy"], 1),
        "load_average": [round(v, 2) for v in load],
    }


async def stop_servers(hub, names, timeout=300):
    """Ask the hub to stop each learner's server and wait until all are gone (bounded)."""
    loop = asyncio.get_running_loop()
    for name in names:
        await loop.run_in_executor(None, lambda n=name: _quietly(hub.api, f"/hub/api/users/{n}/server", "DELETE"))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        users = await loop.run_in_executor(None, hub.api, "/hub/api/users")
        if not any(u["name"] in names and u.get("servers") for u in users):
            return
        await asyncio.sleep(2)


def _quietly(function, *args):
    try:
        function(*args)
    except OSError:
        pass


def available_mib():
    with open("/proc/meminfo") as meminfo:
        fields = dict(line.split(":", 1) for line in meminfo)
    return int(fields["MemAvailable"].split()[0]) / 1024


def show(result, alone):
    ratio = (result["slider_p95_ms"] / alone["slider_p95_ms"]) if result["slider_p95_ms"] and alone else None
    print(f"{result['learners']:>3} learners  ready p50 {result['ready_p50_s']} s, p95 {result['ready_p95_s']} s;  "
          f"slider p50 {result['slider_p50_ms']} ms, p95 {result['slider_p95_ms']} ms"
          + (f" ({ratio:.2f} x alone)" if ratio else "")
          + f";  {result['mib_per_learner']} MiB PSS per learner (max {result['pss_peak_mib_max']} PSS, "
          f"{result['rss_peak_mib_max']} RSS);  {result['cpu_seconds_per_learner']} CPU-s per learner;  hub {result['hub_cpu_percent']} %, proxy {result['proxy_cpu_percent']} %"
          f" of a core;  {result['error_count']} errors;  {result['seconds']} s, load {result['load_average']}")
    for error in result["errors"][:3]:
        print("     ", error)
    return ratio


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ladder", default="10,20,30,40,50", help="class sizes after one learner alone")
    args = parser.parse_args()
    ladder = [int(n) for n in args.ladder.split(",")]
    if os.geteuid() != 0:
        sys.exit("bench/classroom.py runs as root: each learner is a system user")
    folder = classroom_hub.readable_folder("nnc-bench-")
    repo = classroom_hub.published_repository(folder / "repo" / "nn-companion")
    (folder / "repo").chmod(0o755)
    hub = Hub(folder / "class", repo, learners=1 + sum(ladder))
    (folder / "class").mkdir(mode=0o755)
    start = time.monotonic()
    results = {}
    try:
        hub.start()
        print(f"Classroom hub up in {time.monotonic() - start:.0f} s; {machine()}; "
              f"load average {os.getloadavg()[0]:.1f}")
        names = iter(hub.names())
        alone = results[1] = asyncio.run(class_round(hub, repo, [next(names)]))
        show(alone, None)
        for size in ladder:
            previous = results[max(results)]
            if previous["mib_per_learner"] and size * previous["mib_per_learner"] > 0.8 * available_mib():
                print(f"{size} learners would not fit in memory ({available_mib():.0f} MiB available): stop")
                break
            results[size] = asyncio.run(class_round(hub, repo, [next(names) for _ in range(size)]))
            ratio = show(results[size], alone)
            # The targets are stated at 20 learners: go on to 20 whatever happens before, then stop at a failure.
            if size >= 20 and (results[size]["error_count"] or ratio is None or ratio > TARGETS["ratio"]):
                break
    finally:
        hub.stop()
        shutil.rmtree(folder, ignore_errors=True)
    summarize(results, time.monotonic() - start)


def summarize(results, seconds):
    alone = results[1]
    passing = [n for n, r in results.items() if n > 1 and not r["error_count"] and r["slider_p95_ms"]
               and r["slider_p95_ms"] <= TARGETS["ratio"] * alone["slider_p95_ms"]]
    largest = max(passing, default=0)
    twenty = results.get(20, {})
    mib = results[max(results)].get("mib_per_learner")          # from the largest class measured
    keys = {
        "classroom_slider_p95_ms_alone": alone["slider_p95_ms"],
        "classroom_slider_p95_ms_20": twenty.get("slider_p95_ms"),
        "classroom_slider_p95_ratio_20": (round(twenty["slider_p95_ms"] / alone["slider_p95_ms"], 2)
                                          if twenty.get("slider_p95_ms") else None),
        "classroom_ready_p50_s_20": twenty.get("ready_p50_s"),
        "classroom_ready_p95_s_20": twenty.get("ready_p95_s"),
        "classroom_mib_per_learner": mib,
        "classroom_rss_peak_mib_per_learner": max((r["rss_peak_mib_max"] or 0) for r in results.values()),
        "classroom_max_learners": largest,
        "classroom_learners_per_gib": round(1024 / mib, 1) if mib else None,
        "classroom_learners_per_core": round(largest / os.cpu_count(), 1),
        "classroom_cpu_seconds_per_learner": results[max(results)].get("cpu_seconds_per_learner"),
        "classroom_hub_cpu_percent_20": twenty.get("hub_cpu_percent"),
        "classroom_proxy_cpu_percent_20": twenty.get("proxy_cpu_percent"),
        "classroom_rounds": {str(n): r for n, r in results.items()},
    }
    print(f"\nlargest class within 2 x one learner's slider p95 and error-free: {largest} "
          f"(target >= {TARGETS['max_learners']}); {keys['classroom_learners_per_gib']} learners per GiB, "
          f"{keys['classroom_learners_per_core']} per core; total {seconds:.0f} s")
    save(keys)


if __name__ == "__main__":
    main()
