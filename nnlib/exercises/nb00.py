"""Exercises of 00 · Introduction: what it means for a machine to learn."""

import numpy as np

from nnlib.exercises import Exercise, Prediction

# Eight small emails, written out so the exercises need nothing from the notebook.
FREE = np.array([0, 3, 1, 2, 0, 4, 2, 1])    # count of the word "free" in each email
LINKS = np.array([1, 5, 0, 3, 2, 4, 1, 3])   # number of links in each email
Y = np.array([0, 1, 0, 1, 0, 1, 1, 1])       # label: 1 = spam, 0 = not spam


def _best_threshold(counts, y):
    """The smallest t in 0 .. max(counts) + 1 whose rule "spam if counts >= t" labels the most emails right."""
    thresholds = np.arange(int(np.max(counts)) + 2)
    accuracies = [np.mean((counts >= t) == (y == 1)) for t in thresholds]
    return int(thresholds[np.argmax(accuracies)])  # argmax keeps the first (smallest) t on a tie


def _match_rate(cluster, y):
    """Agreement of clusters (0/1) with labels (0/1), for the better of the two ways to name the clusters."""
    same = float(np.mean(np.asarray(cluster) == np.asarray(y)))
    return max(same, 1.0 - same)


EXERCISES = [
    Exercise(
        id="00.rule-accuracy",
        question=(
            'Eight emails have these counts of "free": [0, 3, 1, 2, 0, 4, 2, 1] and these labels (1 = spam): '
            '[0, 1, 0, 1, 0, 1, 1, 1]. What fraction of them does the rule "spam if free >= 2" label right? '
            "Give a number between 0 and 1."
        ),
        hint="Go email by email: does the rule's answer (spam or not) match the label? "
             "The accuracy is the number of matches divided by the number of emails.",
        solution=(
            "free = np.array([0, 3, 1, 2, 0, 4, 2, 1])\n"
            "y = np.array([0, 1, 0, 1, 0, 1, 1, 1])\n"
            "says_spam = free >= 2\n"
            "answer = np.mean(says_spam == (y == 1))  # 7 of 8 right"
        ),
        reference=float(np.mean((FREE >= 2) == (Y == 1))),
        wrong=float(np.mean((FREE > 2) == (Y == 1))),  # "2 or more" read as "more than 2"
        mistake='the rule is "free >= 2": did you use > instead of >=? An email with exactly 2 counts as spam',
    ),
    Exercise(
        id="00.best-threshold",
        question=(
            "Write best_threshold(counts, y) that tries every threshold t from 0 to counts.max() + 1 and returns "
            'the t whose rule "spam if counts >= t" labels the most emails right (on a tie, the smallest such t). '
            "counts and y are 1-D arrays of the same length; y holds 1 for spam, 0 for not spam."
        ),
        hint="Score every threshold by its accuracy, as the slider does, from the smallest t up. "
             "Keep a new t only when it beats the best so far: then a tie keeps the smaller one.",
        solution=(
            "def best_threshold(counts, y):\n"
            "    best_t, best_accuracy = 0, -1.0\n"
            "    for t in range(int(counts.max()) + 2):\n"
            "        accuracy = np.mean((counts >= t) == (y == 1))\n"
            "        if accuracy > best_accuracy:  # strictly better: a tie keeps the smaller t\n"
            "            best_t, best_accuracy = t, accuracy\n"
            "    return best_t"
        ),
        reference=_best_threshold,
        wrong=lambda counts, y: int(np.argmax([np.mean((counts > t) == (y == 1))  # ">" where ">=" is meant
                                               for t in range(int(np.max(counts)) + 2)])),
        mistake='the rule is "counts >= t": did you use > instead of >=?',
        cases=(
            (FREE, Y),
            (LINKS, Y),
            (np.array([0, 0, 1, 5, 6, 7]), np.array([0, 0, 0, 1, 1, 1])),
        ),
    ),
    Exercise(
        id="00.classify-or-regress",
        question=(
            "Four tasks: (1) is this email spam or not? (2) how many seconds until this email is opened? "
            "(3) which folder does this email go to: work, family or shopping? (4) what will the temperature be "
            "tomorrow? Answer with a list of four numbers: 0 for a classification task, 1 for a regression task."
        ),
        hint="Classification puts the input into one of a few groups. "
             "Regression gives a number that does not stand for a group.",
        solution="answer = [0, 1, 0, 1]  # groups: spam/not spam, folders; numbers: seconds, degrees",
        reference=[0, 1, 0, 1],
        wrong=[1, 0, 1, 0],  # the two words swapped
        tells=("form",),    # a choice for each task: only the form (four numbers, each 0 or 1) may be said
        options=(0, 1),
    ),
    Exercise(
        id="00.cluster-match",
        question=(
            "Cluster numbers are only names: k-means may call the spam-like cluster 0 or 1. "
            "Write match_rate(cluster, y) that returns the fraction of emails whose cluster equals their label, "
            "trying both ways to name the clusters and returning the better one. "
            "cluster and y are 1-D arrays of 0s and 1s of the same length."
        ),
        hint="Swap the two names: an email that agreed with its label now disagrees, and one that disagreed "
             "now agrees. What fraction agrees after the swap?",
        solution=(
            "def match_rate(cluster, y):\n"
            "    same = np.mean(cluster == y)\n"
            "    return max(same, 1 - same)  # the better of the two namings"
        ),
        reference=_match_rate,
        wrong=lambda cluster, y: np.mean(np.asarray(cluster) == np.asarray(y)),  # forgets the swapped naming
        mistake='only one way of naming the clusters was tried: k-means may have named them the other way round',
        cases=(
            (np.array([0, 1, 1, 0]), np.array([0, 1, 0, 0])),
            (np.array([1, 1, 0, 0, 1, 0]), np.array([0, 0, 1, 1, 0, 0])),
            (np.array([1, 0, 1, 0, 1]), np.array([0, 1, 0, 1, 0])),
        ),
    ),
]

PREDICTIONS = [
    Prediction(
        id="00.predict-new-emails",
        question=("On 200 new emails, will the learned rule score higher, the same or lower than its 97.0% "
                  "on the emails it was chosen with?"),
        options=("higher", "same", "lower"),
    ),
]
