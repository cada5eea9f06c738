"""Who may see and act on matchmaking events, registrations, meeting requests and meetings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marketplace.policies.actor import Actor

_PUBLIC_EVENTS = {"open", "scheduled"}


def is_public_event(event: Any) -> bool:
    """Open and scheduled events are listed and shown to everyone."""
    return event.status in _PUBLIC_EVENTS


def can_view_event(actor: Actor, event: Any) -> bool:
    """Everyone sees public events; staff see cancelled ones too."""
    return is_public_event(event) or actor.is_staff


def can_manage_events(actor: Actor) -> bool:
    """Create and edit events, run the scheduler, move meetings, check in, print: staff."""
    return actor.is_staff


def can_register(actor: Actor, event: Any, now: datetime) -> bool:
    """A studio account (with its studio) or a manufacturer, while registration is open."""
    return (actor.is_studio or actor.is_manufacturer) and event.registration_open(now)


def acts_for_participant(actor: Actor, participant: Any) -> bool:
    """The registered account itself, or (for a studio) any account of that studio."""
    if participant is None or actor.is_visitor:
        return False
    if actor.is_user(participant.user_id):
        return True
    return participant.role == "studio" and actor.acts_for_studio(participant.studio_id)


def can_view_participation(actor: Actor, participant: Any) -> bool:
    """A participant's requests, ranked candidates and agenda: its own accounts and staff."""
    return acts_for_participant(actor, participant) or actor.is_staff


def can_request_meeting(actor: Actor, sender: Any, receiver: Any, now: datetime) -> bool:
    """Own active registration, another active participant of the same event, before the
    request deadline."""
    return (
        acts_for_participant(actor, sender) and sender.is_active and receiver is not None
        and receiver.is_active and receiver.id != sender.id
        and receiver.event_id == sender.event_id and sender.event.requests_open(now)
    )  # fmt: skip


def can_answer_request(actor: Actor, request: Any, now: datetime) -> bool:
    """The receiver accepts or declines a pending request before the request deadline."""
    return (
        acts_for_participant(actor, request.receiver) and request.status == "pending"
        and request.receiver.is_active and request.receiver.event.requests_open(now)
    )  # fmt: skip


def can_view_request(actor: Actor, request: Any) -> bool:
    """Either side of a request, and staff."""
    return (
        acts_for_participant(actor, request.sender)
        or acts_for_participant(actor, request.receiver)
        or actor.is_staff
    )


def can_withdraw(actor: Actor, participant: Any, now: datetime) -> bool:
    """The participant itself, while registered and before the event is over."""
    return (
        acts_for_participant(actor, participant) and participant.is_active
        and participant.event.status != "cancelled" and not participant.event.is_over(now)
    )  # fmt: skip


def can_mark_meeting(actor: Actor, meeting: Any, now: datetime) -> bool:
    """Either side marks a meeting held or missed once its slot has begun."""
    request = meeting.request
    event = request.sender.event
    mine = acts_for_participant(actor, request.sender) or acts_for_participant(
        actor, request.receiver
    )
    return mine and now >= event.slot_start(meeting.slot)


def can_invite_from_meeting(actor: Actor, meeting: Any, now: datetime) -> bool:
    """From a held meeting, the manufacturer side may invite the studio side to bid."""
    request = meeting.request
    sides = (request.sender, request.receiver)
    maker = next((p for p in sides if p.role == "manufacturer"), None)
    studio = next((p for p in sides if p.role == "studio"), None)
    return (
        meeting.outcome == "held" and maker is not None and studio is not None
        and studio.studio_id is not None and actor.is_manufacturer
        and acts_for_participant(actor, maker)
    )  # fmt: skip
