"""Engine tuning and the write-transaction helper that services use to commit."""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from marketplace.extensions import db

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 15_000
_write_intent: contextvars.ContextVar[bool] = contextvars.ContextVar("write_intent", default=False)


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


@contextmanager
def write_transaction(session: Session | None = None) -> Iterator[Session]:
    """Run a block as one write transaction: BEGIN IMMEDIATE on SQLite, commit or roll back."""
    session = session or db.session()
    if session.in_transaction():
        # End any read snapshot first: upgrading it to a writer is what fails under load.
        if session.new or session.dirty or session.deleted:
            session.flush()
        session.commit()
    token = _write_intent.set(True)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        _write_intent.reset(token)
