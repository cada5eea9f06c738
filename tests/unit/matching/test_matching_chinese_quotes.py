"""Chinese readers are quoted the writer's own Chinese scenario sentence, with its punctuation."""

from __future__ import annotations

import json
from pathlib import Path

from marketplace.services.matching.match_reasons import reader_reasons
from matching.explain import aligned_sentence
from matching.text import passages
from matching.types import Profile

FOOD = Path(__file__).resolve().parents[3] / "marketplace/catalog/data/industries/FOOD.json"


def _scenario() -> Profile:
    return Profile.from_scenario(json.loads(FOOD.read_text(encoding="utf-8"))["scenarios"][0])


def test_the_chinese_sentence_that_says_the_same_is_found_with_its_punctuation() -> None:
    scenario = _scenario()
    english = passages(scenario)[0]  # "Heat-stable single-serve hotpot base packs for export"
    found = aligned_sentence(english, scenario.text_zh)
    assert found and "火锅底料" in found and found in scenario.text_zh  # the writer's exact text
    assert "，" in found or "：" in found or "。" in found  # full-width, as written


def test_no_chinese_quote_when_nothing_is_shared() -> None:
    scenario = _scenario()
    assert aligned_sentence("Seat pressure mapping with a driver panel", scenario.text_zh) is None
    assert aligned_sentence("anything", "") is None


def test_reasons_for_a_chinese_reader_quote_the_chinese_and_never_filler(app) -> None:
    explanation = {
        "reasons": ["Closest match: “hotpot base packs”, for “we pack hotpot base”."],
        "shared": [],
        "candidate_passage": "Heat-stable single-serve hotpot base packs for export",
        "candidate_passage_zh": "重新设计单人份牛油火锅底料包装：热带高温下不渗油。",
        "query_passage": "We design hotpot base packaging.",
        "query_passage_zh": "",
    }
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        said = " ".join(reader_reasons(explanation, None))
        filler = {**explanation, "query_passage": "A fictional demo project for a studio."}
        assert "“" not in " ".join(reader_reasons(filler, None))
    assert "重新设计单人份牛油火锅底料包装：热带高温下不渗油。" in said
    assert "Heat-stable" not in said
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert reader_reasons(explanation, None) == explanation["reasons"]


def test_a_chinese_reader_is_told_in_chinese_what_their_own_words_rule_out(app) -> None:
    explanation = {
        "reasons": ["Closest match: …", "Ruled out in your own words: “不做车身造型。”"],
        "shared": [],
        "candidate_passage": "Exterior styling of a mid-size electric SUV",
        "candidate_passage_zh": "",
        "query_passage": "我们专做新能源汽车的座舱交互",
        "query_passage_zh": "",
        "query_exclusion": "不做车身造型，也不做包装。",
    }
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        said = reader_reasons(explanation, "studio-scenario")
        filler = reader_reasons({**explanation, "query_passage": "A fictional demo project."},
                                "studio-scenario")  # fmt: skip
    assert said[-1] == "你们的原话已排除：“不做车身造型，也不做包装。”"
    assert filler == [said[-1]]  # no passage to quote, the ruling-out is still said
