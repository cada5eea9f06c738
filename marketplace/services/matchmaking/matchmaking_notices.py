"""Who hears about what at an event: the accounts behind a participant, told in their language."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.models import EventParticipant, MatchEvent, ParticipantStatus, User
from marketplace.services.matchmaking.matchmaking_times import slot_label
from marketplace.services.notifications.sending import notify


def accounts_of(session: Session, participant: EventParticipant) -> list[int]:
    """The account ids that act for a participant (every account of a studio)."""
    ids = [participant.user_id] if participant.user_id else []
    if participant.role == "studio" and participant.studio_id:
        ids += list(session.scalars(select(User.id).where(User.studio_id == participant.studio_id)))
    return list(dict.fromkeys(ids))


def titles(event: MatchEvent) -> dict[str, Any]:
    """Payload values naming the event (both languages: the reader's is chosen when read)."""
    return {"event_id": event.id, "event_title": event.title_zh, "event_title_en": event.title_en}


def tell(session: Session, participant: EventParticipant, kind: str, **payload: Any) -> None:
    """Notify a participant's accounts (participants imported without an account hear nothing)."""
    event = participant.event
    link = f"/events/{event.id}/me"
    notify(accounts_of(session, participant), kind, link=link, **titles(event), **payload)


def tell_everyone(session: Session, event: MatchEvent, kind: str, **payload: Any) -> None:
    """Notify every registered participant of an event."""
    rows = session.scalars(select(EventParticipant).where(
        EventParticipant.event_id == event.id,
        EventParticipant.status == ParticipantStatus.REGISTERED))  # fmt: skip
    for participant in rows:
        tell(session, participant, kind, **payload)


def when(event: MatchEvent, slot: int) -> str:
    """'2027-03-01 14:25' (Beijing time) of a slot, for messages."""
    return slot_label(event, slot)


def when_utc(value) -> str:
    """A stored UTC time as Beijing wall-clock text."""
    from marketplace.services.needs.need_times import format_shanghai

    return format_shanghai(value)
