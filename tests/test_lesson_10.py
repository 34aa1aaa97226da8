"""Notebook 10 (the digits): its hand computations are nnlib's, its protocol is bench/digits.py's, its claims hold.

The notebook shows results as numbers, not asserts; these tests run its code cells (tests/lessons.py) and read
the variables they leave.
"""

import sys
from pathlib import Path

import numpy as np
import pytest

import nnlib
from lessons import run

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def lesson():
    return run("10")


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import digits
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return digits


def test_the_forward_loop_by_hand_is_forward_layers(lesson):
    h = lesson["h"]
    assert h.shape == (len(lesson["X_train"]), 10)
    np.testing.assert_allclose(h, nnlib.forward_layers(lesson["X_train"], lesson["layers0"]), rtol=1e-12, atol=0)


def test_the_delta_recursion_by_hand_is_gradients_layers(lesson):
    net, grads = lesson["net"], lesson["grads"]
    assert sorted(grads) == list(range(1, len(net) + 1)), "one gradient pair per layer l = 1..K, the math's numbering"
    expected = nnlib.gradients_layers(lesson["X5"], lesson["y5"], net)
    for l, (dL_dw, dL_db) in grads.items():
        np.testing.assert_allclose(dL_dw, expected[l - 1][0], rtol=1e-10, atol=1e-15)
        np.testing.assert_allclose(dL_db, expected[l - 1][1], rtol=1e-10, atol=1e-15)


def test_the_recursion_matches_nudging_on_the_biases_too(lesson):
    """The notebook nudges the weights; the biases' gradients of the same recursion agree with nudging too."""
    net, grads, X5, y5 = lesson["net"], lesson["grads"], lesson["X5"], lesson["y5"]
    for l, (w, b) in enumerate(net, 1):
        def loss(v):
            return nnlib.mean_sum_squared_loss(nnlib.forward_layers(X5, net[:l - 1] + [(w, v)] + net[l:]), y5)
        np.testing.assert_allclose(grads[l][1], nnlib.numerical_gradient(loss, b), rtol=1e-6, atol=1e-10)


def test_the_cure_starts_every_output_near_one_in_ten(lesson):
    """run's default start: each output's bias is log(0.1 / 0.9), so sigmoid(b) = 0.1 (computed here another way)."""
    history = lesson["run"]([64, 32, 10], 1.0, 1)
    b_out = history.bs[0][-1]
    np.testing.assert_allclose(1 / (1 + np.exp(-b_out)), np.full(10, 0.1), rtol=1e-12)
    plain = lesson["run"]([64, 32, 10], 1.0, 1, b_out=0.0)
    np.testing.assert_array_equal(plain.ws[0][0], history.ws[0][0])   # the same start otherwise


def test_the_plain_start_loses_a_digit_and_the_cure_does_not(lesson):
    """What the notebook says of its three starts: with every bias at 0, start 2 never answers 3; cured, none."""
    run, never_answered = lesson["run"], lesson["never_answered"]
    lost = {seed: never_answered(run([64, 64, 10], 3.0, seed, b_out=0.0)).tolist() for seed in (1, 2, 3)}
    assert lost == {1: [], 2: [3], 3: []}
    plain = run([64, 64, 10], 3.0, 2, b_out=0.0)
    o0, o1 = (nnlib.forward_layers(lesson["X_train"], lesson["last"](plain, epoch)) for epoch in (0, 1))
    assert 0.4 < o0.mean() < 0.6 and o1.mean() < 0.05, "from 0.5 at the start to near 0 after one epoch"


def test_the_refit_trains_on_train_and_validation_for_60_epochs_of_90_steps(lesson):
    final, X_final = lesson["final"], lesson["X_final"]
    assert len(X_final) == len(lesson["X_train"]) + len(lesson["X_val"]) == 1438
    assert len(final.ws) == 61
    assert len(nnlib.minibatches(np.random.default_rng(0), len(X_final), 16)) == 90   # ceil(1438 / 16)
    assert len(lesson["never_answered"](final, X_final)) == 0


def test_the_bench_runs_the_notebooks_protocol(lesson, bench):
    """bench/digits.py's protocol on the notebook's split makes the same tables, choices and test answers as the
    notebook's cells, and the lines the committed notebook printed."""
    data = nnlib.digits_data(np.random.default_rng(bench.SPLIT_SEED))
    result = bench.notebook_protocol(data)
    for eta, runs in result["by_eta"].items():
        np.testing.assert_array_equal(runs, lesson["by_eta"][eta][:, -1])
    for hidden, runs in result["by_hidden"].items():
        np.testing.assert_array_equal(runs, lesson["by_hidden"][hidden][:, -1])
    assert (result["eta"], result["hidden"], result["start"]) == (lesson["eta"], lesson["hidden"], lesson["seed"])
    np.testing.assert_array_equal(result["right"], lesson["answers"] == lesson["labels_test"])
    no_hidden, logistic = bench.no_hidden_protocol(data), bench.logistic_protocol(data)
    assert no_hidden[2] == nnlib.accuracy(nnlib.forward_layers(lesson["X_test"], lesson["last"](lesson["linear"])),
                                          lesson["labels_test"])
    assert logistic[1] == lesson["logistic"].score(lesson["X_test"], lesson["labels_test"])
    try:
        bench.check_against_notebook(result, no_hidden, logistic)
    except SystemExit as failure:
        pytest.fail(str(failure))
    # The check of printed lines can fail: another start for the refit is not what the notebook printed.
    with pytest.raises(SystemExit, match=f"start: {result['start'] + 1}"):
        bench.check_against_notebook(result | {"start": result["start"] + 1}, no_hidden, logistic)
