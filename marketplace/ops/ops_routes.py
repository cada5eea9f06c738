"""/readyz (JSON, 200 or 503) and /metrics (Prometheus text, for allowed scrapers only)."""

from __future__ import annotations

import hmac
import ipaddress

from flask import abort, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from prometheus_client import CONTENT_TYPE_LATEST

from marketplace.access import PUBLIC, role_required
from marketplace.i18n import html_lang
from marketplace.models import Role
from marketplace.ops import bp, exposition
from marketplace.services.ops import ops_figures, readiness


@bp.get("/readyz")
@role_required(PUBLIC)
def readyz():
    """Ready to take traffic: database writable, queue answering, index readable, consumer alive.

    Keys, check names, `ok` and `status` ("ready" / "not ready") are for machines and stay the
    same in every language; `summary` and each `detail` are for a person, in the reader's
    language (Chinese by default, English with Accept-Language: en).
    """
    checks = readiness.run_checks()
    ready = all(c.ok for c in checks)
    failed = ", ".join(c.name for c in checks if not c.ok)
    summary = _("Not ready: %(checks)s failed.", checks=failed) if failed else None
    body = {
        "status": "ready" if ready else "not ready",
        "summary": summary or _("Ready to take traffic."),
        "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks},
    }
    response = jsonify(body)
    response.status_code = 200 if ready else 503
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Language"] = html_lang()
    response.vary.update(("Accept-Language", "Cookie"))
    return response


def _allowed_address(address: str | None) -> bool:
    """The peer is in METRICS_ALLOW_IPS and no proxy relayed the request for someone else."""
    if not address or request.headers.get("X-Forwarded-For") or request.headers.get("Forwarded"):
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for item in str(current_app.config.get("METRICS_ALLOW_IPS", "")).split(","):
        item = item.strip()
        if item and ip in ipaddress.ip_network(item, strict=False):
            return True
    return False


def _allowed_token() -> bool:
    token = str(current_app.config.get("METRICS_TOKEN") or "")
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def metrics_allowed() -> bool:
    """A scraper with the token, an allowed address reached directly, or signed-in staff."""
    if _allowed_token() or _allowed_address(request.remote_addr):
        return True
    return bool(current_user.is_authenticated and current_user.role == Role.STAFF)


@bp.get("/metrics")
@role_required(PUBLIC)
def metrics():
    """Prometheus exposition; 403 unless metrics_allowed()."""
    if not metrics_allowed():
        abort(403)
    body = exposition.render(ops_figures.read())
    return body, 200, {"Content-Type": CONTENT_TYPE_LATEST, "Cache-Control": "no-store"}
