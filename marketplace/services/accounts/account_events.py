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


@dataclass(frozen=True)
class LoginCodeRequested(DomainEvent):
    """An account under distributed guessing signed in with its password; a job e-mails the
    one-time code that completes the sign-in (the outbox row holds it until then)."""

    topic: ClassVar[str] = "login-code-requested"
    user_id: int = 0
    code: str = ""
