"""Print the benchmark table from bench/results.json and write it into README.md between markers."""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"

# (key, what is measured, target, how to read the target: "min" = at least, "max" = at most)
ROWS = [
    ("train_speedup_vs_torch.neuron", "training step, one neuron, batch 4: PyTorch time / nnlib time", 3.0, "min"),
    ("train_speedup_vs_torch.mlp_2_16_1", "training step, 2-16-1 network, batch 64: PyTorch / nnlib", 3.0, "min"),
    ("train_speedup_vs_torch.mlp_64_128_1", "training step, 64-128-1 network, batch 256: PyTorch / nnlib", 0.67, "min"),
    ("train_speedup_vs_micrograd.neuron", "training step, one neuron: micrograd / nnlib", None, None),
    ("train_speedup_vs_micrograd.mlp_2_16_1", "training step, 2-16-1: micrograd / nnlib", None, None),
    ("train_speedup_vs_micrograd.mlp_64_128_1", "training step, 64-128-1: micrograd / nnlib", None, None),
    ("loss_curve_speedup_vs_loop", "loss_curve, 10,000 weights x 100 samples: Python loop / vectorised", 10.0, "min"),
    ("loss_curve_peak_mib", "loss_curve peak memory (MiB)", 16.0, "max"),
    ("series_vs_empty_ratio", "whole series under nbval -n 2 / as many empty notebooks", 1.5, "max"),
    ("series_floor_ratio", "the same with only the imports cell and empty cells / empty notebooks (the floor)", None, None),
    ("slider_callback_ratio_vs_naive", "slider callback in the kernel / naive interact re-plot (worst explorer)", 0.05, "max"),
    ("slider_callback_ms_max", "slider callback in the kernel, worst explorer median (ms)", 1.0, "max"),
    ("slider_picture_ms_max", "the blitted picture after a step, worst explorer median (ms)", None, None),
    ("slider_step_ratio_vs_naive", "callback + picture / naive re-plot (worst explorer)", None, None),
    ("keypress_to_repaint_ms_max", "key press to repainted plot in Chromium, worst explorer median (ms)", 100.0, "max"),
    ("key_press_median_ms", "key press to repainted plot in Chromium, the median over every press of every explorer, "
     "with the learners' server settings (ms)", 50.0, "max"),
    ("key_press_median_ms_stock_server", "the same on a stock Jupyter server (Nagle's algorithm on the kernel's "
     "websocket; ms)", None, None),
    ("setup_lab_seconds", "fresh clone to JupyterLab's URL with make lab (s)", 15.0, "max"),
    ("setup_lab_install_ratio_vs_pip", "make lab's install (uv) / plain pip install of requirements.txt, fresh venvs",
     0.35, "max"),
    ("setup_lab_ratio_vs_pip", "fresh clone to URL / plain pip install", None, None),
    ("digits_test_accuracy", "digits, notebook 10's final run (64-32-10, sigmoid, squared loss; settings chosen on "
     "validation, refit on train + validation): test accuracy", 0.97, "min"),
    ("digits_test_accuracy_sklearn", "the same network by scikit-learn's MLPClassifier (Adam, rate chosen on "
     "validation, refit the same way): test accuracy", None, None),
    ("digits_test_accuracy_minus_sklearn", "test accuracy, ours minus MLPClassifier's (points)", 0.0, "min"),
    ("digits_test_accuracy_interval", "ours: the test accuracy's 95 % interval (Wilson; 359 test digits, one is "
     "0.28 points)", None, None),
    ("digits_test_vs_sklearn_p_value", "ours against MLPClassifier on the same test digits: McNemar's exact p-value "
     "(small: a real difference)", None, None),
    ("digits_cv_accuracy", "ours, the chosen settings cross-validated on train + validation (5 folds, twice; no "
     "test digit)", None, None),
    ("digits_cv_accuracy_sklearn", "MLPClassifier, its chosen settings, on the same folds", None, None),
    ("digits_cv_minus_sklearn", "cross-validated accuracy, ours minus MLPClassifier's (points)", None, None),
    ("digits_splits_ours_mean", "ours, notebook 10's whole protocol on 20 splits (seeds 0-19, named in advance): "
     "mean test accuracy", None, None),
    ("digits_splits_sklearn_mean", "MLPClassifier's whole protocol on the same 20 splits: mean test accuracy", None, None),
    ("digits_splits_ours_lowest", "ours, the lowest of the 20", None, None),
    ("digits_splits_sklearn_lowest", "MLPClassifier, the lowest of the 20", None, None),
    ("digits_splits_ours_at_least_97", "splits (of 20) where ours reaches 97 %", None, None),
    ("digits_splits_sklearn_at_least_97", "splits (of 20) where MLPClassifier reaches 97 %", None, None),
    ("digits_splits_ours_at_least_sklearn", "splits (of 20) where ours reads at least as many test digits as "
     "MLPClassifier", None, None),
    ("digits_train_speedup_vs_sklearn", "digits training time (the final run): MLPClassifier / nnlib.train_layers", 2.0,
     "min"),
    ("digits_train_speedup_vs_sklearn_sgd", "the same, MLPClassifier on our SGD (batches of 16, 60 epochs) / nnlib",
     None, None),
    ("digits_notebook_seconds", "notebook 10 top to bottom in a fresh kernel (s)", 20.0, "max"),
    ("classroom_slider_p95_ms_alone", "classroom hub, one learner alone: slider move to the figure's next picture, "
     "p95 (ms)", None, None),
    ("classroom_slider_p95_ms_20", "the same with 20 learners at once (ms)", None, None),
    ("classroom_slider_p95_ratio_20", "slider p95, 20 learners at once / one alone", 2.0, "max"),
    ("classroom_ready_p50_s_20", "20 learners logging in at once: login to a ready server, p50 (s)", None, None),
    ("classroom_ready_p95_s_20", "the same, p95 (s)", 30.0, "max"),
    ("classroom_mib_per_learner", "memory per learner with notebook 04's kernel (MiB, PSS: shared pages split)", 300.0,
     "max"),
    ("classroom_rss_peak_mib_per_learner", "the largest learner's peak (MiB, RSS: what a container's limit counts)",
     None, None),
    ("classroom_max_learners", "largest class with slider p95 within 2 x one learner's and every notebook "
     "error-free", 30, "min"),
    ("classroom_cpu_seconds_per_learner", "CPU seconds per learner: server start, pull, notebooks 01-04, a minute "
     "of slider moves", None, None),
    ("classroom_learners_per_gib", "learners per GiB of memory", None, None),
    ("classroom_learners_per_core", "learners per core (the largest class / cores)", None, None),
    ("classroom_hub_cpu_percent_20", "the hub's CPU with 20 learners (% of one core)", None, None),
    ("classroom_proxy_cpu_percent_20", "the proxy's CPU with 20 learners (% of one core)", None, None),
]


