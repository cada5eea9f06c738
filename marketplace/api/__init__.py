"""/api/v1: JSON over the same services and policies as the pages, with an OpenAPI document."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.record_once
def _setup(state) -> None:
    """Create the flask-smorest Api for this app and register every resource blueprint."""
    from marketplace.api import bids, catalog, city, companies, engagements, needs, setup, staff

    state.app.extensions["api_v1"] = setup.init(
        state.app,
        [catalog.blp, needs.blp, bids.blp, staff.blp, city.blp, companies.blp, engagements.blp],
    )


from marketplace.api import docs  # noqa: E402,F401
