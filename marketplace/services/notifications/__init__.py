"""Notifications: the bell's messages and their e-mails."""

from marketplace.services.notifications.events import NotificationsCreated
from marketplace.services.notifications.sending import notify

__all__ = ["NotificationsCreated", "notify"]
