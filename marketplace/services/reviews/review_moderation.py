"""Suspend or restore a studio or a manufacturer: no login, no public listing, while suspended."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import or_, select

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import Role, Studio, User
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor, actor_of
from marketplace.policies.reviews import can_moderate
from marketplace.services.audit import trail
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.reviews.review_events import AccountSuspended
from marketplace.services.studios.studio_events import StudiosChanged

log = logging.getLogger(__name__)

KINDS = ("studio", "manufacturer")
MAX_REASON = 500


@dataclass(frozen=True)
class Party:
    """A studio or a manufacturer as the moderation page lists it."""

    kind: str
    id: int
    name: str
    email: str | None
    suspended_at: object


def parties(query: str = "", kind: str | None = None, limit: int = 100) -> list[Party]:
    """Studios and manufacturers, suspended first, optionally narrowed by name or email."""
    out: list[Party] = []
    needle = f"%{query.strip()}%" if query.strip() else None
    if kind in (None, "studio"):
        q = select(Studio).order_by(Studio.suspended_at.is_(None), Studio.name).limit(limit)
        if needle:
            q = q.where(or_(Studio.name.ilike(needle), Studio.name_zh.ilike(needle),
                            Studio.contact_email.ilike(needle)))  # fmt: skip
        out += [Party("studio", s.id, s.name, s.contact_email, s.suspended_at)
                for s in db.session.scalars(q)]  # fmt: skip
    if kind in (None, "manufacturer"):
        q = (
            select(User)
            .where(User.role == Role.MANUFACTURER)
            .order_by(User.suspended_at.is_(None), User.organisation_name)
            .limit(limit)
        )
        if needle:
            q = q.where(or_(User.organisation_name.ilike(needle), User.email.ilike(needle)))
        out += [Party("manufacturer", u.id, u.organisation_name, u.email, u.suspended_at)
                for u in db.session.scalars(q)]  # fmt: skip
    return out


@dataclass(frozen=True)
class SuspensionInput:
    """Which kind of party (studio or manufacturer), suspend or restore, and why."""

    kind: str
    suspend: bool
    reason: str = ""


def set_suspended(actor: Actor, party_id: int, data: SuspensionInput) -> Party:
    """Suspend (with a reason) or restore a studio (and its accounts) or a manufacturer."""
    kind, suspend, reason = data.kind, data.suspend, (data.reason or "").strip()
    actor = actor_of(actor)
    if not can_moderate(actor) or actor.user_id is None:
        raise PermissionDenied(_("Only commission staff suspend or restore accounts."))
    if kind not in KINDS:
        raise NotFound(_("No such account."))
    if suspend and not reason:
        raise ValidationFailed({"reason": _("Give the reason for the suspension.")})
    if len(reason) > MAX_REASON:
        raise ValidationFailed({"reason": _("The reason is longer than %(n)s characters.",
                                            n=MAX_REASON)})  # fmt: skip
    now = utcnow() if suspend else None
    with write_transaction() as session:
        staff_user = session.get(User, actor.user_id)
        if kind == "studio":
            studio = session.get(Studio, party_id)
            if studio is None:
                raise NotFound(_("No such studio."))
            accounts = list(studio.members)
            before = studio.suspended_at
            studio.suspended_at = now
            record_event(StudiosChanged(ids=(studio.id,)))  # search and matching drop or re-add it
            name, email = studio.name, studio.contact_email
        else:
            user = session.get(User, party_id)
            if user is None or user.role != Role.MANUFACTURER:
                raise NotFound(_("No such manufacturer."))
            accounts, before = [user], user.suspended_at
            name, email = user.organisation_name, user.email
        for account in accounts:
            account.suspended_at = now
            if suspend:
                account.session_version = (account.session_version or 0) + 1  # ends sessions
        trail.record(
            "suspended" if suspend else "restored", subject=f"{kind}:{party_id}",
            before={"suspended_at": before.isoformat() if before else None},
            after={"suspended_at": now.isoformat() if now else None},
            note=reason, actor=staff_user,
        )  # fmt: skip
        record_event(AccountSuspended(subject=f"{kind}:{party_id}", suspended=suspend))
    log.info("staff %s %s %s %s", actor.user_id, "suspended" if suspend else "restored",
             kind, party_id)  # fmt: skip
    return Party(kind, party_id, name, email, now)
