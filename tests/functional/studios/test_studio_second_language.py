"""A studio's statement in two languages (issue 20): the reader's language first, the other one
click away; the profile form, the import and the API; the directory in pinyin order."""

from __future__ import annotations

import json
import re

import pytest

from marketplace.extensions import db
from marketplace.models import Studio
from marketplace.services.common.jsonl import ImportRejected
from marketplace.services.common.service_errors import NotFound
from marketplace.services.studios import studio_import, studio_profiles
from tests.functional.studios.conftest import STATEMENT, profile_form, text

ZH = {"Accept-Language": "zh-CN"}
EN_TEXT = ("We design battery enclosures and charging posts for Chongqing suppliers, from "
           "styling to DFM engineering. Prototypes in our own workshop.")  # fmt: skip
ZH_TEXT = ("我们为重庆的供应商设计电池包箱体和充电桩，从造型到面向制造的工程设计。"
           "样件在自己的车间完成。")  # fmt: skip


def seed(app, rows: list[dict]) -> dict[str, int]:
    """Import studios through the real service; return their ids by ref."""
    lines = [json.dumps({"text": EN_TEXT, "industries": ["NEV"], **row}) for row in rows]
    with app.app_context():
        studio_import.import_studios(studio_import.parse_studios(lines).records)
        return dict(db.session.execute(db.select(Studio.ref, Studio.id)).all())


def statement_of(page: str) -> str:
    """The statement shown first on a studio page."""
    return re.search(r'<div class="statement" lang="[^"]+">([^<]*)</div>', page).group(1)


def toggle_of(page: str) -> tuple[str, str] | None:
    """(summary, hidden text) of the other-version toggle, or None when there is none."""
    found = re.search(r'<details class="other-version"[^>]*>\s*<summary>([^<]*)</summary>(.*?)'
                      r"</details>", page, re.S)  # fmt: skip
    return (found.group(1).strip(), found.group(2)) if found else None


@pytest.fixture
def bilingual(app):
    """An English-first studio with the studio's own Chinese version, and one in English only."""
    return seed(app, [
        {"ref": "BI", "name": "Bilingual Works", "name_zh": "双语工坊",
         "text_translation": ZH_TEXT},
        {"ref": "EN", "name": "English Only Studio"},
    ])  # fmt: skip


def test_a_chinese_reader_sees_the_chinese_version_first_and_the_original_one_click_away(
    client, bilingual
):
    page = text(client.get(f"/studios/{bilingual['BI']}", headers=ZH))
    assert statement_of(page) == ZH_TEXT
    summary, hidden = toggle_of(page)
    assert summary == "原文（英文）"
    assert EN_TEXT in hidden


def test_an_english_reader_sees_the_english_original_and_can_open_the_chinese(client, bilingual):
    page = text(client.get(f"/studios/{bilingual['BI']}"))
    assert statement_of(page) == EN_TEXT
    summary, hidden = toggle_of(page)
    assert summary == "Read it in Chinese"
    assert ZH_TEXT in hidden
    assert '<details class="other-version" id="other-version">' in page  # closed by default
    opened = text(client.get(f"/studios/{bilingual['BI']}?other=1"))
    assert '<details class="other-version" id="other-version" open>' in opened


def test_a_studio_in_one_language_shows_it_to_every_reader_with_no_toggle(client, bilingual):
    for headers in (ZH, {}):
        page = text(client.get(f"/studios/{bilingual['EN']}", headers=headers))
        assert statement_of(page) == EN_TEXT
        assert toggle_of(page) is None and "other-version" not in page


def test_directory_cards_show_the_readers_language_and_link_to_the_other(client, bilingual):
    zh_page = text(client.get("/studios", headers=ZH))
    assert "我们为重庆的供应商设计电池包箱体和充电桩" in zh_page
    assert f'href="/studios/{bilingual["BI"]}?other=1#other-version">原文（英文）</a>' in zh_page
    en_page = text(client.get("/studios"))
    assert "我们为重庆" not in en_page
    assert "We design battery enclosures and charging posts" in en_page


def test_the_profile_form_saves_the_english_version_of_a_chinese_statement(client, filled_studio):
    form = profile_form(capability_statement=ZH_TEXT + "团队十八人。" * 3,
                        capability_statement_translation=EN_TEXT)  # fmt: skip
    response = filled_studio.post("/studio/profile", data=form)
    assert response.status_code == 302, text(response)[:1500]
    studio_id = filled_studio.account.studio_id
    assert statement_of(text(client.get(f"/studios/{studio_id}"))) == EN_TEXT
    assert statement_of(text(client.get(f"/studios/{studio_id}", headers=ZH))).startswith(ZH_TEXT)
    edit = text(filled_studio.get("/studio/profile"))
    assert "English version (optional)" in edit and EN_TEXT in edit
    assert "英文版本（可选）" in text(filled_studio.get("/studio/profile", headers=ZH))


