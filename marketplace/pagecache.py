"""Rendered pages kept per process for visitors who are not logged in, until their data changes.

A cached page is reused only for the same path and query, the same language, and the same
data version (a function the route names, e.g. the catalogue snapshot's generation). Logged-in
readers, pending flash messages and anything but a plain 200 are never cached, nor a page whose
view set `g.page_not_cacheable` (e.g. a search whose vector part failed this once). The CSRF
token a page embeds (the language switch) is stored as a slot and filled with each reader's own
token.

Versions are read from the database, so each is remembered per process for
PAGE_VERSION_SECONDS (1 s; 0 in tests: read on every visit) and forgotten at once when this
process commits anything. A change made through another worker or host (or the job consumer)
shows within that many seconds; one made through this process shows on the next visit.
"""

from __future__ import annotations

import functools
import inspect
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import Response, current_app, g, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

EXTENSION_KEY = "marketplace.pagecache"
VERSIONS_KEY = "marketplace.pagecache.versions"
MAX_PAGES = 512  # per process and store; least recently used pages go first
MAX_VERSIONS = 4096  # remembered versions per process (all forgotten when full)
DEFAULT_VERSION_SECONDS = 1.0  # how long a version read from the database is reused
NOT_CACHEABLE = "page_not_cacheable"  # a view sets g.page_not_cacheable = True to skip storing


class _Commits:
    """How many times a session of this process has committed (versions read before are old)."""

    count = 0


@event.listens_for(Session, "after_commit")
def _count_commit(_session) -> None:
    _Commits.count += 1


class _Store:
    def __init__(self, max_pages: int = MAX_PAGES) -> None:
        self.pages: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self.lock = threading.Lock()
        self.max_pages = max_pages

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
            while len(self.pages) > self.max_pages:
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


def _version_seconds() -> float:
    default = 0.0 if current_app.testing else DEFAULT_VERSION_SECONDS
    return float(current_app.config.get("PAGE_VERSION_SECONDS", default))


def current_version(version: Callable[..., Hashable], kwargs: dict) -> Hashable:
    """version(**kwargs), reused for PAGE_VERSION_SECONDS unless this process committed since.

    The commit count and the clock are read before the version, so a commit that lands while
    it is being read makes the next visit read it again.
    """
    seconds = _version_seconds()
    if seconds <= 0:
        return version(**kwargs)
    commits, now = _Commits.count, time.monotonic()
    key = (version, tuple(sorted(kwargs.items())))
    memo: dict = current_app.extensions.setdefault(VERSIONS_KEY, {})
    found = memo.get(key)
    if found is not None and found[1] == commits and now - found[2] < seconds:
        return found[0]
    value = version(**kwargs)
    if len(memo) >= MAX_VERSIONS:
        memo.clear()
    memo[key] = (value, commits, now)
    return value


def cached_for_visitors(
    version: Callable[..., Hashable], store: str = EXTENSION_KEY, max_pages: int = MAX_PAGES
):
    """Decorate a view: visitors get the stored page while `version()` is unchanged.

    A version function that takes parameters is called with the view's URL arguments
    (e.g. `scenario_page_version(code)`), so each page follows only its own data. `store` names
    a separate store of `max_pages` pages, for views whose URLs are unbounded (search) and must
    not push the catalogue's pages out.
    """
    takes_args = bool(inspect.signature(version).parameters)

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if not _cacheable_request():
                return view(*args, **kwargs)
            current = current_version(version, kwargs if takes_args else {})
            key = (request.endpoint, request.full_path, str(get_locale()), current)
            pages: _Store = current_app.extensions.setdefault(store, _Store(max_pages))
            page = pages.get(key)
            if page is not None:
                body, mimetype = page
                return Response(_with_own_token(body), mimetype=mimetype)
            response = make_response(view(*args, **kwargs))
            if (
                response.status_code == 200
                and not response.direct_passthrough
                and not g.get(NOT_CACHEABLE)
            ):
                pages.put(key, (_without_token(response.get_data()), response.mimetype))
            return response

        return wrapper

    return decorate
