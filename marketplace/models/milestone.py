"""Milestones of an engagement: proposed, agreed by both, delivered, accepted or returned."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.models._types import utcnow

if TYPE_CHECKING:
    from marketplace.models.engagement import Engagement


class MilestoneStatus(enum.StrEnum):
    """A milestone's state; 'returned' goes back to the studio for another delivery."""

    PROPOSED = "proposed"
    AGREED = "agreed"
    DELIVERED = "delivered"
    ACCEPTED = "accepted"
    RETURNED = "returned"


class Milestone(db.Model):
    """One milestone: title, due date, amount (CNY), and its delivery."""

    __tablename__ = "milestones"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagements.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(index=True)
    amount: Mapped[int] = mapped_column(Integer)  # CNY
    status: Mapped[str] = mapped_column(String(12), default=MilestoneStatus.PROPOSED, index=True)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    manufacturer_agreed_at: Mapped[datetime | None] = mapped_column(default=None)
    studio_agreed_at: Mapped[datetime | None] = mapped_column(default=None)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)
    delivery_note: Mapped[str | None] = mapped_column(Text)
    delivery_file: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    return_reason: Mapped[str | None] = mapped_column(Text)
    reminded_for: Mapped[date | None] = mapped_column(default=None)  # due date last reminded of
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    engagement: Mapped[Engagement] = relationship(back_populates="milestones")

    def __repr__(self) -> str:
        return f"<Milestone {self.id} {self.status}>"
