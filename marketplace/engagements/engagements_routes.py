"""Engagement pages: list, one engagement (contacts, milestones, thread, ratings, outcome), and
every action on it; each action posts, calls one service and redirects back."""

from __future__ import annotations

from flask import abort, render_template, request, send_file
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import ANY_ROLE, role_required
from marketplace.engagements import bp
from marketplace.engagements.engagement_actions import check_form_csrf, run_engagement_action
from marketplace.engagements.engagements_forms import day, message, upload, whole
from marketplace.models import Role
from marketplace.policies import actor_of
from marketplace.policies.engagements import (
    can_accept_delivery,
    can_cancel,
    can_deliver,
    can_post_message,
    can_propose_milestone,
    can_rate,
    can_record_outcome,
    side_of,
)
from marketplace.services.common.service_errors import NotFound, ServiceError, ValidationFailed
from marketplace.services.engagements import (
    closing,
    common,
    milestones,
    opening,
    ratings,
    thread,
)
from marketplace.services.engagements.files import MIME


@bp.get("/engagements")
@role_required(ANY_ROLE)
def index():
    """The actor's engagements (staff: every one)."""
    return render_template("engagements/index.html",
                           engagements=opening.of_actor(actor_of(current_user)))


@bp.route("/engagements/<int:engagement_id>", methods=["GET", "POST"])
@role_required(ANY_ROLE)
def detail(engagement_id: int):
    """One engagement; parties see the thread, staff see it only after giving a reason."""
    actor = actor_of(current_user)
    try:
        engagement = common.visible(actor, engagement_id)
    except NotFound:
        abort(404)
    side = side_of(actor, engagement)
    messages, reason_error = None, None
    if side is not None:
        messages = thread.read(actor, engagement.id)
    elif request.method == "POST":
        check_form_csrf()
        try:
            messages = thread.read(actor, engagement.id, request.form.get("reason", ""))
        except ServiceError as exc:
            reason_error = message(exc)
    engagement = common.visible(actor, engagement_id)
    return render_template(
        "engagements/detail.html", e=engagement, side=side, messages=messages,
        reason_error=reason_error, contacts=common.contacts(engagement), actor=actor,
        rated=ratings.of_engagement(actor, engagement), mime=MIME,
        can_post=can_post_message(actor, engagement),
        can_propose=can_propose_milestone(actor, engagement),
        can_deliver=can_deliver(actor, engagement),
        can_accept=can_accept_delivery(actor, engagement),
        can_cancel=can_cancel(actor, engagement), can_rate=can_rate(actor, engagement),
        can_outcome=can_record_outcome(actor, engagement),
    ), (400 if reason_error else 200)


@bp.post("/engagements/<int:engagement_id>/messages")
@role_required(Role.STUDIO, Role.MANUFACTURER)
def post_message(engagement_id: int):
    """Post a message (and an optional PDF) in the thread."""
    actor = actor_of(current_user)

    def action():
        data = thread.MessageInput(request.form.get("body", ""), upload("file"))
        thread.post(actor, engagement_id, data)

    return run_engagement_action(engagement_id, "#thread", _("Message sent."), action)


@bp.get("/engagements/<int:engagement_id>/messages/<int:message_id>/file")
@role_required(Role.STUDIO, Role.MANUFACTURER)
def message_file(engagement_id: int, message_id: int):
    """A file posted in the thread (the parties only)."""
    try:
        path = thread.message_file(actor_of(current_user), engagement_id, message_id)
    except NotFound:
        abort(404)
    return send_file(path, mimetype=MIME, as_attachment=True,
                     download_name=f"engagement-{engagement_id}-message-{message_id}.pdf")


@bp.post("/engagements/<int:engagement_id>/milestones")
@role_required(Role.STUDIO, Role.MANUFACTURER)
def propose(engagement_id: int):
    """Propose a milestone (title, date, amount in CNY)."""
    actor = actor_of(current_user)

    def action():
        data = milestones.MilestoneInput(request.form.get("title", ""), day("due_on"),
                                         whole("amount"))
        milestones.propose(actor, engagement_id, data)

    done = _("Milestone proposed; the other side is asked to agree.")
    return run_engagement_action(engagement_id, "#milestones", done, action)


def _milestone_engagement(milestone_id: int) -> int:
    try:
        return common.engagement_id_of("milestone", milestone_id)
    except NotFound:
        abort(404)


