"""Matching's event handlers: recompute vectors and match rows after studios or scenarios change.

Called by the outbox drain (a background job) with every pending event of one type at once, so
ten saves in a row cost one recompute. A handler that raises leaves its events pending for retry;
`flask match refresh` repairs whatever was missed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from marketplace.events import ScenariosChanged, StudiosChanged, StudiosRemoved

log = logging.getLogger(__name__)


def _ids(events: Sequence[StudiosChanged | StudiosRemoved]) -> list[int]:
    return sorted({i for e in events for i in e.ids})


def on_studios_changed(events: Sequence[StudiosChanged]) -> None:
    """Re-encode the changed studios and recompute their lists and the scenarios' lists."""
    from marketplace.services.matching import matches

    ids = _ids(events)
    if ids:
        matches.update_studios(ids)


def on_studios_removed(events: Sequence[StudiosRemoved]) -> None:
    """Forget removed studios and recompute the scenarios' lists without them."""
    from marketplace.services.matching import matches

    ids = _ids(events)
    if ids:
        matches.remove_studios(ids)


def on_scenarios_changed(events: Sequence[ScenariosChanged]) -> None:
    """Rebuild the Matcher on the new catalogue and recompute every list (if there are studios)."""
    from marketplace.services.matching import matches, store

    codes = sorted({c for e in events for c in e.codes})
    if not codes:
        return
    if not store.matchable_studios():  # a fresh install: nothing to recommend, stay fast
        log.info("catalogue changed (%d scenarios); no studios to match yet", len(codes))
        return
    matches.update_scenarios(codes)
