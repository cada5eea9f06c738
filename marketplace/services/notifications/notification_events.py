"""Notification events: new in-app notifications that may also go out by e-mail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from marketplace.events import DomainEvent


@dataclass(frozen=True)
class NotificationsCreated(DomainEvent):
    """Notifications were written; their e-mails are sent by a background job."""

    topic: ClassVar[str] = "notifications-created"
    ids: tuple[int, ...] = ()
