"""A registration at a matchmaking event: a studio with its profile or a manufacturer."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.models._types import utcnow

if TYPE_CHECKING:
    from marketplace.models.matchmaking_event import MatchEvent
    from marketplace.models.need import Need
    from marketplace.models.studio import Studio


class ParticipantStatus(enum.StrEnum):
    """A registration is active until the participant withdraws."""

    REGISTERED = "registered"
    WITHDRAWN = "withdrawn"


class EventParticipant(db.Model):
    """Who takes part: role, name, what a manufacturer seeks, slots it cannot meet in."""

    __tablename__ = "match_participants"
    __table_args__ = (
        UniqueConstraint("event_id", "ref", name="uq_match_participants_event_ref"),
        UniqueConstraint("event_id", "user_id", name="uq_match_participants_event_user"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("match_events.id", ondelete="CASCADE"), index=True
    )
    ref: Mapped[str] = mapped_column(String(32))  # P01…: unique within the event
    role: Mapped[str] = mapped_column(String(20))  # "manufacturer" or "studio"
    name: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    studio_id: Mapped[int | None] = mapped_column(
        ForeignKey("studios.id", ondelete="SET NULL"), index=True
    )
    need_id: Mapped[int | None] = mapped_column(ForeignKey("needs.id", ondelete="SET NULL"))
    seeking: Mapped[str] = mapped_column(Text, default="")  # a manufacturer's "what we seek"
    unavailable: Mapped[list] = mapped_column(JSON, default=list)  # slot numbers, from 1
    status: Mapped[str] = mapped_column(String(16), default=ParticipantStatus.REGISTERED)
    registered_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)
    checked_in_at: Mapped[datetime | None] = mapped_column(default=None)

    event: Mapped[MatchEvent] = relationship()
    studio: Mapped[Studio | None] = relationship()
    need: Mapped[Need | None] = relationship()

    @property
    def is_active(self) -> bool:
        """True unless withdrawn."""
        return self.status == ParticipantStatus.REGISTERED

    def __repr__(self) -> str:
        return f"<EventParticipant {self.event_id}/{self.ref} {self.role}>"
