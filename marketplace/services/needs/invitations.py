"""Invitations to bid: the owner of an open need invites studios; their accounts are told."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import Invitation, Need, Studio, User
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor, actor_of
from marketplace.policies.needs_policy import can_invite_to_need, is_public_need, need_is_open
from marketplace.policies.studios_policy import public_studio_clause, studio_can_be_invited
from marketplace.services.common.service_errors import PermissionDenied, ValidationFailed
from marketplace.services.needs.lifecycle import LifecycleError, owned_need

log = logging.getLogger(__name__)

SOURCES = ("match", "interest", "event")


@dataclass(frozen=True)
class InvitationInput:
    """Which studios to invite, and where the manufacturer found them (match, interest, event)."""

    studio_ids: Iterable[int]
    source: str = "match"


def invite(actor: Actor, need_id: int, data: InvitationInput) -> int:
    """Invite listed studios to bid on one's own open need; returns how many were new."""
    from marketplace.services.notifications.sending import notify

    actor = actor_of(actor)
    user_id = actor.user_id
    wanted = list(dict.fromkeys(int(i) for i in data.studio_ids))
    if not wanted:
        raise ValidationFailed({"studio_ids": _("Choose at least one studio to invite.")})
    source = data.source if data.source in SOURCES else "match"
    with write_transaction() as session:
        need = owned_need(session, need_id, actor)
        if not need_is_open(need, utcnow()):
            raise LifecycleError({"need": _("Studios can be invited only while the need is "
                                            "published and open for bids.")})  # fmt: skip
        if not can_invite_to_need(actor, need):
            raise PermissionDenied(_("Only the manufacturer of this need can invite studios."))
        studios = {s.id: s for s in session.scalars(select(Studio).where(Studio.id.in_(wanted)))}
        missing = [i for i in wanted if i not in studios or not studio_can_be_invited(studios[i])]
        if missing:
            raise ValidationFailed({"studio_ids": _("No listed studio with id %(ids)s.",
                                                    ids=", ".join(map(str, missing)))})
        registered = set(session.scalars(select(User.studio_id).where(
            User.studio_id.in_(wanted))))
        unregistered = [studios[i].name for i in wanted if i not in registered]
        if unregistered:
            raise ValidationFailed({"studio_ids": _(
                "Not yet registered, so it cannot be invited: %(names)s. The commission "
                "onboards studios without an account.", names=", ".join(unregistered))})
        already = set(session.scalars(select(Invitation.studio_id).where(
            Invitation.need_id == need.id, Invitation.studio_id.in_(wanted))))
        new = [i for i in wanted if i not in already]
        for studio_id in new:
            session.add(Invitation(need_id=need.id, studio_id=studio_id, invited_by_id=user_id,
                                   source=source))  # fmt: skip
            members = session.scalars(select(User.id).where(User.studio_id == studio_id))
            notify(list(members), "invited", link=f"/needs/{need.id}", need_id=need.id,
                   need_title=need.title, studio_id=studio_id,
                   bid_deadline=f"{need.bid_deadline.isoformat()}Z" if need.bid_deadline else None)
    log.info("need %s: %d studios invited", need_id, len(new))
    return len(new)


def invited_studio_ids(need_id: int) -> set[int]:
    """Ids of the studios invited to a need."""
    return set(db.session.scalars(select(Invitation.studio_id).where(
        Invitation.need_id == need_id)))


def for_studio(studio_id: int, open_only: bool = True) -> list[Invitation]:
    """A studio's invitations, newest first (by default only needs still open for bids)."""
    rows = db.session.scalars(
        select(Invitation).where(Invitation.studio_id == studio_id)
        .options(selectinload(Invitation.need)).order_by(Invitation.created_at.desc())
    )
    now = utcnow()
    return [r for r in rows if need_is_open(r.need, now) or (not open_only and
                                                              is_public_need(r.need))]


def of_need(need: Need) -> list[Invitation]:
    """A need's invitations of studios that are public now (a suspended one disappears)."""
    return list(db.session.scalars(
        select(Invitation).join(Studio, Studio.id == Invitation.studio_id)
        .where(Invitation.need_id == need.id, public_studio_clause())
        .options(selectinload(Invitation.studio)).order_by(Invitation.created_at)
    ))
