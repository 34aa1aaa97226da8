"""Notebook 10's network on the handwritten digits against scikit-learn's MLPClassifier: accuracy and training time.

Ours is the notebook's own run, repeated exactly: the same split (``nnlib.digits_data`` with the
notebook's seed), a 64-32-10 network with sigmoid outputs and the squared loss, eta = 3, mini-batches
of 16, 60 epochs, started and shuffled by ``default_rng(1)``. Its test accuracy is checked against the
one the committed notebook prints, so this measures the notebook, not a look-alike.

The same network by scikit-learn: ``MLPClassifier`` with one hidden layer of 32 logistic (sigmoid)
units, trained the way scikit-learn trains it by default (softmax outputs with cross-entropy, the Adam
optimiser, batches of 200, a small L2 penalty, stopping when the training loss stops improving), with
``max_iter`` raised so that it stops by its own rule, not by the cap. Like our eta, its learning rate is
chosen on the validation digits. A second, informative comparison gives MLPClassifier our optimiser:
plain SGD on batches of 16 for 60 epochs, its rate also chosen on validation.

Training time is a whole training run to the accuracy reported (a median of several runs), on one
thread (the Makefile sets OPENBLAS_NUM_THREADS=1); the test digits are read once per model, after
every choice is made.
"""

import json
import re
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

import nnlib
from _common import save

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "10_handwritten_digits.ipynb"
SPLIT_SEED, RUN_SEED, HIDDEN, ETA, EPOCHS, BATCH = 0, 1, 32, 3.0, 60, 16
ADAM_RATES = (0.001, 0.003, 0.01, 0.03)
SGD_RATES = (0.1, 0.3, 1.0)
REPEATS = 5


def median_time(train, repeats=REPEATS):
    """The median wall time of ``repeats`` whole training runs, and the last run's model."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        model = train()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), model


def ours(X_train, labels_train):
    """The notebook's run: returns the trained layers."""
    r = np.random.default_rng(RUN_SEED)
    start = nnlib.random_layers(r, [64, HIDDEN, 10])
    history = nnlib.train_layers(X_train, nnlib.one_hot(labels_train), start, r, eta=ETA, epochs=EPOCHS,
                                 batch_size=BATCH)
    return list(zip(history.ws[-1], history.bs[-1]))


def notebook_test_accuracy():
    """The test accuracy the committed notebook prints, e.g. 0.961 from 'test accuracy: 96.1%'."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    texts = ["".join(o.get("text", "")) for c in cells if c["cell_type"] == "code" for o in c["outputs"]]
    found = [re.search(r"test accuracy: ([\d.]+)%", t) for t in texts]
    return next(float(m.group(1)) / 100 for m in found if m)


def sklearn_model(rate, **settings):
    return MLPClassifier(hidden_layer_sizes=(HIDDEN,), activation="logistic", learning_rate_init=rate,
                         random_state=RUN_SEED, **settings)


def choose_on_validation(rates, data, **settings):
    """The rate whose model reads the most validation digits, and that accuracy."""
    (X_train, labels_train), (X_val, labels_val), _ = data
    scores = {rate: sklearn_model(rate, **settings).fit(X_train, labels_train).score(X_val, labels_val)
              for rate in rates}
    best = max(scores, key=scores.get)
    return best, scores


def main():
    data = nnlib.digits_data(np.random.default_rng(SPLIT_SEED))
    (X_train, labels_train), (X_val, labels_val), (X_test, labels_test) = data
    results = {}

    t_ours, layers = median_time(lambda: ours(X_train, labels_train))
    accuracy = nnlib.accuracy(nnlib.forward_layers(X_test, layers), labels_test)
    printed = notebook_test_accuracy()
    if abs(accuracy - printed) > 0.0005:                     # the notebook prints one decimal of a percentage
        raise SystemExit(f"bench/digits.py: this run reads {accuracy:.1%} of the test digits, the notebook printed "
                         f"{printed:.1%}: re-execute the notebook (make notebooks) or fix the recipe here")
    print(f"ours: test {accuracy:.2%}, validation "
          f"{nnlib.accuracy(nnlib.forward_layers(X_val, layers), labels_val):.2%}, {t_ours:.3f} s", flush=True)

    adam = {"max_iter": 5000}                                  # stop by scikit-learn's own rule, not by the cap
    rate, scores = choose_on_validation(ADAM_RATES, data, **adam)
    print(f"MLPClassifier (Adam), validation accuracy by learning rate: {scores}", flush=True)
    t_sklearn, model = median_time(lambda: sklearn_model(rate, **adam).fit(X_train, labels_train))
    accuracy_sklearn = model.score(X_test, labels_test)
    print(f"MLPClassifier (Adam, rate {rate}): test {accuracy_sklearn:.2%}, {model.n_iter_} epochs, "
          f"{t_sklearn:.3f} s", flush=True)

    sgd = {"solver": "sgd", "batch_size": BATCH, "momentum": 0.0, "alpha": 0.0, "max_iter": EPOCHS,
           "n_iter_no_change": EPOCHS + 1}                    # exactly 60 epochs, like ours
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)   # "60 epochs reached": that is the point here
        rate_sgd, scores_sgd = choose_on_validation(SGD_RATES, data, **sgd)
        t_sgd, model_sgd = median_time(lambda: sklearn_model(rate_sgd, **sgd).fit(X_train, labels_train), repeats=3)
    print(f"MLPClassifier (SGD, batch 16, 60 epochs), validation by rate: {scores_sgd}; rate {rate_sgd}: test "
          f"{model_sgd.score(X_test, labels_test):.2%}, {t_sgd:.3f} s", flush=True)

    results["digits_test_accuracy"] = round(accuracy, 4)
    results["digits_test_accuracy_sklearn"] = round(accuracy_sklearn, 4)
    results["digits_test_accuracy_minus_sklearn"] = round(100 * (accuracy - accuracy_sklearn), 2)
    results["digits_train_seconds"] = {"nnlib": round(t_ours, 3), "sklearn_adam": round(t_sklearn, 3),
                                       "sklearn_sgd": round(t_sgd, 3)}
    results["digits_sklearn_settings"] = {"adam_rate": rate, "adam_epochs": int(model.n_iter_), "sgd_rate": rate_sgd}
    results["digits_train_speedup_vs_sklearn"] = round(t_sklearn / t_ours, 2)
    results["digits_train_speedup_vs_sklearn_sgd"] = round(t_sgd / t_ours, 2)
    save(results)
    print(results)
    return results


if __name__ == "__main__":
    sys.exit(main() is None)
