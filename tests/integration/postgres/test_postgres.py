"""The app on PostgreSQL (psycopg 3): migrations, init, a studio's flow, search and matching."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from marketplace.extensions import db, include_object
from marketplace.models import Scenario, Studio
from tests.conftest import PASSWORD, login, make_app

DEV_STUDIOS = Path(__file__).resolve().parents[2] / "data" / "dev_studios.jsonl"


@pytest.fixture
def pg_app(tmp_path, postgres_url):
    """An app on an empty PostgreSQL database, initialised by the real `init` command."""
    app = make_app(tmp_path, tmp_path / "unused.db", SQLALCHEMY_DATABASE_URI=postgres_url)
    result = app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0, result.output
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_migrations_on_postgres_produce_the_models_schema(pg_app):
    with pg_app.app_context():
        assert db.engine.dialect.name == "postgresql"
        assert db.engine.dialect.driver == "psycopg"
        with db.engine.connect() as conn:
            # the search vocabulary is PostgreSQL's own: no model declares it
            opts = {"compare_type": True, "include_object": include_object}
            context = MigrationContext.configure(conn, opts=opts)
            assert compare_metadata(context, db.metadata) == []


def test_init_twice_on_postgres_keeps_one_catalogue(pg_app):
    again = pg_app.test_cli_runner().invoke(args=["init"])
    assert again.exit_code == 0, again.output
    assert "83 unchanged" in again.output
    with pg_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Scenario)) == 83


def test_a_studio_registers_fills_its_profile_and_is_found_and_matched(pg_app):
    client = pg_app.test_client()
    response = client.post("/register", data={
        "role": "studio", "organisation_name": "Liangjiang Cockpit Studio",
        "email": "cockpit@example.com", "password": PASSWORD, "confirm": PASSWORD,
    })  # fmt: skip
    assert response.status_code == 302
    saved = client.post("/studio/profile", data={
        "name": "Liangjiang Cockpit Studio", "district": "yubei",
        "capability_statement": "We design cockpit screens, instrument clusters and voice "
        "assistants for electric cars, and test them with drivers in a simulator.",
        "industry_codes": ["NEV"], "discipline_codes": ["UX"], "accreditation": "none",
    }, follow_redirects=True)  # fmt: skip
    assert saved.status_code == 200, saved.get_data(as_text=True)[:400]
    assert "Profile saved." in saved.get_data(as_text=True)
    assert "Liangjiang Cockpit Studio" in client.get("/studios?discipline=UX").get_data(True)
    assert "Liangjiang Cockpit Studio" in client.get("/search?q=cockpit").get_data(True)
    dashboard = client.get("/studio/dashboard").get_data(as_text=True)
    assert dashboard.count('class="match-item"') == 10


def test_a_bad_import_line_changes_nothing_and_a_good_one_updates_in_place(pg_app, tmp_path):
    runner = pg_app.test_cli_runner()
    first_lines = DEV_STUDIOS.read_text(encoding="utf-8").splitlines()[:3]
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(first_lines) + "\n", encoding="utf-8")
    assert runner.invoke(args=["studios", "import", str(good)]).exit_code == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text(first_lines[0].replace('"Lumen Cockpit Lab"', '"Lumen Renamed"') + "\n"
                   + '{"ref": "X9", "name": ""}\n', encoding="utf-8")  # fmt: skip
    refused = runner.invoke(args=["studios", "import", str(bad)])
    assert refused.exit_code != 0
    assert "line 2" in refused.output
    with pg_app.app_context():
        names = set(db.session.scalars(select(Studio.name)))
        assert "Lumen Cockpit Lab" in names and "Lumen Renamed" not in names
        assert db.session.scalar(select(func.count()).select_from(Studio)) == 3


def test_logging_out_ends_the_session_on_postgres(pg_app):
    from marketplace.services.accounts import accounts

    with pg_app.app_context():
        user = accounts.register("manufacturer", "Chang'an Parts", "parts@example.com", PASSWORD)
        account = type("A", (), {"email": user.email, "password": PASSWORD})()
    client = pg_app.test_client()
    login(client, account)
    cookie = client.get_cookie("session")
    assert client.get("/manufacturer").status_code == 200
    client.post("/logout")
    replay = pg_app.test_client()
    replay.set_cookie("session", cookie.value)
    assert replay.get("/manufacturer").status_code in (302, 401)
