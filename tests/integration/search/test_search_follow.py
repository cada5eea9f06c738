"""Several web hosts, one database: each host's `search follow` brings its own index in step
with changes made through another host (whose consumer updated only its own index)."""

from __future__ import annotations

import json

import pytest

from marketplace.services.search import follow, indexing
from marketplace.services.studios import studio_import
from tests.conftest import _dispose, make_app


@pytest.fixture
def host_b(app, tmp_path):
    """A second host: the same database file, its own index folder."""
    db_file = app.config["SQLALCHEMY_DATABASE_URI"][len("sqlite:///") :]
    other = make_app(tmp_path / "host-b", db_file)
    yield other
    _dispose(other)


def _save(app, ref: str, name: str, text: str) -> None:
    line = json.dumps({"ref": ref, "name": name, "text": text})
    with app.app_context():
        studio_import.import_studios(studio_import.parse_studios([line]).records)


def _found(app, words: str) -> int:
    with app.app_context():
        return indexing.search(words).results.total


def test_a_profile_saved_through_host_a_is_found_on_host_b_after_one_pass(app, host_b):
    with host_b.app_context():
        first = follow.follow_once()
    assert first.full_check  # the first pass builds host B's index from the database
    assert _found(host_b, "Xylofuse") == 0
    _save(app, "FOLLOW1", "Xylofuse Ergonomics",
          "Ergonomic seats and control handles for electric buses and trams.")  # fmt: skip
    assert _found(app, "Xylofuse") == 1  # host A's consumer updated host A's index only
    assert _found(host_b, "Xylofuse") == 0
    with host_b.app_context():
        report = follow.follow_once()
    assert report.applied >= 1 and not report.full_check
    assert _found(host_b, "Xylofuse") == 1
    _save(app, "FOLLOW1", "Quandrix Ergonomics",
          "Ergonomic seats and control handles for electric buses and trams.")  # fmt: skip
    with host_b.app_context():
        follow.follow_once()
    assert _found(host_b, "Xylofuse") == 0 and _found(host_b, "Quandrix") == 1


def test_a_full_check_repairs_what_the_cursor_skipped(app, host_b):
    with host_b.app_context():
        follow.follow_once()
        state = follow.read_cursor()
    _save(app, "FOLLOW2", "Vortelin Product Lab",
          "Industrial design of kiosks, vending machines and smart retail displays.")  # fmt: skip
    with host_b.app_context():  # pretend the event was passed over (committed late)
        follow._write_cursor(10**9, state["full_at"])
        follow.follow_once()
        assert _found(host_b, "Vortelin") == 0
        report = follow.follow_once(full_every=0)
    assert report.full_check and report.repaired >= 1
    assert _found(host_b, "Vortelin") == 1


def test_the_follow_command_runs_one_pass(host_b):
    result = host_b.test_cli_runner().invoke(args=["search", "follow", "--once"])
    assert result.exit_code == 0, result.output
    assert "full check" in result.output
