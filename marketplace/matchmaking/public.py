"""Public event pages: the list of events, one event, registration."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import PUBLIC, role_required
from marketplace.catalog.localize import localized
from marketplace.matchmaking import bp
from marketplace.matchmaking.helpers import apply_errors
from marketplace.matchmaking.matchmaking_forms import RegisterForm
from marketplace.models import Role
from marketplace.models._types import utcnow
from marketplace.policies import actor_of, can_register
from marketplace.services.catalog import scenario_catalogue
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.matchmaking import matchmaking_reading, registration
from marketplace.services.needs.listing import open_needs_of


@bp.get("/events")
@role_required(PUBLIC)
def index():
    """Upcoming and past matchmaking events."""
    upcoming, past = matchmaking_reading.public_events()
    return render_template("matchmaking/index.html", upcoming=upcoming, past=past, now=utcnow())


def _focus(event) -> tuple[list, list]:
    wanted = event.focus_industries or []
    industries = [i for i in scenario_catalogue.all_industries() if i.code in wanted]
    scenarios = list(scenario_catalogue.scenarios_by_code(event.focus_scenarios or []).values())
    return industries, scenarios


@bp.get("/events/<int:event_id>")
@role_required(PUBLIC)
def detail(event_id: int):
    """One event: when, where, focus, how it works, and the reader's registration."""
    actor = actor_of(current_user)
    try:
        event = matchmaking_reading.get_event(actor, event_id)
    except NotFound:
        abort(404)
    industries, scenarios = _focus(event)
    mine = matchmaking_reading.own_participant(actor, event.id)
    counts = {"manufacturer": 0, "studio": 0}
    for p in matchmaking_reading.participants(event.id):
        counts[p.role] += 1
    return render_template(
        "matchmaking/detail.html", event=event, industries=industries, scenarios=scenarios,
        mine=mine, counts=counts, can_register=can_register(actor, event, utcnow()),
        now=utcnow(), localized=localized,
    )  # fmt: skip


@bp.route("/events/<int:event_id>/register", methods=["GET", "POST"])
@role_required(Role.STUDIO, Role.MANUFACTURER)
def register(event_id: int):
    """Register the studio (with its profile) or the manufacturer (a need or what it seeks)."""
    actor = actor_of(current_user)
    try:
        event = matchmaking_reading.get_event(actor, event_id)
    except NotFound:
        abort(404)
    mine = matchmaking_reading.own_participant(actor, event.id)
    if mine is not None and mine.is_active:
        return redirect(url_for("matchmaking.hub", event_id=event.id))
    if not can_register(actor, event, utcnow()):
        flash(_("Registration for this event is closed."), "error")
        return redirect(url_for("matchmaking.detail", event_id=event.id))
    form = RegisterForm()
    form.unavailable.choices = [(str(s), f"{s} · {_slot(event, s)}")
                                for s in range(1, event.slots + 1)]  # fmt: skip
    needs = open_needs_of(actor.user_id) if actor.is_manufacturer else []
    form.need_id.choices = [("", _("— none: describe what we seek —"))] + [
        (str(n.id), n.title) for n in needs]
    failed = False
    if form.validate_on_submit():
        data = registration.RegistrationInput(
            need_id=int(form.need_id.data) if (form.need_id.data or "").isdigit() else None,
            seeking=form.seeking.data or "", unavailable=list(form.unavailable.data or []),
        )  # fmt: skip
        try:
            registration.register(actor, event.id, data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
            failed = True
        except PermissionDenied as exc:
            flash(str(exc), "error")
            return redirect(url_for("matchmaking.detail", event_id=event.id))
        else:
            flash(_("You are registered. Request meetings with the participants that fit you "
                    "best."), "success")  # fmt: skip
            return redirect(url_for("matchmaking.hub", event_id=event.id))
    status = 400 if failed or form.errors else 200
    return render_template("matchmaking/register.html", event=event, form=form,
                           needs=needs), status  # fmt: skip


def _slot(event, slot: int) -> str:
    from marketplace.matchmaking.helpers import event_slot

    return event_slot(event, slot)
