"""The hand-written spam rule of notebook 00, "spam if the count of "free" > t": its picture and its slider.

Driven without a browser, as in tests/test_explorers.py: set the slider in Python, read the figure back.
Every expected value is counted here from the emails, not by nnlib.
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.artist import Artist

import nnlib
from nnlib import plotting

# Ten emails: the count of "free", the number of links, the number of "!"; and their labels (1 = spam).
X = np.array([[0, 1, 1], [0, 0, 2], [1, 2, 0], [1, 0, 1], [2, 1, 1],
              [2, 5, 6], [3, 4, 2], [0, 3, 7], [5, 2, 4], [1, 1, 0]], dtype=float)
Y = np.array([[0], [0], [0], [1], [0], [1], [1], [1], [1], [0]], dtype=float)
FREE, LABELS = [0, 0, 1, 1, 2, 2, 3, 0, 5, 1], [0, 0, 0, 1, 0, 1, 1, 1, 1, 0]


def expected(t):
    """What the rule "spam if free > t" does to the ten emails, counted one email at a time."""
    called = sum(1 for free in FREE if free > t)
    right = sum(1 for free, label in zip(FREE, LABELS) if (free > t) == (label == 1))
    return called, right / len(FREE)


def check(explorer, t):
    """The picture shows the rule at threshold t: the line, the shading from t to the right edge, the read-out."""
    artists = explorer.artists
    assert list(artists["line"].get_xdata()) == [t, t]
    right = explorer.fig.axes[0].get_xlim()[1]
    assert artists["called"].get_x() == t
    assert artists["called"].get_x() + artists["called"].get_width() == pytest.approx(right)
    called, accuracy = expected(t)
    assert artists["text"].get_text() == f'spam if "free" > {t:g}\ncalled spam: {called} of 10\naccuracy {accuracy:.1%}'


def test_the_bars_count_the_emails_at_each_count_of_free(backend):
    explorer = nnlib.explore_spam_rule(X, Y)
    not_spam, spam = explorer.fig.axes[0].containers
    for bars, label in [(not_spam, 0), (spam, 1)]:
        heights = [bar.get_height() for bar in bars]
        assert heights == [sum(1 for f, l in zip(FREE, LABELS) if f == c and l == label) for c in range(6)]


@pytest.mark.parametrize("t", [-0.5, 0.5, 1.5, 2.5, 4.5, 5.5])
def test_the_slider_moves_the_rule(backend, t):
    explorer = nnlib.explore_spam_rule(X, Y, threshold=1.5)
    check(explorer, 1.5)                                   # the starting picture is right too
    explorer.sliders["threshold"].value = t
    assert explorer.values == {"threshold": t}
    check(explorer, t)


def test_every_email_or_none_at_the_ends_of_the_slider(backend):
    explorer = nnlib.explore_spam_rule(X, Y)
    slider = explorer.sliders["threshold"]
    assert (slider.min, slider.max, slider.step) == (-0.5, 5.5, 1.0)   # half-way between counts, 0 to 5
    slider.value = slider.min
    assert "called spam: 10 of 10" in explorer.artists["text"].get_text()
    slider.value = slider.max
    assert "called spam: 0 of 10" in explorer.artists["text"].get_text()


def test_the_counts_alone_and_lists_work_too(backend):
    explorer = nnlib.explore_spam_rule(FREE, LABELS, threshold=0.5)
    check(explorer, 0.5)
    explorer.sliders["threshold"].value = 2.5
    check(explorer, 2.5)


def test_one_figure_moved_in_place(backend):
    figures = len(plt.get_fignums())
    explorer = nnlib.explore_spam_rule(X, Y)
    children = list(explorer.fig.axes[0].get_children())
    for t in (0.5, 3.5, 1.5):
        explorer.sliders["threshold"].value = t
    assert list(explorer.fig.axes[0].get_children()) == children
    assert len(plt.get_fignums()) == figures + 1


def test_a_step_blits_the_picture_a_full_draw_makes(backend):
    explorer = nnlib.explore_spam_rule(X, Y)
    canvas = explorer.fig.canvas
    canvas.draw()
    for t in (3.5, -0.5):
        explorer.sliders["threshold"].value = t
        blitted = np.array(canvas.buffer_rgba())
        canvas.draw()
        np.testing.assert_array_equal(blitted, np.asarray(canvas.buffer_rgba()))


def test_artists_hold_artists_only():
    explorer = nnlib.explore_spam_rule(X, Y)
    assert set(explorer.artists) == {"called", "line", "text"}
    assert all(isinstance(artist, Artist) for artist in explorer.artists.values())
    plt.close(explorer.fig)


def test_draw_and_update_without_an_explorer():
    fig, (ax,) = plotting.new_figure()
    artists = plotting.draw_spam_rule(ax, X[:, 0], Y, threshold=0.5)
    assert artists["called"].get_x() == 0.5
    for t in (0.5, 1.5, 2.5, 3.5):
        assert plotting.update_spam_rule(artists, X[:, 0], Y, t) == pytest.approx(expected(t)[1])
    assert list(artists["line"].get_xdata()) == [3.5, 3.5]
    plt.close(fig)
