"""What hangs off a need: attachments, questions and answers, invitations, sent reminders."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.models._types import utcnow

if TYPE_CHECKING:
    from marketplace.models.need import Need
    from marketplace.models.studio import Studio


class NeedAttachment(db.Model):
    """A file attached to a need (image or PDF), stored under a random name."""

    __tablename__ = "need_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    stored_name: Mapped[str] = mapped_column(String(100), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    need: Mapped[Need] = relationship()


class NeedQuestion(db.Model):
    """A studio's clarifying question on a need; the answer is shown to every studio, unnamed."""

    __tablename__ = "need_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    studio_id: Mapped[int | None] = mapped_column(
        ForeignKey("studios.id", ondelete="SET NULL"), index=True
    )
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(default=None)

    need: Mapped[Need] = relationship()


class Invitation(db.Model):
    """A manufacturer's invitation to a studio to bid on one of its needs (one per pair)."""

    __tablename__ = "need_invitations"
    __table_args__ = (UniqueConstraint("need_id", "studio_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id", ondelete="CASCADE"), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(20), default="match")  # "match" or "interest"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    need: Mapped[Need] = relationship()
    studio: Mapped[Studio] = relationship()


class NeedReminder(db.Model):
    """A reminder already sent for a need (kind + need version), so it goes out only once."""

    __tablename__ = "need_reminders"
    __table_args__ = (UniqueConstraint("need_id", "kind", "deadline"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    deadline: Mapped[datetime] = mapped_column()  # the deadline it reminded of (UTC)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
