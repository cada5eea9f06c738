"""A scheduled one-to-one meeting: an accepted request at a slot and a numbered table."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.models._types import utcnow

if TYPE_CHECKING:
    from marketplace.models.matchmaking_request import MeetingRequest


class MeetingOutcome(enum.StrEnum):
    """What a participant recorded after the slot."""

    HELD = "held"
    MISSED = "missed"


class Meeting(db.Model):
    """One meeting per accepted request; one meeting per table and slot (a constraint)."""

    __tablename__ = "match_meetings"
    __table_args__ = (UniqueConstraint("event_id", "slot", "table_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("match_events.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[int] = mapped_column(
        ForeignKey("match_requests.id", ondelete="CASCADE"), unique=True
    )
    slot: Mapped[int] = mapped_column(Integer)
    table_no: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    outcome_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    outcome_at: Mapped[datetime | None] = mapped_column(default=None)
    moved_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[MeetingRequest] = relationship()

    def __repr__(self) -> str:
        return f"<Meeting {self.id} slot={self.slot} table={self.table_no}>"
