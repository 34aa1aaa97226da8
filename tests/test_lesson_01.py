"""Notebook 01: what its cells show, checked another way."""

import numpy as np
import pytest

import lessons
import nnlib


@pytest.fixture(scope="module")
def ns():
    return lessons.run("01")


def test_nnlib_holds_the_notebooks_multiplication(ns):
    X = ns["X"]
    assert np.array_equal(nnlib.weighted_sum(X, 0.5), X * 0.5)
    assert np.array_equal(nnlib.weighted_sum(X, -2.0), X * -2.0)


def test_the_best_single_weight_for_2x_plus_1_is_the_least_squares_one(ns):
    # Setting the slope of the mean squared miss to 0 gives w = sum(X y) / sum(X^2) = 70 / 30, by hand.
    X, y = ns["X"], ns["y_shifted"]
    assert np.sum(X * y) / np.sum(X ** 2) == pytest.approx(70 / 30)
    assert ns["best_w"] == pytest.approx(70 / 30, abs=0.005)   # the grid's step is 0.01
    assert ns["best_w"] > 2   # the prose: "not the 2 of 2X: it tilts the line up"


def test_no_single_weight_hits_targets_with_a_shift(ns):
    # The prose: "No weight can put every output on its target". The smallest worst miss, over many weights.
    X, y = ns["X"], ns["y_shifted"]
    weights = np.linspace(-5, 5, 10001)
    worst_miss = np.abs(weights[:, None] * X - y).max(axis=1)
    assert worst_miss.min() > 0.3
