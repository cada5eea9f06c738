"""Reading events, registrations, requests and meetings, for pages and commands."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from marketplace.extensions import db
from marketplace.models import (
    EventParticipant,
    EventStatus,
    MatchEvent,
    Meeting,
    MeetingRequest,
    ParticipantStatus,
    RequestStatus,
)
from marketplace.models._types import utcnow
from marketplace.policies import (
    Actor,
    acts_for_participant,
    can_view_event,
    can_view_participation,
)
from marketplace.services.common.service_errors import NotFound


def public_events() -> tuple[list[MatchEvent], list[MatchEvent]]:
    """(upcoming, past) public events: soonest first, then most recent first."""
    rows = list(db.session.scalars(select(MatchEvent).where(
        MatchEvent.status.in_([EventStatus.OPEN, EventStatus.SCHEDULED])
    ).order_by(MatchEvent.starts_at)))  # fmt: skip
    now = utcnow()
    return [e for e in rows if not e.is_over(now)], [e for e in reversed(rows) if e.is_over(now)]


def all_events() -> list[MatchEvent]:
    """Every event, newest first (staff)."""
    return list(db.session.scalars(select(MatchEvent).order_by(MatchEvent.starts_at.desc())))


def get_event(actor: Actor, event_id: int) -> MatchEvent:
    """An event the actor may see, or NotFound."""
    event = db.session.get(MatchEvent, event_id)
    if event is None or not can_view_event(actor, event):
        raise NotFound(_("No such event."))
    return event


def event_by_ref(ref: str) -> MatchEvent | None:
    """An event by its reference."""
    return db.session.scalar(select(MatchEvent).where(MatchEvent.ref == ref))


def participants(event_id: int, *, active_only: bool = True) -> list[EventParticipant]:
    """An event's participants, by reference."""
    query = select(EventParticipant).where(EventParticipant.event_id == event_id)
    if active_only:
        query = query.where(EventParticipant.status == ParticipantStatus.REGISTERED)
    return list(db.session.scalars(query.options(selectinload(EventParticipant.studio))
                                   .order_by(EventParticipant.ref)))  # fmt: skip


def own_participant(actor: Actor, event_id: int) -> EventParticipant | None:
    """The actor's registration at an event (withdrawn ones included), if any."""
    if actor.is_visitor:
        return None
    query = select(EventParticipant).where(EventParticipant.event_id == event_id)
    if actor.is_studio:
        query = query.where(or_(EventParticipant.user_id == actor.user_id,
                                EventParticipant.studio_id == actor.studio_id))  # fmt: skip
    else:
        query = query.where(EventParticipant.user_id == actor.user_id)
    rows = list(db.session.scalars(query.order_by(EventParticipant.status)))
    return next((p for p in rows if acts_for_participant(actor, p)), None)


def get_participant(actor: Actor, participant_id: int) -> EventParticipant:
    """A participant whose requests and agenda the actor may see, else NotFound (no hint)."""
    participant = db.session.get(EventParticipant, participant_id)
    if participant is None or not can_view_participation(actor, participant):
        raise NotFound(_("No such registration."))
    return participant


@dataclass
class Requests:
    """A participant's requests: sent and received, newest first."""

    sent: list[MeetingRequest]
    received: list[MeetingRequest]

    def partner_status(self) -> dict[int, str]:
        """Other participant id -> the status of the live request between them."""
        out: dict[int, str] = {}
        for r in self.sent:
            if r.status != RequestStatus.CANCELLED:
                out[r.to_id] = r.status
        for r in self.received:
            if r.status != RequestStatus.CANCELLED:
                out[r.from_id] = r.status
        return out


def requests_of(participant: EventParticipant) -> Requests:
    """The requests a participant sent and received."""
    rows = list(db.session.scalars(
        select(MeetingRequest).where(or_(MeetingRequest.from_id == participant.id,
                                         MeetingRequest.to_id == participant.id))
        .options(selectinload(MeetingRequest.sender), selectinload(MeetingRequest.receiver))
        .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
    ))  # fmt: skip
    return Requests([r for r in rows if r.from_id == participant.id],
                    [r for r in rows if r.to_id == participant.id])  # fmt: skip


def meetings(event_id: int) -> list[Meeting]:
    """Every placed meeting of an event, by slot and table."""
    return list(db.session.scalars(
        select(Meeting).where(Meeting.event_id == event_id)
        .options(selectinload(Meeting.request).selectinload(MeetingRequest.sender),
                 selectinload(Meeting.request).selectinload(MeetingRequest.receiver))
        .order_by(Meeting.slot, Meeting.table_no)
    ))  # fmt: skip


def meetings_of(participant: EventParticipant) -> list[Meeting]:
    """A participant's agenda: its meetings by slot."""
    return [m for m in meetings(participant.event_id)
            if participant.id in (m.request.from_id, m.request.to_id)]  # fmt: skip


def get_meeting(meeting_id: int) -> Meeting:
    """A meeting by id (callers check the policy), or NotFound."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(_("No such meeting."))
    return meeting


def other_side(meeting: Meeting, participant: EventParticipant) -> EventParticipant:
    """The participant a meeting is with."""
    r = meeting.request
    return r.receiver if r.from_id == participant.id else r.sender


def unplaced(event_id: int) -> list[MeetingRequest]:
    """Accepted requests the scheduler left out, with their reasons."""
    return list(db.session.scalars(select(MeetingRequest).where(
        MeetingRequest.event_id == event_id, MeetingRequest.status == RequestStatus.ACCEPTED,
        MeetingRequest.unplaced.is_not(None)).order_by(MeetingRequest.id)))  # fmt: skip
