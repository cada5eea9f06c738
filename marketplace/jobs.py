"""Background work: the Huey queue, and the outbox drain that runs the handlers of recorded events.

SQLite under instance/ by default, Redis when HUEY_REDIS_URL is set. The consumer runs
`huey_consumer marketplace.worker.huey` (`make worker`; `make run` starts it with the site). Every
task and periodic task is declared in `marketplace/bootstrap.py`, which also installs (from
`create_app`) the table of event -> handlers and the after-commit hook `after_commit()`.
Tests and `HUEY_IMMEDIATE=1` run every job at once, in-process. The only job the request path
enqueues is the drain: it runs the handlers of every pending outbox event, one call per event
type, so jobs are idempotent and coalesce (ten saves in a row cost one recompute). A periodic
drain and a drain at consumer start-up catch up on anything a crash or a stopped consumer left.
"""

from __future__ import annotations

import contextvars
import logging
import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app, has_app_context
from huey import RedisHuey, SqliteHuey
from sqlalchemy import select

from marketplace.config import DEFAULT_INSTANCE
from marketplace.database import on_transaction_end, write_transaction
from marketplace.events import DomainEvent, from_payload
from marketplace.extensions import db
from marketplace.models._types import utcnow
from marketplace.models.outbox import OutboxEntry

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BATCH = 500

Handler = Callable[[Sequence[DomainEvent]], None]
HandlerTable = Mapping[type[DomainEvent], Sequence[Handler]]

_inline: contextvars.ContextVar[bool] = contextvars.ContextVar("jobs_inline", default=False)
_deferred: contextvars.ContextVar[bool] = contextvars.ContextVar("jobs_deferred", default=False)
_queued: contextvars.ContextVar[bool] = contextvars.ContextVar("jobs_queued", default=False)
_worker_app: Flask | None = None
_app_factory: Callable[[], Flask] | None = None
_handlers: HandlerTable = {}
_drain_task: Callable[[str | None], Any] | None = None
_tasks: dict[str, Callable[..., Any]] = {}


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


def install(handlers: HandlerTable, drain_task: Callable[[str | None], Any]) -> None:
    """Wire the drain (called by create_app through bootstrap): which handlers each event type
    has, the queued task that drains, and the after-commit hook that asks for it."""
    global _handlers, _drain_task
    _handlers = handlers
    _drain_task = drain_task
    on_transaction_end(after_commit)


def register_tasks(tasks: Mapping[str, Callable[..., Any]]) -> None:
    """The queued tasks a service may ask for by name (bootstrap declares them; idempotent)."""
    _tasks.update(tasks)


def enqueue(name: str, *args: Any) -> None:
    """Queue the task bootstrap declared under `name` (run at once when the queue is immediate):
    how a service asks for background work without importing bootstrap."""
    task = _tasks.get(name)
    if task is None:
        raise RuntimeError(f"no task {name!r}: bootstrap.install() registers the queued tasks")
    task(*args)


def use_app_factory(factory: Callable[[], Flask]) -> None:
    """The consumer's way to build its app (jobs run outside any request): see worker.py."""
    global _app_factory
    _app_factory = factory


@contextmanager
def app_context() -> Iterator[None]:
    """The current app context, or (in the consumer) one of an app built once per process."""
    global _worker_app
    if has_app_context():
        yield
        return
    if _worker_app is None:
        if _app_factory is None:
            raise RuntimeError("no app context and no app factory: start the consumer "
                               "with `huey_consumer marketplace.worker.huey`")
        _worker_app = _app_factory()
    with _worker_app.app_context():
        yield


def in_app_context(func: Callable[..., Any]) -> Callable[..., Any]:
    """`func` run inside app_context(): how bootstrap turns a service function into a job."""

    @wraps(func)
    def job(*args: Any, **kwargs: Any) -> Any:
        with app_context():
            return func(*args, **kwargs)

    return job


def _drain(request_id: str | None = None) -> int:
    from marketplace import heartbeat, requestlog

    if not _handlers:  # draining with no table would mark every event done, unhandled
        raise RuntimeError("jobs.install() was not called: create_app wires the drain")
    token = requestlog.bind(request_id) if request_id else None
    try:
        with app_context():
            processed = drain(_handlers).processed
        if not huey.immediate:
            heartbeat.record_drain(huey, processed)
        return processed
    finally:
        if token is not None:
            requestlog.unbind(token)


