"""Domain events that services send after a commit, so search and matching stay in step.

Services call e.g. `studios_changed.send(ids=[...])` *after* their transaction commits;
the search index and the matching cache subscribe in their own modules. A receiver must
never raise into the sender: a failed index or cache update is logged and repaired later
(`flask search check|rebuild`, `flask match refresh`), and the user's change stays saved.
"""

from __future__ import annotations

import logging

from blinker import Namespace

log = logging.getLogger(__name__)
_signals = Namespace()

studios_changed = _signals.signal("studios-changed")  # kwargs: ids: list[int]
studios_removed = _signals.signal("studios-removed")  # kwargs: ids: list[int]
scenarios_changed = _signals.signal("scenarios-changed")  # kwargs: codes: list[str]


def emit(signal, **payload) -> None:
    """Send a signal to every receiver, logging (not raising) a receiver's failure."""
    for receiver in signal.receivers_for(None):
        try:
            receiver(None, **payload)
        except Exception:
            log.exception("receiver %r of %s failed; run the repair command", receiver, signal.name)
