"""Staff: publish or return submitted needs (the full review queue is another feature)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.needs.needs_forms import ConfirmForm, ReturnForm
from marketplace.services.common.service_errors import ValidationFailed
from marketplace.services.needs import lifecycle, listing, need_times
from marketplace.staff import bp


def _queue(status: int = 200, return_form=None, failed_id=None):
    return render_template(
        "staff/needs_queue.html", rows=listing.submitted_needs(), fmt=need_times.format_shanghai,
        confirm_form=ConfirmForm(formdata=None),
        return_form=return_form or ReturnForm(formdata=None), failed_id=failed_id,
    ), status  # fmt: skip


@bp.get("/staff/needs")
@role_required(Role.STAFF)
def needs_queue():
    """Submitted needs waiting to be published or returned."""
    return _queue()


@bp.post("/staff/needs/<int:need_id>/publish")
@role_required(Role.STAFF)
def publish_need(need_id: int):
    """Publish a submitted need."""
    if not ConfirmForm().validate_on_submit():
        abort(400, description=_("The form expired; please try again."))
    try:
        need = lifecycle.publish(current_user, need_id)
    except ValidationFailed as exc:
        for message in exc.errors.values():
            flash(message, "error")
        return _queue(409)
    flash(_("Published: %(title)s", title=need.title), "success")
    return redirect(url_for("staff.needs_queue"))


@bp.post("/staff/needs/<int:need_id>/return")
@role_required(Role.STAFF)
def return_need(need_id: int):
    """Return a submitted need to its owner with a reason."""
    form = ReturnForm()
    if not form.validate_on_submit():
        abort(400, description=_("The form expired; please try again."))
    try:
        need = lifecycle.return_need(current_user, need_id, form.reason.data)
    except ValidationFailed as exc:
        for message in exc.errors.values():
            flash(message, "error")
        return _queue(400 if "reason" in exc.errors else 409, form, need_id)
    flash(_("Returned to its owner: %(title)s", title=need.title), "info")
    return redirect(url_for("staff.needs_queue"))
