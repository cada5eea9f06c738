"""The private thread: the two parties post (text and a PDF); staff read only with a recorded
reason; reading marks the other side's messages read (receipts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from flask_babel import gettext as _
from sqlalchemy import select, update

from marketplace.database import write_transaction
from marketplace.models import Engagement, EngagementMessage
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor, actor_of
from marketplace.policies.engagements import can_post_message, side_of
from marketplace.services.audit import trail
from marketplace.services.common.service_errors import NotFound, PermissionDenied
from marketplace.services.engagements import common, files

BODY_MAX = 5000
REASON_MIN, REASON_MAX = 10, 500


@dataclass(frozen=True)
class MessageInput:
    """A message: its text and an optional PDF (a binary stream)."""

    body: str
    upload: BinaryIO | None = None


def post(actor: Actor, engagement_id: int, data: MessageInput) -> EngagementMessage:
    """A party posts a message (1-5000 characters) with an optional PDF; the other side is told."""
    actor = actor_of(actor)
    text = common.text(data.body, "body", 1, BODY_MAX)
    content = files.read_checked(data.upload, "file") if data.upload is not None else None
    name = files.store(content) if content is not None else None
    try:
        with write_transaction() as session:
            engagement = common.locked(session, engagement_id)
            side = common.party_side(actor, engagement)
            common.require_active(engagement, "body")
            if not can_post_message(actor, engagement):
                raise PermissionDenied(_("You cannot post in this engagement."))
            message = EngagementMessage(
                engagement_id=engagement.id, author_id=actor.user_id, side=side, body=text,
                file_name=name, file_size=len(content) if content is not None else None,
            )  # fmt: skip
            session.add(message)
            common.tell_other_side(session, engagement, side, "engagement_message")
    except BaseException:
        files.discard(name)
        raise
    return message


def read(actor: Actor, engagement_id: int, staff_reason: str | None = None
         ) -> list[EngagementMessage]:  # fmt: skip
    """The thread, oldest first. A party's reading marks the other side's messages read; staff
    must give a reason, which is recorded in the audit trail before anything is shown."""
    with write_transaction() as session:
        engagement = session.get(Engagement, engagement_id)
        if engagement is None:
            raise NotFound(_("No such engagement."))
        side = side_of(actor, engagement)
        if side is None:
            if not actor.is_staff:
                raise NotFound(_("No such engagement."))
            reason = common.text(staff_reason, "reason", REASON_MIN, REASON_MAX)
            trail.record("engagement-thread-read", subject=f"engagement:{engagement.id}",
                         note=reason)
        else:
            session.execute(update(EngagementMessage).where(
                EngagementMessage.engagement_id == engagement.id,
                EngagementMessage.side != side, EngagementMessage.read_at.is_(None),
            ).values(read_at=utcnow()))  # fmt: skip
        rows = list(session.scalars(select(EngagementMessage).where(
            EngagementMessage.engagement_id == engagement.id).order_by(
            EngagementMessage.created_at, EngagementMessage.id)))
    return rows


def message_file(actor: Actor, engagement_id: int, message_id: int):
    """A message's file, for the parties only."""
    engagement = common.visible(actor, engagement_id)
    common.party_side(actor, engagement)
    from marketplace.extensions import db

    message = db.session.get(EngagementMessage, message_id)
    if message is None or message.engagement_id != engagement.id:
        raise NotFound(_("No such file."))
    return files.path_of(message.file_name)
