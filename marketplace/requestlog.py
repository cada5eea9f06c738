"""Request ids (X-Request-ID in and out) and JSON log lines that carry them, into jobs too."""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, g, request

HEADER = "X-Request-ID"
_VALID = re.compile(r"^[A-Za-z0-9._:\-]{1,64}$")  # a proxy's id is kept only when it is this tame
_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
access_log = logging.getLogger("marketplace.access")

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def current_id() -> str | None:
    """The id of the request (or job) being handled, or None outside one."""
    return _request_id.get()


def bind(request_id: str | None) -> contextvars.Token:
    """Make `request_id` the current id (a job binds the id of the request that queued it)."""
    return _request_id.set(request_id)


def unbind(token: contextvars.Token) -> None:
    """Restore the id that was current before `bind`."""
    _request_id.reset(token)


def incoming_id(value: str | None) -> str:
    """The caller's X-Request-ID when it is a short, safe token; otherwise a fresh one."""
    if value and _VALID.match(value):
        return value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (None outside a request or job)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request_id and extras."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in line:
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"


def configure_logging(level: int, fmt: str) -> None:
    """Root handler in JSON (`fmt == "json"`) or text, each line with its request id."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=level)
    for handler in root.handlers:
        if not any(isinstance(f, RequestIdFilter) for f in handler.filters):
            handler.addFilter(RequestIdFilter())
        if fmt == "json":
            handler.setFormatter(JsonFormatter())
        elif not isinstance(handler.formatter, JsonFormatter):
            handler.setFormatter(logging.Formatter(TEXT_FORMAT))


def init_app(app: Flask) -> None:
    """Give every request an id, answer it in X-Request-ID and log one access line per request."""

    @app.before_request
    def _start() -> None:
        g.request_id = incoming_id(request.headers.get(HEADER))
        bind(g.request_id)
        g.request_started = time.perf_counter()

    @app.after_request
    def _finish(response):
        request_id = g.get("request_id")
        if request_id:
            response.headers[HEADER] = request_id
            if app.config.get("ACCESS_LOG", True) and access_log.isEnabledFor(logging.INFO):
                access_log.info(
                    "%s %s %s", request.method, request.path, response.status_code,
                    extra={
                        "method": request.method, "path": request.path,
                        "status": response.status_code, "endpoint": request.endpoint,
                        "duration_ms": round((time.perf_counter() - g.request_started) * 1000, 2),
                    },
                )  # fmt: skip
        return response

    @app.teardown_request
    def _unbind(_exc) -> None:
        bind(None)  # the worker thread serves another request next
