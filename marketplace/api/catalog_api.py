"""Catalogue and directory: industries, scenarios (both languages), studios, 'studios that fit'."""

from __future__ import annotations

from flask_login import current_user

from marketplace import policies
from marketplace.access import PUBLIC, role_required
from marketplace.api import api_present, schemas
from marketplace.api.api_setup import new_blueprint
from marketplace.services.catalog import scenario_catalogue
from marketplace.services.common.list_page import page_of_list
from marketplace.services.matching import recommendations
from marketplace.services.studios import studio_profiles

blp = new_blueprint("api_catalog", __name__, "Industries, scenarios and the studio directory.")


@blp.get("/industries")
@blp.arguments(schemas.PageArgs, location="query", as_kwargs=True)
@blp.response(200, schemas.IndustryPage)
@role_required(PUBLIC)
def industries(page: int, per_page: int):
    """The 13 industries in catalogue order, with their scenario counts."""
    result = page_of_list(scenario_catalogue.industries_with_counts(), page, per_page)
    return api_present.page(result, [api_present.industry(i, n) for i, n in result.items])


@blp.get("/industries/<string(maxlength=12):code>")
@blp.response(200, schemas.Industry)
@role_required(PUBLIC)
def industry(code: str):
    """One industry by code (e.g. NEV)."""
    found = scenario_catalogue.get_industry(code)
    counts = dict((i.code, n) for i, n in scenario_catalogue.industries_with_counts())
    return api_present.industry(found, counts.get(found.code, 0))


@blp.get("/scenarios")
@blp.arguments(schemas.ScenarioArgs, location="query", as_kwargs=True)
@blp.response(200, schemas.ScenarioPage)
@role_required(PUBLIC)
def scenarios(page: int, per_page: int, industry: str | None = None,
              discipline: str | None = None):  # fmt: skip
    """Scenarios in catalogue order (by code), filtered by industry and discipline."""
    result = scenario_catalogue.list_scenarios(industry, discipline, page, per_page)
    return api_present.page(result, [api_present.scenario(s) for s in result.items])


@blp.get("/scenarios/<string(maxlength=20):code>")
@blp.response(200, schemas.Scenario)
@role_required(PUBLIC)
def scenario(code: str):
    """One scenario by code (e.g. NEV-01), in English and Chinese."""
    return api_present.scenario(scenario_catalogue.get_scenario(code))


@blp.get("/scenarios/<string(maxlength=20):code>/studios")
@blp.response(200, schemas.MatchList)
@role_required(PUBLIC)
def scenario_studios(code: str):
    """'Studios that fit' a scenario: the stored list shown on its page (public studios only)."""
    found = scenario_catalogue.get_scenario(code)
    panel = recommendations.studios_for_scenario(found.code)
    return api_present.match_list(f"scenario:{found.code}", panel, "studio", lambda s: s.name)


@blp.get("/studios")
@blp.arguments(schemas.StudioArgs, location="query", as_kwargs=True)
@blp.response(200, schemas.StudioPage)
@role_required(PUBLIC)
def studios(page: int, per_page: int, verified: bool, sort: str, **filters):
    """The public directory, filtered as on /studios; contacts for manufacturers and staff."""
    result = studio_profiles.directory(
        studio_profiles.DirectoryFilters(verified_only=verified, sort=sort, **filters),
        page=page, per_page=per_page,
    )  # fmt: skip
    actor = policies.actor_of(current_user)
    return api_present.page(result, [api_present.studio(s, actor) for s in result.items])


@blp.get("/studios/<int:studio_id>")
@blp.response(200, schemas.Studio)
@role_required(PUBLIC)
def studio(studio_id: int):
    """One studio (an unlisted one only for its own accounts and staff)."""
    found = studio_profiles.visible_studio(studio_id, current_user)
    return api_present.studio(found, policies.actor_of(current_user))
