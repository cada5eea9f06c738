"""`make demo`'s bulk steps: an import of N studios is encoded in one pass and matched once; the
demo dressing is matched once; attaching pictures (now or by the consumer) matches nothing."""

from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import func, select

from marketplace import jobs
from marketplace.extensions import db
from marketplace.models import MatchRow, Studio
from marketplace.models.matching import SCENARIO_TO_STUDIO
from marketplace.models.outbox import OutboxEntry
from marketplace.services.matching import matches
from marketplace.services.studios import studio_demo, studio_import
from marketplace.services.studios.studio_events import StudiosChanged
from tests.functional.studios.conftest import STATEMENT, text

ROWS = [
    {"ref": f"B{n:03d}", "name": f"Batch Studio {n}", "text": STATEMENT, "industries": ["NEV"],
     "disciplines": ["FORM"]}
    for n in range(1, 9)
]  # fmt: skip


def _counting(monkeypatch, calls: Counter, module, name: str) -> None:
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls[name] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


def _studio_events() -> list[OutboxEntry]:
    return list(
        db.session.scalars(select(OutboxEntry).where(OutboxEntry.topic == StudiosChanged.topic))
    )


def _import(rows=ROWS) -> None:
    parsed = studio_import.parse_studios([json.dumps(r) for r in rows])
    studio_import.import_studios(parsed.records)


def test_importing_n_studios_records_one_change_and_matches_once(app, monkeypatch):
    calls: Counter = Counter()
    _counting(monkeypatch, calls, matches, "load_studios")
    _counting(monkeypatch, calls, matches, "update_studios")
    batches: list[int] = []
    real_encode = matches.encode_profiles

    def encode_profiles(encoder, profiles, *args, **kwargs):
        vectors, done = real_encode(encoder, profiles, *args, **kwargs)
        if done:
            batches.append(len(done))
        return vectors, done

    monkeypatch.setattr(matches, "encode_profiles", encode_profiles)
    with app.app_context():
        _import()
        events = _studio_events()
        listed = db.session.scalar(
            select(func.count(func.distinct(MatchRow.target_key))).where(
                MatchRow.direction == SCENARIO_TO_STUDIO, MatchRow.retired_at.is_(None)
            )
        )
    assert len(events) == 1 and len(events[0].payload["ids"]) == len(ROWS)
    assert calls == Counter(load_studios=1, update_studios=1)
    assert batches == [len(ROWS)]  # every new statement encoded, in one batch
    assert listed == len(ROWS)  # and every studio is on some scenario's list


def test_dressing_matches_once_and_pictures_match_nothing(app, monkeypatch):
    with app.app_context():
        _import()
        before = len(_studio_events())
        calls: Counter = Counter()
        _counting(monkeypatch, calls, matches, "update_studios")
        report = studio_demo.dress_all(threads=1)
        db.session.expire_all()
        after = _studio_events()
        studios = db.session.scalars(select(Studio)).all()
        assert report.dressed == len(ROWS) and report.drawn == len(ROWS)
        assert all(s.portfolio and s.portfolio[0].images for s in studios)
    # one event for the dressing of all eight (portfolio texts are part of matching) ...
    assert len(after) == before + 1 and len(after[-1].payload["ids"]) == len(ROWS)
    # ... one recompute for it, and none for the pictures attached afterwards
    assert calls == Counter(update_studios=1)


def test_demo_images_later_queues_one_job_per_studio_and_the_consumer_pictures_them(
    app, monkeypatch
):
    queued: list[list[int]] = []
    monkeypatch.setitem(jobs._tasks, studio_demo.PICTURES_TASK, queued.append)
    with app.app_context():
        _import()
    result = app.test_cli_runner().invoke(args=["demo", "images", "--later"])
    assert result.exit_code == 0, result.output
    assert f"pictures of {len(ROWS)} studios queued" in result.output
    with app.app_context():
        studios = db.session.scalars(select(Studio).order_by(Studio.id)).all()
        # texts, districts and claims are there (and matched) before the site starts ...
        assert all(s.district and s.portfolio for s in studios)
        assert not any(s.logo_key or s.cover_key or s.portfolio[0].images for s in studios)
        assert sorted(queued) == [[s.id] for s in studios]
        events = len(_studio_events())
    # ... and the consumer's jobs draw the pictures, recording no event
    calls: Counter = Counter()
    _counting(monkeypatch, calls, matches, "update_studios")
    with app.app_context():
        drawn = sum(studio_demo.draw_pictures_job(ids) for ids in queued)
        again = sum(studio_demo.draw_pictures_job(ids) for ids in queued)  # a retried job
        db.session.expire_all()
        studios = db.session.scalars(select(Studio).order_by(Studio.id)).all()
        assert all(s.portfolio[0].images for s in studios)
        assert len(_studio_events()) == events
    assert (drawn, again) == (len(ROWS), 0) and calls == Counter()
    page = text(app.test_client().get(f"/studios/{studios[0].id}"))
    assert "-card.webp" in page or "-thumb.webp" in page or "-full.webp" in page


def test_passages_quoted_once_are_kept_so_a_later_recompute_encodes_nothing(app, monkeypatch):
    with app.app_context():
        _import()
        first = db.session.get(Studio, 1)
        db.session.expire_all()
        matches._matchers.clear()  # a new process: nothing cached but what the database keeps
        app.extensions.pop("matching", None)
        texts: list[str] = []
        encoder = matches.encoder()
        real_encode = encoder.encode

        def encode(batch, *args, **kwargs):
            texts.extend(batch)
            return real_encode(batch, *args, **kwargs)

        monkeypatch.setattr(encoder, "encode", encode)
        from marketplace.database import record_event, write_transaction

        with write_transaction():
            record_event(StudiosChanged(ids=(first.id,)))  # e.g. a new logo: no text changed
        rows = db.session.scalar(
            select(func.count(MatchRow.id)).where(MatchRow.source_key == f"studio:{first.id}")
        )
    assert texts == [] and rows  # its list was recomputed from kept vectors alone
