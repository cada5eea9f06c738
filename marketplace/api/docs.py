"""The generated OpenAPI 3.1 document and a browsable, script-free page listing its operations."""

from __future__ import annotations

import re

from flask import current_app, jsonify, render_template

from marketplace.access import PUBLIC, access_roles, role_required
from marketplace.api import bp

METHODS = ("get", "post", "put", "patch", "delete")


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def spec() -> dict:
    """The OpenAPI document of this app's API, each operation with its roles and security."""
    document = current_app.extensions["api_v1"].spec.to_dict()
    for rule in current_app.url_map.iter_rules():
        if not rule.endpoint.startswith("api_"):
            continue
        roles = sorted(access_roles(current_app.view_functions[rule.endpoint]) or [])
        item = document.get("paths", {}).get(_openapi_path(rule.rule), {})
        for method in rule.methods or ():
            op = item.get(method.lower())
            if op is None:
                continue
            op["x-roles"] = roles
            op["security"] = [{}, {"bearerAuth": []}] if PUBLIC in roles else [{"bearerAuth": []}]
    return document


@bp.get("/openapi.json")
@role_required(PUBLIC)
def openapi_json():
    """The OpenAPI 3.1 document, generated from the code."""
    return jsonify(spec())


def operations(document: dict) -> list[dict]:
    """Every operation of a document: method, path, summary, tag, who may call it."""
    rows = []
    for path, item in sorted(document.get("paths", {}).items()):
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            rows.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "tag": (op.get("tags") or [""])[0],
                "roles": op.get("x-roles", []),
                "parameters": [p.get("name") for p in op.get("parameters", []) if "name" in p],
                "body": "requestBody" in op,
            })  # fmt: skip
    return rows


@bp.get("/docs")
@role_required(PUBLIC)
def docs():
    """A readable list of operations (no script, so the strict CSP holds)."""
    document = spec()
    return render_template("api/docs.html", info=document["info"], ops=operations(document))
