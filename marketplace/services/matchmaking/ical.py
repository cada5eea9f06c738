"""A participant's agenda as an iCalendar file (RFC 5545, written by the icalendar package)."""

from __future__ import annotations

from datetime import UTC

from icalendar import Calendar, Event

from marketplace.models import EventParticipant, MatchEvent, Meeting
from marketplace.services.matchmaking.matchmaking_reading import other_side


def _where(event: MatchEvent, table: int, table_word: str) -> str:
    place = event.venue or event.online_link or ""
    return f"{place} · {table_word} {table}" if place else f"{table_word} {table}"


def agenda_ics(
    event: MatchEvent, participant: EventParticipant, meetings: list[Meeting], *,
    title: str, meeting_with: str, table_word: str, host: str,
) -> bytes:
    """One VEVENT per meeting (UTC times, stable UIDs so a re-import updates them)."""
    cal = Calendar()
    cal.add("prodid", "-//Chongqing Design Marketplace//Matchmaking//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", title)
    for m in meetings:
        other = other_side(m, participant)
        item = Event()
        item.add("uid", f"meeting-{m.id}-p{participant.id}@{host}")
        item.add("dtstamp", (m.moved_at or m.created_at).replace(tzinfo=UTC))
        item.add("dtstart", event.slot_start(m.slot).replace(tzinfo=UTC))
        item.add("dtend", event.slot_end(m.slot).replace(tzinfo=UTC))
        item.add("summary", f"{meeting_with} {other.name} · {title}")
        item.add("location", _where(event, m.table_no, table_word))
        lines = [f"{table_word} {m.table_no}"]
        if event.online_link:
            lines.append(event.online_link)
        if m.request.note:
            lines.append(m.request.note)
        item.add("description", "\n".join(lines))
        item.add("sequence", 1 if m.moved_at else 0)
        cal.add_component(item)
    return cal.to_ical()
