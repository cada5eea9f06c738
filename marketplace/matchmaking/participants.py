"""A participant's own event page: ranked counterparts, requests, availability, withdrawal."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import ANY_ROLE, role_required
from marketplace.matchmaking import bp
from marketplace.matchmaking.helpers import apply_errors, event_slot
from marketplace.matchmaking.matchmaking_forms import AvailabilityForm, ConfirmForm, RequestForm
from marketplace.models import Role
from marketplace.models._types import utcnow
from marketplace.policies import actor_of, can_answer_request, can_withdraw
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.matchmaking import asking, fits, matchmaking_reading, registration


def _own(event_id: int):
    actor = actor_of(current_user)
    try:
        event = matchmaking_reading.get_event(actor, event_id)
    except NotFound:
        abort(404)
    mine = matchmaking_reading.own_participant(actor, event.id)
    return actor, event, mine


@bp.get("/events/<int:event_id>/me")
@role_required(Role.STUDIO, Role.MANUFACTURER)
def hub(event_id: int):
    """Who fits you best (with reasons), your requests, your availability and agenda."""
    actor, event, mine = _own(event_id)
    if mine is None:
        flash(_("Register first to request meetings."), "info")
        return redirect(url_for("matchmaking.detail", event_id=event.id))
    now = utcnow()
    requests = matchmaking_reading.requests_of(mine)
    others = matchmaking_reading.participants(event.id)
    candidates = fits.ranked_for(mine, others) if mine.is_active else []
    availability = AvailabilityForm(prefix="avail")
    availability.unavailable.choices = [(str(s), f"{s} · {event_slot(event, s)}")
                                        for s in range(1, event.slots + 1)]  # fmt: skip
    availability.unavailable.data = [str(s) for s in mine.unavailable or []]
    return render_template(
        "matchmaking/hub.html", event=event, me=mine, candidates=candidates,
        requests=requests, partner_status=requests.partner_status(), request_form=RequestForm(),
        confirm=ConfirmForm(), availability=availability, now=now,
        requests_open=event.requests_open(now) and mine.is_active,
        can_answer=lambda r: can_answer_request(actor, r, now),
        can_withdraw=can_withdraw(actor, mine, now),
        agenda=matchmaking_reading.meetings_of(mine) if event.published_at else [],
    )  # fmt: skip


@bp.post("/events/<int:event_id>/requests")
@role_required(Role.STUDIO, Role.MANUFACTURER)
def send_request(event_id: int):
    """Ask another participant for a meeting, with a note."""
    actor, event, mine = _own(event_id)
    if mine is None:
        abort(404)
    form = RequestForm()
    if not form.validate_on_submit():
        abort(400)
    to = form.to.data or ""
    if not to.isdigit():
        flash(_("Choose whom to meet."), "error")
        return redirect(url_for("matchmaking.hub", event_id=event.id)), 303
    try:
        asking.send(actor, mine.id, asking.MeetingAsk(int(to), form.note.data or ""))
    except (ValidationFailed, PermissionDenied, NotFound) as exc:
        messages = exc.errors.values() if isinstance(exc, ValidationFailed) else [str(exc)]
        for message in messages:
            flash(message, "error")
    else:
        flash(_("Your request was sent."), "success")
    return redirect(url_for("matchmaking.hub", event_id=event.id) + "#requests")


@bp.post("/events/requests/<int:request_id>/<any(accept, decline):answer>")
@role_required(Role.STUDIO, Role.MANUFACTURER)
def answer_request(request_id: int, answer: str):
    """Accept or decline a request one received."""
    actor = actor_of(current_user)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        row = asking.answer(actor, request_id, accept=answer == "accept")
    except NotFound:
        abort(404)
    except (ValidationFailed, PermissionDenied) as exc:
        messages = exc.errors.values() if isinstance(exc, ValidationFailed) else [str(exc)]
        for message in messages:
            flash(message, "error")
        row = asking.get_request(request_id)
    else:
        flash(_("Accepted.") if answer == "accept" else _("Declined."), "success")
    return redirect(url_for("matchmaking.hub", event_id=row.event_id) + "#requests")


@bp.post("/events/participants/<int:participant_id>/availability")
@role_required(ANY_ROLE)
def availability(participant_id: int):
    """Change the slots one cannot meet in (until the request deadline)."""
    actor = actor_of(current_user)
    try:
        me = matchmaking_reading.get_participant(actor, participant_id)
    except NotFound:
        abort(404)
    form = AvailabilityForm(prefix="avail")
    form.unavailable.choices = [(str(s), str(s)) for s in range(1, me.event.slots + 1)]
    if not form.validate_on_submit():
        abort(400)
    try:
        registration.set_unavailable(actor, me.id, form.unavailable.data or [])
    except ValidationFailed as exc:
        apply_errors(None, exc)
    except PermissionDenied as exc:
        flash(str(exc), "error")
    else:
        flash(_("Availability saved."), "success")
    return redirect(_back(me))


def _back(participant) -> str:
    if actor_of(current_user).is_staff:
        return url_for("staff.event_detail", event_id=participant.event_id)
    return url_for("matchmaking.hub", event_id=participant.event_id)


@bp.post("/events/participants/<int:participant_id>/withdraw")
@role_required(ANY_ROLE)
def withdraw(participant_id: int):
    """Withdraw from an event: its meetings are freed and the other participants told."""
    actor = actor_of(current_user)
    try:
        me = matchmaking_reading.get_participant(actor, participant_id)
    except NotFound:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        freed = registration.withdraw(actor, me.id)
    except PermissionDenied as exc:
        flash(str(exc), "error")
    else:
        flash(_("You have withdrawn; %(n)s meetings were cancelled and the others told.",
                n=freed), "success")  # fmt: skip
    target = request.form.get("next") == "staff"
    return redirect(url_for("staff.event_detail", event_id=me.event_id) if target and
                    actor.is_staff else url_for("matchmaking.detail", event_id=me.event_id))
