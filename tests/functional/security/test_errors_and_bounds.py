"""405 with Allow, the real 413 cap, read-only 503, API errors in the caller's language,
production settings refused, bounded suggestions and uploads (issue 24, items 3, 5, 6)."""

from __future__ import annotations

import io
import sqlite3

import pytest

from marketplace.config import ConfigError, ProductionConfig
from tests.functional.needs.test_need_pages import form_data
from tests.functional.studios.conftest import item_form


def test_html_405_carries_allow(client):
    response = client.delete("/needs")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_api_405_carries_allow_and_the_json_error(client):
    response = client.delete("/api/v1/needs")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"] and "POST" in response.headers["Allow"]
    assert response.get_json()["error"]["code"] == "method_not_allowed"


def test_api_errors_follow_accept_language(client):
    chinese = client.get("/api/v1/needs/999999", headers={"Accept-Language": "zh-CN"})
    english = client.get("/api/v1/needs/999999", headers={"Accept-Language": "en"})
    assert chinese.status_code == english.status_code == 404
    assert chinese.get_json()["error"]["message"] != english.get_json()["error"]["message"]
    headers = {"Accept-Language": "zh-CN", "Authorization": "Bearer nope"}
    unauthorised = client.get("/api/v1/needs", headers=headers)
    assert unauthorised.status_code == 401
    assert not unauthorised.get_json()["error"]["message"].isascii()


def test_the_413_page_states_the_cap_in_force_for_that_form(studio_client):
    big = io.BytesIO(b"x" * (41 * 1024 * 1024))
    response = studio_client.post(
        "/studio/portfolio/new", data={"title": "x", "image": (big, "big.png")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert response.status_code == 413
    assert "40 MB" in response.get_data(as_text=True)
    response = studio_client.post("/account/tokens", data={"name": "x" * (7 * 1024 * 1024)})
    assert response.status_code == 413
    assert "6 MB" in response.get_data(as_text=True)


def test_a_read_only_database_gives_a_503_in_the_readers_language(app, make_account):
    account = make_account("studio")
    db_path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    from marketplace.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {}
    with app.app_context():
        from sqlalchemy import event

        @event.listens_for(db.engine, "connect")
        def _read_only(conn, _record):
            conn.execute("PRAGMA query_only = ON")

    def answer(language):
        return app.test_client().post(
            "/register", headers={"Accept-Language": language},
            data={"role": "studio", "organisation_name": "New Studio", "email": "n@example.com",
                  "password": "correct horse battery staple",
                  "confirm": "correct horse battery staple"},
        )  # fmt: skip

    english, chinese = answer("en"), answer("zh-CN")
    assert english.status_code == chinese.status_code == 503
    assert "read-only mode" in english.get_data(as_text=True)
    assert "只读" in chinese.get_data(as_text=True)
    assert sqlite3.connect(db_path).execute("select count(*) from users").fetchone()[0] == 1
    del account


@pytest.mark.parametrize("key", ["a" * 40, "ab" * 20, "0123456789" * 3])
def test_production_refuses_a_secret_key_without_enough_distinct_characters(monkeypatch, key):
    monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(ConfigError, match=r"different characters|at least 32"):
        ProductionConfig.validate()


def test_production_refuses_memory_counters_with_several_workers_unless_allowed(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "f3a9c1d07be24a6885e1c0d4b7a2f69e3d5c8b1a")
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    with pytest.raises(ConfigError, match="memory://"):
        ProductionConfig.validate()
    monkeypatch.setenv("ALLOW_MEMORY_RATELIMITS", "1")
    ProductionConfig.validate()
    monkeypatch.delenv("ALLOW_MEMORY_RATELIMITS")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/1")
    ProductionConfig.validate()


def test_suggest_disciplines_uses_the_lexical_tagger_and_bounds_the_text(
    app, manufacturer_client, monkeypatch
):
    from matching import encoder

    def no_model(*_a, **_k):
        raise AssertionError("the embedding model must not load in a web request")

    monkeypatch.setattr(encoder, "SentenceEncoder", no_model, raising=False)
    description = ("Battery pack enclosure with thermal design for an electric vehicle, "
                   "crash safety and CMF of the charging port. ") * 40_000  # ~5 MB
    data = form_data(description=description, suggest="1", discipline_codes=[])
    data.pop("save")
    response = manufacturer_client.post("/needs/new", data=data)
    assert response.status_code in (200, 413)
    if response.status_code == 200:
        assert "Only the first" in response.get_data(as_text=True)
    short = form_data(description="Battery pack enclosure with thermal management for an "
                      "electric vehicle, crash safety, charging port.", suggest="1")  # fmt: skip
    short.pop("save")
    page = manufacturer_client.post("/needs/new", data=short).get_data(as_text=True)
    assert "Suggested disciplines are ticked" in page


def test_one_upload_may_not_hold_more_pixels_than_the_budget(studio_client):
    from PIL import Image

    def png():
        out = io.BytesIO()
        Image.new("RGB", (4000, 4000), (200, 80, 40)).save(out, "PNG")
        out.seek(0)
        return out

    files = [(png(), f"big{i}.png") for i in range(4)]  # 64 megapixels together
    response = studio_client.post(
        "/studio/portfolio/new", content_type="multipart/form-data",
        data=item_form(images=files),
    )  # fmt: skip
    assert response.status_code == 400
    assert "megapixels together" in response.get_data(as_text=True)
