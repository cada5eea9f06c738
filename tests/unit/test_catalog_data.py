"""The bundled catalogue keeps the invariants of the commission's published list."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES, districts
from marketplace.services.catalog.scenarios import bundled_disciplines, bundled_industries

EXPECTED_COUNTS = {
    "NEV": 10, "ELEC": 9, "EQUIP": 8, "SOFT": 7, "AMAT": 6, "FOOD": 6, "MOTO": 6,
    "TEXT": 6, "BIO": 6, "DISP": 5, "ALLOY": 5, "ENERGY": 5, "FUTURE": 4,
}  # fmt: skip
EXPECTED_NAMES = {
    "NEV": "Intelligent connected and new-energy vehicles",
    "ELEC": "New-generation electronic information manufacturing",
    "AMAT": "Advanced materials",
    "EQUIP": "Intelligent equipment and intelligent manufacturing",
    "FOOD": "Food and agricultural product processing",
    "SOFT": "Software and information services",
    "DISP": "New-type display",
    "MOTO": "High-end motorcycles",
    "ALLOY": "Light alloy materials",
    "TEXT": "Light textiles and fashion",
    "BIO": "Biomedicine and medical devices",
    "ENERGY": "New energy and new-type energy storage",
}
HAN = re.compile(r"[\u4e00-\u9fff]")
DIVISION_KINDS = {"district", "county", "autonomous county"}


@pytest.fixture(scope="module")
def industries():
    return bundled_industries()


@pytest.fixture(scope="module")
def scenarios(industries):
    return [s for doc in industries for s in doc["scenarios"]]


def test_thirteen_industries_with_the_published_names(industries):
    assert [d["code"] for d in industries] == list(INDUSTRY_CODES)
    for doc in industries:
        if doc["code"] in EXPECTED_NAMES:
            assert doc["name"] == EXPECTED_NAMES[doc["code"]]
        assert HAN.search(doc["name_zh"]), doc["code"]
        assert 60 <= len(doc["trend"].split()) <= 250, doc["code"]
    assert industries[-1]["name"].startswith('Emerging "new star" clusters')


def test_eighty_three_scenarios_with_the_published_counts(scenarios):
    assert len(scenarios) == 83
    assert Counter(s["industry"] for s in scenarios) == EXPECTED_COUNTS


def test_codes_are_stable_and_numbered_without_gaps(industries):
    for doc in industries:
        codes = [s["code"] for s in doc["scenarios"]]
        assert codes == [f"{doc['code']}-{i:02d}" for i in range(1, len(codes) + 1)]


def test_each_scenario_is_complete(scenarios):
    for s in scenarios:
        assert 80 <= len(s["description"].split()) <= 200, s["code"]
        assert 1 <= len(s["disciplines"]) <= 3, s["code"]
        assert set(s["disciplines"]) <= set(DISCIPLINE_CODES), s["code"]
        assert len(set(s["disciplines"])) == len(s["disciplines"]), s["code"]
        assert HAN.search(s["title_zh"]), s["code"]
        assert s["summary"].strip() and len(s["summary"]) <= 500, s["code"]
        assert 2 <= len(s["deliverables"]) <= 8, s["code"]


def test_titles_and_descriptions_are_unique(scenarios):
    for key in ("title", "title_zh", "summary", "description"):
        values = [s[key].strip().lower() for s in scenarios]
        assert len(set(values)) == len(values), key
    openings = [" ".join(s["description"].split()[:4]).lower() for s in scenarios]
    assert len(set(openings)) == len(openings), "descriptions should not share template openings"


def test_every_discipline_is_called_for_somewhere(scenarios):
    used = Counter(code for s in scenarios for code in s["disciplines"])
    assert set(used) == set(DISCIPLINE_CODES)
    assert min(used.values()) >= 3


def test_vehicle_design_and_ai_design_are_among_the_scenarios(scenarios):
    vehicle = [s for s in scenarios if s["industry"] == "NEV" and "FORM" in s["disciplines"]]
    assert any(re.search(r"vehicle|styling", s["title"], re.I) for s in vehicle)
    ai = [s for s in scenarios if "AI" in s["disciplines"]]
    assert any(re.search(r"\bAI\b|big[- ]data|artificial intelligence", s["title"]) for s in ai)


def test_disciplines_and_districts_reference_data():
    assert [d["code"] for d in bundled_disciplines()] == list(DISCIPLINE_CODES)
    rows = districts()
    administrative = [r for r in rows.values() if r["kind"] in DIVISION_KINDS]
    assert len(administrative) == 38
    assert "outside" in rows
    areas = {r["code"]: r["name_zh"] for r in rows.values() if r["kind"] == "functional area"}
    assert areas == {"liangjiang": "两江新区", "science-city": "西部（重庆）科学城",
                     "wansheng": "万盛经开区"}  # fmt: skip
