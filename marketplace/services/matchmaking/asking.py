"""Meeting requests: a participant asks another for a meeting with a note; the other answers.

Refused with a reason: a request to oneself or to one's own side, a duplicate (either way),
one past the request deadline, one over the sender's request limit; accepting over either
side's meeting limit."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import EventParticipant, MeetingRequest, RequestStatus
from marketplace.models._types import utcnow
from marketplace.policies import Actor, actor_of, acts_for_participant, can_answer_request
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.matchmaking import matchmaking_notices

log = logging.getLogger(__name__)

NOTE_MAX = 500
LIVE = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


@dataclass(frozen=True)
class MeetingAsk:
    """Whom to ask for a meeting (a participant id of the same event) and a short note."""

    to_id: int
    note: str = ""


def pair_request(session, a: int, b: int) -> MeetingRequest | None:
    """The request between two participants in either direction, if one was ever made."""
    return session.scalar(select(MeetingRequest).where(or_(
        and_(MeetingRequest.from_id == a, MeetingRequest.to_id == b),
        and_(MeetingRequest.from_id == b, MeetingRequest.to_id == a),
    )).order_by(MeetingRequest.id.desc()).limit(1))  # fmt: skip


def sent_count(session, participant_id: int) -> int:
    """Requests a participant has sent that still count (pending or accepted)."""
    return session.scalar(select(func.count()).where(
        MeetingRequest.from_id == participant_id, MeetingRequest.status.in_(LIVE)))  # fmt: skip


def accepted_count(session, participant_id: int) -> int:
    """Accepted meetings a participant has, either direction."""
    return session.scalar(select(func.count()).where(
        or_(MeetingRequest.from_id == participant_id, MeetingRequest.to_id == participant_id),
        MeetingRequest.status == RequestStatus.ACCEPTED))  # fmt: skip


def check_pair(sender: EventParticipant, receiver: EventParticipant | None) -> None:
    """The pair rules shared by the site and the import: ValidationFailed naming the field."""
    if receiver is None or receiver.event_id != sender.event_id:
        raise ValidationFailed({"to": _("No such participant at this event.")})
    if receiver.id == sender.id:
        raise ValidationFailed({"to": _("You cannot request a meeting with yourself.")})
    if receiver.role == sender.role:
        raise ValidationFailed({"to": _("Meetings are between a manufacturer and a studio.")})
    if not receiver.is_active:
        raise ValidationFailed({"to": _("%(name)s has withdrawn from this event.",
                                        name=receiver.name)})  # fmt: skip


def send(actor: Actor, sender_id: int, data: MeetingAsk) -> MeetingRequest:
    """Ask another participant of the same event for a meeting; the receiver is told."""
    actor, to_id, note = actor_of(actor), data.to_id, (data.note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationFailed({"note": _("At most %(n)s characters.", n=NOTE_MAX)})
    with write_transaction() as session:
        sender = session.get(EventParticipant, sender_id)
        if sender is None or not acts_for_participant(actor, sender):
            raise NotFound(_("No such registration."))
        if not sender.is_active:
            raise PermissionDenied(_("You have withdrawn from this event."))
        event = sender.event
        if not event.requests_open(utcnow()):
            raise ValidationFailed({"to": _("Meeting requests for this event closed on %(when)s.",
                                            when=matchmaking_notices.when_utc(event.request_deadline))})
        receiver = session.get(EventParticipant, to_id)
        check_pair(sender, receiver)
        earlier = pair_request(session, sender.id, receiver.id)
        if earlier is not None and earlier.status != RequestStatus.CANCELLED:
            raise ValidationFailed({"to": _("There is already a request between you and "
                                            "%(name)s (%(status)s).", name=receiver.name,
                                            status=status_word(earlier.status))})  # fmt: skip
        if sent_count(session, sender.id) >= event.max_requests:
            raise ValidationFailed({"to": _("You have sent the most requests allowed at this "
                                            "event (%(n)s).", n=event.max_requests)})  # fmt: skip
        request = MeetingRequest(event_id=event.id, from_id=sender.id, to_id=receiver.id,
                                 note=note)  # fmt: skip
        session.add(request)
        matchmaking_notices.tell(session, receiver, "meeting_requested", from_name=sender.name)
    log.info("event %s: request %s -> %s", event.ref, sender.ref, receiver.ref)
    return request


def status_word(status: str) -> str:
    """A request status in the reader's language."""
    return {
        RequestStatus.PENDING: _("waiting for an answer"),
        RequestStatus.ACCEPTED: _("accepted"),
        RequestStatus.DECLINED: _("declined"),
        RequestStatus.CANCELLED: _("cancelled"),
    }.get(status, status)


def answer(actor: Actor, request_id: int, accept: bool) -> MeetingRequest:
    """The receiver accepts or declines; accepting respects both sides' meeting limits."""
    with write_transaction() as session:
        request = session.get(MeetingRequest, request_id)
        if request is None or not (acts_for_participant(actor, request.receiver)
                                   or acts_for_participant(actor, request.sender)):
            raise NotFound(_("No such request."))
        if not can_answer_request(actor, request, utcnow()):
            raise PermissionDenied(_("This request can no longer be answered."))
        event = request.receiver.event
        if accept:
            for side in (request.receiver, request.sender):
                if accepted_count(session, side.id) >= event.max_meetings:
                    raise ValidationFailed({"request": _(
                        "%(name)s already has the most meetings allowed at this event "
                        "(%(n)s).", name=side.name, n=event.max_meetings)})
        request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
        request.decided_at = utcnow()
        matchmaking_notices.tell(session, request.sender, "request_answered",
                                 to_name=request.receiver.name,
                                 answer=str(request.status))  # fmt: skip
    return request


def get_request(request_id: int) -> MeetingRequest:
    """A request by id (callers check the policy), or NotFound."""
    request = db.session.get(MeetingRequest, request_id)
    if request is None:
        raise NotFound(_("No such request."))
    return request
