"""Account events: a password reset link was asked for an existing account."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from marketplace.events import DomainEvent


@dataclass(frozen=True)
class PasswordResetRequested(DomainEvent):
    """Someone asked for a reset link for an existing account; a job e-mails it."""

    topic: ClassVar[str] = "password-reset-requested"
    user_id: int = 0
