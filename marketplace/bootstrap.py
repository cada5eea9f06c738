"""The one place that maps domain events to their handlers (run by the outbox drain job)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from marketplace.events import DomainEvent, ScenariosChanged, StudiosChanged, StudiosRemoved
from marketplace.services.accounts.events import LoginCodeRequested, PasswordResetRequested
from marketplace.services.notifications.events import NotificationsCreated

log = logging.getLogger(__name__)

Handler = Callable[[Sequence[DomainEvent]], None]


def _handlers() -> dict[type[DomainEvent], list[Handler]]:
    from marketplace.services.accounts import login_codes, password_reset
    from marketplace.services.matching import handlers as matching
    from marketplace.services.matching import need_matches
    from marketplace.services.matchmaking import fits
    from marketplace.services.matchmaking.changes import ParticipantsChanged
    from marketplace.services.needs.events import NeedsChanged
    from marketplace.services.notifications import mail
    from marketplace.services.reviews import review_notices as review_notices
    from marketplace.services.reviews.events import MatchDecided
    from marketplace.services.search import handlers as search
    from marketplace.services.search import saved as saved_searches

    return {
        StudiosChanged: [
            search.on_studios_changed, matching.on_studios_changed,
            need_matches.on_studios_changed, saved_searches.on_index_changed,
        ],
        StudiosRemoved: [
            search.on_studios_changed, matching.on_studios_removed,
            need_matches.on_studios_changed,
        ],
        ScenariosChanged: [search.on_scenarios_changed, matching.on_scenarios_changed],
        NotificationsCreated: [mail.on_notifications_created],
        MatchDecided: [review_notices.on_match_decided],
        PasswordResetRequested: [password_reset.on_reset_requested],
        LoginCodeRequested: [login_codes.on_code_requested],
        NeedsChanged: [
            search.on_needs_changed, saved_searches.on_index_changed,
            need_matches.on_needs_changed,
        ],
        ParticipantsChanged: [fits.on_participants_changed],
    }


def known_event_types() -> list[type[DomainEvent]]:
    """Every mapped event type (importing them registers their topics for the outbox reader)."""
    return list(_handlers())


def handlers_for(topic: str) -> list[Handler]:
    """The handlers of an event topic, in order (search first: it is cheap)."""
    for event_type, handlers in _handlers().items():
        if event_type.topic == topic:
            return handlers
    return []


def dispatch(events: Sequence[DomainEvent]) -> None:
    """After a commit: ask for the outbox to be drained when some event has handlers."""
    if any(handlers_for(e.topic) for e in events):
        from marketplace import jobs

        jobs.request_drain()

