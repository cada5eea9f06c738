"""Matching's event handlers: recompute vectors and match rows after studios or scenarios change.

Called by the outbox drain (a background job) with every pending event of one type at once, so
ten saves in a row cost one recompute. A handler that raises leaves its events pending for retry;
`flask match refresh` repairs whatever was missed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from marketplace.services.catalog.catalog_events import ScenariosChanged
from marketplace.services.matching import matches, need_matches
from marketplace.services.matching.encoding import encoder
from marketplace.services.studios.studio_events import StudiosChanged, StudiosRemoved

log = logging.getLogger(__name__)


def _ids(events: Sequence[StudiosChanged | StudiosRemoved]) -> list[int]:
    return sorted({i for e in events for i in e.ids})


def on_studios_changed(events: Sequence[StudiosChanged]) -> None:
    """Load every studio once, then recompute each derived view once: the changed studios' and
    the scenarios' lists, then the need lists ('Needs for you', each need's studios)."""
    ids = _ids(events)
    if ids:
        _recompute(ids)


def on_studios_removed(events: Sequence[StudiosRemoved]) -> None:
    """Forget removed studios, then recompute the same views without them (one load)."""
    ids = _ids(events)
    if ids:
        matches.forget_studios(ids)
        _recompute(ids)


def _recompute(ids: list[int]) -> None:
    studios = matches.load_studios(encoder())
    matches.update_studios(ids, studios=studios)
    need_matches.refresh_if_any(studios=studios)


def on_scenarios_changed(events: Sequence[ScenariosChanged]) -> None:
    """Rebuild the Matcher on the new catalogue and recompute every list (if there are studios)."""
    from marketplace.services.matching import store

    codes = sorted({c for e in events for c in e.codes})
    if not codes:
        return
    if not store.matchable_studios():  # a fresh install: nothing to recommend, stay fast
        log.info("catalogue changed (%d scenarios); no studios to match yet", len(codes))
        return
    matches.update_scenarios(codes)
