"""Operations endpoints: /readyz for load balancers and /metrics for Prometheus."""

from flask import Blueprint

bp = Blueprint("ops", __name__)
