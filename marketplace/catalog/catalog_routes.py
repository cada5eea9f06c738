"""Routes for the home page, industry pages and scenario pages."""

from __future__ import annotations

from flask import current_app, render_template
from flask_login import current_user

from marketplace import policies
from marketplace.access import PUBLIC, role_required
from marketplace.catalog import bp
from marketplace.models import Role
from marketplace.needs import need_panels
from marketplace.pagecache import cached_for_visitors
from marketplace.params import code_arg, page_arg
from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES
from marketplace.services.catalog import scenario_catalogue
from marketplace.services.catalog.cache import catalogue_version
from marketplace.services.matching import recommendations
from marketplace.services.matching.versions import scenario_page_version
from marketplace.services.studios import interests


@bp.get("/")
@role_required(PUBLIC)
@cached_for_visitors(catalogue_version)
def home():
    """What the marketplace is, and the 13 industries with their scenario counts."""
    return render_template(
        "catalog/home.html",
        tiles=scenario_catalogue.industries_with_counts(),
        total=scenario_catalogue.scenario_count(),
    )


@bp.get("/industries/<code>")
@role_required(PUBLIC)
@cached_for_visitors(catalogue_version)
def industry(code: str):
    """An industry's development trend and its scenarios."""
    found = scenario_catalogue.get_industry(code)
    return render_template("catalog/industry.html", industry=found, scenarios=found.scenarios)


@bp.get("/scenarios")
@role_required(PUBLIC)
@cached_for_visitors(catalogue_version)
def scenarios():
    """All scenarios, filtered by industry and discipline, paginated."""
    industry = code_arg("industry", INDUSTRY_CODES, "industry code")
    discipline = code_arg("discipline", DISCIPLINE_CODES, "discipline code")
    page = scenario_catalogue.list_scenarios(
        industry=industry,
        discipline=discipline,
        page=page_arg(),
        per_page=current_app.config["PAGE_SIZE"],
    )
    return render_template(
        "catalog/scenarios.html",
        page=page,
        industries=scenario_catalogue.all_industries(),
        disciplines=scenario_catalogue.all_disciplines(),
        selected_industry=industry,
        selected_discipline=discipline,
    )


@bp.get("/scenarios/<code>")
@role_required(PUBLIC)
@cached_for_visitors(scenario_page_version)
def scenario(code: str):
    """One scenario in full, the studios that fit it, and who can take it on (a studio's button)."""
    panel = interests.panel(code, current_user)
    return render_template(
        "catalog/scenario.html",
        scenario=panel.scenario,
        interest=panel,
        lead_data=need_panels.scenario_leads(policies.actor_of(current_user), panel.scenario),
        fits=recommendations.studios_for_scenario(panel.scenario.code),
        show_breakdown=current_user.is_authenticated and current_user.role == Role.STAFF,
    )
