"""Keep matching in step with the data: receivers for the domain events services emit.

Connected once, at import (the signals are module-global; every app in a process shares them),
and working on `current_app`. `events.emit` logs a receiver's failure instead of raising, so a
save never fails because of matching; `flask match refresh` repairs what was missed.
"""

from __future__ import annotations

import logging

from marketplace.events import scenarios_changed, studios_changed, studios_removed

log = logging.getLogger(__name__)


@studios_changed.connect
def _on_studios_changed(_sender, ids=(), **_kw) -> None:
    """Re-encode the changed studios and recompute their lists and the scenarios' lists."""
    from marketplace.services.matching import matches

    if ids:
        matches.update_studios(list(ids))


@studios_removed.connect
def _on_studios_removed(_sender, ids=(), **_kw) -> None:
    """Forget removed studios and recompute the scenarios' lists without them."""
    from marketplace.services.matching import matches

    if ids:
        matches.remove_studios(list(ids))


@scenarios_changed.connect
def _on_scenarios_changed(_sender, codes=(), **_kw) -> None:
    """Rebuild the Matcher on the new catalogue and recompute every list (if there are studios)."""
    from marketplace.services.matching import store as match_store

    if not codes:
        return
    if not match_store.matchable_studios():  # a fresh install: nothing to recommend, stay fast
        log.info("catalogue changed (%d scenarios); no studios to match yet", len(codes))
        return
    from marketplace.services.matching import matches

    matches.update_scenarios(list(codes))
