"""Readiness: the database takes writes, the queue answers, the index reads, a consumer beats.

Each check's `detail` is for a person and is written in the reader's language (the request's,
or English outside a request); its `name` and `ok` are for machines and never change.
"""

from __future__ import annotations

import logging
import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from marketplace import heartbeat, jobs
from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models._types import utcnow
from marketplace.models.ops import ReadinessProbe

log = logging.getLogger(__name__)
MIN_FREE_MB_DEFAULT = 64


@dataclass(frozen=True)
class Check:
    """One readiness check: its name (stable), whether it passed, and a sentence for a person."""

    name: str
    ok: bool
    detail: str


def _failed(name: str, what: str, exc: BaseException) -> Check:
    log.warning("readiness: %s failed: %r", name, exc)
    return Check(name, False, f"{what}: {exc.__class__.__name__}: {str(exc)[:200]}")


def _data_dir() -> Path | None:
    uri = current_app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///"):
        return Path(uri[len("sqlite:///") :].split("?", 1)[0]).parent
    return None


def check_database() -> Check:
    """Reachable and writable: this host's probe row is updated and committed."""
    try:
        with write_transaction() as session:
            host = socket.gethostname()[:255]
            probe = session.get(ReadinessProbe, host)
            if probe is None:
                session.add(ReadinessProbe(host=host, checked_at=utcnow()))
            else:
                probe.checked_at = utcnow()
    except Exception as exc:  # any failure means "not ready"; the reason is reported
        db.session.rollback()
        return _failed("database", _("cannot write to the database"), exc)
    folder = _data_dir()
    min_free = int(current_app.config.get("READY_MIN_FREE_MB", MIN_FREE_MB_DEFAULT))
    if folder is not None:
        free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
        if free_mb < min_free:
            detail = _("disk nearly full: %(free)d MB free, need %(need)d", free=free_mb,
                       need=min_free)  # fmt: skip
            return Check("database", False, detail)
    return Check("database", True, _("writable"))


def check_queue() -> Check:
    """The job queue answers (SQLite file or Redis)."""
    try:
        depth = jobs.huey.pending_count()
    except Exception as exc:
        return _failed("queue", _("the job queue does not answer"), exc)
    return Check("queue", True, ngettext("%(num)d job waiting", "%(num)d jobs waiting", depth))


def check_search_index() -> Check:
    """The search index opens and reads; empty while the database has documents is not ready."""
    from marketplace.services.search import documents, indexing

    try:
        count = indexing.get_index().open_or_create().doc_count()
        expected = documents.document_count()
    except Exception as exc:
        return _failed("search_index", _("the search index cannot be read"), exc)
    if count == 0 and expected > 0:
        detail = _("empty while %(num)d documents exist: run flask search rebuild", num=expected)
        return Check("search_index", False, detail)
    return Check("search_index", True, ngettext("%(num)d document", "%(num)d documents", count))


def heartbeat_age() -> float | None:
    """Seconds since a consumer last beat, or None when none ever did."""
    beat = heartbeat.last_beat(jobs.huey)
    return None if beat is None else max(0.0, time.time() - float(beat["at"]))


def check_consumer() -> Check:
    """A job consumer beat recently (jobs running in-process need none)."""
    if jobs.huey.immediate:
        return Check("consumer", True, _("jobs run in-process"))
    max_age = int(current_app.config.get("READY_HEARTBEAT_MAX_AGE", 60))
    try:
        age = heartbeat_age()
    except Exception as exc:
        return _failed("consumer", _("the consumer's heartbeat cannot be read"), exc)
    if age is None:
        return Check("consumer", False, _("no job consumer has started"))
    if age > max_age:
        detail = _("last heartbeat %(age)d s ago (limit %(limit)d s)", age=round(age),
                   limit=max_age)  # fmt: skip
        return Check("consumer", False, detail)
    return Check("consumer", True, _("last heartbeat %(age)d s ago", age=round(age)))


def run_checks() -> list[Check]:
    """Every readiness check, in a fixed order."""
    return [check_database(), check_queue(), check_search_index(), check_consumer()]
