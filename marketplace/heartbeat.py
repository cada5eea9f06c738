"""The job consumer's heartbeat and last good drain, kept in the queue's own storage.

The queue's key-value store (SQLite file or Redis) is shared by every host that shares the
queue, so a web host can tell whether some consumer is alive without a table of its own.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time

from huey.constants import EmptyData

log = logging.getLogger(__name__)

HEARTBEAT_KEY = "marketplace:consumer-heartbeat"
LAST_DRAIN_KEY = "marketplace:last-drain"
_started = threading.Event()


def _put(huey, key: str, value: dict) -> None:
    huey.storage.put_data(key, json.dumps(value).encode())


def _peek(huey, key: str) -> dict | None:
    raw = huey.storage.peek_data(key)
    if raw is EmptyData or raw is None:
        return None
    return json.loads(raw)


def beat(huey) -> None:
    """Record that a consumer on this host is alive now."""
    _put(huey, HEARTBEAT_KEY, {"at": time.time(), "host": socket.gethostname(), "pid": os.getpid()})


def last_beat(huey) -> dict | None:
    """The newest heartbeat ({"at", "host", "pid"}), or None when no consumer ever beat."""
    return _peek(huey, HEARTBEAT_KEY)


def record_drain(huey, processed: int) -> None:
    """Record a drain that finished (the periodic reconcile or a queued drain)."""
    _put(huey, LAST_DRAIN_KEY, {"at": time.time(), "processed": processed})


def last_drain(huey) -> dict | None:
    """When the last drain finished and how many events it handled, or None."""
    return _peek(huey, LAST_DRAIN_KEY)


def start_beating(huey, interval: float) -> None:
    """Start (once per process) a daemon thread that beats every `interval` seconds."""
    if _started.is_set():
        return
    _started.set()

    def loop() -> None:
        while True:
            try:
                beat(huey)
            except Exception:  # the queue store is down: readiness shows the heartbeat ageing
                log.exception("consumer heartbeat could not be written")
            time.sleep(interval)

    threading.Thread(target=loop, name="consumer-heartbeat", daemon=True).start()
