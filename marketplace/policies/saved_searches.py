"""Who may save searches and manage a saved search (deny by default)."""

from __future__ import annotations

from typing import Any

from marketplace.policies.actor import Actor


def can_save_search(actor: Actor) -> bool:
    """Studios and manufacturers save searches and get alerts; visitors and staff do not."""
    return actor.is_studio or actor.is_manufacturer


def can_watch_needs_for_you(actor: Actor) -> bool:
    """A studio's "Needs for you" alert: a studio account linked to its studio."""
    return actor.is_studio


def can_manage_saved_search(actor: Actor, saved: Any) -> bool:
    """Only the account that saved it sees, changes or deletes a saved search."""
    return saved is not None and actor.is_user(saved.user_id)
