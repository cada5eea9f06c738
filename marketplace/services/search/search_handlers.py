"""Search's event handlers: re-read changed studios, scenarios and needs into the index."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marketplace.services.catalog.catalog_events import ScenariosChanged
from marketplace.services.search.documents import need_keys, scenario_keys, studio_keys
from marketplace.services.search.indexing import IndexOutOfStep, refresh_keys
from marketplace.services.studios.studio_events import StudiosChanged, StudiosRemoved


def on_studios_changed(events: Sequence[StudiosChanged | StudiosRemoved]) -> None:
    """Re-read these studios (a removed one is deleted from the index); raise to retry."""
    if not refresh_keys(studio_keys(sorted({i for e in events for i in e.ids}))):
        raise IndexOutOfStep("studios")


def on_scenarios_changed(events: Sequence[ScenariosChanged]) -> None:
    """Re-read these scenarios; raise to retry."""
    if not refresh_keys(scenario_keys(sorted({c for e in events for c in e.codes}))):
        raise IndexOutOfStep("scenarios")


def on_needs_changed(events: Sequence[Any]) -> None:
    """Re-read these needs (one no longer public is deleted from the index); raise to retry."""
    if not refresh_keys(need_keys(sorted({i for e in events for i in e.ids}))):
        raise IndexOutOfStep("needs")
