"""/readyz: ready only when the database takes writes, the queue answers, the index reads and a
consumer beats; each failure names its reason."""

from __future__ import annotations

import time

import pytest
from huey import SqliteHuey
from sqlalchemy import event

from marketplace import heartbeat, jobs
from marketplace.extensions import db
from marketplace.services.search import indexing


@pytest.fixture
def indexed_app(app):
    with app.app_context():
        indexing.rebuild()
    return app


@pytest.fixture
def queue(tmp_path, monkeypatch):
    """A real (not in-process) SQLite queue, as a production web host sees it."""
    huey = SqliteHuey("readiness-test", filename=str(tmp_path / "huey.db"))
    monkeypatch.setattr(jobs, "huey", huey)
    return huey


def _checks(response) -> dict:
    return response.get_json()["checks"]


def test_a_healthy_instance_is_ready_and_says_what_it_checked(indexed_app):
    response = indexed_app.test_client().get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ready"
    checks = _checks(response)
    assert set(checks) == {"database", "queue", "search_index", "consumer"}
    assert checks["search_index"]["detail"].startswith("83 documents")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.get_json()["summary"] == "Ready to take traffic."


def test_a_reader_without_a_language_gets_chinese_sentences_under_the_same_keys(indexed_app, queue):
    reader = indexed_app.test_client()
    reader.environ_base.pop("HTTP_ACCEPT_LANGUAGE", None)  # the test client asks for English
    chinese = reader.get("/readyz")
    english = indexed_app.test_client().get("/readyz", headers={"Accept-Language": "en"})
    assert chinese.headers["Content-Language"] == "zh-CN"
    assert english.headers["Content-Language"] == "en"
    assert chinese.status_code == english.status_code == 503
    zh, en = chinese.get_json(), english.get_json()
    assert set(zh) == set(en) == {"status", "summary", "checks"}
    assert zh["status"] == en["status"] == "not ready"  # for machines: never translated
    assert {name: c["ok"] for name, c in zh["checks"].items()} == {
        name: c["ok"] for name, c in en["checks"].items()
    }
    assert en["checks"]["consumer"]["detail"] == "no job consumer has started"
    assert zh["checks"]["consumer"]["detail"] == "尚无后台任务进程启动"
    assert zh["checks"]["search_index"]["detail"] == "83 个文档"
    assert en["summary"] == "Not ready: consumer failed."
    assert zh["summary"] == "未就绪：consumer 检查未通过。"


def test_a_read_only_database_is_not_ready(indexed_app):
    with indexed_app.app_context():
        event.listen(
            db.engine, "connect", lambda conn, _rec: conn.execute("PRAGMA query_only=1")
        )
        db.engine.dispose()
    response = indexed_app.test_client().get("/readyz")
    assert response.status_code == 503
    database = _checks(response)["database"]
    assert database["ok"] is False
    assert "cannot write to the database" in database["detail"]
    assert "readonly" in database["detail"]


def test_a_nearly_full_disk_is_not_ready(indexed_app):
    indexed_app.config["READY_MIN_FREE_MB"] = 10**12  # more than any disk has
    response = indexed_app.test_client().get("/readyz")
    assert response.status_code == 503
    assert "disk nearly full" in _checks(response)["database"]["detail"]


def test_an_empty_index_beside_a_full_catalogue_is_not_ready(app):
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert "flask search rebuild" in _checks(response)["search_index"]["detail"]


def test_without_a_consumer_heartbeat_the_host_is_not_ready(indexed_app, queue):
    response = indexed_app.test_client().get("/readyz")
    assert response.status_code == 503
    assert _checks(response)["consumer"] == {
        "ok": False, "detail": "no job consumer has started",
    }  # fmt: skip


def test_a_fresh_heartbeat_is_ready_and_a_stale_one_is_not(indexed_app, queue, monkeypatch):
    heartbeat.beat(queue)
    client = indexed_app.test_client()
    assert client.get("/readyz").status_code == 200
    later = time.time() + 300
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "last heartbeat 300 s ago (limit 60 s)" in _checks(response)["consumer"]["detail"]


def test_a_queue_that_does_not_answer_is_not_ready(indexed_app, queue, tmp_path):
    (tmp_path / "huey.db").unlink()
    (tmp_path / "huey.db").mkdir()  # the queue file is now a folder: SQLite cannot open it
    queue.storage.close()
    response = indexed_app.test_client().get("/readyz")
    assert response.status_code == 503
    assert _checks(response)["queue"]["ok"] is False