@pytest.mark.parametrize(("translation", "message"), [
    (STATEMENT, "This is the same as the original"),
    ("We also design electric scooters, their docks and their batteries for local makers.",
     "The original is in English, so this must be the Chinese version."),
    ("电" * 3001, "Use at most 3000 characters"),
    ("。。。！！", "Write words, not only punctuation or symbols."),
])  # fmt: skip
def test_a_bad_other_version_is_a_400_naming_the_field_and_keeps_the_input(
    filled_studio, translation, message
):
    response = filled_studio.post("/studio/profile", data=profile_form(
        name="Renamed Form Lab", capability_statement_translation=translation))  # fmt: skip
    page = text(response)
    assert response.status_code == 400
    error = re.search(r'<p class="error" id="capability_statement_translation-error">([^<]*)',
                      page)  # fmt: skip
    assert error is not None and message in error.group(1)
    assert 'value="Renamed Form Lab"' in page  # nothing typed is lost
    with filled_studio.application.app_context():
        studio = db.session.get(Studio, filled_studio.account.studio_id)
        assert studio.name == "Yubei Form Lab" and studio.capability_statement_translation is None


def test_another_studio_cannot_write_the_other_version_by_naming_the_id(
    app, filled_studio, other_studio
):
    victim = filled_studio.account.studio_id
    with app.app_context():
        data = studio_profiles.ProfileInput(
            name="Taken Over", capability_statement=STATEMENT,
            capability_statement_translation=ZH_TEXT, industry_codes=["NEV"],
            discipline_codes=["FORM"],
        )  # fmt: skip
        with pytest.raises(NotFound):
            studio_profiles.update_profile(other_studio.account.actor, victim, data)
        studio = db.session.get(Studio, victim)
        assert studio.name == "Yubei Form Lab" and studio.capability_statement_translation is None


def test_the_import_reads_and_exports_the_other_version_and_names_a_bad_one(app, bilingual):
    with app.app_context():
        studio = db.session.get(Studio, bilingual["BI"])
        assert (studio.text_lang, studio.capability_statement_translation) == ("en", ZH_TEXT)
        lines = {r.ref: r.as_line() for r in studio_import.export_studios()}
        assert lines["BI"]["text_translation"] == ZH_TEXT and "text_translation" not in lines["EN"]
        bad = json.dumps({"ref": "X1", "name": "Copy Cat", "text": EN_TEXT,
                          "text_translation": EN_TEXT.upper()})  # fmt: skip
        with pytest.raises(ImportRejected) as rejected:
            studio_import.parse_studios([bad])
        assert "line 1" in str(rejected.value) and "text_translation" in str(rejected.value)


def test_the_api_gives_both_versions_and_the_originals_language(client, bilingual):
    body = client.get(f"/api/v1/studios/{bilingual['BI']}").get_json()
    assert body["capability_statement"] == EN_TEXT
    assert body["text_language"] == "en"
    assert body["capability_statement_translation"] == ZH_TEXT
    single = client.get(f"/api/v1/studios/{bilingual['EN']}").get_json()
    assert single["capability_statement_translation"] is None


def test_a_chinese_query_finds_a_studio_by_its_chinese_version(client, bilingual):
    page = text(client.get("/search?q=充电桩&kind=studio", headers=ZH))
    assert f'href="/studios/{bilingual["BI"]}"' in page
    assert f'href="/studios/{bilingual["EN"]}"' not in page


# ---------------------------------------------------------------- the directory's order

NAMES = [  # (English name, Chinese name): pinyin order 阿 a1, 北 bei3, 重庆 chong2, 张 zhang1
    ("Zenith Design", "阿里造型"),
    ("Mountain City Lab", "重庆山城设计"),
    ("Apex North", "北岸工业设计"),
    ("Blue Peak", "张家设计事务所"),
    ("Crane Works", None),  # no Chinese name: placed by its English name (crane works)
]


def test_a_chinese_reader_sees_the_directory_in_pinyin_order_page_by_page(app, client):
    seed(app, [{"ref": f"P{n}", "name": en, **({"name_zh": zh} if zh else {})}
               for n, (en, zh) in enumerate(NAMES)])  # fmt: skip
    app.config["PAGE_SIZE"] = 2
    shown = []
    for page in (1, 2, 3):
        html = text(client.get(f"/studios?page={page}", headers=ZH))
        shown += re.findall(r'<h3><a href="/studios/\d+">([^<]+)</a></h3>', html)
    assert shown == ["阿里造型", "北岸工业设计", "重庆山城设计", "Crane Works", "张家设计事务所"]
    assert "按中文名称拼音排序" in html
    english = []
    for page in (1, 2, 3):
        html = text(client.get(f"/studios?page={page}"))
        english += re.findall(r'<h3><a href="/studios/\d+">([^<]+)</a></h3>', html)
    assert english == ["Apex North", "Blue Peak", "Crane Works", "Mountain City Lab",
                       "Zenith Design"]  # fmt: skip


def test_renaming_a_studio_moves_it_in_the_chinese_order(app, client, filled_studio):
    seed(app, [{"ref": "Q1", "name": "Anchor Studio", "name_zh": "安可设计"}])  # an1
    first = re.findall(r'<h3><a href="/studios/\d+">([^<]+)</a></h3>',
                       text(client.get("/studios", headers=ZH)))  # fmt: skip
    assert first == ["安可设计", "渝北造型实验室"]  # an1 before yu2
    filled_studio.post("/studio/profile", data=profile_form(name_zh="阿尔法造型"))  # a1
    again = re.findall(r'<h3><a href="/studios/\d+">([^<]+)</a></h3>',
                       text(client.get("/studios", headers=ZH)))  # fmt: skip
    assert again == ["阿尔法造型", "安可设计"]
