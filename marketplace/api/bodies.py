"""Request bodies of /api/v1 checked before anything parses them: size, depth, lone surrogates."""

from __future__ import annotations

import json

from flask import abort, current_app, request
from flask_babel import gettext as _

MAX_BODY_BYTES = 256 * 1024  # the largest need (5,000 characters of text) is far below this
MAX_DEPTH = 32  # no request schema nests deeper than 3; a deep body would exhaust the parser


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest in a JSON text (strings skipped), in one pass."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _has_lone_surrogate(value) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def check_json_body() -> None:
    """413 over the size cap, 400 for bad UTF-8, bad JSON or nesting deeper than MAX_DEPTH,
    422 for a lone UTF-16 surrogate (it cannot be stored as UTF-8)."""
    limit = int(current_app.config.get("API_MAX_BODY_BYTES", MAX_BODY_BYTES))
    if (request.content_length or 0) > limit:
        abort(413, description=_("The request body is larger than %(kb)d KB.", kb=limit // 1024))
    raw = request.get_data(cache=True)
    if len(raw) > limit:
        abort(413, description=_("The request body is larger than %(kb)d KB.", kb=limit // 1024))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        abort(400, description=_("The request body is not valid UTF-8."))
    if nesting_depth(text) > MAX_DEPTH:
        abort(400, description=_("The JSON body nests deeper than %(n)d levels.", n=MAX_DEPTH))
    try:
        body = json.loads(text)
    except ValueError:
        abort(400, description=_("The request body is not valid JSON."))
    if _has_lone_surrogate(body):
        abort(422, description=_("A text contains a lone UTF-16 surrogate (\\ud800-\\udfff); "
                                 "send valid Unicode text."))  # fmt: skip
