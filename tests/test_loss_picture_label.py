"""The loss picture's legend names the model it draws: sigma(xw) without a bias, sigma(xw + b) with one."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnlib
from nnlib.plotting import draw_loss_and_fit

X1 = np.linspace(-3, 3, 9).reshape(9, 1)
Y1 = 1 / (1 + np.exp(-2.0 * X1))
WEIGHTS = np.linspace(-2, 6, 81)


def _curve_label(b):
    fig, (ax_fit, ax_loss) = nnlib.new_figure(ncols=2)
    artists = draw_loss_and_fit(ax_fit, ax_loss, X1, Y1, 0.5, b, WEIGHTS)
    legend = [text.get_text() for text in ax_fit.get_legend().get_texts()]
    label = artists["curve"].get_label()
    plt.close(fig)
    assert label in legend  # the legend shows the curve's label, not another one
    return label


@pytest.mark.parametrize("b", [0.0, 0, -0.0])
def test_without_a_bias_the_legend_reads_sigma_of_xw(b):
    assert _curve_label(b) == r"$o = \sigma(xw)$"


@pytest.mark.parametrize("b", [1.0, -0.5, 1e-9])
def test_with_a_bias_the_legend_reads_sigma_of_xw_plus_b(b):
    assert _curve_label(b) == r"$o = \sigma(xw + b)$"


def test_the_explorer_of_notebook_04_draws_no_bias_and_says_so():
    explorer = nnlib.explore_loss(X1, Y1, w=0.0)
    label = explorer.artists["curve"].get_label()
    plt.close(explorer.fig)
    assert label == r"$o = \sigma(xw)$"
