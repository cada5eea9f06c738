"""The app's learned ranking on the graded set: chosen on the tune half only, frozen in a file the
Matcher loads, and reported through the app's own Matcher.rank (fake encoder here)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from matching import fusion
from matching.evaluate import read_catalogue
from matching.graded_fusion import (
    SYSTEMS,
    Ranking,
    app_features,
    app_rankings,
    app_setup,
    baselines,
    compare,
    format_comparison,
    grades_of,
    keeps_incumbent,
    learn_ranking,
    tune_score,
    write_ranking,
    zscore,
)
from matching.graded_set import PAIRS, GradedSet, read_graded_set
from matching.testing import HashingEncoder

ROOT = Path(__file__).resolve().parents[3]
GRADED = ROOT / "tests" / "data" / "graded"


@pytest.fixture(scope="module")
def small():
    full = read_graded_set(GRADED)
    keep = full.ids("tune")[:3] + full.ids("test")[:3]
    data = GradedSet([n for n in full.needs if n["id"] in keep], full.studios, full.grades)
    industries, scenarios = read_catalogue(ROOT / "marketplace/catalog/data/industries")
    disciplines = json.loads((ROOT / "marketplace/catalog/data/disciplines.json").read_text())
    encoder = HashingEncoder(dim=64)
    setup = app_setup(data, encoder, scenarios[:40], industries=industries,
                      disciplines=disciplines)  # fmt: skip
    return data, setup, app_features(data, setup), baselines(data, encoder)


def test_the_ranking_never_reads_the_test_halfs_grades(small) -> None:
    data, _, feats, _ = small
    chosen = learn_ranking(feats, grades_of(data), data.ids("tune"))
    flipped = {
        n["id"]: ({s: 3 - g for s, g in data.grades[n["id"]].items()}
                  if n["split"] == "test" else data.grades[n["id"]])
        for n in data.needs
    }  # fmt: skip
    again = learn_ranking(feats, grades_of(GradedSet(data.needs, data.studios, flipped)),
                          data.ids("tune"))  # fmt: skip
    assert again == chosen  # same features, C, label, language mode and weights


def test_a_refit_replaces_the_weights_in_force_only_when_it_wins_on_tune(small) -> None:
    """bench --write compares the grid's best with the file's weights on the same tune needs
    and features; a refit that does not score higher there leaves the app's ranking alone."""
    data, _, feats, _ = small
    grades, tune = grades_of(data), data.ids("tune")
    best = learn_ranking(feats, grades, tune)
    assert tune_score(best, feats, grades, tune) == pytest.approx(best.tune_score)  # same measure
    assert keeps_incumbent(best, best.tune_score)  # a tie keeps what runs
    assert keeps_incumbent(best, best.tune_score + 0.01)
    assert not keeps_incumbent(best, best.tune_score - 0.01)
    plain = Ranking("dense only", 0.0, 1, "one", {"dense": 1.0})
    assert 0.0 <= tune_score(plain, feats, grades, tune) <= 1.0


def test_the_wired_ranking_is_the_fused_score_of_the_matchers_parts(small) -> None:
    """Matcher.rank orders a need's studios exactly by Σ weight · z-scored part."""
    data, setup, feats, _ = small
    weights = {"dense": 1.0, "prf": 0.5, "lexg": 0.7, "maxsim": 0.3, "negation": -0.4}
    ranked = app_rankings(data, setup, weights)
    for key, scores in ranked.items():
        fused = sum(w * zscore(feats[key][k]) for k, w in weights.items())
        top = np.argsort(-scores, kind="stable")[:10]
        assert np.all(np.diff(fused[top]) <= 1e-5), key  # best first by the fused score


def test_chinese_queries_get_their_own_weights_where_chosen(small) -> None:
    data, setup, feats, _ = small
    en_only = {"dense": 1.0}
    zh_lexical = {"lexg": 1.0}
    ranked = app_rankings(data, setup, en_only, {"zh": zh_lexical})
    need = data.ids("tune")[0]
    by_lexg = np.argsort(-feats[("zh→en", need)]["lexg"], kind="stable")[:3]
    by_dense = np.argsort(-feats[("en→en", need)]["dense"], kind="stable")[:3]
    assert list(np.argsort(-ranked[("zh→en", need)], kind="stable")[:3]) == list(by_lexg)
    assert list(np.argsort(-ranked[("en→en", need)], kind="stable")[:3]) == list(by_dense)


def test_every_system_and_pair_is_reported_test_half_first(small) -> None:
    data, setup, _, base = small
    result = compare(data, base, setup)
    text = format_comparison(result)
    assert text.index("\ntest half") < text.index("\ntune half")
    for half in ("test", "tune"):
        for pair in PAIRS:
            for system in SYSTEMS:
                nd, rc = result.figures[(half, pair, system)]
                assert 0.0 <= nd <= 1.0 and 0.0 <= rc <= 1.0


def test_a_holdout_split_is_reported_as_its_own_half(small) -> None:
    data, setup, _, base = small
    moved = [dict(n, split="holdout") if n["id"] == data.ids("test")[0] else n
             for n in data.needs]  # fmt: skip
    result = compare(GradedSet(moved, data.studios, data.grades), base, setup)
    text = format_comparison(result)
    assert text.index("\ntest half") < text.index("\nholdout half") < text.index("\ntune half")
    assert result.sizes["holdout"] == 1 and result.sizes["test"] == 2


def test_the_frozen_file_round_trips_and_the_matcher_ranks_by_it(small, tmp_path) -> None:
    data, *_ = small
    ranking = Ranking("x", 1.0, 1, "by query language", {"dense": 0.5},
                      {"en": {"dense": 1.0, "prf": 0.25}, "zh": {"lexg": 0.75}})  # fmt: skip
    path = tmp_path / "ranking_weights.json"
    write_ranking(ranking, data, path)
    loaded = fusion.load_ranking(path)
    assert loaded["weights"]["prf"] == 0.25 and loaded["by_query_language"]["zh"]["lexg"] == 0.75
    assert set(loaded["weights"]) == set(fusion.PARTS)
    assert "bench/match_graded.py --write" in loaded["regenerate"]


def test_the_app_ranks_by_the_frozen_file() -> None:
    from matching.engine import Matcher

    frozen = json.loads(fusion.RANKING_PATH.read_text(encoding="utf-8"))
    assert frozen["chosen_on"].startswith("tune half")
    assert {p: frozen["weights"].get(p, 0.0) for p in fusion.PARTS} == fusion.WEIGHTS
    matcher = Matcher(HashingEncoder(), None, None)  # type: ignore[arg-type]
    assert matcher.weights == fusion.WEIGHTS
    assert matcher.language_weights == fusion.WEIGHTS_BY_QUERY_LANGUAGE
    assert matcher.score_passages  # the frozen ranking uses the passage parts
