"""Library seams: one reasons builder, one tag vocabulary, rank_many, passages only where quoted."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pytest

from marketplace import reference
from marketplace.services.matching import match_reasons
from matching import reasons
from matching.engine import Matcher
from matching.fusion import HAND_WEIGHTS
from matching.tags import DEFAULT_LABELS, DISCIPLINES, INDUSTRIES
from matching.testing import HashingEncoder
from matching.types import Prepared, Profile

COCKPIT = Profile(
    id="need", title="Cockpit voice", text="Our electric car needs a cockpit screen and voice."
)


@pytest.fixture
def studios(labelled: dict) -> list[Profile]:
    """The tiny labelled studios, their tags hidden (predicted by the matcher)."""
    return [Profile.from_dict(s, with_tags=False) for s in labelled["studios"]]


def _matcher(encoder: HashingEncoder, catalogue: dict) -> Matcher:
    return Matcher.from_catalog(
        catalogue["scenarios"], encoder,
        industries=catalogue["industries"], disciplines=catalogue["disciplines"],
    )  # fmt: skip


def test_tag_codes_agree_with_the_app_reference_and_catalogue() -> None:
    assert INDUSTRIES == reference.INDUSTRY_CODES
    assert DISCIPLINES == reference.DISCIPLINE_CODES
    assert set(DEFAULT_LABELS) == set(INDUSTRIES) | set(DISCIPLINES)
    files = {p.stem for p in (reference.DATA_DIR / "industries").glob("*.json")}
    assert files == set(INDUSTRIES)
    disciplines = json.loads((reference.DATA_DIR / "disciplines.json").read_text("utf-8"))
    assert {d["code"] for d in disciplines} == set(DISCIPLINES)


def test_prepared_lives_in_types_and_engine_reexports_it() -> None:
    import matching.engine
    import matching.explain

    assert matching.engine.Prepared is Prepared is matching.explain.Prepared


def test_app_reasons_module_is_the_library_builder() -> None:
    assert match_reasons.explanation_json is reasons.explanation_json
    assert match_reasons.tag_reason is reasons.tag_reason


def test_reasons_speak_in_the_readers_voice(matcher: Matcher, studios: list) -> None:
    query, *studios = matcher.prepare([COCKPIT, *studios])
    best = matcher.rank(query, matcher.pool(studios), k=1)[0]
    data = match_reasons.explanation_json(best, "need-studio")
    assert data["reasons"][0].startswith("Same industry:")
    assert "predicted from the need's description" in data["reasons"][0]
    assert data["reasons"][-1].startswith("Closest match: the studio's “")
    assert data["fit"] == best.fit and best.fit in ("strong", "good", "possible")
    mine = match_reasons.explanation_json(best, "studio-need")
    assert mine["reasons"][-1].startswith("Closest match: the need's “")
    assert "” for your “" in mine["reasons"][-1]  # the studio reads its own list


def test_rank_many_returns_a_list_per_query_and_never_the_query_itself(
    matcher: Matcher, studios: list
) -> None:
    prepared = matcher.prepare([COCKPIT, *studios])
    results = matcher.rank_many(prepared[1:], prepared[1:], top_k=3, min_fit=None)
    assert len(results) == len(studios)
    for query, matches in zip(prepared[1:], results, strict=True):
        assert query.id not in {m.id for m in matches} and len(matches) == 3
        assert all(m.explanation is not None and m.parts and m.raw for m in matches)


def test_lists_stop_where_the_fit_ends(matcher: Matcher, studios: list) -> None:
    query, *studios = matcher.prepare([COCKPIT, *studios])
    everyone = matcher.rank(query, matcher.pool(studios), k=4)
    fitting = matcher.rank_many([query], studios, top_k=4)[0]
    assert len(everyone) == 4
    assert [m.id for m in fitting] == [m.id for m in everyone if m.fit is not None]
    assert fitting and fitting[0].id == "S1" and fitting[0].fit in ("strong", "good")
    ticked = Profile(id="N", text="Cockpit screen for our car.", industries=("NEV",),
                     disciplines=("UX",))  # fmt: skip
    far = Profile(id="F", text="Summer ramie garments.", industries=("TEXT",),
                  disciplines=("FASHION",))  # fmt: skip
    near = Profile(id="C", text="Cockpit screen design for cars.", industries=("NEV",),
                   disciplines=("UX",))  # fmt: skip
    q, *cands = matcher.prepare([ticked, far, near])
    assert [m.id for m in matcher.rank(q, matcher.pool(cands), k=2)] == ["C", "F"]
    shown = matcher.rank_many([q], cands, top_k=2)[0]
    assert [(m.id, m.fit) for m in shown] == [("C", "strong")]  # no padding with a non-fit
    strong = matcher.rank_many([query], studios, top_k=4, min_fit="strong")[0]
    assert all(m.fit == "strong" for m in strong)


def test_only_whole_texts_are_encoded_until_an_explanation_quotes_passages(
    catalogue: dict, studios: list
) -> None:
    encoder = HashingEncoder()
    matcher = _matcher(encoder, catalogue)
    matcher.weights, matcher.language_weights = dict(HAND_WEIGHTS), {}  # no passage part votes
    before = len(encoder.calls)
    prepared = matcher.prepare([COCKPIT, *studios])
    assert encoder.calls[before:] == [1 + len(studios)]  # one whole text each, nothing else
    assert all(p.vectors.passages.shape[0] == 0 for p in prepared)
    matcher.rank(prepared[0], matcher.pool(prepared[1:]), k=4, explain_matches=False)
    assert len(encoder.calls) == before + 1  # ranking alone encodes nothing
    matcher.rank(prepared[0], matcher.pool(prepared[1:]), k=1)
    quoted = encoder.calls[-1]
    assert quoted == len(set(prepared[0].passages) | set(prepared[1].passages)) or quoted <= 6
    calls = len(encoder.calls)
    matcher.rank(prepared[0], matcher.pool(prepared[1:]), k=1)
    assert len(encoder.calls) == calls  # passage vectors are cached


def test_scoring_the_passage_part_when_it_has_a_weight(catalogue: dict, studios: list) -> None:
    encoder = HashingEncoder()
    base = _matcher(encoder, catalogue)
    base.weights, base.language_weights = dict(HAND_WEIGHTS), {}  # no passage part votes
    weighted = Matcher(
        encoder, base.tagger, base.lexical_scorer, weights={**base.weights, "passage": 0.5}
    )
    query, *studios = weighted.prepare([COCKPIT, *studios])
    raw = weighted.raw_parts(query, weighted.pool(studios))
    assert raw["passage"].shape == (len(studios),) and raw["passage"].max() > 0
    assert np.all(base.raw_parts(query, base.pool(studios))["passage"] == 0)


def test_explanation_json_refuses_a_match_without_explanation() -> None:
    with pytest.raises(ValueError, match="without an explanation"):
        reasons.explanation_json(SimpleNamespace(id="x", explanation=None), "need-studio")
