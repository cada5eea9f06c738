"""Catalogue reads and visitor pages are cached per process, and an import shows at once."""

from __future__ import annotations

import json

from tests.conftest import login, make_app
from tests.functional.studios.conftest import profile_form


def _import_title(app, tmp_path, code: str, title: str) -> None:
    from marketplace.services.catalog import scenario_catalogue

    with app.app_context():
        lines = [json.dumps(r) for r in scenario_catalogue.export_scenarios()]
    rows = [json.loads(line) for line in lines]
    for row in rows:
        if row["code"] == code:
            row["title"] = title
    path = tmp_path / "changed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["catalog", "import", str(path)])
    assert result.exit_code == 0, result.output


def test_an_import_shows_on_cached_pages_at_once(app, client, tmp_path):
    assert "Renamed battery scenario" not in client.get("/scenarios").get_data(as_text=True)
    client.get("/scenarios/NEV-01")
    _import_title(app, tmp_path, "NEV-01", "Renamed battery scenario")
    assert "Renamed battery scenario" in client.get("/scenarios").get_data(as_text=True)
    assert "Renamed battery scenario" in client.get("/scenarios/NEV-01").get_data(as_text=True)
    assert "Renamed battery scenario" in client.get("/industries/NEV").get_data(as_text=True)


def test_another_process_notices_an_import_made_elsewhere(app, tmp_path):
    other = make_app(tmp_path / "other", tmp_path / "test.db", CATALOGUE_CHECK_SECONDS=0)
    reader = other.test_client()
    assert "Renamed elsewhere" not in reader.get("/scenarios").get_data(as_text=True)
    _import_title(app, tmp_path, "NEV-01", "Renamed elsewhere")
    assert "Renamed elsewhere" in reader.get("/scenarios").get_data(as_text=True)
    assert "Renamed elsewhere" in reader.get("/scenarios/NEV-01").get_data(as_text=True)


def test_filters_and_pages_match_the_database(client):
    html = client.get("/scenarios?industry=NEV&discipline=UX").get_data(as_text=True)
    from marketplace.extensions import db
    from marketplace.models import Discipline, Industry, Scenario

    with client.application.app_context():
        expected = {
            s.code
            for s in db.session.query(Scenario).filter(
                Scenario.industry_code == "NEV", Scenario.disciplines.any(Discipline.code == "UX")
            )
        }
        in_order = [
            s.code
            for s in db.session.query(Scenario)
            .join(Scenario.industry)
            .order_by(Industry.position, Scenario.code)
        ]
    assert expected and all(f"/scenarios/{code}" in html for code in expected)
    last = client.get("/scenarios?page=5").get_data(as_text=True)
    assert all(f'"/scenarios/{code}"' in last for code in in_order[80:])
    second = client.get("/scenarios?page=2").get_data(as_text=True)
    assert f'"/scenarios/{in_order[0]}"' not in second
    assert f'"/scenarios/{in_order[20]}"' in second


def test_a_visitor_page_is_never_served_to_a_logged_in_reader(app, client, make_account):
    client.get("/scenarios")  # cached for visitors
    account = make_account("studio")
    reader = app.test_client()
    login(reader, account)
    response = reader.get("/scenarios")
    assert 'action="/logout"' in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_a_studio_saving_its_profile_shows_in_the_directory_of_another_process(
    app, studio_client, tmp_path
):
    other = make_app(tmp_path / "other", tmp_path / "test.db")
    visitor = other.test_client()
    assert "Cached Form Lab" not in visitor.get("/studios").get_data(as_text=True)
    response = studio_client.post("/studio/profile", data=profile_form(name="Cached Form Lab"))
    assert response.status_code == 302
    assert "Cached Form Lab" in visitor.get("/studios").get_data(as_text=True)
