"""Matchmaking events (供需对接会): one-to-one meetings between manufacturers and studios."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import db
from marketplace.models._types import utcnow


class EventStatus(enum.StrEnum):
    """Where an event is: open for registration and requests, then its timetable published."""

    OPEN = "open"
    SCHEDULED = "scheduled"  # the timetable is published; agendas and table cards exist
    CANCELLED = "cancelled"


class MatchEvent(db.Model):
    """An event: when and where, how many slots of what length, tables, focus and limits."""

    __tablename__ = "match_events"
    __table_args__ = (
        CheckConstraint("slots >= 1 AND slots <= 48", name="slots_range"),
        CheckConstraint("tables >= 1 AND tables <= 500", name="tables_range"),
        CheckConstraint("slot_minutes >= 5 AND slot_minutes <= 240", name="slot_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(index=True)  # UTC, start of slot 1
    slot_minutes: Mapped[int] = mapped_column(Integer, default=20)
    break_minutes: Mapped[int] = mapped_column(Integer, default=5)  # between two slots
    slots: Mapped[int] = mapped_column(Integer)
    tables: Mapped[int] = mapped_column(Integer)
    venue: Mapped[str | None] = mapped_column(String(300))
    online_link: Mapped[str | None] = mapped_column(String(300))
    focus_industries: Mapped[list] = mapped_column(JSON, default=list)  # industry codes
    focus_scenarios: Mapped[list] = mapped_column(JSON, default=list)  # scenario codes
    registration_deadline: Mapped[datetime] = mapped_column()  # UTC
    request_deadline: Mapped[datetime] = mapped_column()  # UTC; the scheduler runs after it
    max_requests: Mapped[int] = mapped_column(Integer, default=8)  # sent, per participant
    max_meetings: Mapped[int] = mapped_column(Integer, default=8)  # accepted, per participant
    status: Mapped[str] = mapped_column(String(16), default=EventStatus.OPEN, index=True)
    scheduled_at: Mapped[datetime | None] = mapped_column(default=None)
    published_at: Mapped[datetime | None] = mapped_column(default=None)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def title(self, locale: str) -> str:
        """The title in the reader's language (Chinese unless English is asked for)."""
        return self.title_en if str(locale).startswith("en") else self.title_zh

    def slot_start(self, slot: int) -> datetime:
        """UTC start of a slot (numbered from 1)."""
        return self.starts_at + timedelta(minutes=(slot - 1) * (self.slot_minutes +
                                                                self.break_minutes))  # fmt: skip

    def slot_end(self, slot: int) -> datetime:
        """UTC end of a slot."""
        return self.slot_start(slot) + timedelta(minutes=self.slot_minutes)

    def registration_open(self, now: datetime) -> bool:
        """Registration is open until its deadline, while the event is open."""
        return self.status == EventStatus.OPEN and now < self.registration_deadline

    def requests_open(self, now: datetime) -> bool:
        """Meeting requests and answers are taken until the request deadline."""
        return self.status == EventStatus.OPEN and now < self.request_deadline

    def is_over(self, now: datetime) -> bool:
        """True once the last slot has ended."""
        return now >= self.slot_end(self.slots)

    def __repr__(self) -> str:
        return f"<MatchEvent {self.ref} {self.status}>"
