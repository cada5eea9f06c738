"""/city, /staff/city, open data and monthly reports, as a visitor, a studio and staff see them."""

from __future__ import annotations

import json

import jsonschema_rs
import pytest

DATASETS = ("figures", "industries", "districts", "months", "scenarios", "design-centres")


def test_city_is_public_in_chinese(client):
    client.set_cookie("lang", "zh_CN")
    page = client.get("/city")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "国家级工业设计中心达到15家以上" in html  # the target's source sentence in Chinese
    assert "设计之都" in html
    assert "<svg" in html and "<table" in html  # charts with their tables
    assert "<script" not in html


def test_city_in_english_states_the_threshold_and_targets(client):
    client.set_cookie("lang", "en")
    html = client.get("/city").get_data(as_text=True)
    assert "fewer than 3 awards or contracts" in html
    assert "at least 15 national-level industrial design centres" in html
    assert "Not yet recorded" in html  # contracted value before outcomes exist


@pytest.mark.parametrize(("query", "named"), [
    ("period=2026-13", "period"), ("period=last-year", "period"), ("period=1999", "period"),
    ("district=atlantis", "district"), ("industry=CARS", "industry"),
])  # fmt: skip
def test_malformed_filters_get_400_naming_them(client, query, named):
    client.set_cookie("lang", "en")
    page = client.get(f"/city?{query}")
    assert page.status_code == 400
    assert named in page.get_data(as_text=True)


def test_an_empty_period_shows_zeros_and_a_sentence(client):
    client.set_cookie("lang", "en")
    page = client.get("/city?period=2020-01")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Nothing was published, bid on or awarded in this period" in html


def test_staff_pages_are_for_staff_only(client, studio_client):
    assert client.get("/staff/city").status_code in (302, 401)
    assert studio_client.get("/staff/city").status_code == 403
    assert studio_client.get("/staff/city/reports").status_code == 403
    assert studio_client.get("/staff/city.csv").status_code == 403


def test_staff_drilldown_and_csv(staff_client):
    assert staff_client.get("/staff/city?period=2026&industry=NEV").status_code == 200
    csv = staff_client.get("/staff/city.csv?period=2026")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert "days_to_publish" in csv.get_data(as_text=True)
    assert staff_client.get("/staff/city?district=nowhere").status_code == 400


@pytest.mark.parametrize("name", DATASETS)
def test_open_data_validates_against_its_schema(client, name):
    schema = client.get(f"/open-data/schemas/{name}.schema.json").get_json()
    doc = client.get(f"/open-data/{name}.json").get_json()
    jsonschema_rs.validate(schema, doc)
    assert doc["licence"]["name"].startswith("Creative Commons")
    csv = client.get(f"/open-data/{name}.csv").get_data(as_text=True)
    header = csv.lstrip("\ufeff").splitlines()[0].split(",")
    assert header == list(schema["properties"]["rows"]["items"]["properties"])


def test_open_data_per_month_url_and_bad_month(client):
    doc = client.get("/open-data/2026-01/figures.json").get_json()
    assert doc["period"] == "2026-01"
    assert client.get("/open-data/2026-1/figures.json").status_code == 400
    assert client.get("/open-data/nothing.json").status_code == 404
    assert client.get("/open-data/").status_code == 200


def test_a_report_is_kept_once_and_opened(app, staff_client):
    made = staff_client.post("/staff/city/reports", data={"month": "2026-01"})
    assert made.status_code == 303
    page = staff_client.get("/staff/city/reports/2026-01")
    assert page.status_code == 200 and "<svg" in page.get_data(as_text=True)
    pdf = staff_client.get("/staff/city/reports/2026-01.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    again = staff_client.post("/staff/city/reports", data={"month": "2026-01"},
                              follow_redirects=True)  # fmt: skip
    assert again.status_code == 200
    assert "2026-01" in staff_client.get("/staff/city/reports").get_data(as_text=True)
    assert staff_client.get("/staff/city/reports/2026-02").status_code == 404
    assert staff_client.get("/staff/city/reports/2026-99").status_code == 400


def test_the_monthly_job_keeps_last_months_report(app):
    from datetime import datetime

    from marketplace.services.city import city_reports

    with app.app_context():
        assert city_reports.generate_due(datetime(2026, 2, 1, 2, 0)) == "2026-01"
        assert city_reports.generate_due(datetime(2026, 2, 1, 3, 0)) is None  # kept already
        kept = city_reports.get("2026-01")
        assert json.dumps(kept.snapshot)  # stored as plain data
        assert kept.generated_by_id is None and kept.pdf.startswith(b"%PDF")


def test_api_figures_match_the_page(client):
    body = client.get("/api/v1/city/figures?period=2026").get_json()
    assert body["period"] == "2026"
    assert body["figures"]["contracted_value"] == {"value": None, "status": "not_recorded"}
    assert client.get("/api/v1/city/figures?period=26").status_code == 400



def test_api_datasets_are_the_open_data_documents(client):
    doc = client.get("/api/v1/city/datasets/industries?period=2026-01").get_json()
    schema = client.get("/open-data/schemas/industries.schema.json").get_json()
    jsonschema_rs.validate(schema, doc)
    assert len(doc["rows"]) == 13
    bad = client.get("/api/v1/city/datasets/industries?period=2026")
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "month"
    assert client.get("/api/v1/city/datasets/nope").status_code == 404


def test_staff_preview_of_the_running_month_is_not_kept(staff_client):
    staff_client.set_cookie("lang", "en")
    page = staff_client.get("/staff/city/reports/preview")
    assert page.status_code == 200
    assert "Preview of the running month so far" in page.get_data(as_text=True)
    assert "No report is kept yet" in staff_client.get("/staff/city/reports").get_data(as_text=True)