@bp.post("/milestones/<int:milestone_id>/agree")
@role_required(Role.STUDIO, Role.MANUFACTURER)
def agree(milestone_id: int):
    """Agree a proposed milestone."""
    actor = actor_of(current_user)
    return run_engagement_action(_milestone_engagement(milestone_id), "#milestones",
                                 _("Milestone agreed."),
                                 lambda: milestones.agree(actor, milestone_id))


@bp.post("/milestones/<int:milestone_id>/deliver")
@role_required(Role.STUDIO)
def deliver(milestone_id: int):
    """The studio delivers a milestone with a note and a PDF."""
    actor = actor_of(current_user)

    def action():
        data = milestones.DeliveryInput(request.form.get("note", ""), upload("file"))
        milestones.deliver(actor, milestone_id, data)

    done = _("Delivered; the manufacturer is asked to accept it.")
    return run_engagement_action(_milestone_engagement(milestone_id), "#milestones", done, action)


@bp.post("/milestones/<int:milestone_id>/accept")
@role_required(Role.MANUFACTURER)
def accept(milestone_id: int):
    """The manufacturer accepts a delivery."""
    actor = actor_of(current_user)
    return run_engagement_action(_milestone_engagement(milestone_id), "#milestones",
                                 _("Delivery accepted."),
                                 lambda: milestones.decide(actor, milestone_id,
                                                           milestones.DeliveryDecision(True)))


@bp.post("/milestones/<int:milestone_id>/return")
@role_required(Role.MANUFACTURER)
def return_delivery(milestone_id: int):
    """The manufacturer returns a delivery with a reason."""
    actor = actor_of(current_user)

    def action():
        data = milestones.DeliveryDecision(False, request.form.get("reason", ""))
        milestones.decide(actor, milestone_id, data)

    done = _("Delivery returned to the studio with your reason.")
    return run_engagement_action(_milestone_engagement(milestone_id), "#milestones", done, action)


@bp.get("/milestones/<int:milestone_id>/file")
@role_required(Role.STUDIO, Role.MANUFACTURER)
def delivery_file(milestone_id: int):
    """A milestone's delivered PDF (the parties only)."""
    try:
        path = milestones.delivery_file(actor_of(current_user), milestone_id)
    except NotFound:
        abort(404)
    return send_file(path, mimetype=MIME, as_attachment=True,
                     download_name=f"milestone-{milestone_id}.pdf")


@bp.post("/engagements/<int:engagement_id>/complete")
@role_required(Role.MANUFACTURER)
def complete(engagement_id: int):
    """Complete the engagement with its contract value."""
    actor = actor_of(current_user)
    done = _("Engagement completed. Please rate the studio.")
    return run_engagement_action(engagement_id, "#outcome", done,
                                 lambda: closing.complete(actor, engagement_id,
                                                          whole("contract_value")))


@bp.post("/engagements/<int:engagement_id>/cancel")
@role_required(Role.STUDIO, Role.MANUFACTURER)
def cancel(engagement_id: int):
    """Cancel with a reason."""
    actor = actor_of(current_user)
    return run_engagement_action(engagement_id, "", _("The engagement was cancelled."),
                lambda: closing.cancel(actor, engagement_id, request.form.get("reason", "")))


@bp.post("/engagements/<int:engagement_id>/launch")
@role_required(Role.MANUFACTURER)
def launch(engagement_id: int):
    """Record whether and when the product reached the market."""
    actor = actor_of(current_user)
    launched = request.form.get("launched") == "yes"

    def action():
        if request.form.get("launched") not in ("yes", "no"):
            raise ValidationFailed({"launched": _("Say whether the product is on the market.")})
        data = closing.LaunchInput(launched, day("launched_on", required=launched),
                                   request.form.get("launch_link"))
        closing.record_launch(actor, engagement_id, data)

    return run_engagement_action(engagement_id, "#outcome", _("Outcome recorded."), action)


@bp.post("/engagements/<int:engagement_id>/rate")
@role_required(Role.STUDIO, Role.MANUFACTURER)
def rate(engagement_id: int):
    """Rate the other side (1-5 three times, a short comment)."""
    actor = actor_of(current_user)

    def action():
        data = ratings.RatingInput(whole("quality"), whole("timeliness"),
                                   whole("communication"), request.form.get("comment", ""))
        ratings.rate(actor, engagement_id, data)

    done = _("Thank you. Your rating is shown once the other side has rated, or after 14 days.")
    return run_engagement_action(engagement_id, "#ratings", done, action)

