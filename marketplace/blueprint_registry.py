"""Every blueprint and the modules that declare its routes, registered by create_app."""

from __future__ import annotations

from flask import Blueprint, Flask

import marketplace.api
import marketplace.api.docs
import marketplace.auth
import marketplace.auth.auth_routes
import marketplace.auth.reset_routes
import marketplace.auth.tokens
import marketplace.bids
import marketplace.bids.bids_routes
import marketplace.bids.decision_routes
import marketplace.catalog
import marketplace.catalog.catalog_routes
import marketplace.city
import marketplace.city.city_routes
import marketplace.city.opendata_routes
import marketplace.dashboard
import marketplace.dashboard.dashboard_routes
import marketplace.engagements
import marketplace.engagements.company_routes
import marketplace.engagements.engagements_routes
import marketplace.health
import marketplace.i18n
import marketplace.matchmaking
import marketplace.matchmaking.meetings
import marketplace.matchmaking.participants
import marketplace.matchmaking.public
import marketplace.needs
import marketplace.needs.extras
import marketplace.needs.needs_routes
import marketplace.notifications
import marketplace.notifications.notifications_routes
import marketplace.ops
import marketplace.ops.ops_routes
import marketplace.search
import marketplace.search.saved_routes
import marketplace.search.search_routes
import marketplace.staff
import marketplace.staff.staff_accounts
import marketplace.staff.staff_audit
import marketplace.staff.staff_catalogue
import marketplace.staff.staff_city
import marketplace.staff.staff_claim_evidence
import marketplace.staff.staff_companies
import marketplace.staff.staff_coverage
import marketplace.staff.staff_event_print
import marketplace.staff.staff_events
import marketplace.staff.staff_home
import marketplace.staff.staff_needs
import marketplace.staff.staff_operations
import marketplace.staff.staff_ratings
import marketplace.staff.staff_reauth
import marketplace.staff.staff_review_queue
import marketplace.staff.staff_studio_claims
import marketplace.studios
import marketplace.studios.image_routes
import marketplace.studios.portfolio_routes
import marketplace.studios.studios_routes

# (blueprint, the modules whose decorators add its routes and hooks)
BLUEPRINTS: tuple[tuple[Blueprint, tuple], ...] = (
    (marketplace.i18n.bp, (marketplace.i18n,)),
    (marketplace.catalog.bp, (marketplace.catalog.catalog_routes,)),
    (marketplace.auth.bp, (marketplace.auth.auth_routes, marketplace.auth.reset_routes,
                           marketplace.auth.tokens)),
    (marketplace.dashboard.bp, (marketplace.dashboard.dashboard_routes,)),
    (marketplace.studios.bp, (marketplace.studios.studios_routes, marketplace.studios.image_routes,
                              marketplace.studios.portfolio_routes)),
    (marketplace.search.bp, (marketplace.search.search_routes, marketplace.search.saved_routes)),
    (marketplace.staff.bp, (
        marketplace.staff.staff_review_queue, marketplace.staff.staff_studio_claims,
        marketplace.staff.staff_claim_evidence, marketplace.staff.staff_accounts,
        marketplace.staff.staff_coverage, marketplace.staff.staff_audit,
        marketplace.staff.staff_reauth, marketplace.staff.staff_home,
        marketplace.staff.staff_catalogue, marketplace.staff.staff_needs,
        marketplace.staff.staff_companies, marketplace.staff.staff_ratings,
        marketplace.staff.staff_events, marketplace.staff.staff_event_print,
        marketplace.staff.staff_city, marketplace.staff.staff_operations,
    )),
    (marketplace.health.bp, (marketplace.health,)),
    (marketplace.bids.bp, (marketplace.bids.bids_routes, marketplace.bids.decision_routes)),
    (marketplace.notifications.bp, (marketplace.notifications.notifications_routes,)),
    (marketplace.needs.bp, (marketplace.needs.needs_routes, marketplace.needs.extras)),
    (marketplace.engagements.bp, (marketplace.engagements.engagements_routes,
                                  marketplace.engagements.company_routes)),
    (marketplace.matchmaking.bp, (marketplace.matchmaking.public,
                                  marketplace.matchmaking.participants,
                                  marketplace.matchmaking.meetings)),
    (marketplace.api.bp, (marketplace.api.docs,)),
    (marketplace.ops.bp, (marketplace.ops.ops_routes,)),
    (marketplace.city.bp, (marketplace.city.city_routes, marketplace.city.opendata_routes)),
)  # fmt: skip


def register_blueprints(app: Flask) -> None:
    """Register each blueprint; a route module that declares on another blueprint fails loudly."""
    for blueprint, modules in BLUEPRINTS:
        for module in modules:
            if module.bp is not blueprint:
                raise RuntimeError(f"{module.__name__} declares routes on {module.bp.name}, "
                                   f"not on {blueprint.name}")  # fmt: skip
        app.register_blueprint(blueprint)
