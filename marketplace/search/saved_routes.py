"""Routes for saved searches: save from the results page, manage on the account, unsubscribe."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import ANY_ROLE, PUBLIC, role_required
from marketplace.policies.actor import actor_of
from marketplace.policies.saved_searches import can_save_search
from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES
from marketplace.search import bp
from marketplace.search.search_forms import ConfirmForm
from marketplace.services.common.service_errors import NotFound, PermissionDenied, ValidationFailed
from marketplace.services.search import saved
from marketplace.services.search.indexing import SEARCH_KINDS
from matching.fit import LEVELS as FIT_LEVELS


def _code(name: str, allowed) -> str | None:
    value = (request.form.get(name) or "").strip()
    if not value:
        return None
    value = value.upper() if name != "kind" else value
    if value not in allowed:
        abort(400, description=_("Unknown %(name)s: %(value)s", name=name, value=value[:40]))
    return value


@bp.post("/saved-searches")
@role_required(ANY_ROLE)
def save():
    """Save the search on the results page (studios and manufacturers)."""
    if not ConfirmForm().validate_on_submit():
        abort(400, description=_("The form expired; please try again."))
    actor = actor_of(current_user)
    data = saved.SearchToSave(
        request.form.get("q", ""), kind=_code("kind", SEARCH_KINDS),
        industry=_code("industry", INDUSTRY_CODES),
        discipline=_code("discipline", DISCIPLINE_CODES),
        frequency=request.form.get("frequency") or None,
    )  # fmt: skip
    try:
        saved.save(actor, data)
    except PermissionDenied:
        abort(403)
    except ValidationFailed as exc:
        abort(400, description=" ".join(exc.errors.values()))
    flash(_("Search saved. We will tell you when something new matches it."), "success")
    return redirect(url_for("search.saved_list")), 303


@bp.get("/saved-searches")
@role_required(ANY_ROLE)
def saved_list():
    """The account's saved searches, with their alerts and links to run them."""
    actor = actor_of(current_user)
    items = [(s, saved.search_link(s)) for s in saved.list_for(actor)]
    return render_template("search/saved.html", items=items, confirm=ConfirmForm(),
                           can_save=can_save_search(actor), is_studio=actor.is_studio,
                           fit_levels=FIT_LEVELS)  # fmt: skip


@bp.post("/saved-searches/<int:saved_id>/delete")
@role_required(ANY_ROLE)
def saved_delete(saved_id: int):
    """Delete one saved search (another account's: 404)."""
    if not ConfirmForm().validate_on_submit():
        abort(400, description=_("The form expired; please try again."))
    try:
        saved.delete(actor_of(current_user), saved_id)
    except NotFound:
        abort(404)
    flash(_("Saved search deleted."), "success")
    return redirect(url_for("search.saved_list")), 303


@bp.post("/saved-searches/<int:saved_id>/alerts")
@role_required(ANY_ROLE)
def saved_alerts(saved_id: int):
    """Turn a saved search's alerts on or off."""
    if not ConfirmForm().validate_on_submit():
        abort(400, description=_("The form expired; please try again."))
    on = request.form.get("on") == "1"
    try:
        saved.set_alerts(actor_of(current_user), saved_id, on)
    except NotFound:
        abort(404)
    flash(_("Alerts are on.") if on else _("Alerts are off."), "success")
    return redirect(url_for("search.saved_list")), 303


@bp.post("/saved-searches/needs-for-you")
@role_required(ANY_ROLE)
def save_needs_for_you():
    """A studio saves its "Needs for you" at a fit level, to hear about new needs that fit."""
    if not ConfirmForm().validate_on_submit():
        abort(400, description=_("The form expired; please try again."))
    try:
        alert = saved.NeedsForYouAlert(request.form.get("fit", ""),
                                       request.form.get("frequency") or None)  # fmt: skip
        saved.save_needs_for_you(actor_of(current_user), alert)
    except PermissionDenied:
        abort(403)
    except ValidationFailed as exc:
        abort(400, description=" ".join(exc.errors.values()))
    flash(_("We will tell you when a new need fits your studio at this level."), "success")
    return redirect(url_for("search.saved_list")), 303


@bp.post("/saved-searches/<int:saved_id>/frequency")
@role_required(ANY_ROLE)
def saved_frequency(saved_id: int):
    """Alerts at once or as one daily digest."""
    if not ConfirmForm().validate_on_submit():
        abort(400, description=_("The form expired; please try again."))
    try:
        row = saved.set_frequency(
            actor_of(current_user), saved_id, request.form.get("frequency", "")
        )
    except NotFound:
        abort(404)
    except ValidationFailed as exc:
        abort(400, description=" ".join(exc.errors.values()))
    flash(_("You will get a daily digest.") if row.frequency == "daily"
          else _("You will be told at once."), "success")  # fmt: skip
    return redirect(url_for("search.saved_list")), 303


@bp.get("/saved-searches/unsubscribe/<token>")
@role_required(PUBLIC)
def unsubscribe(token: str):
    """One click from an alert: stop that saved search's alerts (a second click is harmless)."""
    if not saved.unsubscribe(token):
        abort(404)
    return render_template("search/unsubscribed.html")
