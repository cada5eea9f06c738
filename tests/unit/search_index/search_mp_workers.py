"""Functions run in child processes by test_search_concurrency (importable under spawn)."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from search_index import SearchDocument, SearchIndex


def _docs(prefix: str, keys: list[str]) -> list[SearchDocument]:
    return [
        SearchDocument("studio", key.split(":")[1], f"{prefix} studio {key}", body="clay models")
        for key in keys
    ]


def slow_refresh(
    path: str, prefix: str, count: int, hold: float, timeout: float, start: Any, out: Any
) -> None:
    """Wait for the start signal, then refresh `count` studios with a loader that holds the
    write lock for `hold` seconds; report (prefix, ok, lock_taken_at, committed_at, error)."""
    index = SearchIndex(path, writer_timeout=timeout).open_or_create()
    keys = [f"studio:{prefix}-{i}" for i in range(count)]
    taken: list[float] = []

    def load(wanted: list[str]) -> list[SearchDocument]:
        taken.append(time.time())
        time.sleep(hold)
        return _docs(prefix, wanted)

    start.wait(30)
    try:
        index.refresh(keys, load)
        out.put((prefix, True, taken[0], time.time(), ""))
    except Exception as exc:  # reported to the parent, which asserts on it
        out.put((prefix, False, taken[0] if taken else 0.0, time.time(), type(exc).__name__))


def die_holding_lock(path: str, locked: Any) -> None:
    """Take the write lock, add a document, tell the parent, then get killed before committing."""
    index = SearchIndex(path, writer_timeout=5).open_or_create()

    def load(wanted: list[str]) -> list[SearchDocument]:
        locked.set()
        os.kill(os.getpid(), signal.SIGKILL)  # a worker dying mid-write (OOM, kill -9)
        return []

    index.refresh(["studio:ghost"], load)
