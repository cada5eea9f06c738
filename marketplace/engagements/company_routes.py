"""Company profile on the account page (manufacturers) and staff verification of companies."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.access import role_required
from marketplace.engagements import bp
from marketplace.engagements.engagement_actions import check_form_csrf
from marketplace.engagements.engagements_forms import message
from marketplace.models import CompanySize, Role
from marketplace.policies import actor_of
from marketplace.reference import districts
from marketplace.services.catalog import scenario_catalogue
from marketplace.services.common.service_errors import ServiceError, ValidationFailed
from marketplace.services.companies import company_profiles, company_verification

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
        check_form_csrf()
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
