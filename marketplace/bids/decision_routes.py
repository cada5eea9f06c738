"""The manufacturer's side: bid count before the deadline, the comparison and decisions after."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.bids import bp
from marketplace.bids.bids_forms import ConfirmForm
from marketplace.models import Role
from marketplace.models._types import utcnow
from marketplace.params import choice_arg, form_id, form_key_ids
from marketplace.policies import actor_of, can_award, can_compare_bids, can_view_bid_count
from marketplace.services import bids
from marketplace.services.bids import bid_decisions, bid_reading, bid_reasons
from marketplace.services.bids.bid_decisions import AwardInput, DeclineInput
from marketplace.services.common.service_errors import NotFound, ServiceError, ValidationFailed
from marketplace.services.engagements import comparison


def _need_or_404(need_id: int):
    actor = actor_of(current_user)
    try:
        need = bid_reading.need_for(actor, need_id)
    except NotFound:
        abort(404)
    if not can_view_bid_count(actor, need):
        abort(404)
    return actor, need


def _message(exc: ServiceError) -> str:
    if isinstance(exc, ValidationFailed):
        return " ".join(exc.errors.values())
    return str(exc)


def _declines(bid_ids) -> dict[int, tuple[str, str]]:
    return {
        i: (request.form.get(f"reason_{i}", ""), request.form.get(f"note_{i}", ""))
        for i in bid_ids
    }


def _form_bid_ids() -> list[int]:
    return form_key_ids("reason")


@bp.get("/needs/<int:need_id>/bids")
@role_required(Role.MANUFACTURER, Role.STAFF)
def need_bids(need_id: int):
    """Before the deadline: how many bids (manufacturer, staff). After it: every bid side by
    side for the manufacturer, with shortlist, award, decline and close."""
    actor, need = _need_or_404(need_id)
    now = utcnow()
    sort = choice_arg("sort", comparison.SORTS, "price")
    rows = (comparison.decision_table(actor, need, sort, now)
            if can_compare_bids(actor, need, now) else None)
    return render_template(
        "bids/need_bids.html", need=need, count=bid_reading.active_count(need.id), rows=rows,
        sort=sort,
        can_decide=can_award(actor, need, now), reasons=bid_reasons.DECLINE_REASONS,
        reason_label=bid_reasons.reason_label, confirm=ConfirmForm(),
    )  # fmt: skip


def _done(need_id: int, message: str):
    flash(message, "success")
    return redirect(url_for("bids.need_bids", need_id=need_id)), 303


def _failed(need_id: int, exc: ServiceError):
    if isinstance(exc, NotFound):
        abort(404)
    flash(_message(exc), "error")
    return redirect(url_for("bids.need_bids", need_id=need_id)), 303


@bp.post("/needs/<int:need_id>/bids/<int:bid_id>/shortlist")
@role_required(Role.MANUFACTURER)
def shortlist(need_id: int, bid_id: int):
    """Put one bid on the shortlist."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        bid_decisions.shortlist(actor_of(current_user), need_id, bid_id)
    except ServiceError as exc:
        return _failed(need_id, exc)
    return _done(need_id, _("The bid is on your shortlist; its studio was told."))


@bp.post("/needs/<int:need_id>/bids/<int:bid_id>/decline")
@role_required(Role.MANUFACTURER)
def decline(need_id: int, bid_id: int):
    """Decline one bid with a reason from the list and an optional note."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    reason, note = _declines([bid_id])[bid_id]
    try:
        bids.decline(actor_of(current_user), need_id, DeclineInput(bid_id, reason, note))
    except ServiceError as exc:
        return _failed(need_id, exc)
    return _done(need_id, _("The bid was declined; its studio sees your reason."))


@bp.post("/needs/<int:need_id>/bids/award")
@role_required(Role.MANUFACTURER)
def award(need_id: int):
    """Award one bid; every other undecided bidder gets the reason chosen for it."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    bid_id = form_id("bid_id")
    if bid_id is None:
        flash(_("Choose the bid to award."), "error")
        return redirect(url_for("bids.need_bids", need_id=need_id)), 303
    try:
        bids.award(actor_of(current_user), need_id,
                   AwardInput(bid_id, _declines(_form_bid_ids())))
    except ServiceError as exc:
        return _failed(need_id, exc)
    return _done(need_id, _("Awarded. Every bidder has been told the outcome."))


@bp.post("/needs/<int:need_id>/bids/close")
@role_required(Role.MANUFACTURER)
def close(need_id: int):
    """Close the need without an award; every undecided bidder gets its reason."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        bid_decisions.close_without_award(
            actor_of(current_user), need_id, _declines(_form_bid_ids())
        )
    except ServiceError as exc:
        return _failed(need_id, exc)
    return _done(need_id, _("The need was closed without an award; bidders were told."))
