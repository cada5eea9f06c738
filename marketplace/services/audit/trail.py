"""Append to and read the audit trail. There is deliberately no update or delete function."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import select

from marketplace.database import current_write_session, write_transaction
from marketplace.extensions import db
from marketplace.models import AuditEntry
from marketplace.models._types import utcnow
from marketplace.services.common import counters

log = logging.getLogger(__name__)

# What staff can filter on; the values are stored in `action`.
ACTIONS = (
    "match-approved", "match-rejected", "claim-verified", "claim-rejected", "claim-evidence-asked",
    "claim-withdrawn", "claim-evidence-uploaded", "suspended", "restored", "login",
    "login-failed", "login-refused", "access-denied", "weights-adopted", "match-withdrawn",
    "access-denied-repeated", "logout", "password-changed", "password-reset",
    "api-token-created", "api-token-revoked", "need-published", "need-returned", "need-closed",
    "need-closed-without-award", "bid-awarded", "bid-declined", "login-code-sent",
    "login-code-failed",
)  # fmt: skip
DENIAL_WINDOW_S = 15 * 60  # 403s from one actor are counted per window of this length


def _who(actor: Any) -> tuple[int | None, str | None, str | None]:
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    if actor is None or not getattr(actor, "is_authenticated", True):
        return None, None, None
    return actor.id, getattr(actor, "email", None), str(getattr(actor, "role", "")) or None


def _entry(action: str, subject, before, after, note, actor) -> AuditEntry:
    actor_id, email, role = _who(actor)
    address = request.remote_addr if has_request_context() else None
    return AuditEntry(
        at=utcnow(), actor_id=actor_id, actor_email=email, actor_role=role, action=action,
        subject=subject, before=before, after=after, note=(note or None), address=address,
    )  # fmt: skip


def record(
    action: str,
    *,
    subject: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str | None = None,
    actor: Any = None,
) -> None:
    """Append one audit row: inside the write transaction in progress, or in its own."""
    entry = _entry(action, subject, before, after, note, actor)
    try:
        session = current_write_session()
    except RuntimeError:
        with write_transaction() as session:
            session.add(entry)
        return
    session.add(entry)


def record_quietly(action: str, **fields: Any) -> None:
    """Like record(), for hooks (access denied, failed login) that must never break a response."""
    try:
        record(action, **fields)
    except Exception:
        db.session.rollback()
        log.exception("could not write the audit row for %s", action)


def _denial_rows_due(count: int) -> bool:
    """The 1st, 10th, 100th, 1000th... denial of a window is written: at most a handful of
    rows per actor per window, each carrying the running count."""
    return count == 1 or (count >= 10 and str(count).rstrip("0") == "1")


def record_denial(path: str, method: str) -> None:
    """A 403, aggregated per actor (account, else client address) and window: the first one is a
    row 'access-denied'; repeats are counted in the shared counters and written as
    'access-denied-repeated' with the count so far at 10, 100, 1000... Never raises."""
    try:
        actor_id, _email, _role = _who(None)
        who = f"user:{actor_id}" if actor_id else f"addr:{request.remote_addr or 'unknown'}"
        window = int(utcnow().timestamp()) // DENIAL_WINDOW_S
        count = counters.bump(f"denied:{who}:{window}", DENIAL_WINDOW_S)
        if not _denial_rows_due(count):
            return
        if count == 1:
            record("access-denied", subject=path[:120], note=method)
        else:
            record("access-denied-repeated", subject=path[:120], note=method,
                   after={"count": count, "window_minutes": DENIAL_WINDOW_S // 60})  # fmt: skip
    except Exception:
        db.session.rollback()
        log.exception("could not record an access denial")


@dataclass(frozen=True)
class AuditFilter:
    """What the staff audit view narrows by (all optional)."""

    action: str | None = None
    actor: str | None = None
    subject: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def filtered(filters: AuditFilter):
    """The query for audit rows matching the filters, newest first (pages, CSV and the API)."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.actor:
        query = query.where(AuditEntry.actor_email.contains(filters.actor.strip().lower()))
    if filters.subject:
        query = query.where(AuditEntry.subject == filters.subject.strip())
    if filters.since:
        query = query.where(AuditEntry.at >= filters.since)
    if filters.until:
        query = query.where(AuditEntry.at < filters.until)
    return query


def entries(filters: AuditFilter, limit: int | None = 200) -> list[AuditEntry]:
    """Audit rows matching the filters, newest first."""
    query = filtered(filters)
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))
