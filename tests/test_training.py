import numpy as np
import pytest

from nnlib import (forward, forward_two_layer, gradients, gradients_two_layer, learning_rate_verdict,
                   mean_sum_squared_loss, spam_data, train, train_two_layer)

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def test_train_takes_gradient_steps():
    rng = np.random.default_rng(0)
    X, y, w = rng.normal(size=(6, 2)), rng.uniform(size=(6, 1)), rng.normal(size=(2, 1))
    history = train(X, y, w, 0.3, eta=0.5, epochs=3)
    assert history.ws.shape == (4, 2, 1) and history.bs.shape == (4,) and history.losses.shape == (4,)
    dL_dw, dL_db = gradients(X, y, w, 0.3)
    np.testing.assert_allclose(history.ws[1], w - 0.5 * dL_dw)
    assert history.bs[1] == pytest.approx(0.3 - 0.5 * dL_db)
    for k in range(4):
        assert history.losses[k] == pytest.approx(mean_sum_squared_loss(forward(X, history.ws[k], history.bs[k]), y))


def test_trained_neuron_separates_the_spam():
    X, y = spam_data(np.random.default_rng(0))
    history = train(X, y, np.full((3, 1), 0.1), 0.0, eta=1.0, epochs=200)
    accuracy = np.mean((forward(X, history.ws[-1], history.bs[-1]) > 0.5) == y)
    assert accuracy >= 0.95 and history.losses[-1] < history.losses[0] / 4


def test_one_neuron_cannot_learn_xor_but_two_layers_can():
    history = train(XOR_X, XOR_Y, np.array([[0.3], [-0.2]]), 0.0, eta=2.0, epochs=2000)
    one_neuron = (forward(XOR_X, history.ws[-1], history.bs[-1]) > 0.5) == XOR_Y
    assert one_neuron.sum() <= 3                       # a line cannot split XOR: at least one corner is wrong
    rng = np.random.default_rng(0)
    params = (rng.normal(size=(2, 3)), np.zeros(3), rng.normal(size=(3, 1)), np.zeros(1))
    history = train_two_layer(XOR_X, XOR_Y, *params, eta=2.0, epochs=3000)
    (w1, w2), (b1, b2) = history.ws[-1], history.bs[-1]
    assert np.all((forward_two_layer(XOR_X, w1, b1, w2, b2) > 0.5) == XOR_Y)
    assert history.losses.shape == (3001,) and history.losses[-1] < 0.01


def test_train_two_layer_takes_gradient_steps_and_keeps_the_callers_forms():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(5, 2)), rng.uniform(size=(5, 1))
    w1, b1, w2, b2 = rng.normal(size=(2, 3)), np.full(3, 0.1), rng.normal(size=(3, 1)), 0.0
    history = train_two_layer(X, y, w1, b1, w2, b2, eta=0.5, epochs=2)
    assert len(history.ws) == len(history.bs) == 3 and history.losses.shape == (3,)
    dL_dw1, dL_db1, dL_dw2, dL_db2 = gradients_two_layer(X, y, w1, b1, w2, b2)
    (w1_1, w2_1), (b1_1, b2_1) = history.ws[1], history.bs[1]
    np.testing.assert_allclose(w1_1, w1 - 0.5 * dL_dw1, rtol=1e-12)
    np.testing.assert_allclose(w2_1, w2 - 0.5 * dL_dw2, rtol=1e-12)
    np.testing.assert_allclose(b1_1, b1 - 0.5 * dL_db1, rtol=1e-12)
    assert isinstance(b2_1, float) and b2_1 == pytest.approx(b2 - 0.5 * dL_db2, rel=1e-12)  # a number for a number
    for t in range(3):
        (w1_t, w2_t), (b1_t, b2_t) = history.ws[t], history.bs[t]
        o = forward_two_layer(X, w1_t, b1_t, w2_t, b2_t)
        assert history.losses[t] == pytest.approx(mean_sum_squared_loss(o, y), rel=1e-12)


def test_a_number_b_for_several_outputs_becomes_one_bias_per_output():
    rng = np.random.default_rng(2)
    X, y, w = rng.normal(size=(6, 2)), rng.uniform(size=(6, 3)), rng.normal(size=(2, 3))
    history = train(X, y, w, 0.2, eta=0.5, epochs=1)
    _, dL_db = gradients(X, y, w, np.full(3, 0.2))                    # each output's own bias
    assert history.bs.shape == (2, 3)
    np.testing.assert_allclose(history.bs[1], 0.2 - 0.5 * dL_db, rtol=1e-12)


def test_train_takes_plain_numbers():
    # The post's single input and weight: X = 2, y = 1, w = 0.5 (one example, one number each).
    history = train(2.0, 1.0, 0.5, eta=1.0, epochs=3)
    dL_dw, dL_db = gradients(2.0, 1.0, 0.5)
    assert history.ws.shape == (4,) and history.ws[1] == pytest.approx(0.5 - dL_dw)
    assert history.bs[1] == pytest.approx(-dL_db) and history.losses[-1] < history.losses[0]


@pytest.mark.parametrize("losses, verdict", [
    ([1.0, 0.99, 0.985, 0.98], "crawls"),
    ([1.0, 0.5, 0.3, 0.2], "learns"),
    ([1.0, 0.5, 0.7, 0.3, 0.6, 0.2], "oscillates"),     # bounces up and down, ends lower
    ([0.2, 0.3, 0.25, 0.35], "diverges"),               # ends above the start
])
def test_learning_rate_verdict(losses, verdict):
    assert learning_rate_verdict(losses) == verdict


