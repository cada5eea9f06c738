"""Staff routes for accreditation claims: verify, reject with a reason, ask for evidence, withdraw.

Every step is kept as the claim's history (services/studios/studio_verification.py).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.policies import actor_of
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.studios import studio_profiles, studio_verification
from marketplace.staff import bp
from marketplace.staff.staff_reauth import fresh_login_required
from marketplace.studios.studios_forms import ConfirmForm, VerifyForm


@bp.get("/staff/studios/claims")
@role_required(Role.STAFF)
def studio_claims():
    """Claims waiting for a check, those waiting for the studio, and the latest verified ones."""
    groups = studio_verification.claims_by_state()
    shown = [s for state in ("evidence-uploaded", "pending", "evidence-requested", "rejected")
             for s in groups.get(state, [])]  # fmt: skip
    return render_template(
        "staff/studio_claims.html",
        pending=studio_verification.pending_claims(),
        waiting=groups.get("evidence-requested", []),
        rejected=groups.get("rejected", []),
        histories={s.id: studio_verification.history(s.id)[:5] for s in shown},
        states={s.id: state for state, members in groups.items() for s in members},
        verified=studio_verification.recently_verified(),
        levels=studio_profiles.LEVEL_LABELS,
        reasons=studio_verification.REJECT_REASONS,
        token=studio_verification.claim_token,
        verify_form=VerifyForm(),
        unverify_form=ConfirmForm(),
    )


def _back(return_to: str | None, studio_id: int):
    if return_to == "claims":
        return redirect(url_for("staff.studio_claims"))
    return redirect(url_for("studios.detail", studio_id=studio_id))


def _refused(exc: ValidationFailed, studio_id: int):
    flash("; ".join(str(v) for v in exc.errors.values()), "error")
    return studio_claims(), 400


@bp.post("/staff/studios/<int:studio_id>/verify")
@role_required(Role.STAFF)
@fresh_login_required
def verify_studio_claim(studio_id: int):
    """Mark a studio's accreditation claim verified."""
    form = VerifyForm()
    if form.validate_on_submit():
        try:
            studio = studio_verification.set_verified(
                actor_of(current_user), studio_id,
                studio_verification.VerificationInput(True, token=form.claim.data or ""),
            )
        except NotFound:
            abort(404)
        except ValidationFailed as exc:
            flash(exc.errors.get("claim", str(exc)), "error")
        else:
            message = _("The accreditation claim of %(name)s is verified.", name=studio.name)
            flash(message, "success")
    return _back(form.return_to.data, studio_id)


@bp.post("/staff/studios/<int:studio_id>/unverify")
@role_required(Role.STAFF)
@fresh_login_required
def unverify_studio(studio_id: int):
    """Withdraw the verification of a studio's claim (it shows as self-declared again)."""
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            studio = studio_verification.set_verified(
                actor_of(current_user), studio_id, studio_verification.VerificationInput(False))
        except NotFound:
            abort(404)
        flash(_("The claim of %(name)s shows as self-declared again.", name=studio.name), "info")
    return _back(form.return_to.data, studio_id)


@bp.post("/staff/studios/<int:studio_id>/reject-claim")
@role_required(Role.STAFF)
@fresh_login_required
def reject_studio_claim(studio_id: int):
    """Reject a claim with a reason code and a note the studio reads."""
    form = VerifyForm()
    if not form.validate_on_submit():
        abort(400, _("The form expired; reload the page."))
    try:
        rejection = studio_verification.ClaimRejection(form.claim.data or "",
                                                       request.form.get("reason") or "",
                                                       request.form.get("note") or "")
        studio = studio_verification.reject_claim(actor_of(current_user), studio_id, rejection)
    except NotFound:
        abort(404)
    except ValidationFailed as exc:
        return _refused(exc, studio_id)
    flash(_("The claim of %(name)s is rejected; the studio sees your reason.", name=studio.name),
          "success")  # fmt: skip
    return _back("claims", studio_id)


@bp.post("/staff/studios/<int:studio_id>/ask-evidence")
@role_required(Role.STAFF)
@fresh_login_required
def ask_studio_evidence(studio_id: int):
    """Ask the studio for a document backing its claim."""
    form = VerifyForm()
    if not form.validate_on_submit():
        abort(400, _("The form expired; reload the page."))
    try:
        ask = studio_verification.EvidenceRequest(form.claim.data or "",
                                                  request.form.get("note") or "")
        studio = studio_verification.ask_for_evidence(actor_of(current_user), studio_id, ask)
    except NotFound:
        abort(404)
    except ValidationFailed as exc:
        return _refused(exc, studio_id)
    flash(_("%(name)s is asked for evidence; the request shows on its accreditation page.",
            name=studio.name), "success")  # fmt: skip
    return _back("claims", studio_id)
