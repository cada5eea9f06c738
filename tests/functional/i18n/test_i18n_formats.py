"""Dates in Asia/Shanghai and money in CNY, formatted for the reader's language."""

from __future__ import annotations

from datetime import datetime

import pytest

from marketplace.templating import format_cny, format_date, format_time

LATE_EVENING_UTC = datetime(2026, 11, 22, 20, 5)  # already 23 November in Chongqing


@pytest.mark.parametrize(
    ("language", "day", "moment", "money"),
    [
        ("zh-CN", "2026年11月23日", "2026年11月23日 04:05", "¥12,000"),
        ("en", "Nov 23, 2026", "Nov 23, 2026 04:05", "CN¥12,000"),
    ],
)
def test_times_show_in_shanghai_and_money_in_yuan(app, language, day, moment, money):
    with app.test_request_context(headers={"Accept-Language": language}):
        assert format_date(LATE_EVENING_UTC) == day
        assert format_time(LATE_EVENING_UTC) == moment
        assert format_cny(12000) == money
        assert format_cny(None) == "" and format_date(None) == ""


def test_templates_have_the_date_datetime_and_cny_filters(app):
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        template = app.jinja_env.from_string("{{ t|date }} | {{ t|datetime }} | {{ 1500|cny }}")
        expected = "2026年11月23日 | 2026年11月23日 04:05 | ¥1,500"
        assert template.render(t=LATE_EVENING_UTC) == expected


def test_the_account_page_shows_the_member_date_in_chinese(app, studio_client):
    studio_client.environ_base.pop("HTTP_ACCEPT_LANGUAGE", None)
    page = studio_client.get("/account").get_data(as_text=True)
    assert "注册时间" in page
    assert "年" in page.split("注册时间", 1)[1][:80]
