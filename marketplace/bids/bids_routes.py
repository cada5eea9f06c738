"""A studio's side: bid form (new or edit), withdraw, its bids, one bid and its attachment."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import ANY_ROLE, role_required
from marketplace.bids import bp
from marketplace.bids.bids_forms import BidForm, ConfirmForm
from marketplace.models import Role
from marketplace.models._types import utcnow
from marketplace.policies import actor_of, can_bid, can_edit_bid, can_view_bid
from marketplace.policies.engagements import can_see_bid_contacts
from marketplace.services.bids import bid_attachments, bid_reading, bid_reasons, submitting
from marketplace.services.common.service_errors import (
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)
from marketplace.services.companies import company_profiles
from marketplace.services.engagements import opening


def shanghai(value) -> str:
    """A stored UTC time shown in Asia/Shanghai."""
    return format_datetime(value, "yyyy-MM-dd HH:mm") + " (UTC+8)" if value else ""


def _contacts(actor, bid) -> dict | None:
    """Both parties' contacts and the engagement, for the bid's studio and the need's manufacturer
    once the bid is shortlisted or awarded; None for everyone else."""
    if not can_see_bid_contacts(actor, bid):
        return None
    return {"manufacturer": company_profiles.manufacturer_contact(bid.need.manufacturer),
            "studio": company_profiles.studio_contact(bid.studio),
            "engagement": opening.for_bid(bid.id)}


def apply_errors(form, error: ValidationFailed) -> None:
    """Attach service errors to fields; flash the rest."""
    for name, message in error.errors.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, message]
        else:
            flash(message, "error")


def _input(form: BidForm) -> submitting.BidInput:
    return submitting.BidInput(
        form.approach.data or "", form.price.data, form.duration_weeks.data, form.team.data or ""
    )


def _upload(form: BidForm):
    data = form.attachment.data
    return data.stream if data and getattr(data, "filename", "") else None


@bp.route("/needs/<int:need_id>/bid", methods=["GET", "POST"])
@role_required(Role.STUDIO)
def bid_form(need_id: int):
    """Place the studio's bid on a need, or change it until the deadline."""
    actor = actor_of(current_user)
    try:
        need = bid_reading.need_for(actor, need_id)
    except NotFound:
        abort(404)
    own = bid_reading.own_bid(actor, need_id)
    editing = own is not None and own.is_active
    if editing and not can_edit_bid(actor, own, utcnow()):
        flash(_("The bid can no longer change."), "info")
        return redirect(url_for("bids.detail", bid_id=own.id))
    if not editing and not can_bid(actor, need, utcnow()):
        flash(_("This need is not open for bids."), "error")
        return redirect(url_for("bids.mine"))
    form = BidForm(obj=own if editing and request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            if editing:
                submitting.edit(actor, own.id, _input(form), attachment=_upload(form),
                          remove_attachment=form.remove_attachment.data)
                flash(_("Your bid was updated. It stays sealed until the deadline."), "success")
            else:
                own = submitting.submit(actor, need_id, _input(form), attachment=_upload(form))
                flash(_("Your bid was submitted. It stays sealed until the deadline."), "success")
            return redirect(url_for("bids.detail", bid_id=own.id))
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except (NotFound, PermissionDenied) as exc:
            flash(str(exc), "error")
    status = 400 if form.errors or request.method == "POST" else 200
    return render_template(
        "bids/form.html", form=form, need=need, own=own, editing=editing
    ), status


@bp.post("/bids/<int:bid_id>/withdraw")
@role_required(Role.STUDIO)
def withdraw(bid_id: int):
    """Withdraw the studio's bid before the deadline."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        submitting.withdraw(actor_of(current_user), bid_id)
    except NotFound:
        abort(404)
    except ServiceError as exc:
        flash(_message(exc), "error")
        return redirect(url_for("bids.detail", bid_id=bid_id)), 303
    flash(_("Your bid was withdrawn. You may bid again until the deadline."), "success")
    return redirect(url_for("bids.mine")), 303


def _message(exc: ServiceError) -> str:
    if isinstance(exc, ValidationFailed):
        return " ".join(exc.errors.values())
    return str(exc)


@bp.get("/bids/mine")
@role_required(Role.STUDIO)
def mine():
    """The studio's bids with their outcomes and, when declined, its own reason."""
    return render_template(
        "bids/mine.html", bids=bid_reading.studio_bids(actor_of(current_user)),
        reason_label=bid_reasons.reason_label,
    )  # fmt: skip


@bp.get("/bids/<int:bid_id>")
@role_required(ANY_ROLE)
def detail(bid_id: int):
    """One bid: its studio always, the need's manufacturer after the deadline; 404 otherwise."""
    actor = actor_of(current_user)
    try:
        bid = bid_reading.bid_for(actor, bid_id)
    except NotFound:
        abort(404)
    return render_template(
        "bids/detail.html", bid=bid, need=bid.need, reason_label=bid_reasons.reason_label,
        can_edit=can_edit_bid(actor, bid, utcnow()), confirm=ConfirmForm(),
        own=actor.acts_for_studio(bid.studio_id),
        can_rebid=bid.status == "withdrawn" and can_bid(actor, bid.need, utcnow()),
        shared=_contacts(actor, bid),
    )  # fmt: skip


@bp.get("/bids/<int:bid_id>/attachment")
@role_required(ANY_ROLE)
def attachment(bid_id: int):
    """A bid's PDF, for those who may read the bid."""
    actor = actor_of(current_user)
    try:
        bid = bid_reading.bid_for(actor, bid_id)
        if not can_view_bid(actor, bid, utcnow()):
            abort(404)
        path = bid_attachments.attachment_path(bid.attachment_name)
    except NotFound:
        abort(404)
    return send_file(
        path, mimetype=bid_attachments.PDF_MIME, as_attachment=True,
        download_name=f"bid-{bid.id}.pdf", max_age=0,
    )  # fmt: skip
