"""Passage scoring: what a studio says it does not do stops counting for it."""

from __future__ import annotations

import numpy as np

from matching.passage_match import (
    fuse_parts,
    is_exclusion,
    need_pieces,
    own_exclusions,
    score_parts,
    split_profile,
)
from matching.testing import HashingEncoder


def test_exclusions_are_recognised_in_english_and_chinese() -> None:
    assert is_exclusion("We do not do consumer packaging")
    assert is_exclusion("消费品包装不做") and is_exclusion("硬件外观莫找我们")
    assert not is_exclusion("We design packaging for hotpot base")
    assert not is_exclusion("专做重庆食品的包装和标签")


def test_an_exclusion_leaves_the_positive_side_of_the_profile() -> None:
    studio = split_profile(
        "Ironmark", "Brand identity for machinery makers. We do not do consumer packaging."
    )
    assert studio.exclusions == ("We do not do consumer packaging",)
    assert all("packaging" not in c for c in studio.capabilities)
    assert "packaging" not in studio.whole
    # A Chinese clause that limits and then excludes is split: the limit stays positive.
    zh = split_profile("流板", "只做软件和服务，硬件外观莫找我们。")
    assert any("software" in c for c in zh.capabilities)
    assert all("hardware" not in c for c in zh.capabilities) and zh.exclusions


def test_a_studio_that_excludes_the_ask_ranks_below_one_that_does_it() -> None:
    encoder = HashingEncoder(dim=256)
    need = need_pieces("Consumer packaging", "We need consumer packaging for our snacks.")
    doer = split_profile("Pack house", "We design consumer packaging for snacks.")
    refuser = split_profile(
        "Brand house", "We design logos. We do not do consumer packaging for snacks."
    )
    parts = score_parts(need, [doer, refuser], encoder)
    assert parts["negation"][1] > 0 and parts["negation"][0] == 0
    scores = fuse_parts(parts, {"affirm": 1.0, "maxsim": 0.5, "needmax": 0.5, "negation": -1.0})
    assert scores[0] > scores[1]


def test_a_query_rules_out_only_what_is_closer_to_its_exclusion_than_to_its_work() -> None:
    passages = ["We design cockpit screens for electric cars", "We do not do body styling"]
    e = np.eye(3, dtype=np.float32)
    vectors = np.stack([e[0], e[1]])  # the work along axis 0, the exclusion along axis 1
    wholes = np.stack([e[1], e[0], (e[0] + e[1]) / np.sqrt(2), e[2]])
    assert own_exclusions(passages, vectors, wholes) == ["We do not do body styling", "", "", ""]
    # nothing to weigh it against, or nothing ruled out, or no candidates: nothing is said
    assert own_exclusions(passages[1:], vectors[1:], wholes) == ["", "", "", ""]
    assert own_exclusions(passages[:1], vectors[:1], wholes) == ["", "", "", ""]
    assert own_exclusions(passages, vectors, np.zeros((0, 3), np.float32)) == []
