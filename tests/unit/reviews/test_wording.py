"""A proposal told in a reviewer's words: shared product words, tags, runner-ups; no ML terms."""

from __future__ import annotations

from marketplace.services.reviews.wording import explain_for_reviewer, shared_words

EXPLANATION = {
    "parts": {"dense": 1.4, "passage": 0.2, "lexical": -0.8, "industry": 1.0, "discipline": 0.0},
    "shared": [{"code": "NEV", "facet": "industry", "label": "New energy vehicles",
                "candidate_source": "ticked"}],
    "query_passage": "a battery pack enclosure", "candidate_passage": "battery enclosures",
}  # fmt: skip


def test_shared_words_are_specific_and_read_chinese():
    words = shared_words("Battery pack enclosure for 电池包 thermal design",
                         "We design battery enclosures and 电池包 housings with thermal tests")
    assert "battery" in words and "thermal" in words and "电池" in "".join(words)
    assert "design" not in words and "for" not in words


def test_four_points_in_plain_words(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        points = explain_for_reviewer(
            EXPLANATION, rank=2, score=1.1, listed=8,
            source_text="battery pack enclosure", studio_text="battery enclosures",
            prev_name="Alpha", prev_score=1.9, next_name="Gamma", next_score=1.05,
        )  # fmt: skip
    said = {p.heading: p.text for p in points}
    assert list(said) == ["What the texts share", "Product words", "Industry and expertise",
                          "Against the runner-ups"]  # fmt: skip
    assert "much stronger than for most studios ranked" in said["What the texts share"]
    assert "Both use: battery" in said["Product words"]
    assert "weaker than for most" in said["Product words"]
    assert "New energy vehicles (the studio ticked it)" in said["Industry and expertise"]
    assert "No design expertise in common." in said["Industry and expertise"]
    ranking = said["Against the runner-ups"]
    assert "Ranked 2 of 8" in ranking and "behind the studio above it (Alpha)" in ranking
    assert "level with the runner-up below it (Gamma)" in ranking
    text = " ".join(said.values())
    for jargon in ("dense", "lexical", "z-score", "cosine", "p="):
        assert jargon not in text
