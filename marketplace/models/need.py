"""Manufacturers' design needs: the brief, its disciplines and its bidding window."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.models._types import utcnow
from marketplace.models.catalog import Discipline, Industry, Scenario
from marketplace.text_language import language_of

if TYPE_CHECKING:
    from marketplace.models.bid import Bid
    from marketplace.models.user import User

need_disciplines = Table(
    "need_disciplines",
    db.metadata,
    Column("need_id", ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True),
    Column("discipline_code", ForeignKey("disciplines.code"), primary_key=True),
)


class NeedStatus(enum.StrEnum):
    """Where a need is in its life: bidding is open while published and before the deadline."""

    DRAFT = "draft"
    SUBMITTED = "submitted"  # waiting for commission staff to publish or return it
    RETURNED = "returned"  # sent back by staff with a reason; the manufacturer edits and resubmits
    PUBLISHED = "published"  # visible; bids accepted until bid_deadline
    AWARDED = "awarded"
    CLOSED = "closed"  # closed without an award


class Need(db.Model):
    """A manufacturer's design need: the brief studios bid on."""

    __tablename__ = "needs"
    __table_args__ = (
        CheckConstraint(
            "budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max",
            name="budget_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    manufacturer_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    # the language of title and description ('zh' / 'en', set when saved) and the manufacturer's
    # own version of both in the other language (None when it wrote only one)
    text_lang: Mapped[str | None] = mapped_column(String(8))
    title_translation: Mapped[str | None] = mapped_column(String(200))
    description_translation: Mapped[str | None] = mapped_column(Text)
    industry_code: Mapped[str | None] = mapped_column(ForeignKey("industries.code"), index=True)
    scenario_id: Mapped[int | None] = mapped_column(
        ForeignKey("scenarios.id", ondelete="SET NULL"), index=True
    )
    budget_min: Mapped[int | None] = mapped_column(Integer)  # CNY
    budget_max: Mapped[int | None] = mapped_column(Integer)  # CNY
    bid_deadline: Mapped[datetime | None] = mapped_column(index=True)  # UTC
    delivery_date: Mapped[date | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default=NeedStatus.DRAFT, index=True)
    return_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)  # bumped by edits after publishing
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(default=None)
    published_at: Mapped[datetime | None] = mapped_column(default=None)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column(default=None)

    manufacturer: Mapped[User] = relationship(foreign_keys=[manufacturer_id])
    industry: Mapped[Industry | None] = relationship()
    scenario: Mapped[Scenario | None] = relationship()
    disciplines: Mapped[list[Discipline]] = relationship(
        secondary=need_disciplines, order_by="Discipline.position"
    )
    bids: Mapped[list[Bid]] = relationship(back_populates="need", cascade="all, delete-orphan")

    @property
    def primary_lang(self) -> str:
        """The language the need is written in ('zh' / 'en')."""
        return self.text_lang or language_of(f"{self.title}\n{self.description}") or "zh"

    @property
    def discipline_codes(self) -> list[str]:
        """The need's discipline codes, in catalogue order."""
        return [d.code for d in self.disciplines]

    def bidding_open(self, now: datetime) -> bool:
        """True while published and before the bid deadline (times in UTC)."""
        return self.status == NeedStatus.PUBLISHED and (
            self.bid_deadline is None or now < self.bid_deadline
        )

    def deadline_passed(self, now: datetime) -> bool:
        """True once the bid deadline is over (sealed bids may be opened)."""
        return self.bid_deadline is not None and now >= self.bid_deadline

    @property
    def bids_opened(self) -> bool:
        """True once the deadline is over now: bids are opened and under consideration."""
        return self.deadline_passed(utcnow())

    def __repr__(self) -> str:
        return f"<Need {self.id} {self.status}>"
