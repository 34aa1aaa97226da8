"""Notebook 02: the dot products and matrix products it shows, checked another way."""

import numpy as np
import pytest

import lessons
import nnlib


@pytest.fixture(scope="module")
def ns():
    return lessons.run("02")


def test_one_emails_dot_product_is_its_sum_of_products(ns):
    # 2 * 0.5 + 1 * 0.25, by hand
    assert ns["o_loop"] == ns["o_dot"] == 1.25
    assert np.shape(ns["o_dot"]) == ()


def test_x_at_w_is_the_loop_over_the_rows(ns):
    X, w_spam = ns["X"], np.array([0.5, 0.25])
    assert np.allclose(ns["o_rows"], [X[i, 0] * 0.5 + X[i, 1] * 0.25 for i in range(len(X))])
    assert np.allclose(ns["products"].sum(axis=1), X @ w_spam)


def test_the_matrix_product_is_every_dot_product(ns):
    X, w, o = ns["X"], ns["w"], ns["o"]
    assert w.shape == (2, 3) and o.shape == (4, 3)
    expected = [[sum(X[i, k] * w[k, j] for k in range(2)) for j in range(3)] for i in range(4)]
    assert np.allclose(o, expected) and np.allclose(ns["o_loops"], expected)
    assert np.allclose(np.dot(X, w), expected)


@pytest.mark.parametrize("n, d, m", [(6, 2, 1), (2, 3, 5), (3, 1, 3), (1, 1, 1), (4, 5, 5)])
def test_the_shape_rule(n, d, m):
    assert (np.ones((n, d)) @ np.ones((d, m))).shape == (n, m)
    assert (np.ones((n, d)) @ np.ones(d)).shape == (n,)


def test_nnlib_weighted_sum_is_x_at_w(ns):
    X, w = ns["X"], ns["w"]
    assert np.array_equal(nnlib.weighted_sum(X, w), X @ w)
    assert np.array_equal(nnlib.weighted_sum(X, w[:, 0]), X @ w[:, 0])

