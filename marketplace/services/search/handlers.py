"""Search's event handlers: re-read changed studios and scenarios into the index."""

from __future__ import annotations

from collections.abc import Sequence

from marketplace.events import ScenariosChanged, StudiosChanged, StudiosRemoved
from marketplace.services.search.documents import scenario_keys, studio_keys
from marketplace.services.search.indexing import IndexOutOfStep, refresh_keys


def on_studios_changed(events: Sequence[StudiosChanged | StudiosRemoved]) -> None:
    """Re-read these studios (a removed one is deleted from the index); raise to retry."""
    if not refresh_keys(studio_keys(sorted({i for e in events for i in e.ids}))):
        raise IndexOutOfStep("studios")


def on_scenarios_changed(events: Sequence[ScenariosChanged]) -> None:
    """Re-read these scenarios; raise to retry."""
    if not refresh_keys(scenario_keys(sorted({c for e in events for c in e.codes}))):
        raise IndexOutOfStep("scenarios")
