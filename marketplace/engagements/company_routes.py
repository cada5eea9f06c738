"""Company profile on the account page (manufacturers) and staff verification of companies."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.engagements import bp
from marketplace.engagements.engagements_forms import message
from marketplace.engagements.engagements_routes import _csrf
from marketplace.models import CompanySize, Role
from marketplace.policies import actor_of
from marketplace.reference import districts
from marketplace.services.catalog import scenario_catalogue
from marketplace.services.common.service_errors import NotFound, ServiceError, ValidationFailed
from marketplace.services.companies import company_profiles, company_verification
from marketplace.services.engagements import onboarding

FIELDS = ("name_zh", "name_en", "industry_code", "district", "size", "website",
          "contact_name", "contact_mobile", "contact_email", "credit_code")  # fmt: skip


def _choices() -> dict:
    return {"industries": scenario_catalogue.all_industries(), "districts": districts(),
            "sizes": list(CompanySize)}  # fmt: skip


@bp.route("/account/company", methods=["GET", "POST"])
@role_required(Role.MANUFACTURER)
def company():
    """The manufacturer's company profile: names, industry, district, size, contact, code."""
    actor = actor_of(current_user)
    current = company_profiles.company_of(current_user.id)
    values = {f: (getattr(current, f) or "") if current else "" for f in FIELDS}
    if current is None:
        values["name_zh"] = current_user.organisation_name
        values["contact_email"] = current_user.email
    errors: dict[str, str] = {}
    if request.method == "POST":
        _csrf()
        values = {f: request.form.get(f, "") for f in FIELDS}
        try:
            company_profiles.save(actor, current_user.id, company_profiles.CompanyInput(**values))
        except ValidationFailed as exc:
            errors = exc.errors
        except ServiceError as exc:
            flash(message(exc), "error")
            abort(403)
        else:
            flash(_("Company profile saved."), "success")
            return redirect(url_for("engagements.company")), 303
    return render_template(
        "engagements/company_form.html", values=values, errors=errors, company=current,
        history=company_verification.history(current.id) if current else [], **_choices(),
    ), (400 if errors else 200)


@bp.get("/staff/companies")
@role_required(Role.STAFF)
def staff_companies():
    """Every company profile, unverified first, with its verification history."""
    rows = company_verification.all_companies()
    return render_template("engagements/staff_companies.html", companies=rows,
                           history={c.id: company_verification.history(c.id) for c in rows},
                           unregistered=onboarding.unregistered_matched_studios())


@bp.post("/staff/companies/<int:company_id>/<any(verify, revoke):action>")
@role_required(Role.STAFF)
def staff_verify(company_id: int, action: str):
    """Verify a company, or revoke its verification with a reason."""
    _csrf()
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
    return redirect(url_for("engagements.staff_companies") + f"#company-{company_id}"), 303
