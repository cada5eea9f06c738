"""Saved searches: a query and filters an account wants to hear about when new results appear."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import db
from marketplace.models._types import utcnow


class SavedSearch(db.Model):
    """One account's saved search; `seen_keys` are the results it already knows about
    ("kind:id"), so each new result is announced once."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    query: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str | None] = mapped_column(String(16), default=None)
    industry: Mapped[str | None] = mapped_column(String(16), default=None)
    discipline: Mapped[str | None] = mapped_column(String(16), default=None)
    seen_keys: Mapped[list[str]] = mapped_column(JSON, default=list)
    alerts: Mapped[bool] = mapped_column(default=True)  # False after unsubscribing
    # "immediate": each run that finds new results notifies; "daily": they wait in `pending`
    # ([key, title] pairs) until the daily digest job sends one message per account.
    frequency: Mapped[str] = mapped_column(String(12), default="immediate",
                                           server_default="immediate")  # fmt: skip
    pending: Mapped[list[list[str]] | None] = mapped_column(JSON, default=list)
    # kind "needs_for_you": the studio's own "Needs for you" at this fit level or better
    min_fit: Mapped[str | None] = mapped_column(String(12), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    checked_at: Mapped[datetime | None] = mapped_column(default=None)
    last_alert_at: Mapped[datetime | None] = mapped_column(default=None)

    def __repr__(self) -> str:
        return f"<SavedSearch {self.id} user={self.user_id} {self.query!r}>"
