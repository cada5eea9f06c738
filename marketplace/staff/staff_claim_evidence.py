"""A studio's side of its accreditation claim: the commission's requests and evidence uploads."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import ANY_ROLE, role_required
from marketplace.models import Role
from marketplace.policies import actor_of
from marketplace.policies.reviews import can_upload_evidence, can_view_claim_document
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.studios import studio_evidence, studio_profiles, studio_verification
from marketplace.staff import bp
from marketplace.staff.staff_forms import CsrfForm


def _own_studio():
    studio = current_user.studio
    if studio is None:
        abort(404, _("This account has no studio."))
    return studio


@bp.route("/studio/accreditation", methods=["GET", "POST"])
@role_required(Role.STUDIO)
def accreditation():
    """The studio's claim: its state, the commission's notes, and an evidence upload."""
    studio = _own_studio()
    if not can_upload_evidence(actor_of(current_user), studio):
        abort(403)
    form = CsrfForm()
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400, _("The form expired; reload the page."))
        upload = request.files.get("document")
        if studio.accreditation == "none":
            errors["document"] = _("Your profile claims no accreditation.")
        elif upload is None or not upload.filename:
            errors["document"] = _("Choose a PDF or an image to upload.")
        else:
            try:
                name, mime = studio_evidence.save_document(upload.stream)
                document = studio_verification.EvidenceDocument(
                    name, mime, request.form.get("title") or "")
                studio_verification.add_evidence(actor_of(current_user), studio.id, document)
            except ValidationFailed as exc:
                errors.update(exc.errors)
            else:
                flash(_("Thank you: the commission will check your document."), "success")
                return redirect(url_for("staff.accreditation"))
    page = render_template(
        "staff/accreditation.html", studio=studio, state=studio_verification.claim_state(studio),
        history=studio_verification.history(studio.id), levels=studio_profiles.LEVEL_LABELS,
        form=form,
        errors=errors, reasons=studio_verification.REJECT_REASONS,
    )  # fmt: skip
    return page, 400 if errors else 200


@bp.get("/claims/<int:studio_id>/documents/<name>")
@role_required(ANY_ROLE)
def claim_document(studio_id: int, name: str):
    """An evidence document: commission staff and the studio's own accounts only."""
    if not can_view_claim_document(actor_of(current_user), studio_id):
        abort(404)
    try:
        event = studio_verification.document_of(studio_id, name)
        path = studio_evidence.document_path(name)
    except NotFound:
        abort(404)
    return send_file(path, mimetype=event.document_mime, as_attachment=True,
                     download_name=f"evidence-{studio_id}-{event.id}" + path.suffix)  # fmt: skip
