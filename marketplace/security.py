"""Response headers that keep pages from being framed, sniffed or fed foreign scripts."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_login import current_user

# Every asset is served by the app itself (the site must work offline), so 'self' is all we need.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def init_app(app: Flask) -> None:
    """Add the security headers to every response that does not set its own; keep control
    characters out of every stored text."""
    from marketplace.services.common.text_cleaning import install_flush_cleaner

    install_flush_cleaner()

    @app.after_request
    def _security_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if request.endpoint != "static" and current_user.is_authenticated:
            # A page built for one account must not be kept by the browser or a shared cache.
            response.headers["Cache-Control"] = "no-store"
            response.vary.add("Cookie")
        return response
