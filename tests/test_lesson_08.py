"""What notebook 08 shows as numbers, checked: its training loop is nnlib.train, step for step."""

import numpy as np

import lessons
import nnlib


def test_the_notebooks_loop_is_nnlib_train():
    ns = lessons.run("08")
    history = nnlib.train(ns["X"], ns["y"], ns["w0"], ns["b0"], eta=ns["eta"], epochs=ns["epochs"])
    np.testing.assert_allclose(history.losses, ns["losses"], rtol=1e-12)
    np.testing.assert_allclose(history.ws[-1], ns["w"], rtol=1e-12)
    np.testing.assert_allclose(history.bs[-1], ns["b"], rtol=1e-12)


def test_the_huge_rate_ends_higher_and_the_saturated_loss_is_the_fraction_wrong():
    ns = lessons.run("08")
    big = ns["runs"][1000.0]
    assert ns["went"] == "higher" and big.losses[-1] > big.losses[0]
    o = nnlib.forward(ns["X"], big.ws[1], big.bs[1])
    wrong = np.mean((o > 0.5) != (ns["y"] == 1))
    assert abs(nnlib.mean_sum_squared_loss(o, ns["y"]) - wrong) < 1e-9   # each wrong email costs 1, each right one 0