def _value(results, key):
    if key == "slider_callback_ms_max" and "slider_callback_ms" in results:
        return max(results["slider_callback_ms"].values())
    if key == "slider_picture_ms_max" and "slider_picture_ms" in results:
        return max(results["slider_picture_ms"].values())
    if key == "keypress_to_repaint_ms_max" and "keypress_to_repaint_ms" in results:
        return max(results["keypress_to_repaint_ms"].values())
    return results.get(key)


def table(results):
    lines = ["| measurement | value | target | met |", "|---|---|---|---|"]
    for key, what, target, sense in ROWS:
        value = _value(results, key)
        shown = ("not measured" if value is None else "–".join(f"{v:g}" for v in value) if isinstance(value, list)
                 else f"{value:g}")
        goal = "" if target is None else ("≥ " if sense == "min" else "≤ ") + f"{target:.3g}"
        met = "" if value is None or target is None else (
            "yes" if (value >= target if sense == "min" else value <= target) else "**no**")
        lines.append(f"| {what} | {shown} | {goal} | {met} |")
    lines.append("")
    lines.append(f"Measured on: {results.get('machine', 'unknown')}, {results.get('date', 'date unknown')}.")
    return "\n".join(lines)


def main():
    results = json.loads((ROOT / "bench" / "results.json").read_text())
    text = table(results)
    print(text)
    readme = ROOT / "README.md"
    content = readme.read_text()
    if BEGIN in content:
        content = re.sub(f"{re.escape(BEGIN)}.*{re.escape(END)}", f"{BEGIN}\n{text}\n{END}", content, flags=re.S)
        readme.write_text(content)


if __name__ == "__main__":
    sys.exit(main())
