"""Every blueprint and the modules that declare its routes, registered by create_app."""

from __future__ import annotations

from flask import Blueprint, Flask

import marketplace.api
import marketplace.api.docs
import marketplace.auth
import marketplace.auth.reset
import marketplace.auth.routes
import marketplace.auth.tokens
import marketplace.bids
import marketplace.bids.deciding
import marketplace.bids.routes
import marketplace.catalog
import marketplace.catalog.routes
import marketplace.city
import marketplace.city.opendata
import marketplace.city.routes
import marketplace.dashboard
import marketplace.dashboard.routes
import marketplace.engagements
import marketplace.engagements.companies
import marketplace.engagements.routes
import marketplace.health
import marketplace.i18n
import marketplace.matchmaking
import marketplace.matchmaking.meetings
import marketplace.matchmaking.participants
import marketplace.matchmaking.public
import marketplace.needs
import marketplace.needs.extras
import marketplace.needs.routes
import marketplace.notifications
import marketplace.notifications.routes
import marketplace.ops
import marketplace.ops.routes
import marketplace.search
import marketplace.search.routes
import marketplace.search.saved_routes
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
import marketplace.staff.staff_ratings
import marketplace.staff.staff_reauth
import marketplace.staff.staff_review_queue
import marketplace.staff.staff_studio_claims
import marketplace.studios
import marketplace.studios.images
import marketplace.studios.portfolio
import marketplace.studios.routes

# (blueprint, the modules whose decorators add its routes and hooks)
BLUEPRINTS: tuple[tuple[Blueprint, tuple], ...] = (
    (marketplace.i18n.bp, (marketplace.i18n,)),
    (marketplace.catalog.bp, (marketplace.catalog.routes,)),
    (marketplace.auth.bp, (marketplace.auth.routes, marketplace.auth.reset,
                           marketplace.auth.tokens)),
    (marketplace.dashboard.bp, (marketplace.dashboard.routes,)),
    (marketplace.studios.bp, (marketplace.studios.routes, marketplace.studios.images,
                              marketplace.studios.portfolio)),
    (marketplace.search.bp, (marketplace.search.routes, marketplace.search.saved_routes)),
    (marketplace.staff.bp, (
        marketplace.staff.staff_review_queue, marketplace.staff.staff_studio_claims,
        marketplace.staff.staff_claim_evidence, marketplace.staff.staff_accounts,
        marketplace.staff.staff_coverage, marketplace.staff.staff_audit,
        marketplace.staff.staff_reauth, marketplace.staff.staff_home,
        marketplace.staff.staff_catalogue, marketplace.staff.staff_needs,
        marketplace.staff.staff_companies, marketplace.staff.staff_ratings,
        marketplace.staff.staff_events, marketplace.staff.staff_event_print,
        marketplace.staff.staff_city,
    )),
    (marketplace.health.bp, (marketplace.health,)),
    (marketplace.bids.bp, (marketplace.bids.routes, marketplace.bids.deciding)),
    (marketplace.notifications.bp, (marketplace.notifications.routes,)),
    (marketplace.needs.bp, (marketplace.needs.routes, marketplace.needs.extras)),
    (marketplace.engagements.bp, (marketplace.engagements.routes,
                                  marketplace.engagements.companies)),
    (marketplace.matchmaking.bp, (marketplace.matchmaking.public,
                                  marketplace.matchmaking.participants,
                                  marketplace.matchmaking.meetings)),
    (marketplace.api.bp, (marketplace.api.docs,)),
    (marketplace.ops.bp, (marketplace.ops.routes,)),
    (marketplace.city.bp, (marketplace.city.routes, marketplace.city.opendata)),
)  # fmt: skip


def register_blueprints(app: Flask) -> None:
    """Register each blueprint; a route module that declares on another blueprint fails loudly."""
    for blueprint, modules in BLUEPRINTS:
        for module in modules:
            if module.bp is not blueprint:
                raise RuntimeError(f"{module.__name__} declares routes on {module.bp.name}, "
                                   f"not on {blueprint.name}")  # fmt: skip
        app.register_blueprint(blueprint)
