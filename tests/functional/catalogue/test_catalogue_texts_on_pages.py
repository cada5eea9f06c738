"""The corrected catalogue texts are what readers see, in both languages."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("lang", "wanted", "gone"),
    [
        ("zh_CN", "联合国教科文组织“设计之都”（2023年11月入选）", "申报"),
        ("en", "UNESCO City of Design since November 2023", "candidate"),
    ],
)
def test_home_says_chongqing_is_a_city_of_design(client, lang, wanted, gone):
    client.set_cookie("lang", lang)
    page = client.get("/").get_data(as_text=True)
    assert wanted in page and gone not in page


def test_industry_pages_show_the_corrected_trends(client):
    client.set_cookie("lang", "zh_CN")
    alloy = client.get("/industries/ALLOY").get_data(as_text=True)
    assert "主导产业集群" in alloy and "支柱" not in alloy
    future = client.get("/industries/FUTURE").get_data(as_text=True)
    assert "“新星”产业集群及未来产业等新兴领域" in future
    assert "不在2023年公布的集群之列" in future
    client.set_cookie("lang", "en")
    textiles = client.get("/industries/TEXT").get_data(as_text=True)
    assert "UNESCO City of Design in November 2023" in textiles and "bid to become" not in textiles


def test_a_scenario_page_names_no_firm(client):
    client.set_cookie("lang", "en")
    page = client.get("/scenarios/DISP-02").get_data(as_text=True)
    assert "Changan" not in page and "Seres" not in page
    assert "car makers and their tier-one suppliers" in page
