"""Rendered pages kept per process for visitors who are not logged in, until their data changes.

A cached page is reused only for the same path and query, the same language, and the same
data version (a function the route names, e.g. the catalogue snapshot's generation). Logged-in
readers, pending flash messages and anything but a plain 200 are never cached. The CSRF token a
page embeds (the language switch) is stored as a slot and filled with each reader's own token.
"""

from __future__ import annotations

import functools
import inspect
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import Response, current_app, g, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

log = logging.getLogger(__name__)

EXTENSION_KEY = "marketplace.pagecache"
MAX_PAGES = 512  # per process; least recently used pages go first


class _Store:
    def __init__(self) -> None:
        self.pages: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> tuple[bytes, str] | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: tuple[bytes, str]) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > MAX_PAGES:
                self.pages.popitem(last=False)


def _cacheable_request() -> bool:
    return (
        request.method == "GET"
        and current_app.config.get("PAGE_CACHE_ENABLED", True)
        and not current_user.is_authenticated
        and not session.get("_flashes")
    )


CSRF_SLOT = b"\x00csrf-token\x00"  # where each reader's own token goes back into a stored page


def _without_token(body: bytes) -> bytes:
    """The page with this reader's CSRF token (e.g. the language form's) cut out."""
    token = g.get("csrf_token")
    return body.replace(token.encode(), CSRF_SLOT) if token else body


def _with_own_token(body: bytes) -> bytes:
    """A stored page with the current reader's CSRF token (their session's) put back."""
    if CSRF_SLOT not in body:
        return body
    return body.replace(CSRF_SLOT, generate_csrf().encode())


def cached_for_visitors(version: Callable[..., Hashable]):
    """Decorate a view: visitors get the stored page while `version()` is unchanged.

    A version function that takes parameters is called with the view's URL arguments
    (e.g. `scenario_page_version(code)`), so each page follows only its own data.
    """
    takes_args = bool(inspect.signature(version).parameters)

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if not _cacheable_request():
                return view(*args, **kwargs)
            current = version(**kwargs) if takes_args else version()
            key = (request.endpoint, request.full_path, str(get_locale()), current)
            store: _Store = current_app.extensions.setdefault(EXTENSION_KEY, _Store())
            page = store.get(key)
            if page is not None:
                body, mimetype = page
                return Response(_with_own_token(body), mimetype=mimetype)
            response = make_response(view(*args, **kwargs))
            if response.status_code == 200 and not response.direct_passthrough:
                store.put(key, (_without_token(response.get_data()), response.mimetype))
            return response

        return wrapper

    return decorate
