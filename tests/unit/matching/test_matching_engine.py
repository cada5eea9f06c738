"""The Matcher with the deterministic encoder: tags, ranking, explanations, shortlists."""

import itertools

import numpy as np
import pytest

from matching.engine import Matcher, expected_overlap
from matching.fusion import PARTS
from matching.index import HnswIndex
from matching.reasons import explanation_json
from matching.tags import DISCIPLINES, INDUSTRIES
from matching.types import Profile

COCKPIT = Profile(
    id="N1",
    title="Voice assistant for our cockpit",
    text="Our electric car needs a new cockpit screen interface and voice dialogue.",
)
STUDIOS = [
    Profile(id="S1", text="We design cockpit screens, HMI and voice assistants for electric cars."),
    Profile(id="S2", text="Labels, gift boxes and packaging for liquor and tea brands."),
    Profile(id="S3", text="Garments and fabric collections for fashion labels."),
    Profile(
        id="S4",
        text="Exterior styling and clay models for car makers.",
        industries=("NEV",),
        disciplines=("FORM", "PROTO"),
    ),
]


def test_from_dict_without_tags_hides_labels() -> None:
    data = {"id": "N", "title": "t", "text": "x", "industry": "NEV", "disciplines": ["UX"]}
    assert Profile.from_dict(data).industries == ("NEV",)
    hidden = Profile.from_dict(data, with_tags=False)
    assert hidden.industries == () and hidden.disciplines == ()


def test_expected_overlap() -> None:
    query = np.array([1.0, 0.0, 0.5])
    cands = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 1.0]])
    np.testing.assert_allclose(expected_overlap(query, cands), [1.0, 0.0, 0.5, 1.0])


def test_prepare_uses_ticked_tags_and_predicts_missing_ones(matcher: Matcher) -> None:
    untagged, tagged = matcher.prepare([STUDIOS[0], STUDIOS[3]])
    assert untagged.industry_source == "predicted" and untagged.discipline_source == "predicted"
    assert INDUSTRIES[int(np.argmax(untagged.industries))] == "NEV"
    assert tagged.industry_source == "ticked"
    assert tagged.industries[INDUSTRIES.index("NEV")] == 1.0
    assert tagged.disciplines.sum() == 2.0


def test_catalogue_pool_keeps_catalogue_tags(matcher: Matcher) -> None:
    assert len(matcher.catalogue) == 6
    first = matcher.catalogue.items[0]
    assert first.industry_source == "catalogue"
    assert first.disciplines[DISCIPLINES.index("UX")] == 1.0
    assert set(matcher.catalogue_vectors) >= {"NEV-01", "industry:NEV", "discipline:UX"}


def test_need_ranks_the_cockpit_studio_first(matcher: Matcher) -> None:
    query, *studios = matcher.prepare([COCKPIT, *STUDIOS])
    matches = matcher.rank(query, matcher.pool(studios), k=3)
    assert next(m.id for m in matches) == "S1"
    assert len(matches) == 3
    # the learned ranking's score decides the order; fit levels are labels, never a re-sort
    assert all(a.score >= b.score for a, b in itertools.pairwise(matches))
    assert set(matches[0].parts) == set(matcher.weights) == set(matches[0].raw) == set(PARTS)


def test_studio_ranks_catalogue_scenarios(matcher: Matcher) -> None:
    (studio,) = matcher.prepare([STUDIOS[1]])
    matches = matcher.rank(studio, matcher.catalogue, k=2)
    assert matches[0].id == "FOOD-01"


def test_explanation_staff_and_plain_forms(matcher: Matcher) -> None:
    query, *studios = matcher.prepare([COCKPIT, *STUDIOS])
    best = matcher.rank(query, matcher.pool(studios), k=1)[0]
    exp = best.explanation
    assert exp is not None
    assert exp.shared_industries and exp.shared_industries[0].code == "NEV"
    assert exp.shared_industries[0].query_source == "predicted"
    assert exp.query_passage in matcher.prepare([COCKPIT])[0].passages
    assert "cockpit" in exp.candidate_passage.lower()
    assert exp.contributions["dense"] == pytest.approx(
        matcher.weights["dense"] * exp.parts["dense"], abs=1e-3
    )
    assert exp.staff[0].startswith("score ")
    assert any("shared industries: NEV" in line for line in exp.staff)
    assert any("predicted" in line for line in exp.staff)
    assert any(r.startswith("Same industry: Electric vehicles") for r in exp.reasons)
    assert "inferred" in " ".join(exp.reasons)
    assert not any(ch.isdigit() for ch in " ".join(exp.reasons[:-1]))


def test_ticked_tags_are_said_to_be_ticked(matcher: Matcher) -> None:
    need = Profile(id="N2", text="Clay model of our car exterior.", industries=("NEV",))
    query, studio = matcher.prepare([need, STUDIOS[3]])
    exp = matcher.rank(query, matcher.pool([studio]), k=1)[0].explanation
    assert exp is not None
    tag = exp.shared_industries[0]
    assert (tag.query_source, tag.candidate_source) == ("ticked", "ticked")
    assert "inferred" not in exp.reasons[0]


