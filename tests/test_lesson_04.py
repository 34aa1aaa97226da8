"""Notebook 04: the loss, its curve over the weight and the brute-force count, checked another way."""

import math

import numpy as np
import pytest

import lessons
import nnlib


@pytest.fixture(scope="module")
def ns():
    return lessons.run("04")


def test_the_tiny_loss_by_hand(ns):
    # squared errors 0.04 + 0.01 and 0.16 + 0.16, their mean: (0.05 + 0.32) / 2
    assert ns["L_small"] == pytest.approx(0.185)
    assert nnlib.mean_sum_squared_loss(ns["o_small"], ns["y_small"]) == pytest.approx(0.185)


def test_the_other_readings_are_ours_times_a_constant(ns):
    squared, n, d_out = ns["squared"], 2, 2
    ours = squared.sum() / n
    assert squared.sum() / (2 * n) == pytest.approx(ours / 2)
    assert squared.mean() == pytest.approx(ours / d_out)
    assert squared.sum() == pytest.approx(ours * n)


def test_the_teachers_weight_reaches_a_loss_of_zero(ns):
    X, y = ns["X"], ns["y"]
    assert np.array_equal(nnlib.forward(X, 2.0), y)
    assert ns["L"] == 0.0
    assert ns["weights"][np.argmin(ns["losses"])] == pytest.approx(2.0)


def test_the_random_start_is_far_from_the_targets(ns):
    o = nnlib.forward(ns["X"], ns["w0"])
    assert np.mean((o - ns["y"]) ** 2) > 0.1   # the prose: random outputs, the network has learned nothing


def test_noisy_targets_leave_the_lowest_loss_above_zero(ns):
    assert ns["losses_noisy"].min() > 0.003
    # No weight at all, not only the grid's, hits noisy targets: a grid 400 times finer, on the noise of exercise 3
    # (y_noisy is the exercise cell's by the end of the notebook, noise of size 0.05).
    X, y_noisy = ns["X"], ns["y_noisy"]
    fine = np.linspace(-2, 6, 160_001)
    o = 1 / (1 + np.exp(-X * fine))   # (20, 160001)
    assert (np.sum((o - y_noisy) ** 2, axis=0) / len(X)).min() > 0.0005


def test_brute_force_finds_the_teacher(ns):
    assert np.allclose(ns["candidates"][np.argmin(ns["losses3"])], [2.0, -1.0, 0.6])
    assert len(ns["candidates"]) == 51 ** 3


def test_the_years_in_the_note(ns):
    year = 365.25 * 24 * 3600
    assert 5e3 < 51 ** 12 * 1e-9 / year < 2e4                  # "twelve weights take about ten thousand years"
    assert round(100_000 * math.log10(51) - 9) == 170_748       # "100,000 take about 10^170748 seconds"
