"""Tell both sides of a commission-approved match (the MatchDecided handler, run as a job)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Need, Notification, Scenario, User
from marketplace.models.match_review import APPROVED, MatchDecision
from marketplace.models.matching import split_key
from marketplace.services.notifications.sending import notify
from marketplace.services.reviews.review_events import MatchDecided


def _studio_accounts(studio_id: int) -> list[int]:
    return list(db.session.scalars(select(User.id).where(User.studio_id == studio_id)))


def _already_told(decision_id: int) -> bool:
    rows = db.session.scalars(select(Notification).where(Notification.kind == "match_approved"))
    return any(r.payload.get("decision_id") == decision_id for r in rows)


def _parties(key_a: str, key_b: str) -> tuple[int | None, str | None, str | None, str]:
    """(studio id, scenario code, need id, title) of a pair, whichever way round it is."""
    parts = dict([split_key(key_a), split_key(key_b)])
    studio = int(parts["studio"]) if parts.get("studio", "").isdigit() else None
    title = ""
    if "scenario" in parts:
        scenario = db.session.scalar(select(Scenario).where(Scenario.code == parts["scenario"]))
        title = scenario.title if scenario else parts["scenario"]
    if "need" in parts and parts["need"].isdigit():
        need = db.session.get(Need, int(parts["need"]))
        title = need.title if need else title
    return studio, parts.get("scenario"), parts.get("need"), title


def on_match_decided(events: Sequence[MatchDecided]) -> None:
    """Notify the studio (and, for a need, its manufacturer) once per approved decision."""
    approvals = [e for e in events if e.decision == APPROVED]
    if not approvals:
        return
    with write_transaction():
        for event in approvals:
            decision = db.session.get(MatchDecision, event.decision_id)
            if decision is None or _already_told(decision.id):
                continue  # idempotent: a retried drain tells nobody twice
            studio_id, code, need_id, title = _parties(event.source_key, event.target_key)
            link = f"/needs/{need_id}" if need_id else (f"/scenarios/{code}" if code else None)
            users = _studio_accounts(studio_id) if studio_id else []
            if need_id:
                need = db.session.get(Need, int(need_id))
                users += [need.manufacturer_id] if need else []
            notify(users, "match_approved", link=link, title=title, decision_id=decision.id)
