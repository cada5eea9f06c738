"""Background jobs on Huey: SQLite under instance/ by default, Redis when HUEY_REDIS_URL is set.

The consumer runs `huey_consumer marketplace.jobs.huey` (`make worker`; `make run` starts it with
the site). Tests and `HUEY_IMMEDIATE=1` run every job at once, in-process. The only job the
request path enqueues is `drain_outbox`: it runs the handlers of every pending outbox event, so
jobs are idempotent and coalesce (ten saves in a row cost one recompute). A periodic drain and a
drain at consumer start-up catch up on anything a crash or a stopped consumer left behind.
"""

from __future__ import annotations

import contextvars
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask, current_app, has_app_context
from huey import RedisHuey, SqliteHuey, crontab

from marketplace.config import DEFAULT_INSTANCE

log = logging.getLogger(__name__)

_inline: contextvars.ContextVar[bool] = contextvars.ContextVar("jobs_inline", default=False)
_deferred: contextvars.ContextVar[bool] = contextvars.ContextVar("jobs_deferred", default=False)
_worker_app: Flask | None = None


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").lower() in {"1", "true", "yes", "on"}


def make_huey():
    """The queue named by the environment: Redis, or SQLite under the instance folder."""
    immediate = _truthy("HUEY_IMMEDIATE")
    redis_url = os.environ.get("HUEY_REDIS_URL")
    if redis_url:
        return RedisHuey("marketplace", url=redis_url, immediate=immediate)
    path = os.environ.get("HUEY_SQLITE_PATH") or str(
        Path(os.environ.get("INSTANCE_DIR", DEFAULT_INSTANCE)) / "huey.db"
    )
    if not immediate:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("marketplace", filename=path, immediate=immediate)


huey = make_huey()


def init_app(app: Flask) -> None:
    """Run jobs in-process when the config says so (tests, or HUEY_IMMEDIATE)."""
    if app.config.get("HUEY_IMMEDIATE"):
        huey.immediate = True


@contextmanager
def inline() -> Iterator[None]:
    """Run the jobs a block causes right away, in this process (commands that import data)."""
    token = _inline.set(True)
    try:
        yield
    finally:
        _inline.reset(token)


@contextmanager
def _app_context() -> Iterator[None]:
    """The current app context, or (in the consumer) one of an app built once per process."""
    global _worker_app
    if has_app_context():
        yield
        return
    if _worker_app is None:
        from marketplace import create_app

        _worker_app = create_app()
    with _worker_app.app_context():
        yield


def _drain(request_id: str | None = None) -> int:
    from marketplace import heartbeat, requestlog
    from marketplace.services.common import outbox

    token = requestlog.bind(request_id) if request_id else None
    try:
        with _app_context():
            processed = outbox.drain().processed
        if not huey.immediate:
            heartbeat.record_drain(huey, processed)
        return processed
    finally:
        if token is not None:
            requestlog.unbind(token)


@huey.task(retries=3, retry_delay=5)
def drain_outbox(request_id: str | None = None) -> int:
    """Run the handlers of every pending outbox event; returns how many events it processed."""
    return _drain(request_id)


@huey.periodic_task(crontab(minute="*"))
def reconcile() -> int:
    """Every minute: drain whatever is still pending (a crash, a stopped consumer, a failure)."""
    return _drain()


@huey.on_startup()
def _catch_up() -> None:
    """When a consumer starts: beat (and keep beating), then drain what was recorded while down."""
    from marketplace import heartbeat

    heartbeat.beat(huey)
    heartbeat.start_beating(huey, float(os.environ.get("HEARTBEAT_SECONDS") or 10))
    try:
        _drain()
    except Exception:
        log.exception("catch-up drain at consumer start failed; the periodic drain retries")


@contextmanager
def deferred() -> Iterator[None]:
    """Hold the drains a block asks for and drain once at its end (a bulk command: one
    matching and index update for every row it touched instead of one per row)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
        request_drain()  # what was committed before a failure is handled too


def _in_a_command() -> bool:
    """True inside a `flask` command other than the server (imports, init: finish their work)."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and ctx.info_name not in {"run", "shell"}


def request_drain() -> None:
    """Ask for the outbox to be drained: now when inline, immediate or in a command, else queued."""
    if _deferred.get():
        return  # the deferred() block drains once when it ends
    if _inline.get() or huey.immediate or _in_a_command() or (
        has_app_context() and current_app.config.get("JOBS_INLINE")
    ):
        _drain()
        return
    from marketplace import requestlog

    try:
        drain_outbox(requestlog.current_id())
    except Exception:
        log.exception("could not enqueue the outbox drain; the periodic drain will catch up")


from marketplace.services.city import tasks as _city_tasks  # noqa: E402, F401  (monthly report)
from marketplace.services.needs import tasks as _needs_tasks  # noqa: E402, F401  (periodic jobs)
from marketplace.services.ops import tasks as _ops_tasks  # noqa: E402, F401  (nightly backup)
from marketplace.services.search import tasks as _search_tasks  # noqa: E402, F401  (alerts)
