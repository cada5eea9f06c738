"""On the day and after: check-in, meetings marked held or missed, invitations to bid."""

from __future__ import annotations

from flask_babel import gettext as _

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import EventParticipant, Meeting, MeetingOutcome, Need
from marketplace.models._types import utcnow
from marketplace.policies import (
    Actor,
    acts_for_participant,
    can_invite_from_meeting,
    can_manage_events,
    can_mark_meeting,
)
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed


def check_in(actor: Actor, participant_id: int, present: bool = True) -> EventParticipant:
    """Staff record that a participant arrived (or undo it)."""
    if not can_manage_events(actor):
        raise PermissionDenied(_("Only commission staff check participants in."))
    with write_transaction() as session:
        participant = session.get(EventParticipant, participant_id)
        if participant is None:
            raise NotFound(_("No such registration."))
        if not participant.is_active:
            raise ValidationFailed({"participant": _("%(name)s has withdrawn.",
                                                     name=participant.name)})  # fmt: skip
        participant.checked_in_at = utcnow() if present else None
    return participant


def mark(actor: Actor, meeting_id: int, outcome: str) -> Meeting:
    """Either side marks its meeting held or missed, once the slot has begun."""
    if outcome not in {o.value for o in MeetingOutcome}:
        raise ValidationFailed({"outcome": _("Choose held or missed.")})
    with write_transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or not (acts_for_participant(actor, meeting.request.sender)
                                   or acts_for_participant(actor, meeting.request.receiver)):
            raise NotFound(_("No such meeting."))
        if not can_mark_meeting(actor, meeting, utcnow()):
            raise PermissionDenied(_("A meeting can be marked once its slot has begun."))
        meeting.outcome, meeting.outcome_by_id, meeting.outcome_at = outcome, actor.user_id, \
            utcnow()
    return meeting


def invite(actor: Actor, meeting_id: int, need_id: int | None) -> int:
    """From a held meeting, the manufacturer invites the studio to bid on one of its open needs."""
    from marketplace.services.needs import invitations
    from marketplace.services.needs.lifecycle import LifecycleError

    meeting = db.session.get(Meeting, meeting_id)
    allowed = meeting is not None and can_invite_from_meeting(actor, meeting, utcnow())
    studio_id = next((p.studio_id for p in (meeting.request.sender, meeting.request.receiver)
                      if p.role == "studio"), None) if allowed else None  # fmt: skip
    need = db.session.get(Need, need_id) if need_id else None
    if not allowed:
        raise PermissionDenied(_("Only the manufacturer of a held meeting invites from it."))
    if need is None or need.manufacturer_id != actor.user_id:
        raise ValidationFailed({"need_id": _("Choose one of your needs that is open for bids.")})
    try:
        return invitations.invite(actor, need.id, invitations.InvitationInput([studio_id], "event"))
    except LifecycleError as exc:
        raise ValidationFailed({"need_id": _("Choose one of your needs that is open for bids.")}) \
            from exc
