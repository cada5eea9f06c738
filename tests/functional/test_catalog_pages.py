"""Visitors browse the industries and scenarios; bad addresses get friendly answers."""

from __future__ import annotations

import re

import pytest


def text(response) -> str:
    return response.get_data(as_text=True)


def test_home_shows_the_thirteen_industries_with_counts(client):
    response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    assert page.count('class="tile"') == 13
    assert "10 scenarios" in page  # NEV
    assert "4 scenarios" in page  # FUTURE
    assert "智能网联" in page or "汽车" in page
    assert "/industries/NEV" in page


def test_industry_page_shows_trend_and_its_scenarios(client):
    response = client.get("/industries/MOTO")
    page = text(response)
    assert response.status_code == 200
    assert "High-end motorcycles" in page
    assert "Development trend" in page
    assert len(re.findall(r'href="/scenarios/MOTO-\d\d"', page)) == 6


def test_industry_code_is_case_insensitive(client):
    assert client.get("/industries/moto").status_code == 200


def test_scenario_detail_shows_everything(client):
    response = client.get("/scenarios/NEV-01")
    page = text(response)
    assert response.status_code == 200
    assert "NEV-01" in page
    assert "Typical deliverables" in page
    assert re.search(r"[\u4e00-\u9fff]", page)


def test_scenario_list_is_paginated(client):
    first = text(client.get("/scenarios"))
    assert "83 scenarios" in first
    assert "Page 1 of 5" in first
    assert first.count('class="card"') == 20
    last = text(client.get("/scenarios?page=5"))
    assert last.count('class="card"') == 3


def test_scenario_list_filters_by_industry_and_discipline(client):
    page = text(client.get("/scenarios?industry=NEV"))
    assert "10 scenarios" in page
    assert "ELEC-01" not in page
    both = text(client.get("/scenarios?industry=TEXT&discipline=FASHION"))
    codes = set(re.findall(r"TEXT-\d\d", both))
    assert codes and all(c.startswith("TEXT") for c in codes)
    assert "ELEC-" not in both


def test_filter_links_keep_the_other_filter(client):
    page = text(client.get("/scenarios?industry=NEV"))
    assert "discipline=UX" in page and "industry=NEV" in page


