"""Evaluation: relevance from labels, nDCG@10, and the report on a tiny labelled set."""

import math

import pytest

from matching.evaluate import (
    evaluate,
    format_fit,
    format_report,
    ndcg_at_k,
    relevance,
    zh_ratios,
)


def test_relevance_counts_shared_industry_and_discipline() -> None:
    need = {"industry": "NEV", "disciplines": ["UX", "AI"]}
    assert relevance(need, {"industries": ["NEV", "ELEC"], "disciplines": ["UX"]}) == 2
    assert relevance(need, {"industries": ["NEV"], "disciplines": ["FORM"]}) == 1
    assert relevance(need, {"industries": ["FOOD"], "disciplines": ["AI"]}) == 1
    assert relevance(need, {"industries": ["FOOD"], "disciplines": ["FORM"]}) == 0
    assert relevance({"industries": ["FOOD"], "disciplines": []}, {"industry": "FOOD"}) == 1


def test_ndcg_perfect_reversed_and_undefined() -> None:
    assert ndcg_at_k([3, 2, 1], [2, 1, 0]) == pytest.approx(1.0)
    assert ndcg_at_k([1, 2, 3], [2, 1, 0]) < 1.0
    assert math.isnan(ndcg_at_k([1, 2], [0, 0]))


def test_ndcg_known_value_and_cutoff() -> None:
    # ranking puts the single relevant item second: 1/log2(3)
    assert ndcg_at_k([0.9, 0.8, 0.1], [0, 1, 0]) == pytest.approx(1 / math.log2(3))
    # relevant item at rank 11 is outside the cut-off
    scores = list(range(20, 0, -1))
    rels = [0] * 10 + [1] + [0] * 9
    assert ndcg_at_k(scores, rels) == 0.0


def test_evaluate_reports_hybrid_baselines_and_ablation(encoder, catalogue, labelled) -> None:
    results = evaluate(
        labelled["studios"],
        labelled["needs"],
        catalogue["scenarios"],
        encoder,
        industries=catalogue["industries"],
        disciplines=catalogue["disciplines"],
    )
    assert set(results) == {"need→studio", "studio→need", "studio→scenario"}
    for result in results.values():
        assert {"hybrid", "tfidf", "cosine", "only dense", "without tags"} <= set(result.scores)
        assert all(0.0 <= v <= 1.0 for v in result.scores.values())
    assert results["studio→scenario"].candidates == len(catalogue["scenarios"])
    assert results["need→studio"].queries == len(labelled["needs"])
    assert results["studio→need"].queries == len(labelled["studios"])
    assert "hybrid / best base" in format_report(results)
    for result in results.values():  # every shown fit level has a precision between 0 and 1
        assert all(0 <= p1 <= 1 and 0 <= p2 <= p1 for _, p1, p2 in result.fit.values())
    assert "shown/query" in format_fit(results)


def test_chinese_sets_are_compared_with_their_english_originals(
    encoder, catalogue, labelled
) -> None:
    zh_needs = [{**labelled["needs"][0], "text": "新能源汽车座舱的中控屏和语音助手交互设计"}]
    results = evaluate(
        labelled["studios"], labelled["needs"], catalogue["scenarios"], encoder,
        industries=catalogue["industries"], disciplines=catalogue["disciplines"],
        zh_needs=zh_needs,
    )  # fmt: skip
    assert results["zh need→studio"].queries == results["en need→studio"].queries == 1
    assert "zh studio→need" not in results
    ratios = zh_ratios(results)
    assert set(ratios) == {"need→studio"} and ratios["need→studio"] > 0
    assert "Chinese / English hybrid, need→studio" in format_report(results)
