"""Slot times of an event in Asia/Shanghai, for pages, messages and print."""

from __future__ import annotations

from marketplace.models import MatchEvent
from marketplace.services.needs.need_times import utc_to_shanghai


def slot_label(event: MatchEvent, slot: int) -> str:
    """'2027-03-01 14:25' in Beijing time: the start of a slot."""
    return utc_to_shanghai(event.slot_start(slot)).strftime("%Y-%m-%d %H:%M")


def slot_range(event: MatchEvent, slot: int) -> str:
    """'14:25–14:45' in Beijing time."""
    start, end = utc_to_shanghai(event.slot_start(slot)), utc_to_shanghai(event.slot_end(slot))
    return f"{start:%H:%M}–{end:%H:%M}"
