"""A need in two languages (issue 20): the reader's language first on the page and in the list,
the original one click away; the form, the import, the API and search."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from marketplace.extensions import db
from marketplace.models import Need
from marketplace.models._types import utcnow
from marketplace.services.common.jsonl import ImportRejected
from marketplace.services.needs import need_import
from tests.conftest import login
from tests.functional.api.conftest import bearer
from tests.functional.api.conftest import make_token as make_token  # the fixture, re-used

ZH = {"Accept-Language": "zh-CN"}
TITLE_ZH = "电动物流车电池包箱体设计"
BRIEF_ZH = ("我们在两江新区生产电动物流车，需要设计电池包箱体："
            "液冷热管理、碰撞与底部防护、IP67密封。")  # fmt: skip
TITLE_EN = "Battery pack enclosure for an electric delivery truck"
BRIEF_EN = ("We build electric delivery trucks in Liangjiang and need a battery pack enclosure: "
            "liquid cooling, crash and underbody protection, IP67 sealing.")  # fmt: skip


def text(response) -> str:
    return response.get_data(as_text=True)


def form_data(**changes) -> dict:
    """Valid /needs/new form data in Chinese (deadline in Beijing time, a week ahead)."""
    deadline = (utcnow() + timedelta(days=7, hours=8)).strftime("%Y-%m-%dT%H:%M")
    data = {"title": TITLE_ZH, "description": BRIEF_ZH, "industry_code": "NEV",
            "discipline_codes": ["ENG"], "scenario_code": "", "budget_min": "", "budget_max": "",
            "bid_deadline": deadline, "delivery_date": "", "save": "Save"}  # fmt: skip
    data.update(changes)
    return data


def heading(page: str) -> str:
    return re.search(r"<h1[^>]*>([^<]*)</h1>", page).group(1)


def toggle_of(page: str) -> tuple[str, str] | None:
    found = re.search(r'<details class="other-version"[^>]*>\s*<summary>([^<]*)</summary>(.*?)'
                      r"</details>", page, re.S)  # fmt: skip
    return (found.group(1).strip(), found.group(2)) if found else None


@pytest.fixture
def needs(post_need):
    """A published Chinese need with the manufacturer's English version, and one in Chinese only."""
    both, owner = post_need(title=TITLE_ZH, description=BRIEF_ZH, title_translation=TITLE_EN,
                            description_translation=BRIEF_EN)  # fmt: skip
    single, _owner = post_need(owner=owner, title="单语需求：摩托车油箱造型",
                               description="为一款250cc街车设计油箱和侧板造型，需兼顾骑姿、拆装和重庆夏天的高温暴晒。")
    return {"both": both, "single": single, "owner": owner}


def test_a_chinese_reader_sees_the_chinese_need_and_an_english_reader_the_english(client, needs):
    zh_page = text(client.get(f"/needs/{needs['both']}", headers=ZH))
    assert heading(zh_page) == TITLE_ZH and BRIEF_ZH in zh_page
    summary, hidden = toggle_of(zh_page)
    assert summary == "查看英文版" and TITLE_EN in hidden and BRIEF_EN in hidden
    en_page = text(client.get(f"/needs/{needs['both']}"))
    assert heading(en_page) == TITLE_EN
    assert en_page.index(BRIEF_EN) < en_page.index("<details")
    summary, hidden = toggle_of(en_page)
    assert summary == "Original (Chinese)" and TITLE_ZH in hidden and BRIEF_ZH in hidden


def test_a_need_in_one_language_shows_it_with_no_toggle(client, needs):
    for headers in (ZH, {}):
        page = text(client.get(f"/needs/{needs['single']}", headers=headers))
        assert heading(page) == "单语需求：摩托车油箱造型"
        assert toggle_of(page) is None and "other-version" not in page


def test_the_need_list_shows_titles_in_the_readers_language_with_a_link_to_the_other(
    client, needs
):
    en_list = text(client.get("/needs"))
    assert f">{TITLE_EN}</a></h3>" in en_list and f">{TITLE_ZH}</a>" not in en_list
    assert f'href="/needs/{needs["both"]}?other=1#other-version">Original (Chinese)</a>' in en_list
    zh_list = text(client.get("/needs", headers=ZH))
    assert f">{TITLE_ZH}</a></h3>" in zh_list and f">{TITLE_EN}</a>" not in zh_list


def test_search_finds_the_need_by_either_version(client, needs):
    assert f'href="/needs/{needs["both"]}"' in text(client.get("/search?q=enclosure&kind=need"))
    assert f'href="/needs/{needs["both"]}"' in text(client.get("/search?q=电池包&kind=need"))


