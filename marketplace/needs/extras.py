"""A need's attachments, questions and answers, and invitations to bid."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace import policies
from marketplace.access import PUBLIC, role_required
from marketplace.models import Role
from marketplace.needs import bp
from marketplace.needs.needs_forms import (
    AnswerForm,
    AttachmentForm,
    ConfirmForm,
    InviteForm,
    QuestionForm,
)
from marketplace.needs.needs_routes import refused, visible_need
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.needs import invitations, need_attachments, questions


@bp.url_value_preprocessor
def _room_for_an_oversized_file(endpoint, _values):
    """Let a too-large attachment reach the service (which says so) instead of a bare 413."""
    if endpoint == "needs.attach" and request.method == "POST":
        request.max_content_length = 4 * current_app.config["MAX_UPLOAD_BYTES"]


def _own(need_id: int):
    need = visible_need(need_id)
    if not policies.owns_need(policies.actor_of(current_user), need):
        raise NotFound(_("No such need."))
    return need


@bp.post("/needs/<int:need_id>/attachments")
@role_required(Role.MANUFACTURER)
def attach(need_id: int):
    """Attach a file to one's own need."""
    _own(need_id)
    form = AttachmentForm()
    if not form.validate_on_submit():
        abort(400, description=_("The form expired; please try again."))
    upload = form.attachment.data
    if not upload:
        return refused(need_id, ValidationFailed({"attachment": _("Choose a file to attach.")}),
                       400)  # fmt: skip
    try:
        need_attachments.add(current_user, need_id,
                        need_attachments.Upload(upload.stream, upload.filename))
    except ValidationFailed as exc:
        return refused(need_id, exc, 400)
    flash(_("File attached."), "success")
    return redirect(url_for("needs.detail", need_id=need_id))


@bp.post("/needs/<int:need_id>/attachments/<int:attachment_id>/delete")
@role_required(Role.MANUFACTURER)
def detach(need_id: int, attachment_id: int):
    """Remove an attachment from one's own need."""
    _own(need_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description=_("The form expired; please try again."))
    try:
        need_attachments.remove(current_user, need_id, attachment_id)
    except ValidationFailed as exc:
        return refused(need_id, exc)
    flash(_("Attachment removed."), "info")
    return redirect(url_for("needs.detail", need_id=need_id))


@bp.get("/needs/<int:need_id>/attachments/<int:attachment_id>")
@role_required(PUBLIC)
def attachment(need_id: int, attachment_id: int):
    """A need's attachment, only to whoever may see the need; downloaded, never sniffed."""
    visible_need(need_id)
    row, path = need_attachments.file_of(need_id, attachment_id)
    response = send_file(path, mimetype=row.mime, as_attachment=row.mime == "application/pdf",
                         download_name=row.original_name, max_age=0, conditional=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/needs/<int:need_id>/questions")
@role_required(Role.STUDIO)
def ask(need_id: int):
    """A studio asks a clarifying question (the answer is shown to everyone, unnamed)."""
    need = visible_need(need_id)
    actor = policies.actor_of(current_user)
    form = QuestionForm()
    if not form.validate_on_submit():
        abort(400, description=_("The form expired; please try again."))
    if not policies.can_ask_question(actor, need):
        return refused(need_id, ValidationFailed({"question": _(
            "Questions are taken only while the need is open for bids.")}))
    try:
        questions.ask(actor, need.id, form.question.data)
    except ValidationFailed as exc:
        return refused(need_id, exc, 400)
    flash(_("Question sent. The answer appears on this page for every studio."), "success")
    return redirect(url_for("needs.detail", need_id=need_id, _anchor="questions"))


@bp.post("/needs/<int:need_id>/questions/<int:question_id>/answer")
@role_required(Role.MANUFACTURER)
def answer(need_id: int, question_id: int):
    """The owner answers a question on its need."""
    _own(need_id)
    form = AnswerForm()
    if not form.validate_on_submit():
        abort(400, description=_("The form expired; please try again."))
    try:
        questions.answer(current_user, question_id, form.answer.data)
    except ValidationFailed as exc:
        return refused(need_id, exc, 400)
    flash(_("Answer published to every studio."), "success")
    return redirect(url_for("needs.detail", need_id=need_id, _anchor="questions"))


@bp.post("/needs/<int:need_id>/invite")
@role_required(Role.MANUFACTURER)
def invite(need_id: int):
    """Invite recommended or interested studios to bid on one's own open need."""
    _own(need_id)
    form = InviteForm()
    if not form.validate_on_submit():
        abort(400, description=_("The studios to invite must be given by their ids."))
    try:
        added = invitations.invite(current_user, need_id, invitations.InvitationInput(
            form.studio_ids.data or [], form.source.data or "match"))
    except ValidationFailed as exc:
        return refused(need_id, exc, 400)
    flash(_("%(n)d studio(s) invited to bid.", n=added) if added
          else _("Those studios were already invited."), "success")  # fmt: skip
    return redirect(url_for("needs.detail", need_id=need_id))


@bp.post("/scenarios/<code>/invite")
@role_required(Role.MANUFACTURER)
def invite_lead(code: str):
    """From a scenario page: invite interested studios to one's own need linked to it."""
    form = InviteForm()
    if not form.validate_on_submit() or not form.need_id.data:
        abort(400, description=_("Choose one of your needs and at least one studio."))
    need = _own(form.need_id.data)
    if need.scenario is None or need.scenario.code != code.upper():
        abort(400, description=_("That need is not linked to scenario %(code)s.", code=code))
    try:
        added = invitations.invite(current_user, need.id, invitations.InvitationInput(
            form.studio_ids.data or [], "interest"))
    except ValidationFailed as exc:
        for message in exc.errors.values():
            flash(message, "error")
        return redirect(url_for("catalog.scenario", code=code.upper())), 303
    flash(_("%(n)d studio(s) invited to bid.", n=added) if added
          else _("Those studios were already invited."), "success")  # fmt: skip
    return redirect(url_for("catalog.scenario", code=code.upper()))
