"""Notebook 00: the numbers its prose states are the numbers its code finds, checked another way."""

import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest

import lessons

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "00_introduction.ipynb"


@pytest.fixture(scope="module")
def ns():
    return lessons.run("00")


def _prose():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _right(says_spam, y):
    """How many emails a rule labels right: its spam calls against the labels, counted."""
    return int(np.sum(np.asarray(says_spam) == (y[:, 0] == 1)))


def test_no_threshold_on_free_alone_beats_the_hand_rule(ns):
    # The prose: "No position of the slider beats 1.5". Every cut between whole counts, from below 0 to above 8.
    X, y = ns["X"], ns["y"]
    hand = _right(X[:, 0] >= 2, y)
    for t in np.arange(-0.5, 9.0, 1.0):
        assert _right(X[:, 0] > t, y) <= hand, f"the threshold {t} beats 1.5"
    assert _right(X[:, 0] > 2.5, y) < hand   # one step right loses emails, as the prose says


def test_the_search_keeps_the_best_rule_of_its_family(ns):
    # Every rule of the family, enumerated here another way: 0/1 weights (not all 0), every whole threshold.
    X, y = ns["X"], ns["y"]
    best, count = 0, 0
    for w in itertools.product([0, 1], repeat=3):
        if any(w):
            score = X @ np.array(w, dtype=float)
            for t in range(int(score.max()) + 2):
                best, count = max(best, _right(score >= t, y)), count + 1
    assert ns["tried"] == count
    assert ns["best_accuracy"] == best / len(X)
    assert _right((X * ns["best_w"]).sum(axis=1) >= ns["best_t"], y) == best


def test_the_prose_about_the_new_emails_is_what_the_code_finds(ns):
    X_new, y_new = ns["X_new"], ns["y_new"]
    learned = _right((X_new * ns["best_w"]).sum(axis=1) >= ns["best_t"], y_new)
    hand = _right(X_new[:, 0] >= 2, y_new)
    stated = re.search(r"right (\d+) times in 200, the rule by hand (\d+) times in 100", _prose())
    assert stated, "the sentence with the counts on the new emails is gone"
    assert (learned, hand / 2) == (int(stated.group(1)), int(stated.group(2)))
    # "It even does a little better than on its own emails": the prediction's answer is "higher".
    assert learned / len(X_new) > ns["best_accuracy"] and ns["measured"] == "higher"


def test_k_means_ends_with_every_email_in_the_cluster_of_its_nearer_centre(ns):
    X, cluster, centres = ns["X"], ns["cluster"], ns["centres"]
    distances = np.linalg.norm(X[:, None, :] - centres[None, :, :], axis=2)   # (200, 2)
    assert np.array_equal(np.argmin(distances, axis=1), cluster)
    assert np.allclose(centres, [X[cluster == k].mean(axis=0) for k in (0, 1)])
    # "Cluster 1 is all spam, cluster 0 mostly not spam"
    assert ns["y"][cluster == 1, 0].min() == 1 and ns["y"][cluster == 0, 0].mean() < 0.5