def test_exclude_and_empty_pool(matcher: Matcher) -> None:
    query, *studios = matcher.prepare([COCKPIT, *STUDIOS])
    ids = [m.id for m in matcher.rank(query, matcher.pool(studios), k=4, exclude=["S1"])]
    assert "S1" not in ids and len(ids) == 3
    assert matcher.rank(query, matcher.pool([]), k=3) == []


def test_shortlist_through_an_approximate_index(matcher: Matcher) -> None:
    query, *studios = matcher.prepare([COCKPIT, *STUDIOS])
    index = HnswIndex(matcher.encoder.dim, capacity=16)
    reordered = studios[::-1]  # the index need not follow the pool's order
    index.add([s.id for s in reordered], np.vstack([s.vectors.whole for s in reordered]))
    matches = matcher.rank(query, matcher.pool(studios, index), k=2, shortlist=3)
    assert matches[0].id == "S1" and len(matches) == 2


def test_suggest_tags(matcher: Matcher) -> None:
    (studio,) = matcher.prepare([STUDIOS[2]])
    suggestions = matcher.suggest_tags(studio)
    assert suggestions["industries"][0][0] == "TEXT"
    assert all(0 <= p <= 1 for _, p in suggestions["disciplines"])


def test_refit_lexical_updates_pools(matcher: Matcher) -> None:
    query, *studios = matcher.prepare([COCKPIT, *STUDIOS])
    pool = matcher.pool(studios)
    before = matcher.raw_parts(query, pool)["lexical"]
    matcher.refit_lexical(["cockpit cockpit voice"] * 20)
    after = matcher.raw_parts(query, pool)["lexical"]
    assert not np.allclose(before, after)


def test_a_name_that_echoes_the_query_is_never_the_quoted_evidence(matcher: Matcher) -> None:
    query = Profile(id="need", text="Cockpit screen interface and voice assistant for a car.")
    named = Profile(
        id="studio:named",
        title="Cockpit screen interface and voice assistant",
        text="We shape dashboards. Our team tests menus with drivers in a simulator.",
    )
    prepared_query, prepared_studio = matcher.prepare([query, named])
    best = matcher.rank(prepared_query, matcher.pool([prepared_studio]), k=1)[0]
    assert best.explanation is not None
    assert best.explanation.candidate_passage != named.title
    assert best.explanation.candidate_passage in prepared_studio.passages


def test_a_sentence_saying_what_the_studio_does_not_do_is_never_the_quoted_evidence(
    matcher: Matcher,
) -> None:
    query = Profile(id="need", text="Exterior styling of an electric SUV body, with a clay model.")
    studio = Profile(
        id="studio:hmi",
        text="We design cockpit screens and voice dialogue for electric cars. "
        "We do not do exterior styling of the SUV body or clay models.",
    )
    prepared_query, prepared_studio = matcher.prepare([query, studio])
    best = matcher.rank(prepared_query, matcher.pool([prepared_studio]), k=1)[0]
    assert best.explanation is not None
    quoted = best.explanation.candidate_passage
    assert quoted in prepared_studio.passages and "do not" not in quoted
    assert not any("do not" in r for r in best.explanation.reasons)


def test_what_a_studio_says_it_does_not_do_is_at_most_a_possible_fit_and_says_why(
    matcher: Matcher,
) -> None:
    studio = Profile(
        id="studio:hmi",
        text="We design cockpit screens, menus and voice dialogue for electric cars. "
        "We do not do exterior styling of the vehicle body or clay models.",
        industries=("NEV",), disciplines=("FORM", "PROTO", "UX"),
    )
    (prepared,) = matcher.prepare([studio])
    pool = matcher.catalogue
    ranked = {m.id: m for m in matcher.rank(prepared, pool, k=len(pool))}
    styling, cockpit = ranked["NEV-02"], ranked["NEV-01"]  # exterior styling / cockpit HMI
    assert styling.fit in ("possible", None)  # ticked NEV + FORM + PROTO alone would say more
    assert styling.explanation.query_exclusion.startswith("We do not do exterior styling")
    assert any(r.startswith("Ruled out in the query's own words: “We do not")
               for r in styling.explanation.reasons)  # fmt: skip
    assert cockpit.explanation.query_exclusion == ""
    assert not any("Ruled out" in r for r in cockpit.explanation.reasons)
    voiced = explanation_json(styling, "studio-scenario")
    assert voiced["query_exclusion"] and "Ruled out in your own words" in voiced["reasons"][-1]


def test_scenario_directions_keep_the_hand_weights_and_need_lists_the_learned_ones(
    matcher: Matcher,
) -> None:
    """The graded set judges needs against studios only: scenario lists keep the hand weights."""
    from matching.fusion import HAND_WEIGHTS

    query, *studios = matcher.prepare([COCKPIT, *STUDIOS])
    assert matcher.weights_for(studios[1], matcher.catalogue) == HAND_WEIGHTS
    assert matcher.weights_for(matcher.catalogue.items[0], matcher.pool(studios)) == HAND_WEIGHTS
    assert matcher.weights_for(query, matcher.pool(studios)) == matcher.weights
    best = matcher.rank(studios[1], matcher.catalogue, k=1)[0]
    assert best.explanation is not None and best.explanation.contributions["prf"] == 0.0
