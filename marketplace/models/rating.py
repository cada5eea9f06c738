"""Ratings both ways after completion; revealed when both have rated or after 14 days."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import db
from marketplace.models._types import utcnow


class Rating(db.Model):
    """One side's rating of the other (1-5 on three counts, and a short comment)."""

    __tablename__ = "ratings"
    __table_args__ = (
        UniqueConstraint("engagement_id", "side"),
        CheckConstraint("quality BETWEEN 1 AND 5", name="quality_1_5"),
        CheckConstraint("timeliness BETWEEN 1 AND 5", name="timeliness_1_5"),
        CheckConstraint("communication BETWEEN 1 AND 5", name="communication_1_5"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagements.id", ondelete="CASCADE"), index=True
    )
    side: Mapped[str] = mapped_column(String(12))  # who rates: "manufacturer" or "studio"
    rater_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id", ondelete="CASCADE"), index=True)
    manufacturer_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    quality: Mapped[int] = mapped_column(Integer)
    timeliness: Mapped[int] = mapped_column(Integer)
    communication: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revealed_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    hidden_at: Mapped[datetime | None] = mapped_column(default=None)
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    hidden_reason: Mapped[str | None] = mapped_column(Text)

    @property
    def average(self) -> float:
        """The mean of the three scores."""
        return (self.quality + self.timeliness + self.communication) / 3
