"""Staff routes: accreditation claims waiting, verify and un-verify (who and when recorded)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.models import Role
from marketplace.services.common.errors import ValidationFailed
from marketplace.services.studios import profiles as studios
from marketplace.services.studios import verification
from marketplace.studios import bp
from marketplace.studios.forms import ConfirmForm, VerifyForm


@bp.get("/staff/studios/claims")
@role_required(Role.STAFF)
def claims():
    """Accreditation claims waiting for a check, and the latest verified ones."""
    return render_template(
        "studios/claims.html",
        pending=verification.pending_claims(),
        verified=verification.recently_verified(),
        levels=studios.LEVEL_LABELS,
        token=verification.claim_token,
        verify_form=VerifyForm(),
        unverify_form=ConfirmForm(),
    )


def _back(return_to: str | None, studio_id: int):
    if return_to == "claims":
        return redirect(url_for("studios.claims"))
    return redirect(url_for("studios.detail", studio_id=studio_id))


@bp.post("/staff/studios/<int:studio_id>/verify")
@role_required(Role.STAFF)
def verify(studio_id: int):
    """Mark a studio's accreditation claim verified."""
    form = VerifyForm()
    if form.validate_on_submit():
        try:
            studio = verification.set_verified(
                studio_id, current_user, True, token=form.claim.data or ""
            )
        except ValidationFailed as exc:
            flash(exc.errors.get("claim", str(exc)), "error")
        else:
            message = _("The accreditation claim of %(name)s is verified.", name=studio.name)
            flash(message, "success")
    return _back(form.return_to.data, studio_id)


@bp.post("/staff/studios/<int:studio_id>/unverify")
@role_required(Role.STAFF)
def unverify(studio_id: int):
    """Withdraw the verification of a studio's claim (it shows as self-declared again)."""
    form = ConfirmForm()
    if form.validate_on_submit():
        studio = verification.set_verified(studio_id, current_user, False)
        flash(_("The claim of %(name)s shows as self-declared again.", name=studio.name), "info")
    return _back(form.return_to.data, studio_id)
