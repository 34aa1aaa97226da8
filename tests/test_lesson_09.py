"""What notebook 09 shows as numbers, checked: its forward pass and its chain rule are nnlib's, and nudging agrees."""

import numpy as np

import lessons
import nnlib


def test_the_forward_pass_is_forward_two_layer():
    ns = lessons.run("09")
    start = ns["start"]
    h = nnlib.sigmoid(ns["X"] @ start[0] + start[1])
    np.testing.assert_allclose(nnlib.forward_two_layer(ns["X"], *start), nnlib.sigmoid(h @ start[2] + start[3]), rtol=1e-12)


def test_every_gradient_by_the_chain_rule_is_nnlibs_and_the_nudges():
    ns = lessons.run("09")
    for ours, nudged, nnlibs in zip(ns["ours"], ns["nudged"], nnlib.gradients_two_layer(ns["X"], ns["y"], *ns["start"])):
        np.testing.assert_allclose(ours, nnlibs, rtol=1e-10, atol=1e-15)
        assert np.linalg.norm(ours - nudged) <= 1e-6 * np.linalg.norm(nudged)


def test_one_neuron_does_not_solve_xor():
    ns = lessons.run("09")
    assert ns["one_neuron_solves"] is False
