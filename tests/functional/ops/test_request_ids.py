"""Every response carries X-Request-ID; a caller's tame id is kept; log lines (JSON) carry it."""

from __future__ import annotations

import io
import json
import logging

from marketplace.requestlog import JsonFormatter, RequestIdFilter


def test_each_response_gets_its_own_request_id(client):
    first = client.get("/healthz").headers["X-Request-ID"]
    second = client.get("/healthz").headers["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_callers_request_id_is_kept_and_a_hostile_one_replaced(client):
    kept = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.42"})
    assert kept.headers["X-Request-ID"] == "lb-7f3a.42"
    for hostile in ("<script>alert(1)</script>", "z" * 65, "a b"):
        answered = client.get("/healthz", headers={"X-Request-ID": hostile}).headers
        assert answered["X-Request-ID"] != hostile and len(answered["X-Request-ID"]) == 32


def test_access_log_lines_are_json_with_the_request_id(app):
    app.config["ACCESS_LOG"] = True
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("marketplace.access")
    logger.addHandler(handler)
    try:
        response = app.test_client().get("/scenarios", headers={"X-Request-ID": "trace-1"})
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    access = [line for line in lines if line.get("path") == "/scenarios"]
    assert response.status_code == 200 and len(access) == 1
    assert access[0]["request_id"] == "trace-1"
    assert access[0]["status"] == 200 and access[0]["endpoint"] == "catalog.scenarios"
    assert access[0]["duration_ms"] >= 0
