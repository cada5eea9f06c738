"""A failed index write never loses or rolls back the user's change; it is logged and repairable."""

from __future__ import annotations

import logging
import time

from marketplace.extensions import db
from marketplace.models import Studio
from marketplace.policies.actor import Actor
from marketplace.services.search import indexing
from marketplace.services.studios.studio_profiles import ProfileInput, update_profile
from search_index import SearchIndex
from tests.integration.search.conftest import found

STATEMENT = (
    "We design dehumidifiers and hotpot induction cookers for Chongqing's appliance makers, "
    "from styling to tooling."
)


def save_profile(app, studio_id: int, name: str) -> None:
    with app.app_context():
        update_profile(Actor(role="studio", studio_id=studio_id), studio_id,
                       ProfileInput(name=name, capability_statement=STATEMENT))


def saved_name(app, studio_id: int) -> str:
    with app.app_context():
        return db.session.get(Studio, studio_id).name


def test_an_index_write_failure_keeps_the_saved_change_and_is_logged(
    indexed, runner, make_account, monkeypatch, caplog
):
    studio_id = make_account("studio").studio_id

    def disk_full(self, keys, load):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(SearchIndex, "refresh", disk_full)
    with caplog.at_level(logging.ERROR):
        save_profile(indexed, studio_id, "Hotpot Works")
    assert saved_name(indexed, studio_id) == "Hotpot Works"
    messages = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert f"studio:{studio_id}" in messages and "search check --fix" in messages
    assert "No space left on device" in caplog.text

    monkeypatch.undo()
    assert found(indexed, "hotpot", kind="studio") == []
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1 and f"studio:{studio_id}" in result.output
    assert runner.invoke(args=["search", "check", "--fix"]).exit_code == 0
    assert found(indexed, "hotpot", kind="studio") == [f"studio:{studio_id}"]


def test_a_locked_index_makes_the_writer_wait_then_give_up_without_losing_the_save(
    app, runner, make_account, caplog
):
    app.config["SEARCH_WRITER_TIMEOUT"] = 0.3
    with app.app_context():
        indexing.rebuild()
    studio_id = make_account("studio").studio_id
    other_worker = SearchIndex(app.config["SEARCH_INDEX_DIR"]).open_or_create()
    writer = other_worker.ix.writer()  # another process's long rebuild holds the lock
    try:
        started = time.perf_counter()
        with caplog.at_level(logging.ERROR):
            save_profile(app, studio_id, "Dehumidifier Lab")
        waited = time.perf_counter() - started
    finally:
        writer.cancel()
    assert waited >= 0.3
    assert saved_name(app, studio_id) == "Dehumidifier Lab"
    assert f"studio:{studio_id}" in caplog.text
    assert runner.invoke(args=["search", "check", "--fix"]).exit_code == 0
    assert found(app, "dehumidifier", kind="studio") == [f"studio:{studio_id}"]