@pytest.mark.parametrize(
    "url",
    ["/scenarios?industry=XYZ", "/scenarios?discipline=nope", "/scenarios?page=abc",
     "/scenarios?page=0", "/scenarios?page=99999999999999999999"],
)  # fmt: skip
def test_bad_query_parameters_get_a_400_page_naming_them(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "<html" in text(response)
    assert re.search(r"industry|discipline|page", text(response))


def test_a_page_past_the_end_is_empty_not_an_error(client):
    response = client.get("/scenarios?page=40")
    assert response.status_code == 200
    assert "No scenario matches" in text(response)


@pytest.mark.parametrize("url", ["/industries/NOPE", "/scenarios/NEV-99", "/no-such-page"])
def test_unknown_codes_get_a_friendly_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    page = text(response).lower()
    assert any(hint in page for hint in ("could not find", "no scenario", "no industry"))
    assert "browse all scenarios" in page


def test_assets_are_served_locally(client):
    page = text(client.get("/"))
    assert "https://" not in re.sub(r'href="https://[^"]*"', "", page.split("<body")[0])
    assert client.get("/static/css/site.css").status_code == 200
    for src in re.findall(r'(?:src|href)="([^"]+\.(?:css|js|svg|png))"', page):
        assert src.startswith("/static/"), src


# ---------------------------------------------------------------- reader's language


def chinese(client):
    client.set_cookie("lang", "zh_CN")
    return client


def english(client):
    client.set_cookie("lang", "en")
    return client


def test_scenario_page_reads_in_chinese_by_default_with_english_one_click_away(client):
    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE", None)  # a browser that states no preference
    page = text(client.get("/scenarios/FOOD-01"))
    main, _, other = page.partition('<details class="other-language"')
    assert "火锅底料" in main and "出口" in main
    assert "份量与包装形态架构" in main  # Chinese deliverables in the main text
    assert "Beef-tallow hotpot base" not in main
    assert "Beef-tallow hotpot base" in other and "Portion and pack-format architecture" in other
    assert 'lang="en"' in other.split("</details>")[0]


def test_scenario_page_reads_in_english_with_chinese_one_click_away(client):
    page = text(english(client).get("/scenarios/FOOD-01"))
    main, _, other = page.partition('<details class="other-language"')
    assert "Beef-tallow hotpot base" in main and "Portion and pack-format architecture" in main
    assert "牛油火锅底料" not in main
    assert "牛油火锅底料" in other


def test_every_scenario_page_says_the_text_is_representative(client):
    for url in ("/scenarios/NEV-01", "/scenarios/FUTURE-04"):
        page = text(english(client).get(url))
        head = page.partition("The design challenge")[0]
        assert "representative-notice" in head  # above the description, not only in the footer
        assert "not the official wording" in head


def test_industry_page_shows_the_trend_in_the_readers_language(client):
    zh = text(chinese(client).get("/industries/SOFT"))
    assert "<h1>软件信息服务</h1>" in zh
    assert "工业互联网平台" in zh.partition('<details class="other-language"')[0]
    en = text(english(client).get("/industries/SOFT"))
    assert "<h1>Software and information services</h1>" in en
    main, _, other = en.partition('<details class="other-language"')
    assert "industrial internet platforms" in main and "工业互联网平台" in other


def test_scenario_list_titles_and_summaries_follow_the_reader(client):
    zh = text(chinese(client).get("/scenarios?industry=ENERGY"))
    assert "工业园区工商业储能运维服务与监控界面设计" in zh
    assert "设计工业园区共享储能电站的运行方式" in zh  # Chinese summary
    en = text(english(client).get("/scenarios?industry=ENERGY"))
    assert "Operations service and monitoring interface for factory-park energy storage" in en
    assert "shared battery-storage station" in en


def test_home_tiles_name_industries_in_the_readers_language(client):
    zh = text(chinese(client).get("/"))
    assert '<strong class="tile-title">生物医药</strong>' in zh
    en = text(english(client).get("/"))
    assert '<strong class="tile-title">Biomedicine and medical devices</strong>' in en


def test_localized_falls_back_to_english_when_a_chinese_text_is_missing(app):
    from marketplace.catalog.localize import localized

    row = {"summary": "An English summary", "summary_zh": ""}
    with app.test_request_context(headers={"Cookie": "lang=zh_CN"}):
        assert localized(row, "summary") == "An English summary"
        assert localized(row, "summary", other=True) == "An English summary"
    with app.test_request_context(headers={"Cookie": "lang=en"}):
        assert localized(row, "summary") == "An English summary"
        assert localized(row, "summary", other=True) == ""


# ---------------------------------------------------------------- the official list


def test_public_footer_no_longer_shows_the_developer_command(client):
    page = text(client.get("/"))
    footer = page.partition('<footer class="site-footer">')[2]
    assert footer and "flask --app wsgi" not in footer and "catalog import" not in footer


def test_staff_page_explains_how_to_load_the_official_list(staff_client):
    dashboard = text(staff_client.get("/staff"))
    assert 'href="/staff/catalogue"' in dashboard
    response = staff_client.get("/staff/catalogue")
    page = text(response)
    assert response.status_code == 200
    assert "flask --app wsgi catalog import scenarios.jsonl" in page
    for field in ("summary_zh", "description_zh", "deliverables_zh", "title_zh"):
        assert f"<code>{field}</code>" in page
    assert "&#34;code&#34;: &#34;NEV-01&#34;" in page or '"code": "NEV-01"' in page


@pytest.mark.parametrize("who", ["visitor", "studio", "manufacturer"])
def test_only_staff_reach_the_catalogue_loading_page(client, studio_client, manufacturer_client,
                                                     who):  # fmt: skip
    c = {"visitor": client, "studio": studio_client, "manufacturer": manufacturer_client}[who]
    response = c.get("/staff/catalogue")
    assert response.status_code in (302, 403)
    assert "catalog import" not in text(response)
