"""Staff: every company profile and its verification, verify or revoke with a note."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.engagements.engagement_actions import check_form_csrf
from marketplace.engagements.engagements_forms import message
from marketplace.models import Role
from marketplace.policies import actor_of
from marketplace.services.common.service_errors import NotFound, ServiceError
from marketplace.services.companies import company_verification
from marketplace.services.engagements import onboarding
from marketplace.staff import bp


@bp.get("/staff/companies")
@role_required(Role.STAFF)
def companies():
    """Every company profile, unverified first, with its verification history."""
    rows = company_verification.all_companies()
    return render_template("staff/companies.html", companies=rows,
                           history={c.id: company_verification.history(c.id) for c in rows},
                           unregistered=onboarding.unregistered_matched_studios())


@bp.post("/staff/companies/<int:company_id>/<any(verify, revoke):action>")
@role_required(Role.STAFF)
def verify_company(company_id: int, action: str):
    """Verify a company, or revoke its verification with a reason."""
    check_form_csrf()
    actor = actor_of(current_user)
    note = request.form.get("note", "")
    try:
        if action == "verify":
            company_verification.verify(actor, company_id, note)
            flash(_("The company is verified."), "success")
        else:
            company_verification.revoke(actor, company_id, note)
            flash(_("The verification was withdrawn."), "success")
    except NotFound:
        abort(404)
    except ServiceError as exc:
        flash(message(exc), "error")
    return redirect(url_for("staff.companies") + f"#company-{company_id}"), 303
