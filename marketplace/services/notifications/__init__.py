"""Notifications: the bell's messages and their e-mails."""

from marketplace.services.notifications.kinds import KINDS, render, subject
from marketplace.services.notifications.notification_events import NotificationsCreated
from marketplace.services.notifications.reading import latest, mark_read, own, unread_count
from marketplace.services.notifications.sending import notify

__all__ = [
    "KINDS",
    "NotificationsCreated",
    "latest",
    "mark_read",
    "notify",
    "own",
    "render",
    "subject",
    "unread_count",
]
