"""The bundled catalogue keeps its structure: 83 scenarios, 13 industries, "33618" names."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES, districts
from marketplace.services.catalog.scenario_catalogue import bundled_disciplines, bundled_industries

CATALOGUE_COUNTS = {  # this catalogue's own split of the 83: no source gives per-industry counts
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


def test_thirteen_industries_with_their_names(industries):
    assert [d["code"] for d in industries] == list(INDUSTRY_CODES)
    for doc in industries:
        if doc["code"] in EXPECTED_NAMES:
            assert doc["name"] == EXPECTED_NAMES[doc["code"]]
        assert HAN.search(doc["name_zh"]), doc["code"]
        assert 60 <= len(doc["trend"].split()) <= 250, doc["code"]
    assert industries[-1]["name"].startswith('Emerging "new star" clusters')


def test_eighty_three_scenarios_split_as_this_catalogue_splits_them(scenarios):
    assert len(scenarios) == 83
    assert Counter(s["industry"] for s in scenarios) == CATALOGUE_COUNTS


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


# ---------------------------------------------------------------- both languages

ZH_NAMES = {  # the names Chongqing's "33618" modern manufacturing cluster system uses
    "NEV": "智能网联新能源汽车", "ELEC": "新一代电子信息制造业", "AMAT": "先进材料",
    "EQUIP": "智能装备及智能制造", "FOOD": "食品及农产品加工", "SOFT": "软件信息服务",
    "DISP": "新型显示", "MOTO": "高端摩托车", "ALLOY": "轻合金材料", "TEXT": "轻纺",
    "BIO": "生物医药", "ENERGY": "新能源及新型储能",
}  # fmt: skip


def _han_count(text: str) -> int:
    return len(HAN.findall(text))


def test_industries_carry_their_33618_chinese_names_and_a_chinese_trend(industries):
    for doc in industries:
        if doc["code"] in ZH_NAMES:
            assert doc["name_zh"] == ZH_NAMES[doc["code"]], doc["code"]
        assert _han_count(doc["trend_zh"]) >= 150, doc["code"]
    future = industries[-1]
    assert "新星" in future["name_zh"] and "等" in future["name_zh"]
    assert "not an official list" in future["trend"] and "并非官方名单" in future["trend_zh"]


def test_every_scenario_is_written_in_chinese_as_well_as_english(scenarios):
    for s in scenarios:
        assert _han_count(s["summary_zh"]) >= 20, s["code"]
        assert _han_count(s["description_zh"]) >= 150, s["code"]
        assert len(s["deliverables_zh"]) == len(s["deliverables"]), s["code"]
        assert all(HAN.search(d) for d in s["deliverables_zh"]), s["code"]
        for key in ("summary", "description"):  # English stays English
            assert not HAN.search(s[key]), (s["code"], key)


def test_chinese_texts_are_unique(scenarios):
    for key in ("summary_zh", "description_zh"):
        values = [s[key] for s in scenarios]
        assert len(set(values)) == len(values), key


# ---------------------------------------------------------------- fidelity

NAMED_FIRMS = (
    "Changan", "Seres", "Avatr", "Deepal", "Li Auto", "Huawei", "Foxconn", "Quanta", "Inventec",
    "Compal", "BOE", "HKC", "Polycomp", "Chongqing Machine Tool", "Chuanyi", "Loncin", "Zongshen",
    "Lifan", "Yinxiang", "VOGE", "Cyclone", "Southwest Aluminium", "Boao", "Zhifei", "Dezhuang",
    "Qiaotou", "Jiangxiaobai", "CALB", "Svolt", "Ganfeng", "FinDreams", "China Resources",
    "Emerson", "Yokogawa", "Endress", "MacBook", "Yukuaiban",
    "长安", "赛力斯", "阿维塔", "深蓝", "理想", "华为", "富士康", "广达", "英业达", "仁宝",
    "京东方", "惠科", "重庆机床", "川仪", "隆鑫", "宗申", "力帆", "银翔", "无极", "赛科龙",
    "西南铝", "博奥", "智飞", "德庄", "桥头", "江小白", "弗迪", "赣锋", "华润", "渝快办",
)  # fmt: skip
NEGATIVE = re.compile(
    r"\b(dated|outdated|poor(ly)?|fail(s|ed|ing)?|complain\w*|cop(y|ies|ied|ying)|imitat\w*|"
    r"defect\w*|seep\w*|leak\w*|weak\w*|cheap\w*|clutter\w*|awkward\w*|inferior|stain\w*|"
    r"hesitat\w*|struggle\w*|lag\w*|unreliable|problem\w*|worse)\b"
    r"|落后|过时|抄袭|模仿|仿制|缺陷|渗油|投诉|抱怨|劣质|粗糙|杂乱|犹豫|问题|短板|通病",
    re.I,
)
VIEWS_OF_GOVERNMENT = re.compile(
    r"\b(commission|municipality|municipal|government|bureau|authorit(y|ies))\b[^.;]*"
    r"\b(wants?|wish\w*|thinks?|believes?|sees?|sees|prefers?|plans?|intends?|asks?|uses?|"
    r"mostly|strategy|push\w*|expects?|hopes?|can use)\b"
    r"|(经信委|委员会|政府|市政府|区政府|主管部门)[^。；]*(希望|想要|认为|要求|计划|打算|看到|使用|推动)",
    re.I,
)


def _sentences(text: str) -> list[str]:
    return [p for p in re.split(r"(?<=[.!?。！？；;])\s*", text) if p.strip()]


def _all_texts(industries):
    for doc in industries:
        yield doc["code"], doc["trend"]
        yield doc["code"], doc["trend_zh"]
        for s in doc["scenarios"]:
            for key in ("title", "title_zh", "summary", "summary_zh", "description",
                        "description_zh"):  # fmt: skip
                yield s["code"], s[key]
            for item in s["deliverables"] + s["deliverables_zh"]:
                yield s["code"], item


def test_no_named_firm_appears_beside_a_negative_word(industries):
    offending = [
        (code, sentence)
        for code, text in _all_texts(industries)
        for sentence in _sentences(text)
        if NEGATIVE.search(sentence) and any(firm in sentence for firm in NAMED_FIRMS)
    ]
    assert offending == []


def test_no_sentence_says_what_the_commission_or_government_wants_or_thinks(industries):
    offending = [
        (code, sentence)
        for code, text in _all_texts(industries)
        for sentence in _sentences(text)
        if VIEWS_OF_GOVERNMENT.search(sentence)
    ]
    assert offending == []


def test_the_checks_catch_the_sentences_the_review_found():
    assert NEGATIVE.search("Its instruments perform well but look dated")
    assert "Chuanyi" in NAMED_FIRMS
    assert VIEWS_OF_GOVERNMENT.search("The commission wants a shared materials library")
    assert VIEWS_OF_GOVERNMENT.search("park managers and the commission mostly see spreadsheets")
    assert VIEWS_OF_GOVERNMENT.search("经信委希望建立共享材料库")


def test_facts_the_review_corrected(industries):
    texts = {code: [] for code in INDUSTRY_CODES}
    for code, text in _all_texts(industries):
        texts[code.split("-")[0]].append(text)
    everything = " ".join(t for chunk in texts.values() for t in chunk)
    assert "Shuangqiao" not in everything and "双桥" not in everything  # part of Dazu since 2011
    disp = industries[INDUSTRY_CODES.index("DISP")]
    assert "pillar" not in disp["trend"] and "featured cluster" in disp["trend"]
    energy = industries[INDUSTRY_CODES.index("ENERGY")]["trend"]
    assert not re.search(r"CALB|Svolt|Tongliang", energy)
    design_system = re.compile(r"industrial design centre|industrial design \+|City of Design")
    assert sum(bool(design_system.search(d["trend"])) for d in industries) >= 10


def test_figures_agree_across_scenarios(scenarios, industries):
    moto = " ".join(
        [industries[INDUSTRY_CODES.index("MOTO")]["trend"]]
        + [s["summary"] + " " + s["description"] for s in scenarios if s["industry"] == "MOTO"]
    )
    ranges = re.findall(r"(\d{3})\s*[-–]\s*(\d{3}) cc", moto)
    assert ranges and all(250 <= int(lo) < int(hi) <= 800 for lo, hi in ranges), ranges
    buck_costs = {
        m.group(0)
        for s in scenarios
        for sentence in _sentences(s["description"])
        if re.search(r"\bbucks?\b|mock-ups?", sentence)
        for m in re.finditer(r"(hundreds of thousands|millions?|[\d,]+) (of )?yuan", sentence)
    }
    assert len(buck_costs) <= 1, buck_costs


def _pairs_above(docs: list[str], codes: list[str], threshold: float, **vectorizer) -> list:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    sim = cosine_similarity(TfidfVectorizer(sublinear_tf=True, **vectorizer).fit_transform(docs))
    return [
        (codes[i], codes[j], round(float(sim[i, j]), 3))
        for i in range(len(codes))
        for j in range(i + 1, len(codes))
        if sim[i, j] >= threshold
    ]


def test_no_two_scenarios_describe_the_same_project(scenarios):
    # TF-IDF cosine over title + summary + description; the duplicates the review found
    # (charging hubs, point-of-care analysers, VR review, large castings) scored 0.20-0.41;
    # the closest distinct pair (recycled CMF for laptops and for car cabins) scores about 0.18.
    codes = [s["code"] for s in scenarios]
    english = [f"{s['title']} {s['summary']} {s['description']}" for s in scenarios]
    assert _pairs_above(english, codes, 0.2, stop_words="english") == []
    chinese = [s["title_zh"] + s["summary_zh"] + s["description_zh"] for s in scenarios]
    assert _pairs_above(chinese, codes, 0.25, analyzer="char", ngram_range=(2, 2)) == []


PROPER_WORDS = {
    "Chongqing", "Chongqing-built", "Bishan", "Fengjie", "Jiulongpo", "European", "African",
    "Asian", "Chinese", "Yangtze", "Liangjiang",
}  # fmt: skip


def test_english_titles_use_sentence_case(scenarios):
    for s in scenarios:
        first, *rest = s["title"].split()
        assert first[0].isupper() or first[0].isdigit(), s["code"]
        for word in rest:
            acronym = sum(c.isupper() for c in word) >= 2
            assert not word[0].isupper() or acronym or word in PROPER_WORDS, (s["code"], word)


def test_descriptions_speak_in_one_voice(scenarios):
    for s in scenarios:
        assert not re.search(r"\b[Ss]tudio (with [a-z ]+)?would\b", s["description"]), s["code"]
