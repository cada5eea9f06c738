"""/api/v1: JSON over the same services and policies as the pages, with an OpenAPI document."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.record_once
def _setup(state) -> None:
    """Create the flask-smorest Api for this app and register every resource blueprint."""
    from marketplace.api import (
        api_setup,
        bids_api,
        catalog_api,
        city_api,
        companies_api,
        engagements_api,
        needs_api,
        staff,
    )

    state.app.extensions["api_v1"] = api_setup.init(
        state.app,
        [
            catalog_api.blp, needs_api.blp, bids_api.blp, staff.blp, city_api.blp,
            companies_api.blp, engagements_api.blp,
        ],
    )

