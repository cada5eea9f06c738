"""Staff pages: events with their figures, create and edit, run the scheduler, publish,
move meetings by hand, check participants in."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.catalog.localize import localized
from marketplace.matchmaking.helpers import apply_errors
from marketplace.matchmaking.matchmaking_forms import ConfirmForm, EventForm, MoveForm
from marketplace.models import Role
from marketplace.models._types import utcnow
from marketplace.policies import actor_of
from marketplace.services.catalog import scenario_catalogue
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.matchmaking import (
    matchmaking_figures,
    matchmaking_reading,
    onsite,
    planning,
    scheduling,
    solver,
)
from marketplace.staff import bp


@bp.get("/staff/events")
@role_required(Role.STAFF)
def event_list():
    """Every event with its figures, and the totals over all events."""
    events = matchmaking_reading.all_events()
    rows = [(e, matchmaking_figures.for_event(e)) for e in events]
    total = matchmaking_figures.Figures()
    for e, f in rows:
        if e.status != "cancelled":
            total.add(f)
    return render_template("staff/event_list.html", rows=rows, total=total)


def _form(event=None) -> EventForm:
    industries = [(i.code, localized(i, "name")) for i in scenario_catalogue.all_industries()]
    return EventForm(industries=industries)


@bp.route("/staff/events/new", methods=["GET", "POST"])
@role_required(Role.STAFF)
def new_event():
    """Create an event."""
    form = _form()
    failed = False
    if form.validate_on_submit():
        try:
            event = planning.create(actor_of(current_user), form.to_input())
        except ValidationFailed as exc:
            apply_errors(form, exc)
            failed = True
        else:
            flash(_("The event is created and open for registration."), "success")
            return redirect(url_for("staff.event_detail", event_id=event.id))
    status = 400 if failed or form.errors else 200
    return render_template("staff/event_form.html", form=form, event=None), status


@bp.route("/staff/events/<int:event_id>/edit", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit_event(event_id: int):
    """Change an event's details."""
    event = _event(event_id)
    form = _form(event)
    if request.method == "GET":
        form.fill(event)
    failed = False
    if form.validate_on_submit():
        try:
            planning.update(actor_of(current_user), event.id, form.to_input())
        except ValidationFailed as exc:
            apply_errors(form, exc)
            failed = True
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("staff.event_detail", event_id=event.id))
    status = 400 if failed or form.errors else 200
    return render_template("staff/event_form.html", form=form, event=event), status


def _event(event_id: int):
    try:
        return scheduling.get_event(event_id)
    except NotFound:
        abort(404)


@bp.get("/staff/events/<int:event_id>")
@role_required(Role.STAFF)
def event_detail(event_id: int):
    """Run the event: participants and check-in, requests, scheduler, timetable, figures."""
    event = _event(event_id)
    people = matchmaking_reading.participants(event.id, active_only=False)
    names = {p.ref: p.name for p in people}
    return render_template(
        "staff/event_detail.html", event=event, people=people, names=names,
        meetings=matchmaking_reading.meetings(event.id),
        unplaced=matchmaking_reading.unplaced(event.id),
        figures=matchmaking_figures.for_event(event), confirm=ConfirmForm(), move_form=MoveForm(),
        now=utcnow(),
    )  # fmt: skip


def _post_ok() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


@bp.post("/staff/events/<int:event_id>/schedule")
@role_required(Role.STAFF)
def schedule_event(event_id: int):
    """Run the exact scheduler (optionally keeping meetings already placed)."""
    event = _event(event_id)
    _post_ok()
    try:
        outcome = scheduling.run(actor_of(current_user), event.id,
                                 keep=request.form.get("keep") == "1")  # fmt: skip
    except ValidationFailed as exc:
        apply_errors(None, exc)
    except solver.NotSolved:
        flash(_("The scheduler did not finish; nothing was changed. Try again."), "error")
    else:
        flash(_("%(placed)s meetings placed, %(left)s left out.", placed=outcome.placed,
                left=outcome.unplaced), "success")  # fmt: skip
    return redirect(url_for("staff.event_detail", event_id=event.id))


@bp.post("/staff/events/<int:event_id>/publish")
@role_required(Role.STAFF)
def publish_event(event_id: int):
    """Publish the timetable: agendas open and participants are e-mailed."""
    event = _event(event_id)
    _post_ok()
    try:
        told = scheduling.publish(actor_of(current_user), event.id)
    except ValidationFailed as exc:
        apply_errors(None, exc)
    else:
        flash(_("The timetable is published; %(n)s participants were told.", n=told), "success")
    return redirect(url_for("staff.event_detail", event_id=event.id))


@bp.post("/staff/events/<int:event_id>/cancel")
@role_required(Role.STAFF)
def cancel_event(event_id: int):
    """Cancel the event; registrants are told."""
    event = _event(event_id)
    _post_ok()
    planning.cancel(actor_of(current_user), event.id)
    flash(_("The event is cancelled."), "success")
    return redirect(url_for("staff.event_list"))


@bp.post("/staff/events/meetings/<int:meeting_id>/move")
@role_required(Role.STAFF)
def move_meeting(meeting_id: int):
    """Move a meeting to another slot and table; conflicts are refused."""
    try:
        meeting = matchmaking_reading.get_meeting(meeting_id)
    except NotFound:
        abort(404)
    form = MoveForm()
    if not form.validate_on_submit():
        flash(_("Slot and table are whole numbers."), "error")
    else:
        try:
            where = scheduling.MeetingMove(form.slot.data, form.table.data)
            scheduling.move(actor_of(current_user), meeting.id, where)
        except ValidationFailed as exc:
            apply_errors(None, exc)
        else:
            flash(_("The meeting moved."), "success")
    return redirect(url_for("staff.event_detail", event_id=meeting.event_id) + "#timetable")


@bp.post("/staff/events/participants/<int:participant_id>/<any(checkin, undo):action>")
@role_required(Role.STAFF)
def check_in_participant(participant_id: int, action: str):
    """Check a participant in (or undo it)."""
    _post_ok()
    try:
        p = onsite.check_in(actor_of(current_user), participant_id, present=action == "checkin")
    except NotFound:
        abort(404)
    except ValidationFailed as exc:
        apply_errors(None, exc)
        return redirect(url_for("staff.event_list"))
    return redirect(url_for("staff.event_detail", event_id=p.event_id) + "#people")
