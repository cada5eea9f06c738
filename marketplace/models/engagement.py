"""An engagement: the work that follows one award, and its outcome on record."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.models._types import utcnow

if TYPE_CHECKING:
    from marketplace.models.bid import Bid
    from marketplace.models.milestone import Milestone
    from marketplace.models.need import Need
    from marketplace.models.studio import Studio
    from marketplace.models.user import User


class EngagementStatus(enum.StrEnum):
    """Active until the manufacturer completes or either side cancels it with a reason."""

    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Engagement(db.Model):
    """One per awarded bid. Outcome columns are plain and queryable for the city figures:
    contract value (CNY), completion month, product launch, industry and district."""

    __tablename__ = "engagements"
    __table_args__ = (
        CheckConstraint("awarded_price >= 0", name="awarded_price_not_negative"),
        CheckConstraint(
            "contract_value IS NULL OR contract_value >= 0", name="contract_value_not_negative"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(
        ForeignKey("needs.id", ondelete="CASCADE"), unique=True, index=True
    )
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), unique=True)
    manufacturer_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=EngagementStatus.ACTIVE, index=True)
    awarded_price: Mapped[int] = mapped_column(Integer)  # CNY, the winning bid's price
    industry_code: Mapped[str | None] = mapped_column(String(10), index=True)  # the need's
    district: Mapped[str | None] = mapped_column(String(40), index=True)  # the manufacturer's
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    completed_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(default=None)
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    contract_value: Mapped[int | None] = mapped_column(Integer)  # CNY, recorded on completion
    product_launched: Mapped[bool | None] = mapped_column(default=None, index=True)
    launched_on: Mapped[date | None] = mapped_column(default=None)
    launch_link: Mapped[str | None] = mapped_column(String(300))
    outcome_recorded_at: Mapped[datetime | None] = mapped_column(default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    need: Mapped[Need] = relationship()
    bid: Mapped[Bid] = relationship()
    studio: Mapped[Studio] = relationship()
    manufacturer: Mapped[User] = relationship(foreign_keys=[manufacturer_id])
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="engagement", order_by="Milestone.due_on, Milestone.id"
    )

    @property
    def is_active(self) -> bool:
        """True while work goes on (messages, milestones, deliveries)."""
        return self.status == EngagementStatus.ACTIVE

    def __repr__(self) -> str:
        return f"<Engagement {self.id} {self.status}>"
