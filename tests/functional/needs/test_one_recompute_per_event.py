"""One StudiosChanged loads every studio once and recomputes each derived view once (the
scenario lists, then the need lists), where it used to run two full recomputes."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import MatchRow, Studio
from marketplace.models.matching import NEED_TO_STUDIO, match_key
from marketplace.services.matching import matches, need_matches
from marketplace.services.studios.studio_events import StudiosChanged

STATEMENT = "We design charging post housings: form, CMF and sheet-metal enclosures for chargers."


def _counting(monkeypatch, calls: Counter, module, name: str) -> None:
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls[name] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


def test_a_studio_save_recomputes_each_derived_view_once(app, post_need, monkeypatch):
    need_id, _owner = post_need()
    calls: Counter = Counter()
    _counting(monkeypatch, calls, matches, "load_studios")
    _counting(monkeypatch, calls, matches, "update_studios")
    _counting(monkeypatch, calls, need_matches, "refresh_all")
    with app.app_context():
        with write_transaction() as session:
            studio = Studio(ref="ONEPASS", name="Jiefangbei Form Works", is_listed=True,
                            capability_statement=STATEMENT)  # fmt: skip
            session.add(studio)
            session.flush()
            studio_id = studio.id
            record_event(StudiosChanged(ids=(studio_id,)))
        # jobs run in-process here: the drain ran right after the commit
        listed = db.session.scalars(
            select(MatchRow.target_key).where(
                MatchRow.direction == NEED_TO_STUDIO,
                MatchRow.source_key == match_key("need", need_id),
            )
        ).all()
    assert calls == Counter(load_studios=1, update_studios=1, refresh_all=1)
    assert match_key("studio", studio_id) in listed  # the need's list now holds the new studio
