"""Readiness probes: each web host proves the database takes writes by updating its own row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import db
from marketplace.models._types import utcnow


class ReadinessProbe(db.Model):
    """The last time /readyz on one host wrote to the database."""

    __tablename__ = "readiness_probes"

    host: Mapped[str] = mapped_column(String(255), primary_key=True)
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<ReadinessProbe {self.host} {self.checked_at}>"
