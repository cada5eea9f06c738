"""Manufacturers' company profiles and the history of staff verification."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.models._types import utcnow

if TYPE_CHECKING:
    from marketplace.models.user import User


class CompanySize(enum.StrEnum):
    """Enterprise size by headcount (the national SME bands, simplified)."""

    MICRO = "micro"  # under 20 people
    SMALL = "small"  # 20-299
    MEDIUM = "medium"  # 300-999
    LARGE = "large"  # 1,000 or more


class Company(db.Model):
    """A manufacturer account's company: names, industry, district, contact person, credit code."""

    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True, index=True
    )
    name_zh: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str | None] = mapped_column(String(200))
    industry_code: Mapped[str | None] = mapped_column(ForeignKey("industries.code"), index=True)
    district: Mapped[str | None] = mapped_column(String(40), index=True)
    size: Mapped[str | None] = mapped_column(String(10), index=True)
    website: Mapped[str | None] = mapped_column(String(300))
    contact_name: Mapped[str | None] = mapped_column(String(100))
    contact_mobile: Mapped[str | None] = mapped_column(String(11))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    verified_at: Mapped[datetime | None] = mapped_column(default=None)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @property
    def is_verified(self) -> bool:
        """True while staff have verified the company (an edit of its code clears it)."""
        return self.verified_at is not None

    def __repr__(self) -> str:
        return f"<Company {self.id} user={self.user_id}>"


class CompanyEvent(db.Model):
    """One step in a company's verification history (verified, revoked, code changed)."""

    __tablename__ = "company_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(20))  # verified / revoked / code-changed
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)
