"""Accounts: studios, manufacturers and commission staff."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.models._types import utcnow

if TYPE_CHECKING:
    from marketplace.models.studio import Studio


class Role(enum.StrEnum):
    """Who an account acts for."""

    STUDIO = "studio"
    MANUFACTURER = "manufacturer"
    STAFF = "staff"


class User(UserMixin, db.Model):
    """A login. Its session id carries a version, so logout ends every copy of a session."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), index=True)
    organisation_name: Mapped[str] = mapped_column(String(200))
    studio_id: Mapped[int | None] = mapped_column(
        ForeignKey("studios.id", ondelete="SET NULL"), index=True
    )
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)
    suspended_at: Mapped[datetime | None] = mapped_column(default=None)
    language: Mapped[str | None] = mapped_column(String(10), default=None)  # zh_CN, en or unset

    studio: Mapped[Studio | None] = relationship(back_populates="members", foreign_keys=[studio_id])

    def get_id(self) -> str:
        """Session identity: user id plus session version (bumped on logout or password change)."""
        return f"{self.id}:{self.session_version}"

    def has_role(self, *roles: str) -> bool:
        """True when this account has one of the given roles."""
        return self.role in roles

    @property
    def is_suspended(self) -> bool:
        """True while commission staff keep this account suspended."""
        return self.suspended_at is not None

    @property
    def is_staff(self) -> bool:
        """True for commission staff."""
        return self.role == Role.STAFF

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
