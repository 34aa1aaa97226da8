"""Notebook 05: slopes measured and exact, and what a derivative does and does not predict, checked another way."""

import numpy as np
import pytest

import lessons
import nnlib


@pytest.fixture(scope="module")
def ns():
    return lessons.run("05")


def _loss(X, y, w):
    return np.mean((1 / (1 + np.exp(-X * w)) - y) ** 2)


def _slope(X, y, w):
    """dL/dw = 2/n sum (o - y) o (1 - o) X, the chain rule of notebook 06, written out here."""
    o = 1 / (1 + np.exp(-X * w))
    return np.sum(2 * (o - y) * o * (1 - o) * X) / len(X)


def test_a_step_of_one_changes_x_times_w_by_exactly_x(ns):
    # 2 * 6 - 2 * 5 in floats: exact, since every number here is a small whole number
    assert ns["change"] == 2.0 == ns["df_dw"]


def test_nnlib_numerical_gradient_is_the_notebooks_central_difference(ns):
    assert nnlib.numerical_gradient(ns["L"], 0.5) == ns["central"]


def test_the_exact_slope_agrees_with_the_chain_rule_written_out(ns):
    X, y = ns["X"], ns["y"]
    for w in [-1.5, -0.3, 0.5, 1.0, 3.0, 5.0]:
        assert nnlib.gradients(X, y, w)[0] == pytest.approx(_slope(X, y, w), rel=1e-12)
        assert nnlib.numerical_gradient(ns["L"], w) == pytest.approx(_slope(X, y, w), abs=1e-8)


def test_the_one_sided_ratio_depends_on_the_step(ns):
    # the prediction's answer: a step of 1 gives another ratio than a step of 0.0001
    assert ns["slopes"][0] > ns["slopes"][-1] + 0.05


def test_the_mismatch_shrinks_like_the_square_of_the_step(ns):
    # the prose: "each time it shrinks 10 times the mismatch shrinks about 100 times"
    X, y, w = ns["X"], ns["y"], 0.5
    mismatch = [_loss(X, y, w + h) - _loss(X, y, w) - h * _slope(X, y, w) for h in (0.1, 0.01, 0.001)]
    assert 50 < mismatch[0] / mismatch[1] < 200 and 50 < mismatch[1] / mismatch[2] < 200


def test_the_tangent_does_not_say_how_far_to_go(ns):
    # The Note: following the tangent down to L = 0 leaves the real loss well above 0
    X, y, w = ns["X"], ns["y"], 0.5
    step = -_loss(X, y, w) / _slope(X, y, w)
    assert 0 < step < 1.5 and _loss(X, y, w + step) > 0.01


def test_every_step_against_the_slope_lowers_the_loss_and_the_bottom_is_flat(ns):
    X, y = ns["X"], ns["y"]
    for w in [-1.0, 0.5, 1.5, 3.0, 5.0]:
        assert _loss(X, y, w - 0.1 * np.sign(_slope(X, y, w))) < _loss(X, y, w)
    assert nnlib.gradients(X, y, 2.0)[0] == 0.0
