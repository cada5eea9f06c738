"""Chinese by default, English on request, and a header switch that remembers the choice."""

from __future__ import annotations

import pytest

from marketplace.extensions import db
from marketplace.models import User
from tests.conftest import login
from tests.functional.i18n.conftest import plain_client


def text(response) -> str:
    return response.get_data(as_text=True)


def test_a_visitor_with_no_preference_reads_chinese(visitor):
    page = text(visitor.get("/"))
    assert '<html lang="zh-CN">' in page
    assert "让重庆制造企业找到为它们做设计的机构" in page
    assert ">应用场景</a>" in page and ">登录</a>" in page
    assert "Where Chongqing's manufacturers meet" not in page


def test_accept_language_english_gives_english(visitor):
    page = text(visitor.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}))
    assert '<html lang="en">' in page
    assert "Where Chongqing's manufacturers meet the studios" in page
    assert ">Scenarios</a>" in page


def test_accept_language_chinese_and_unknown_languages_give_chinese(visitor):
    for header in ("zh-CN,zh;q=0.9,en;q=0.5", "fr-FR", "de"):
        page = text(visitor.get("/scenarios", headers={"Accept-Language": header}))
        assert "工业设计应用场景" in page and "全部产业" in page, header


def test_forms_errors_and_flashes_are_chinese(visitor):
    form = text(visitor.post("/register", data={"role": "studio"}))
    assert "请修改标出的内容。" in form  # form summary
    assert "单位名称" in form  # a form label
    missing = visitor.get("/scenarios/NOPE-99")
    assert missing.status_code == 404 and "找不到该页面" in text(missing)
    bad = visitor.get("/scenarios?page=abc")
    assert bad.status_code == 400 and "参数“page”须为 1 至 10000 之间的整数。" in text(bad)
    login_page = text(visitor.get("/dashboard", follow_redirects=True))
    assert "请登录后查看该页面。" in login_page  # Flask-Login's message
    empty = text(visitor.post("/login", data={}))
    assert "该字段是必填字段。" in empty and "This field is required." not in empty  # WTForms


def test_counts_use_the_right_plural_in_english(app, visitor):
    english = {"Accept-Language": "en"}
    page = text(visitor.get("/studios?industry=NEV", headers=english))
    assert "0 studios match these filters" in page
    with app.test_request_context(headers=english):
        from flask_babel import ngettext

        one = ngettext(
            "%(num)d studio matches these filters", "%(num)d studios match these filters", 1
        )
        assert one == "1 studio matches these filters"
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        one = ngettext(
            "%(num)d studio matches these filters", "%(num)d studios match these filters", 1
        )
        assert one == "符合筛选条件的设计机构共 1 家"
    zh = text(visitor.get("/studios?industry=NEV"))
    assert "符合筛选条件的设计机构共 0 家" in zh


def test_the_header_switch_remembers_a_visitor_s_choice(visitor):
    page = text(visitor.get("/scenarios"))
    assert 'action="/language"' in page and ">English</button>" in page and ">中文</button>" in page
    switched = visitor.post("/language", data={"lang": "en", "next": "/scenarios?industry=NEV"})
    assert switched.status_code == 302
    assert switched.headers["Location"] == "/scenarios?industry=NEV"
    cookie = switched.headers["Set-Cookie"]
    assert cookie.startswith("lang=en;") and "Max-Age=31536000" in cookie
    assert ">Scenarios</a>" in text(visitor.get("/scenarios"))
    # the choice beats the browser's header, both ways
    visitor.post("/language", data={"lang": "zh_CN", "next": "/"})
    page = text(visitor.get("/", headers={"Accept-Language": "en"}))
    assert ">应用场景</a>" in page


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "scenarios", ""]
)
def test_the_switch_only_goes_back_to_this_site(visitor, target):
    response = visitor.post("/language", data={"lang": "en", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_an_unknown_language_is_refused_clearly(visitor):
    response = visitor.post("/language", data={"lang": "fr", "next": "/"})
    assert response.status_code == 400
    assert "请选择中文（zh_CN）或 English（en）。" in text(response)
    assert "lang=" not in response.headers.get("Set-Cookie", "")


def test_an_account_keeps_its_language_on_every_browser(app, make_account):
    account = make_account("studio")
    laptop = plain_client(app)
    login(laptop, account)
    assert ">工作台</a>" in text(laptop.get("/"))
    laptop.post("/language", data={"lang": "en", "next": "/"})
    with app.app_context():
        assert db.session.get(User, account.id).language == "en"
    phone = plain_client(app)  # no cookie, Chinese browser
    login(phone, account)
    page = text(phone.get("/", headers={"Accept-Language": "zh-CN"}))
    assert ">Dashboard</a>" in page and '<html lang="en">' in page
    phone.post("/language", data={"lang": "zh_CN", "next": "/"})
    with app.app_context():
        assert db.session.get(User, account.id).language == "zh_CN"


def test_the_switch_needs_a_csrf_token_when_csrf_is_on(csrf_app):
    c = plain_client(csrf_app)
    response = c.post("/language", data={"lang": "en", "next": "/"})
    assert response.status_code == 400
    assert "lang=" not in response.headers.get("Set-Cookie", "")