def test_the_form_saves_the_english_version(app, manufacturer_client):
    response = manufacturer_client.post("/needs/new", data=form_data(
        title_translation=TITLE_EN, description_translation=BRIEF_EN))  # fmt: skip
    assert response.status_code == 302, text(response)[:1500]
    need_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    with app.app_context():
        need = db.session.get(Need, need_id)
        assert (need.text_lang, need.title_translation) == ("zh", TITLE_EN)
    edit = text(manufacturer_client.get(f"/needs/{need_id}/edit"))
    assert "Title: English version (optional)" in edit and BRIEF_EN in edit


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"description_translation": BRIEF_EN}, "title_translation", "Give this in English too"),
    ({"title_translation": TITLE_ZH, "description_translation": BRIEF_EN}, "title_translation",
     "This is the same as the original"),
    ({"title_translation": "另一个中文标题", "description_translation": BRIEF_EN},
     "title_translation", "The original is in Chinese, so this must be the English version."),
    ({"title_translation": TITLE_EN, "description_translation": "x" * 5001},
     "description_translation", "Use at most 5000 characters"),
])  # fmt: skip
def test_a_bad_english_version_is_a_400_naming_the_field_and_nothing_is_lost(
    app, manufacturer_client, changes, field, message
):
    response = manufacturer_client.post("/needs/new", data=form_data(**changes))
    page = text(response)
    assert response.status_code == 400
    error = re.search(rf'<p class="error" id="{field}-error">([^<]*)', page)
    assert error is not None and message in error.group(1)
    assert f'value="{TITLE_ZH}"' in page and BRIEF_ZH in page  # the typed text is kept
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Need.id))) == 0


def test_another_manufacturer_cannot_set_the_english_version_by_changing_the_id(
    app, make_account, needs
):
    intruder = app.test_client()
    login(intruder, make_account("manufacturer"))
    response = intruder.post(f"/needs/{needs['single']}/edit", data=form_data(
        title_translation="Hijacked title", description_translation=BRIEF_EN))  # fmt: skip
    assert response.status_code == 404
    with app.app_context():
        need = db.session.get(Need, needs["single"])
        assert need.title_translation is None and need.description_translation is None


def test_the_api_takes_and_gives_both_versions(
    app, client, manufacturer_client, make_token
):
    headers = bearer(make_token(manufacturer_client.account))
    body = {"title": TITLE_ZH, "description": BRIEF_ZH, "title_translation": TITLE_EN,
            "description_translation": BRIEF_EN}  # fmt: skip
    created = client.post("/api/v1/needs", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    shown = created.get_json()
    assert (shown["text_language"], shown["title_translation"]) == ("zh", TITLE_EN)
    assert shown["description_translation"] == BRIEF_EN
    bad = client.post("/api/v1/needs", json=dict(body, title_translation=TITLE_ZH),
                      headers=headers)  # fmt: skip
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "title_translation"
    other = bearer(make_token(_other_maker(app)))
    put = client.put(f"/api/v1/needs/{shown['id']}", json=dict(body, title_translation="Mine"),
                     headers=other)  # fmt: skip
    assert put.status_code == 404


def _other_maker(app):
    from marketplace.services.accounts import accounts
    from tests.conftest import PASSWORD, Account

    with app.app_context():
        user = accounts.register("manufacturer", "Other Maker", "other.maker@example.com", PASSWORD)
        return Account(user.id, user.email, PASSWORD, user.role)


def test_the_import_reads_both_versions_and_names_a_bad_line(app, make_account):
    owner = make_account("manufacturer")
    deadline = (utcnow() + timedelta(days=9)).isoformat()
    row = {"ref": "bi-1", "manufacturer": owner.email, "title": TITLE_ZH, "description": BRIEF_ZH,
           "title_translation": TITLE_EN, "description_translation": BRIEF_EN,
           "deadline": deadline}  # fmt: skip
    with app.app_context():
        need_import.import_needs(need_import.parse_needs([json.dumps(row)]))
        need = db.session.scalar(db.select(Need).where(Need.ref == "bi-1"))
        assert (need.title_translation, need.description_translation) == (TITLE_EN, BRIEF_EN)
        exported = [r.as_line() for r in need_import.export_needs()]
        assert exported[0]["title_translation"] == TITLE_EN
        bad = dict(row, ref="bi-2", title_translation=None)
        with pytest.raises(ImportRejected) as rejected:
            need_import.parse_needs([json.dumps(bad)])
        assert "title_translation" in str(rejected.value)
