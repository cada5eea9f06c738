"""Registering for an event (studio with its profile, manufacturer with a need or what it
seeks), unavailable slots, withdrawing (its meetings are freed and the others told)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select

from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import (
    EventParticipant,
    MatchEvent,
    Meeting,
    MeetingRequest,
    Need,
    NeedStatus,
    ParticipantStatus,
    RequestStatus,
    Studio,
    User,
)
from marketplace.models._types import utcnow
from marketplace.policies import Actor, can_register, can_withdraw
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.matchmaking import matchmaking_notices
from marketplace.services.matchmaking.matchmaking_events import ParticipantsChanged
from marketplace.services.matchmaking.matchmaking_reading import get_participant, own_participant

log = logging.getLogger(__name__)

SEEKING_MIN, SEEKING_MAX = 20, 1000


@dataclass
class RegistrationInput:
    """A manufacturer's need or its 'what we seek' text, and slots it cannot meet in."""

    need_id: int | None = None
    seeking: str = ""
    unavailable: list[int] = field(default_factory=list)


def check_slots(event: MatchEvent, slots: Iterable, name: str = "unavailable") -> list[int]:
    """Slot numbers within the event, sorted; ValidationFailed naming the bad one."""
    out = set()
    for value in slots:
        if isinstance(value, bool) or not str(value).strip().isdigit():
            raise ValidationFailed({name: _("Slots are whole numbers (got %(v)s).", v=value)})
        number = int(str(value).strip())
        if not 1 <= number <= event.slots:
            raise ValidationFailed({name: _("Slot %(n)s is outside this event (1 to %(max)s).",
                                            n=number, max=event.slots)})  # fmt: skip
        out.add(number)
    if len(out) >= event.slots:
        raise ValidationFailed({name: _("Leave at least one slot free for meetings.")})
    return sorted(out)


def _next_ref(session, event_id: int) -> str:
    count = session.scalar(select(func.count()).where(EventParticipant.event_id == event_id))
    ref = f"P{count + 1:02d}"
    while session.scalar(select(EventParticipant.id).where(
            EventParticipant.event_id == event_id, EventParticipant.ref == ref)):  # fmt: skip
        count += 1
        ref = f"P{count + 1:02d}"
    return ref


def _maker_details(session, actor: Actor, data: RegistrationInput) -> tuple[int | None, str]:
    seeking = " ".join((data.seeking or "").split())
    need_id = None
    if data.need_id:
        need = session.get(Need, data.need_id)
        if need is None or need.manufacturer_id != actor.user_id or \
                need.status != NeedStatus.PUBLISHED:
            raise ValidationFailed({"need_id": _("Choose one of your published needs.")})
        need_id = need.id
    elif len(seeking) < SEEKING_MIN:
        raise ValidationFailed({"seeking": _("Choose a published need or say in at least "
                                             "%(n)s characters what you seek.", n=SEEKING_MIN)})
    if len(seeking) > SEEKING_MAX:
        raise ValidationFailed({"seeking": _("At most %(n)s characters.", n=SEEKING_MAX)})
    return need_id, seeking


def register(actor: Actor, event_id: int, data: RegistrationInput) -> EventParticipant:
    """Register the actor (its studio, or itself as a manufacturer) for an open event."""
    event = db.session.get(MatchEvent, event_id)
    if event is None:
        raise NotFound(_("No such event."))
    if not can_register(actor, event, utcnow()):
        if actor.is_studio or actor.is_manufacturer:
            raise PermissionDenied(_("Registration for this event is closed."))
        raise PermissionDenied(_("Studios and manufacturers register for events."))
    unavailable = check_slots(event, data.unavailable)
    existing = own_participant(actor, event_id)
    if existing is not None and existing.is_active:
        raise ValidationFailed({"event": _("You are already registered for this event.")})
    with write_transaction() as session:
        user = session.get(User, actor.user_id)
        if actor.is_studio:
            studio = session.get(Studio, actor.studio_id)
            if studio is None or not (studio.capability_statement or "").strip():
                raise ValidationFailed({"studio": _("Complete your studio profile first: "
                                                    "participants are matched on it.")})
            name, need_id, seeking = studio.name_zh or studio.name, None, ""
        else:
            need_id, seeking = _maker_details(session, actor, data)
            name = user.organisation_name
        participant = session.get(EventParticipant, existing.id) if existing else None
        if participant is None:
            participant = EventParticipant(event_id=event_id, ref=_next_ref(session, event_id),
                                           role=str(actor.role), user_id=actor.user_id)
            session.add(participant)
        participant.name, participant.need_id, participant.seeking = name, need_id, seeking
        participant.studio_id = actor.studio_id if actor.is_studio else None
        participant.unavailable = unavailable
        participant.status, participant.withdrawn_at = ParticipantStatus.REGISTERED, None
        participant.registered_at = utcnow()
        record_event(ParticipantsChanged(event_ids=(event_id,)))
    log.info("event %s: %s registered as %s", event.ref, actor.user_id, participant.ref)
    return participant


def set_unavailable(actor: Actor, participant_id: int, slots: Iterable) -> EventParticipant:
    """Change the slots a participant cannot meet in, until the request deadline."""
    participant = get_participant(actor, participant_id)
    if not participant.is_active or (not participant.event.requests_open(utcnow()) and \
            not actor.is_staff):
        raise PermissionDenied(_("Availability can change only until the request deadline."))
    unavailable = check_slots(participant.event, slots)
    with write_transaction() as session:
        row = session.get(EventParticipant, participant_id)
        row.unavailable = unavailable
    return row


def withdraw(actor: Actor, participant_id: int) -> int:
    """Withdraw: open requests are cancelled, meetings freed, partners told; returns freed."""
    participant = get_participant(actor, participant_id)
    if not can_withdraw(actor, participant, utcnow()) and not actor.is_staff:
        raise PermissionDenied(_("This registration can no longer be withdrawn."))
    freed = 0
    with write_transaction() as session:
        me = session.get(EventParticipant, participant_id)
        event = me.event
        me.status, me.withdrawn_at = ParticipantStatus.WITHDRAWN, utcnow()
        live = session.scalars(select(MeetingRequest).where(
            (MeetingRequest.from_id == me.id) | (MeetingRequest.to_id == me.id),
            MeetingRequest.status.in_([RequestStatus.PENDING, RequestStatus.ACCEPTED])))
        for request in live:
            other = request.receiver if request.from_id == me.id else request.sender
            meeting = session.scalar(select(Meeting).where(Meeting.request_id == request.id))
            if meeting is not None:
                matchmaking_notices.tell(session, other, "meeting_cancelled", other=me.name,
                             when=matchmaking_notices.when(event, meeting.slot))  # fmt: skip
                session.delete(meeting)
                freed += 1
            request.status, request.unplaced = RequestStatus.CANCELLED, None
        record_event(ParticipantsChanged(event_ids=(event.id,)))
    log.info("participant %s withdrew; %d meetings freed", participant_id, freed)
    return freed
