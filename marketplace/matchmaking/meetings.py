"""Agendas (page, print, iCalendar), meetings marked held or missed, invitations to bid."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import ANY_ROLE, role_required
from marketplace.i18n import current_language
from marketplace.matchmaking import bp
from marketplace.matchmaking.matchmaking_forms import ConfirmForm, InviteForm
from marketplace.models import Role
from marketplace.models._types import utcnow
from marketplace.policies import (
    actor_of,
    acts_for_participant,
    can_invite_from_meeting,
    can_mark_meeting,
)
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.matchmaking import ical, matchmaking_reading, onsite
from marketplace.services.needs.listing import open_needs_of


def _participant(participant_id: int):
    actor = actor_of(current_user)
    try:
        return actor, matchmaking_reading.get_participant(actor, participant_id)
    except NotFound:
        abort(404)


def _published_or_staff(actor, participant) -> None:
    if participant.event.published_at is None and not actor.is_staff:
        abort(404)


@bp.get("/events/participants/<int:participant_id>/agenda")
@role_required(ANY_ROLE)
def agenda(participant_id: int):
    """A participant's agenda: its meetings by slot, table and counterpart (printable)."""
    actor, me = _participant(participant_id)
    _published_or_staff(actor, me)
    now = utcnow()
    rows = matchmaking_reading.meetings_of(me)
    needs = open_needs_of(actor.user_id) if actor.is_manufacturer else []
    return render_template(
        "matchmaking/agenda.html", event=me.event, me=me, meetings=rows, now=now,
        other=lambda m: matchmaking_reading.other_side(m, me), confirm=ConfirmForm(),
        can_mark=lambda m: can_mark_meeting(actor, m, now),
        can_invite=lambda m: can_invite_from_meeting(actor, m, now),
        invite_form=_invite_form(needs), printing=request.args.get("print") == "1",
    )  # fmt: skip


def _invite_form(needs) -> InviteForm:
    form = InviteForm()
    form.need_id.choices = [(str(n.id), n.title) for n in needs]
    return form


@bp.get("/events/participants/<int:participant_id>/agenda.ics")
@role_required(ANY_ROLE)
def agenda_ics(participant_id: int):
    """The agenda as an iCalendar file (one event per meeting)."""
    actor, me = _participant(participant_id)
    _published_or_staff(actor, me)
    event = me.event
    body = ical.agenda_ics(
        event, me, matchmaking_reading.meetings_of(me), title=event.title(current_language()),
        meeting_with=_("Meeting with"), table_word=_("Table"), host=request.host.split(":")[0],
    )  # fmt: skip
    name = f"{event.ref}-{me.ref}.ics"
    return Response(body, mimetype="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={name}"})  # fmt: skip


def _meeting_of_mine(meeting_id: int):
    actor = actor_of(current_user)
    try:
        meeting = matchmaking_reading.get_meeting(meeting_id)
    except NotFound:
        abort(404)
    sides = (meeting.request.sender, meeting.request.receiver)
    mine = next((p for p in sides if acts_for_participant(actor, p)), None)
    if mine is None:
        abort(404)
    return actor, meeting, mine


@bp.post("/events/meetings/<int:meeting_id>/<any(held, missed):outcome>")
@role_required(Role.STUDIO, Role.MANUFACTURER)
def mark(meeting_id: int, outcome: str):
    """Mark a meeting held or missed (once its slot has begun)."""
    actor, meeting, mine = _meeting_of_mine(meeting_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        onsite.mark(actor, meeting.id, outcome)
    except PermissionDenied as exc:
        flash(str(exc), "error")
    else:
        flash(_("Recorded."), "success")
    return redirect(url_for("matchmaking.agenda", participant_id=mine.id))


@bp.post("/events/meetings/<int:meeting_id>/invite")
@role_required(Role.MANUFACTURER)
def invite(meeting_id: int):
    """From a held meeting: invite the studio to bid on one of one's open needs."""
    actor, meeting, mine = _meeting_of_mine(meeting_id)
    form = _invite_form(open_needs_of(actor.user_id))
    if not form.validate_on_submit():
        flash(_("Choose one of your needs that is open for bids."), "error")
        return redirect(url_for("matchmaking.agenda", participant_id=mine.id))
    try:
        new = onsite.invite(actor, meeting.id, int(form.need_id.data))
    except (PermissionDenied, ValidationFailed) as exc:
        messages = exc.errors.values() if isinstance(exc, ValidationFailed) else [str(exc)]
        for message in messages:
            flash(message, "error")
    else:
        flash(_("The studio is invited to bid.") if new else
              _("The studio was already invited to this need."), "success")  # fmt: skip
    return redirect(url_for("matchmaking.agenda", participant_id=mine.id))
