"""Manufacturers' companies: their public fields (name, industry, district, size, website,
verified), under the same visibility rule as the pages."""

from __future__ import annotations

from flask_login import current_user

from marketplace import policies
from marketplace.access import PUBLIC, role_required
from marketplace.api import engagement_schemas
from marketplace.api.api_setup import new_blueprint
from marketplace.policies.companies_policy import PUBLIC_FIELDS
from marketplace.services.companies.company_profiles import visible_company

blp = new_blueprint("api_companies", __name__, "Manufacturers' company profiles (public fields).")


def company(c) -> dict:
    """Only the public fields, plus whether the commission verified the company."""
    fields = {name: getattr(c, name) for name in PUBLIC_FIELDS}
    fields["industry"] = fields.pop("industry_code")
    fields["size"] = str(fields["size"]) if fields["size"] is not None else None
    return {"id": c.id, **fields, "verified": c.verified_at is not None}


@blp.get("/companies/<int:company_id>")
@blp.response(200, engagement_schemas.Company)
@role_required(PUBLIC)
def detail(company_id: int):
    """A company's public fields (404 once its manufacturer is suspended)."""
    return company(visible_company(policies.actor_of(current_user), company_id))
