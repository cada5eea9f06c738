"""Failed-login counters, kept in the database so every worker and restart sees the same state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import db


class LoginFailure(db.Model):
    """Failed logins for one address or one (account, address) pair in the current window."""

    __tablename__ = "login_failures"

    # sha256 of "<scope>:<value>": no email address or client address is stored in clear.
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(index=True)

    def __repr__(self) -> str:
        return f"<LoginFailure {self.key[:8]} {self.failures}>"
