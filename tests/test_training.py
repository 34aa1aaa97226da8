import numpy as np
import pytest

from nnlib import (forward, forward_two_layer, gradients, learning_rate_verdict, mean_sum_squared_loss, spam_data,
                   train, train_two_layer)

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
    params, losses = train_two_layer(XOR_X, XOR_Y, params, eta=2.0, epochs=3000)
    assert np.all((forward_two_layer(XOR_X, *params) > 0.5) == XOR_Y)
    assert losses.shape == (3001,) and losses[-1] < 0.01


@pytest.mark.parametrize("losses, verdict", [
    ([1.0, 0.99, 0.985, 0.98], "crawls"),
    ([1.0, 0.5, 0.3, 0.2], "learns"),
    ([1.0, 0.5, 0.7, 0.3, 0.6, 0.2], "oscillates"),     # bounces up and down, ends lower
    ([0.2, 0.3, 0.25, 0.35], "diverges"),               # ends above the start
])
def test_learning_rate_verdict(losses, verdict):
    assert learning_rate_verdict(losses) == verdict


@pytest.mark.parametrize("call, words", [
    (lambda: train(XOR_X, XOR_Y, np.zeros((2, 1)), epochs=-1), "epochs must be a whole number"),
    (lambda: train(XOR_X, XOR_Y, np.zeros((2, 1)), eta=-0.1), "eta (the learning rate) must be positive"),
    (lambda: train(XOR_X, XOR_Y.ravel(), np.zeros((2, 1))), "y has shape (4,)"),
    (lambda: train_two_layer(XOR_X, XOR_Y, (np.ones((2, 2)), 0.0)), "params must be (w1, b1, w2, b2)"),
    (lambda: train_two_layer(XOR_X, XOR_Y.ravel(), (np.ones((2, 2)), 0.0, np.ones((2, 1)), 0.0)), "y has shape (4,)"),
    (lambda: learning_rate_verdict([1.0]), "at least 2 epochs"),
])
def test_bad_input_is_named(call, words):
    with pytest.raises(ValueError) as raised:
        call()
    assert words in str(raised.value)
