"""Page versions are remembered per process for PAGE_VERSION_SECONDS: a change made through this
process shows on the next visit; one made elsewhere (another worker, host or the job consumer)
shows once that many seconds have passed, not before."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest

from marketplace import pagecache
from tests.functional.studios.conftest import filled_studio as filled_studio  # the fixture
from tests.functional.studios.conftest import text


@pytest.fixture
def clock(app, monkeypatch):
    """Versions kept for 5 s, with a clock the test moves."""
    app.config["PAGE_VERSION_SECONDS"] = 5.0
    now = SimpleNamespace(value=1000.0)
    monkeypatch.setattr(pagecache, "time", SimpleNamespace(monotonic=lambda: now.value))
    return now


def _other_host_renames(app, studio_id: int, name: str) -> None:
    """A write that never goes through this process's sessions (as from another host)."""
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE studios SET name = ?, updated_at = datetime('now', '+1 minute') WHERE id = ?",
            (name, studio_id),
        )


def test_a_change_through_this_process_shows_on_the_next_visit(app, clock, filled_studio):
    visitor = app.test_client()
    assert "NEV-01" not in text(visitor.get(f"/studios/{filled_studio.account.studio_id}"))
    filled_studio.post("/scenarios/NEV-01/interest", data={"note": "Battery docks."})
    assert "NEV-01" in text(visitor.get(f"/studios/{filled_studio.account.studio_id}"))


def test_a_change_from_another_host_shows_once_the_seconds_have_passed(app, clock, filled_studio):
    url = f"/studios/{filled_studio.account.studio_id}"
    visitor = app.test_client()
    assert "Yubei Form Lab" in text(visitor.get(url))
    _other_host_renames(app, filled_studio.account.studio_id, "Shapingba Form Lab")
    clock.value += 4.0
    assert "Yubei Form Lab" in text(visitor.get(url))  # the remembered version: the stored page
    clock.value += 1.5
    page = text(visitor.get(url))
    assert "Shapingba Form Lab" in page and "Yubei Form Lab" not in page


def test_without_remembering_every_visit_reads_the_version(app, filled_studio):
    assert app.config.get("PAGE_VERSION_SECONDS", 0.0) == 0.0  # tests read on every visit
    url = f"/studios/{filled_studio.account.studio_id}"
    visitor = app.test_client()
    assert "Yubei Form Lab" in text(visitor.get(url))
    _other_host_renames(app, filled_studio.account.studio_id, "Shapingba Form Lab")
    assert "Shapingba Form Lab" in text(visitor.get(url))
