"""The bundled catalogue says only what a commission could publish, in both languages alike."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from marketplace.reference import INDUSTRY_CODES
from marketplace.services.catalog.scenario_catalogue import bundled_industries

# ---------------------------------------------------------------- the city's large firms

# Large manufacturers with plants in Chongqing and the design firms they work with, each as
# (English names and short forms, Chinese names and short forms). Chinese names that are also
# ordinary words (长安 aside: 小康 "moderately prosperous", 建设 "construction", 桥头 "bridgehead",
# 太极 "tai chi", 美的 "beautiful", 深蓝 "deep blue", 理想 "ideal") are listed in longer forms.
FIRMS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    # vehicles
    (("Changan",), ("长安汽车", "长安福特", "长安马自达", "长安")),
    (("Deepal",), ("深蓝汽车", "长安深蓝")),
    (("Avatr",), ("阿维塔",)),
    (("Qiyuan",), ("长安启源",)),
    (("Seres",), ("赛力斯",)),
    (("AITO",), ("问界",)),
    (("Huawei",), ("华为",)),
    (("Li Auto",), ("理想汽车",)),
    (("Chongqing Sokon", "Sokon", "DFSK"), ("重庆小康", "小康股份", "东风小康")),
    (("SAIC-GM-Wuling", "Wuling"), ("上汽通用五菱", "五菱")),
    (("BYD", "FinDreams"), ("比亚迪", "弗迪")),
    # motorcycles
    (("Lifan",), ("力帆",)),
    (("Loncin", "VOGE"), ("隆鑫", "无极")),
    (("Zongshen", "Cyclone"), ("宗申", "赛科龙")),
    (("Jianshe",), ("建设工业", "建设摩托", "建设雅马哈")),
    (("Yinxiang",), ("银翔",)),
    # appliances, electronics, display
    (("Haier",), ("海尔",)),
    (("Midea",), ("美的集团",)),
    (("BOE",), ("京东方",)),
    (("HKC",), ("惠科",)),
    (("AUO", "AU Optronics"), ("友达",)),
    (("Foxconn", "Hon Hai"), ("富士康", "鸿海")),
    (("Quanta",), ("广达",)),
    (("Inventec",), ("英业达",)),
    (("Pegatron",), ("和硕",)),
    (("Compal",), ("仁宝",)),
    (("Wistron",), ("纬创",)),
    (("HP", "Hewlett-Packard"), ("惠普",)),
    (("Acer",), ("宏碁",)),
    (("ASUS",), ("华硕",)),
    (("Apple", "MacBook"), ("苹果公司",)),
    (("China Resources Microelectronics", "China Resources"), ("华润微", "华润")),
    (("SK hynix", "Hynix"), ("海力士",)),
    # materials, metals, equipment, energy
    (("Chongqing Iron & Steel", "Chongqing Iron and Steel", "Chongqing Steel", "CISC"),
     ("重钢", "重庆钢铁")),
    (("Southwest Aluminium", "Southwest Aluminum"), ("西南铝",)),
    (("Boao",), ("博奥",)),
    (("Polycomp", "CPIC"), ("国际复合材料", "国际复材")),
    (("Chuanyi",), ("川仪",)),
    (("Chongqing Machine Tool",), ("重庆机床",)),
    (("Ganfeng",), ("赣锋",)),
    (("CATL",), ("宁德时代",)),
    (("CALB",), ("中创新航",)),
    (("Svolt",), ("蜂巢能源",)),
    # food and drink
    (("Fuling Zhacai",), ("涪陵榨菜",)),
    (("Dezhuang",), ("德庄",)),
    (("Qiaotou",), ("桥头火锅", "重庆桥头")),
    (("Jiangxiaobai",), ("江小白",)),
    # medicine
    (("Chongqing Pharmaceutical",), ("重药", "重庆医药")),
    (("Taiji Group", "Taiji Industry"), ("太极集团",)),
    (("Zhifei",), ("智飞",)),
    # platforms often named beside products
    (("Tmall", "Alibaba"), ("天猫", "阿里巴巴")),
    (("Douyin", "TikTok", "ByteDance"), ("抖音", "字节跳动")),
    (("Meituan",), ("美团",)),
    (("Ele.me",), ("饿了么",)),
    # design firms
    (("LKK",), ("洛可可",)),
    (("Nuvo Design",), ("浪尖",)),
    (("Jialantu",), ("嘉兰图",)),
    (("frog design",), ("青蛙设计",)),
    (("IDEO",), ("艾迪欧",)),
    (("Pininfarina",), ("宾尼法利纳",)),
    (("Italdesign",), ("意大利设计公司",)),
    (("Designworks",), ("设计工作室Designworks",)),
)  # fmt: skip


def _english_pattern(name: str) -> re.Pattern:
    flags = re.I if len(name) >= 5 else 0  # acronyms (BOE, HP, AITO) only in capitals
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flags)


FIRM_PATTERNS = [([_english_pattern(n) for n in english], chinese) for english, chinese in FIRMS]


def firms_named(text: str) -> set[int]:
    """Indexes into FIRMS of every firm the text names, in either language."""
    return {
        i
        for i, (patterns, chinese) in enumerate(FIRM_PATTERNS)
        if any(p.search(text) for p in patterns) or any(c in text for c in chinese)
    }


SCENARIO_TEXT_FIELDS = (
    "title", "title_zh", "summary", "summary_zh", "description", "description_zh",
)  # fmt: skip


@pytest.fixture(scope="module")
def industries():
    return bundled_industries()


@pytest.fixture(scope="module")
def scenarios(industries):
    return [s for doc in industries for s in doc["scenarios"]]


def scenario_texts(s: dict):
    """(field, text) for every text of one scenario, deliverables included, both languages."""
    for key in SCENARIO_TEXT_FIELDS:
        yield key, s[key]
    for i, item in enumerate(s["deliverables"]):
        yield f"deliverables[{i}]", item
    for i, item in enumerate(s["deliverables_zh"]):
        yield f"deliverables_zh[{i}]", item


def all_texts(industries):
    """(code, field, text) for every trend and scenario text in both languages."""
    for doc in industries:
        for key in ("name", "name_zh", "trend", "trend_zh"):
            yield doc["code"], key, doc[key]
        for s in doc["scenarios"]:
            for key, text in scenario_texts(s):
                yield s["code"], key, text


def test_the_firm_list_recognises_names_in_both_languages():
    assert firms_named("supplies Changan and Seres") == firms_named("为长安和赛力斯配套")
    assert firms_named("Fuling Zhacai's plant") and firms_named("涪陵榨菜集团")
    assert firms_named("beside a MacBook") and firms_named("BOE fabs")
    assert not firms_named("boe")  # acronyms only in capitals
    assert not firms_named("建设一个小康社会，太极拳，深蓝色，理想的桥头位置")  # ordinary words
    assert not firms_named("a cyclone-proof mount; Hyper-V; the HPV virus")


def test_no_scenario_names_a_firm(scenarios):
    named = [
        (s["code"], key, FIRMS[i][0][0])
        for s in scenarios
        for key, text in scenario_texts(s)
        for i in sorted(firms_named(text))
    ]
    assert named == []


def test_a_trend_names_the_same_firms_in_both_languages(industries):
    for doc in industries:
        assert firms_named(doc["trend"]) == firms_named(doc["trend_zh"]), doc["code"]
        assert firms_named(doc["name"]) == firms_named(doc["name_zh"]) == set(), doc["code"]


# Firms that went through bankruptcy: named nowhere, as a trend names firms only in neutral facts.
NOT_IN_A_NEUTRAL_PRESENT = ("Lifan", "Yinxiang")


def test_no_text_names_a_firm_that_went_through_bankruptcy(industries):
    indexes = {i for i, (english, _) in enumerate(FIRMS) if english[0] in NOT_IN_A_NEUTRAL_PRESENT}
    named = [
        (code, key) for code, key, text in all_texts(industries) if firms_named(text) & indexes
    ]
    assert named == []


# ---------------------------------------------------------------- no invented findings

CLAIMS_EN = re.compile(
    r"\b(reports?|surveys?|stud(?:y|ies)|polls?|research|statistics|data)"
    r"(\s+(by|from|of|in)\s+[\w-]+(\s+[\w-]+)?)?"
    r"\s+(show|shows|showed|shown|found|finds|suggests?|indicates?|reveals?|confirms?)\b"
    r"|\b(owners?|dealers?|installers?|users?|customers?|riders?|buyers?|reviews?|growers?|"
    r"cooperatives?|patients?|operators?)(\s+[\w-]+){0,4}?\s+(report|reported|complain\w*|say|said)\b"
    r"|\b(quality|market|consumer|customer|owner|industry)\s+surveys?\b"
    r"|\bcomplaints?\b|\bstatistics\b|\baccording to\b|\branks? among the top\b"
    r"|\b(a|the) (report|survey|study) (by|from)\b",
    re.I,
)
CLAIMS_ZH = re.compile(
    r"(调查|报告|研究|统计|数据|调研)(显示|表明|发现|指出)|据(统计|调查|报道|测算)"
    r"|反映|抱怨|投诉|吐槽|质量调查"
)
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(%|％|percent\b|per cent\b)|百分之")
# Every percentage in the catalogue, with why it may stand: a source named in both languages,
# or a design value the scenario sets rather than a finding it reports.
PERCENT_ALLOWED = {
    ("MOTO-02", "15"): ("design", "the gradient the drivetrain is sized for"),
    ("ALLOY-04", "5"): ("source", ("International Aluminium Institute", "国际铝业协会")),
}
VAGUE_COUNTS = re.compile(
    r"\b(tens of thousands|hundreds of thousands|thousands|hundreds) of (people|residents|riders|"
    r"households|restaurants|factories|shops|workshops|firms|companies|suppliers|users|older)\b"
    r"|数以万计|数以百万计|数千户|数百家|成千上万的?(人|户|台|名)",
    re.I,
)


def test_no_text_cites_a_report_survey_or_complaint(industries):
    found = [
        (code, key, m.group(0))
        for code, key, text in all_texts(industries)
        for m in [(CLAIMS_ZH if key.split("[")[0].endswith("_zh") else CLAIMS_EN).search(text)]
        if m and not key.startswith("deliverables")  # a deliverable "test report" is a product
    ]
    assert found == []


def test_every_percentage_is_a_design_value_or_names_its_source(industries):
    by_code = {}
    for code, key, text in all_texts(industries):
        by_code.setdefault(code, []).append((key, text))
    for code, fields in by_code.items():
        for key, text in fields:
            for m in PERCENT.finditer(text):
                figure = m.group(1)
                assert (code, figure) in PERCENT_ALLOWED, (code, key, m.group(0))
                kind, why = PERCENT_ALLOWED[(code, figure)]
                if kind == "source":
                    source_en, source_zh = why
                    source = source_zh if key.endswith("_zh") else source_en
                    assert source in text, (code, key, "percentage without its source")


def test_the_percentage_whitelist_is_still_used(industries):
    texts = {}
    for code, _, text in all_texts(industries):
        texts[code] = texts.get(code, "") + " " + text
    for code, figure in PERCENT_ALLOWED:
        assert re.search(rf"(?<![\d.]){re.escape(figure)}\s*(%|percent)", texts[code]), code


def test_no_scenario_counts_people_or_firms_without_a_source(scenarios):
    found = [
        (s["code"], key, m.group(0))
        for s in scenarios
        for key, text in scenario_texts(s)
        for m in [VAGUE_COUNTS.search(text)]
        if m
    ]
    assert found == []


def test_the_claim_checks_catch_what_the_review_found():
    assert CLAIMS_EN.search("Installers report that customers refuse to mount them in hallways")
    assert CLAIMS_EN.search("Dealers in Spain and Mexico report that customers judge quality")
    assert CLAIMS_EN.search("Yet owner reviews report car-sickness and sliding")
    assert CLAIMS_EN.search("Cabin smell ranks among the top complaints in new-car quality surveys")
    assert CLAIMS_ZH.search("安装商反映，用户不愿意") and CLAIMS_ZH.search("调查显示")
    assert CLAIMS_ZH.search("报告显示")
    assert not CLAIMS_EN.search("so the brand can report figures with confidence")
    assert PERCENT.search("humidity above 80 percent") and PERCENT.search("湿度超过80%")
    assert not PERCENT.search("from the 5th percentile")
    assert VAGUE_COUNTS.search("Tens of thousands of riders deliver meals")
    assert VAGUE_COUNTS.search("数以万计的老人")


# ---------------------------------------------------------------- the same facts in both languages

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_MONTH_YEAR = re.compile(rf"\b({'|'.join(_MONTHS)})\s+(\d{{4}})\b")


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "")).normalize()


def english_numbers(text: str) -> set:
    """Every figure in an English text: 200,000 → 200000, 1990s → 1990, November 2023 → 11, 2023."""
    found: set = set(re.findall(r"(?<![\w.])([23]D)(?![\w])", text))
    text = re.sub(r"(?<![\w.])[23]D(?![\w])", " ", text)
    for m in _MONTH_YEAR.finditer(text):
        found.add(Decimal(_MONTHS.index(m.group(1)) + 1))
    text = re.sub(r"(?<![\w.])(\d{4})s\b", r"\1", text)
    found |= {_decimal(m) for m in re.findall(_NUMBER, text)}
    return found


def chinese_numbers(text: str) -> set:
    """Every figure in a Chinese text: 20万 → 200000, 上世纪90年代 → 1990, 三维 → '3D'."""
    found: set = set()
    text = text.replace("二维码", "QR")  # a QR code, not a 2D drawing
    for word, token in (("三维", "3D"), ("二维", "2D")):
        if word in text:
            found.add(token)
            text = text.replace(word, " ")
    found |= set(re.findall(r"(?<![A-Za-z0-9.])([23]D)(?![A-Za-z0-9])", text))
    text = re.sub(r"(?<![A-Za-z0-9.])[23]D(?![A-Za-z0-9])", " ", text)
    for m in re.finditer(r"上世纪(\d{2})年代", text):
        found.add(Decimal("19" + m.group(1)))
    text = re.sub(r"上世纪\d{2}年代", " ", text)
    if "本世纪初" in text:
        found.add(Decimal(2000))
    for m in re.finditer(rf"({_NUMBER})(万|亿)?", text):
        value = _decimal(m.group(1)) * {"万": 10_000, "亿": 100_000_000}.get(m.group(2), 1)
        found.add(value.normalize())
    return found


def language_pairs(industries):
    """(code, field, English, Chinese) for every text that exists in both languages."""
    for doc in industries:
        yield doc["code"], "name", doc["name"], doc["name_zh"]
        yield doc["code"], "trend", doc["trend"], doc["trend_zh"]
        for s in doc["scenarios"]:
            for key in ("title", "summary", "description"):
                yield s["code"], key, s[key], s[f"{key}_zh"]
            for i, (en, zh) in enumerate(zip(s["deliverables"], s["deliverables_zh"], strict=True)):
                yield s["code"], f"deliverables[{i}]", en, zh


def test_the_number_readers_agree_on_equivalent_writing():
    english = english_numbers("200,000 cycles, 1.2 kg, 3D prints")
    assert english == chinese_numbers("20万次、1.2 kg、三维打印")
    assert english_numbers("machines built in the 1990s") == chinese_numbers("上世纪90年代的机床")
    assert english_numbers("designated in November 2023") == chinese_numbers("2023年11月入选")
    assert english_numbers("80 percent") == chinese_numbers("80%")
    assert english_numbers("an alarm at 3 a.m.") != chinese_numbers("凌晨三点来了报警")


def test_every_figure_appears_in_both_languages(industries):
    differences = []
    for code, key, en, zh in language_pairs(industries):
        english, chinese = english_numbers(en), chinese_numbers(zh)
        if english != chinese:
            differences.append((code, key, sorted(map(str, english - chinese)),
                                sorted(map(str, chinese - english))))  # fmt: skip
    assert differences == []


# Places, as regular expressions in each language: a text that names a place in one language
# names it in the other (两江 is Liangjiang only when it is not the two rivers' confluence).
PLACES = (
    ("Yuzhong", "渝中"), ("Jiangbei", "江北"), ("Nan'an", "南岸"), ("Shapingba", "沙坪坝"),
    ("Jiulongpo", "九龙坡"), ("Dadukou", "大渡口"), ("Beibei", "北碚"), ("Yubei", "渝北"),
    ("Banan", "巴南"), ("Bishan", "璧山"), ("Jiangjin", "江津"), ("Fuling", "涪陵"),
    ("Yongchuan", "永川"), ("Tongliang", "铜梁"), ("Rongchang", "荣昌"), ("Dazu", "大足"),
    ("Changshou", "长寿"), ("Fengjie", "奉节"), ("Chengkou", "城口"), ("Wuxi", "巫溪"),
    ("Youyang", "酉阳"), ("Liangjiang", "两江(?!交汇)"), ("Xiyong", "西永"),
    ("Science City", "科学城"), ("Hongyadong", "洪崖洞"), ("Jiefangbei", "解放碑"),
    ("Liziba", "李子坝"), ("Chaotianmen", "朝天门"), ("Nanshan", "(?<!东)南山"),
    ("Huangjuewan", "黄桷湾"), ("Guoyuan", "果园港"), ("Shancheng Alley", "山城巷"),
    ("Three Gorges", "三峡"), ("Qutang", "瞿塘峡"), ("Jialing", "嘉陵江"), ("Yangtze", "长江"),
    ("Wujiang", "乌江"), ("Sichuan(?! pepper)", "四川|川渝"), ("Qinling", "秦岭"),
    ("Germany|German", "德国"), ("Italy", "意大利"), ("Nigeria", "尼日利亚"),
    ("South Africa", "南非"), ("Thailand|Thai", "泰国|泰文"), ("Vietnam", "越南"),
    ("Kazakhstan", "哈萨克斯坦"), ("Türkiye", "土耳其"), ("Spain", "西班牙"),
    ("Mexico", "墨西哥"), ("Brazil", "巴西"), ("Bangkok", "曼谷"), ("Ho Chi Minh", "胡志明"),
    ("Jakarta", "雅加达"), ("Munich", "慕尼黑"), ("Turin", "都灵"), ("Shanghai", "上海"),
    ("Beijing", "北京"), ("Guangzhou", "广州"), ("Urumqi", "乌鲁木齐"), ("Lagos", "拉各斯"),
    ("Malaysia", "马来西亚"), ("Australia", "澳大利亚"), ("Russia", "俄罗斯"),
    ("Hannover", "汉诺威"),
)  # fmt: skip


def places_named(text: str, chinese: bool) -> set[str]:
    """The places (by English name) a text names."""
    return {
        english.split("|")[0].split("(")[0]
        for english, zh in PLACES
        if re.search(zh if chinese else rf"\b(?:{english})\b", text)
    }


def test_the_place_reader_tells_liangjiang_from_the_confluence():
    assert places_named("两江新区的工厂", chinese=True) == {"Liangjiang"}
    assert places_named("飞越两江交汇处", chinese=True) == set()
    assert places_named("渝东南山区药材", chinese=True) == set()
    assert places_named("Sichuan pepper powder", chinese=False) == set()


def test_every_place_appears_in_both_languages(industries):
    differences = [
        (code, key, sorted(places_named(en, False) ^ places_named(zh, True)))
        for code, key, en, zh in language_pairs(industries)
        if places_named(en, False) != places_named(zh, True)
    ]
    assert differences == []


# ---------------------------------------------------------------- the review's findings, fixed


def _industry(industries, code):
    return industries[INDUSTRY_CODES.index(code)]


def _scenario(scenarios, code):
    return next(s for s in scenarios if s["code"] == code)


def _english(s):
    return " ".join([s["title"], s["summary"], s["description"], *s["deliverables"]])


def _chinese(s):
    return "".join([s["title_zh"], s["summary_zh"], s["description_zh"], *s["deliverables_zh"]])


@pytest.mark.parametrize("code", ["DISP-02", "ELEC-06", "EQUIP-04", "AMAT-01", "ENERGY-01",
                                  "SOFT-02", "ALLOY-01", "ALLOY-02"])  # fmt: skip
def test_scenarios_that_named_firms_in_english_only_now_name_none(scenarios, code):
    s = _scenario(scenarios, code)
    assert firms_named(_english(s)) == firms_named(_chinese(s)) == set()


NEGATIVE_PORTRAYALS = {
    "EQUIP-02": (r"hesitate|dense parameter tables|most of a shift", r"不敢上手|大半个班|密集"),
    "EQUIP-07": (r"struggle|inconsistent logos|shell-scheme", r"很难让人记住|标志不统一|标摊板"),
    "MOTO-05": (r"seen as a value choice|Dealers .* report", r"性价比之选|经销商反映"),
    "FOOD-02": (r"In many plants", r"许多工厂"),
    "SOFT-01": (r"stalls|unplugged|jargon", r"卡住|劝退|没通电"),
    "SOFT-03": (r"spreadsheets|nobody", r"月度报表|没人"),
    "NEV-04": (r"owner reviews|struggle", r"车主反映|难以"),
    "ENERGY-02": (r"Installers report|refuse|Current products look", r"安装商反映|不愿意|现有产品"),
    "ENERGY-03": (r"nobody|awkward", r"没人|不方便"),
    "BIO-05": (r"regularly get lost|Queues form", r"经常迷路|排起长队"),
    "FUTURE-01": (r"laboratory kit|awkward", r"实验室设备|不方便"),
}


@pytest.mark.parametrize("code", sorted(NEGATIVE_PORTRAYALS))
def test_local_firms_and_public_bodies_are_not_portrayed_negatively(scenarios, code):
    english, chinese = NEGATIVE_PORTRAYALS[code]
    s = _scenario(scenarios, code)
    assert not re.search(english, _english(s)) and not re.search(chinese, _chinese(s))


def test_the_motorcycle_trend_names_no_bankrupt_firm(industries):
    moto = _industry(industries, "MOTO")
    for name in ("Lifan", "Yinxiang", "力帆", "银翔"):
        assert name not in moto["trend"] + moto["trend_zh"]
    assert "historically bought in" not in moto["trend"]
    assert "过去多依赖外部采购" not in moto["trend_zh"]


def test_elec_02_states_eu_rules_as_they_are_and_says_recycled_in_chinese(scenarios):
    s = _scenario(scenarios, "ELEC-02")
    assert "must now" not in s["description"]
    assert "EU eco-design rules" not in s["summary"] + s["description"]
    assert "Ecodesign for Sustainable Products Regulation" in s["description"]
    assert "可持续产品生态设计法规" in s["description_zh"]
    assert "可再生" not in _chinese(s) and "再生聚碳酸酯" in s["description_zh"]


def test_chinese_terms_the_review_corrected(scenarios):
    bio03 = _scenario(scenarios, "BIO-03")["description_zh"]
    assert "高层" not in bio03 and "没有电梯的多层住宅" in bio03
    assert "剂型" not in _chinese(_scenario(scenarios, "BIO-04"))
    assert "回南天" not in _chinese(_scenario(scenarios, "ELEC-05"))
    assert "梅雨" not in _chinese(_scenario(scenarios, "ELEC-05"))  # not in Chongqing's climate
    assert "常年" not in _chinese(_scenario(scenarios, "AMAT-04"))


def test_nev_06_speaks_of_battery_swapping_in_both_languages(scenarios):
    s = _scenario(scenarios, "NEV-06")
    assert "battery-swap" in s["description"] and "换电站" in s["description_zh"]
    assert "swapping" in s["deliverables"][0] and "充换电" in s["deliverables_zh"][0]


def test_trend_sentences_the_review_flagged(industries):
    bio = _industry(industries, "BIO")
    assert "Policy is pushing" not in bio["trend"] and "发展方向" not in bio["trend_zh"]
    assert "imitation" not in bio["trend"] and "跟随" not in bio["trend_zh"]
    assert "2020 census" in bio["trend"] and "2020年第七次全国人口普查" in bio["trend_zh"]
    nev = _industry(industries, "NEV")
    assert "最集中的领域" not in nev["trend_zh"]
    food = _industry(industries, "FOOD")
    assert "fastest and most visibly" not in food["trend"] and "增值最快" not in food["trend_zh"]
    for doc in industries:  # no evaluative "weak point" of a named industry
        assert "短板" not in doc["trend_zh"] and "weak" not in doc["trend"], doc["code"]


def test_chongqing_is_a_city_of_design_since_november_2023(industries):
    text = _industry(industries, "TEXT")
    assert not re.search(r"\bbid\b", text["trend"]) and "申报" not in text["trend_zh"]
    assert "UNESCO City of Design in November 2023" in text["trend"]
    assert "2023年11月重庆入选联合国教科文组织“设计之都”" in text["trend_zh"]
    everything = " ".join(t for _, _, t in all_texts(industries))
    assert not re.search(r"\bbid to become\b", everything)


def test_future_is_not_presented_as_an_official_2023_cluster_list(industries):
    future = _industry(industries, "FUTURE")
    assert "低空飞行器" not in future["name_zh"] and "low-altitude" not in future["name"]
    assert "not among the clusters named in 2023" in future["trend"]
    assert "不在2023年公布的集群之列" in future["trend_zh"]


def test_the_alloy_trend_calls_vehicles_and_electronics_leading_clusters(industries):
    alloy = _industry(industries, "ALLOY")
    assert "支柱" not in alloy["trend_zh"] and "主导产业集群" in alloy["trend_zh"]
    assert "leading clusters" in alloy["trend"] and "two biggest industries" not in alloy["trend"]


def test_per_industry_counts_are_not_called_published():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "published scenario counts" not in readme
    assert "no source at" in readme and "per-industry counts" in readme
    assert "bid to become" not in readme
    data_test = (Path(__file__).parent / "test_catalog_data.py").read_text(encoding="utf-8")
    assert "published_counts" not in data_test and "published list" not in data_test
