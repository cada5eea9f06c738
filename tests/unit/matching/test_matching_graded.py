"""The graded protocol: a frozen split, recall of the good studios, tuning on the tune half only."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from matching.graded import read_judgments, recall_at, split, tune

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "eval-sample"


def test_the_split_is_frozen_and_balanced() -> None:
    ids = [f"N{i}" for i in range(10)]
    tune_ids, test_ids = split(ids)
    assert split(list(reversed(ids))) == (tune_ids, test_ids)  # order of input does not matter
    assert sorted(tune_ids + test_ids) == ids and not set(tune_ids) & set(test_ids)
    assert len(tune_ids) == 5
    assert split(ids, seed="another") != (tune_ids, test_ids)  # the seed decides, nothing else


def test_the_sample_judgments_split_into_two_halves() -> None:
    judgments = read_judgments(SAMPLE / "judgments.jsonl")
    assert len(judgments) == 8 and judgments["DN1"]["D01"] == 3
    tune_ids, test_ids = split(list(judgments))
    assert len(tune_ids) == len(test_ids) == 4


def test_recall_counts_the_good_studios_in_the_top_five() -> None:
    grades = np.array([3, 0, 0, 0, 0, 0, 2, 1])
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.95])
    assert recall_at(scores, grades) == 0.5  # D0 in the top five, the grade-2 one is 7th
    assert np.isnan(recall_at(scores, np.zeros(8)))


def test_tuning_reads_only_the_needs_it_is_given() -> None:
    # Two parts: "lexical" ranks the good studio first, "dense" ranks it last.
    parts = {"q": {"dense": np.array([-1.0, 1.0]), "lexical": np.array([1.0, -1.0]),
                   "passage": np.zeros(2), "industry": np.zeros(2), "discipline": np.zeros(2)}}
    chosen = tune(parts, {"q": np.array([3.0, 0.0])})
    assert chosen["lexical"] >= 1.0  # the grid's weight that puts the good studio first
