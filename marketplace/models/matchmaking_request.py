"""A meeting request at an event: from one participant to another, with a note and an answer."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.models._types import utcnow

if TYPE_CHECKING:
    from marketplace.models.matchmaking_participant import EventParticipant


class RequestStatus(enum.StrEnum):
    """A request waits for an answer; accepted ones go to the scheduler."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"  # a side withdrew from the event


class MeetingRequest(db.Model):
    """One request per pair and direction; `unplaced` says why the scheduler left it out."""

    __tablename__ = "match_requests"
    __table_args__ = (
        UniqueConstraint("event_id", "from_id", "to_id"),
        CheckConstraint("from_id <> to_id", name="not_oneself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("match_events.id", ondelete="CASCADE"), index=True
    )
    from_id: Mapped[int] = mapped_column(
        ForeignKey("match_participants.id", ondelete="CASCADE"), index=True
    )
    to_id: Mapped[int] = mapped_column(
        ForeignKey("match_participants.id", ondelete="CASCADE"), index=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=RequestStatus.PENDING, index=True)
    unplaced: Mapped[dict | None] = mapped_column(JSON, default=None)  # {"reason", "detail"}
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)

    sender: Mapped[EventParticipant] = relationship(foreign_keys=[from_id])
    receiver: Mapped[EventParticipant] = relationship(foreign_keys=[to_id])

    def __repr__(self) -> str:
        return f"<MeetingRequest {self.id} {self.from_id}->{self.to_id} {self.status}>"
