"""Engine tuning, the write transaction that services commit through, and the events it records.

Nothing here knows who handles an event: `create_app` installs the after-commit hook (see
`marketplace/bootstrap.py`) with `on_transaction_end()`.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from marketplace.extensions import db
from marketplace.models.outbox import OutboxEntry

if TYPE_CHECKING:
    from marketplace.events import DomainEvent

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 15_000
_write_intent: contextvars.ContextVar[bool] = contextvars.ContextVar("write_intent", default=False)
PENDING_KEY = "pending_events"
TransactionHook = Callable[[list["DomainEvent"]], None]
_after_commit: list[TransactionHook] = []


def sqlite_engine_options(options: dict) -> dict:
    """Return engine options for SQLite: a 15 s connect timeout and no thread check."""
    merged = dict(options)
    connect_args = dict(merged.get("connect_args", {}))
    connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
    connect_args.setdefault("check_same_thread", False)
    merged["connect_args"] = connect_args
    return merged


def tune_sqlite(engine: Engine) -> None:
    """Make SQLite safe for several gunicorn workers: WAL, busy timeout, FKs, BEGIN IMMEDIATE."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transaction control away from the driver so we can choose BEGIN's mode.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the write lock up front, so a read-then-write never fails half-way.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")


class UncommittedChanges(RuntimeError):
    """write_transaction() found changes made before it began; they would be committed silently."""


_current: contextvars.ContextVar[Session | None] = contextvars.ContextVar(
    "write_session", default=None
)


def current_write_session() -> Session:
    """The session of the write transaction in progress (events are recorded on it)."""
    session = _current.get()
    if session is None:
        raise RuntimeError("record() must be called inside write_transaction()")
    return session


@contextmanager
def write_transaction(session: Session | None = None) -> Iterator[Session]:
    """Run a block as one write transaction; hand its recorded events to the hooks after commit.

    BEGIN IMMEDIATE on SQLite. Refuses (UncommittedChanges) when the session already holds
    changes made outside any write transaction, instead of committing them silently.
    """
    session = session or db.session()
    if _current.get() is not None:
        raise RuntimeError("write_transaction() does not nest; pass the session down instead")
    if session.new or session.dirty or session.deleted:
        pending = [repr(o) for o in [*session.new, *session.dirty, *session.deleted]][:5]
        session.rollback()
        raise UncommittedChanges(f"changes made outside a write transaction: {pending}")
    if session.in_transaction():
        session.commit()  # end the read snapshot: upgrading it to a writer is what fails under load
    intent = _write_intent.set(True)
    current = _current.set(session)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        session.info.pop(PENDING_KEY, None)
        raise
    finally:
        _current.reset(current)
        _write_intent.reset(intent)
    events = session.info.pop(PENDING_KEY, [])
    if events:
        for hook in list(_after_commit):
            hook(events)


def on_transaction_end(hook: TransactionHook) -> None:
    """Call `hook(events)` after each write transaction that recorded events commits (once per
    hook however often it is installed); nothing is called on rollback."""
    if hook not in _after_commit:
        _after_commit.append(hook)


def record_event(event: DomainEvent, session: Session | None = None) -> None:
    """Record an event on the write transaction: an outbox row now, the hooks after commit."""
    session = session or current_write_session()
    session.add(OutboxEntry(topic=event.topic, payload=event.payload()))
    session.info.setdefault(PENDING_KEY, []).append(event)
