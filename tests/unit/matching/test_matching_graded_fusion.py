"""The graded comparison: the app's Matcher and a learned fusion next to cosine, every choice
made on the tune half only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from matching.evaluate import read_catalogue
from matching.graded_fusion import SYSTEMS, compare, features, format_comparison
from matching.graded_set import PAIRS, GradedSet, read_graded_set
from matching.testing import HashingEncoder

ROOT = Path(__file__).resolve().parents[3]
GRADED = ROOT / "tests" / "data" / "graded"


@pytest.fixture(scope="module")
def small() -> tuple[GradedSet, dict, dict]:
    full = read_graded_set(GRADED)
    keep = full.ids("tune")[:3] + full.ids("test")[:3]
    data = GradedSet([n for n in full.needs if n["id"] in keep], full.studios, full.grades)
    industries, scenarios = read_catalogue(ROOT / "marketplace/catalog/data/industries")
    disciplines = json.loads((ROOT / "marketplace/catalog/data/disciplines.json").read_text())
    feats, app = features(data, HashingEncoder(dim=64), scenarios[:40], industries=industries,
                          disciplines=disciplines)  # fmt: skip
    return data, feats, app


def test_the_fusion_never_reads_the_test_halfs_grades(small) -> None:
    data, feats, app = small
    before = compare(data, feats, app)
    flipped = {
        n["id"]: ({s: 3 - g for s, g in data.grades[n["id"]].items()}
                  if n["split"] == "test" else data.grades[n["id"]])
        for n in data.needs
    }  # fmt: skip
    after = compare(GradedSet(data.needs, data.studios, flipped), feats, app)
    assert after.fusion == before.fusion  # same features, C, label and weights
    # ...while the test-half figures do move with the test grades.
    assert after.figures[("test", "en→en", "cosine")] != before.figures[("test", "en→en", "cosine")]


def test_every_system_and_pair_is_reported_test_half_first(small) -> None:
    data, feats, app = small
    result = compare(data, feats, app)
    text = format_comparison(result)
    assert text.index("\ntest half") < text.index("\ntune half")
    for half in ("test", "tune"):
        for pair in PAIRS:
            for system in SYSTEMS:
                nd, rc = result.figures[(half, pair, system)]
                assert 0.0 <= nd <= 1.0 and 0.0 <= rc <= 1.0
    # The app's ranking covers every studio exactly once.
    for scores in app.values():
        assert sorted(scores) == list(range(1, len(data.studios) + 1))
