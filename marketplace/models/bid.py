"""Studios' sealed bids on needs: one per studio per need, and the states a bid passes through."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.models._types import utcnow

if TYPE_CHECKING:
    from marketplace.models.need import Need
    from marketplace.models.studio import Studio


class BidStatus(enum.StrEnum):
    """A bid's state; only the bidding studio sees it before the need's deadline."""

    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    SHORTLISTED = "shortlisted"
    AWARDED = "awarded"
    DECLINED = "declined"


class Bid(db.Model):
    """A studio's sealed offer on a need: one per studio per need (a database constraint)."""

    __tablename__ = "bids"
    __table_args__ = (
        UniqueConstraint("need_id", "studio_id"),
        CheckConstraint("price >= 0", name="price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id", ondelete="CASCADE"), index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    approach: Mapped[str] = mapped_column(Text)
    price: Mapped[int] = mapped_column(Integer)  # CNY
    duration_weeks: Mapped[int] = mapped_column(Integer)
    team: Mapped[str] = mapped_column(Text, default="")
    attachment_name: Mapped[str | None] = mapped_column(String(100))
    attachment_mime: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), default=BidStatus.SUBMITTED, index=True)
    decline_reason: Mapped[str | None] = mapped_column(String(40))
    decline_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)

    need: Mapped[Need] = relationship(back_populates="bids")
    studio: Mapped[Studio] = relationship()

    @property
    def is_active(self) -> bool:
        """True unless withdrawn."""
        return self.status != BidStatus.WITHDRAWN

    def __repr__(self) -> str:
        return f"<Bid {self.id} need={self.need_id} studio={self.studio_id} {self.status}>"
