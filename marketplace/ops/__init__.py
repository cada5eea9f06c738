"""Operations endpoints: /readyz for load balancers and /metrics for Prometheus."""

from flask import Blueprint

bp = Blueprint("ops", __name__)

from marketplace.ops import ops_routes  # noqa: E402, F401  (registers the views)