def drain_outbox(request_id: str | None = None) -> int:
    """The drain job: run the handlers of every pending outbox event; how many it processed."""
    return _drain(request_id)


def reconcile() -> int:
    """The periodic drain: whatever is still pending (a crash, a stopped consumer, a failure)."""
    return _drain()


def catch_up() -> None:
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


@contextmanager
def queued() -> Iterator[None]:
    """Queue the drains a block asks for even inside a command, instead of draining here: the
    consumer, or the next command that drains, handles the events (one recompute for several
    bulk steps in a row, as `make demo` runs them)."""
    token = _queued.set(True)
    try:
        yield
    finally:
        _queued.reset(token)


def _in_a_command() -> bool:
    """True inside a `flask` command other than the server (imports, init: finish their work)."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and ctx.info_name not in {"run", "shell"}


def after_commit(events: Sequence[DomainEvent]) -> None:
    """The after-commit hook: ask for a drain when some committed event has handlers."""
    if any(_handlers.get(type(e)) for e in events):
        request_drain()


def request_drain() -> None:
    """Ask for the outbox to be drained: now when inline, immediate or in a command, else queued."""
    if _deferred.get():
        return  # the deferred() block drains once when it ends
    if _inline.get() or huey.immediate or (_in_a_command() and not _queued.get()) or (
        has_app_context() and current_app.config.get("JOBS_INLINE")
    ):
        _drain()
        return
    from marketplace import requestlog

    if _drain_task is None:
        raise RuntimeError("jobs.install() was not called: create_app wires the drain")
    try:
        _drain_task(requestlog.current_id())
    except Exception:
        log.exception("could not enqueue the outbox drain; the periodic drain will catch up")


@dataclass
class DrainReport:
    """What one drain did."""

    processed: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def pending(limit: int = BATCH) -> list[OutboxEntry]:
    """Events whose handlers have not all succeeded yet, oldest first."""
    return list(
        db.session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.done_at.is_(None), OutboxEntry.failed_at.is_(None))
            .order_by(OutboxEntry.id)
            .limit(limit)
        )
    )


def pending_count() -> int:
    """How many events wait for their handlers."""
    return len(pending(limit=10_000))


def is_pending(event_type: type[DomainEvent], **match) -> bool:
    """True when an event of this type whose payload lists these values waits (e.g. ids=7)."""
    for row in pending():
        if row.topic != event_type.topic:
            continue
        if all(v in (row.payload.get(k) or []) for k, v in match.items()):
            return True
    return False


def drain(handlers: HandlerTable, limit: int = BATCH) -> DrainReport:
    """Handle every pending event, one call per handler and event type (the table's order);
    failures stay pending and are retried, up to MAX_ATTEMPTS."""
    by_name = {event_type.topic: funcs for event_type, funcs in handlers.items()}
    report = DrainReport()
    rows = pending(limit)
    db.session.rollback()  # end the read snapshot before handlers write
    by_topic: dict[str, list[tuple[int, DomainEvent | None]]] = defaultdict(list)
    for row in rows:
        by_topic[row.topic].append((row.id, from_payload(row.topic, row.payload)))
    done, failed = [], {}
    for topic, items in by_topic.items():
        events = [e for _, e in items if e is not None]
        error = None
        for handler in by_name.get(topic, ()):
            try:
                handler(events)
            except Exception as exc:  # one handler's failure must not stop the others
                db.session.rollback()
                error = f"{handler.__module__}.{handler.__name__}: {exc!r}"
                log.exception("outbox handler failed for %s (%d events)", topic, len(events))
        ids = [i for i, _ in items]
        if error:
            failed.update(dict.fromkeys(ids, error))
        else:
            done.extend(ids)
    if rows:
        _mark(done, failed, report)
    return report


def _mark(done: list[int], failed: dict[int, str], report: DrainReport) -> None:
    now = utcnow()
    with write_transaction() as session:
        query = select(OutboxEntry).where(OutboxEntry.id.in_(done + list(failed)))
        for row in session.scalars(query):
            if row.id in failed:
                row.attempts += 1
                row.last_error = failed[row.id][:2000]
                if row.attempts >= MAX_ATTEMPTS:
                    row.failed_at = now
                    log.error(
                        "outbox event %d (%s %s) gave up after %d attempts: %s",
                        row.id, row.topic, row.payload, row.attempts, row.last_error,
                    )  # fmt: skip
            elif row.done_at is None:
                row.done_at = now
    report.processed = len(done)
    report.failed = len(failed)
    report.errors = sorted(set(failed.values()))
