"""Request latency per endpoint as Prometheus histograms (multiprocess-safe under gunicorn)."""

from __future__ import annotations

import time

from flask import Flask, g, request
from prometheus_client import Counter, Histogram

# Buckets for pages: cached pages answer in a few ms, matching pages in hundreds.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
REQUEST_LATENCY = Histogram(
    "marketplace_request_duration_seconds",
    "Time to answer a request, by endpoint and method.",
    ["endpoint", "method"],
    buckets=BUCKETS,
)
REQUESTS = Counter(
    "marketplace_requests",
    "Requests answered, by endpoint, method and status code.",
    ["endpoint", "method", "status"],
)


def init_app(app: Flask) -> None:
    """Time every request; record it under its endpoint name (unknown URLs: 'unmatched')."""

    @app.before_request
    def _start_timer() -> None:
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _observe(response):
        started = g.pop("metrics_started", None)
        if started is not None:
            endpoint = request.endpoint or "unmatched"
            REQUEST_LATENCY.labels(endpoint, request.method).observe(time.perf_counter() - started)
            REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
        return response
