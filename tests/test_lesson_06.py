"""Notebook 06, the chain rule for one weight: the numbers the lesson shows are right.

Each expected value is computed here another way: the loss in plain NumPy and its slope by central
differences, never by the chain rule the notebook derives.
"""

import json
import re
from pathlib import Path

import numpy as np
import pytest

import lessons
import nnlib
from nnlib import exercises


@pytest.fixture(scope="module")
def ns():
    return lessons.run("06")


def _mean_loss(X, y, w):
    """L(w) = (1/n) sum_i (sigmoid(X_i w) - y_i)^2, written out with np.exp."""
    o = 1 / (1 + np.exp(-(np.asarray(X, dtype=float) * w)))
    return float(np.sum((o - y) ** 2) / len(np.atleast_1d(X)))


def _slope(f, w, eps=1e-5):
    return (f(w + eps) - f(w - eps)) / (2 * eps)


def test_the_product_of_the_three_parts_is_the_slope_for_one_example(ns):
    X_0, y_0, w0 = ns["X_0"], ns["y_0"], ns["w0"]
    expected = _slope(lambda w: _mean_loss([X_0], [y_0], w), w0)
    assert ns["dL_dw_0"] == pytest.approx(expected, rel=1e-7)


def test_the_picture_is_of_the_notebooks_example_and_its_path_gives_the_slope(ns):
    X_0, y_0, w0 = ns["X_0"], ns["y_0"], ns["w0"]
    caption = ns["chain"].artists["caption"].get_text()          # the picture starts at its last step
    expected = _slope(lambda w: _mean_loss([X_0], [y_0], w), w0)
    assert f"= {expected:.3f}".replace("-", "\N{MINUS SIGN}") in caption   # the product along w -> z -> o -> L
    assert "nudging" in caption and caption.count(f"{expected:.3f}".replace("-", "\N{MINUS SIGN}")) == 2


def test_the_sum_over_the_examples_is_the_slope_of_the_mean_loss(ns):
    X, y, w0 = ns["X"], ns["y"], ns["w0"]
    expected = _slope(lambda w: _mean_loss(X, y, w), w0)
    assert ns["dL_dw"] == pytest.approx(expected, rel=1e-7)
    assert ns["dL_dw_nnlib"] == pytest.approx(expected, rel=1e-7)   # the side-by-side the page shows
    assert len(ns["contributions"]) == 20


def test_every_step_of_gradient_descent_goes_against_the_slope(ns):
    X, y, path = ns["X"], ns["y"], np.ravel(ns["path"])
    assert len(path) == 201 and path[0] == ns["w0"]
    for w, w_next in zip(path[:-1], path[1:]):
        assert w_next == pytest.approx(w - 3.0 * _slope(lambda v: _mean_loss(X, y, v), w), abs=1e-8)
    assert path[-1] == pytest.approx(2.0, abs=0.005)                      # "walked to 1.996"


def test_nnlib_descent_path_holds_the_notebooks_loop(ns):
    X, y = ns["X"], ns["y"]
    nnlib_path = nnlib.descent_path(X, y, ns["w0"], b=0.0, eta=3.0, steps=200)
    np.testing.assert_allclose(nnlib_path, np.ravel(ns["path"]), rtol=0, atol=1e-12)


def test_a_step_of_eta_100_lowers_the_loss_and_eta_1000_raises_it_70_fold(ns):
    X, y, w_past = ns["X"], ns["y"], ns["w_past"]
    slope = _slope(lambda w: _mean_loss(X, y, w), w_past)
    before = _mean_loss(X, y, w_past)
    assert _mean_loss(X, y, w_past - 100 * slope) < before
    assert _mean_loss(X, y, w_past - 1000 * slope) > 70 * before
    assert ns["h"] * ns["dL_dw_past"] < 0    # the straight-line guess said it would fall


def test_noisy_targets_stop_gradient_descent_at_the_lowest_loss_above_zero(ns):
    X, y_noisy, path = ns["X"], ns["y_noisy"], ns["path_noisy"]
    assert np.all((y_noisy >= 0) & (y_noisy <= 1)) and not np.allclose(y_noisy, ns["y"])
    grid = np.linspace(-2.0, 10.0, 24001)
    lowest = min(_mean_loss(X, y_noisy, w) for w in grid)
    end = _mean_loss(X, y_noisy, path[-1])
    assert end == pytest.approx(lowest, abs=1e-6)
    assert round(end, 4) == 0.0038                                         # the number the text quotes


def test_the_overshoot_exercise_uses_the_notebooks_curve(ns):
    loss, w_past, slope = ns["loss"], ns["w_past"], ns["dL_dw_past"]
    raising = [eta for eta in (300.0, 500.0, 700.0) if loss(w_past - eta * slope) > loss(w_past)]
    assert raising == exercises._get("06.overshoot").reference


def test_the_prediction_cell_shows_the_measurement_before_any_guess():
    cells = json.loads(next(Path(lessons.NOTEBOOKS).glob("06_*.ipynb")).read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells]
    at = next(i for i, s in enumerate(sources) if 'check("06.predict-big-step", guess' in s)
    assert re.match(r"guess = None  # your prediction", sources[at - 1])
    printed = "".join("".join(o.get("text", "")) for o in cells[at]["outputs"])
    assert "no prediction written" in printed and "'up'" in printed


@pytest.mark.parametrize("case", range(len(exercises._get("06.tanh-slope").cases)))
def test_the_tanh_exercise_reference_is_the_slope_of_a_tanh_neurons_loss(case):
    exercise = exercises._get("06.tanh-slope")
    X, y, w = exercise.cases[case]

    def loss(v):
        return float(np.sum((np.tanh(X * v) - y) ** 2) / len(X))

    assert exercise.reference(X, y, w) == pytest.approx(_slope(loss, w), rel=1e-7)
    assert exercise.wrong(X, y, w) != pytest.approx(_slope(loss, w), rel=1e-3)   # the sigmoid's slope is caught
