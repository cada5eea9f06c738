"""Text vectors kept on disk and shared by every process of a host: a new process reads them.

`VectorCache` is one SQLite file (WAL, safe across processes) mapping (model name, text) to the
model's float32 vector; `CachedEncoder` wraps an `Encoder` and runs it only on texts the file
does not hold. A cache that cannot be read or written is skipped, never an error: encoding goes
on without it. The same model gives the same vector for the same text, so the cache never needs
invalidating; a new model version has a new name, hence new keys.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from matching.encoder import Encoder

log = logging.getLogger(__name__)

MAX_ROWS = 200_000  # about 300 MB of 384-dim vectors; the oldest rows go first
MEMORY_ROWS = 8_192  # vectors also kept in the process (LRU)
_CHUNK = 500  # keys per SELECT (SQLite's variable limit is far above)


def text_key(model: str, text: str) -> str:
    """The cache key of one text under one model."""
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


def _use_wal(con: sqlite3.Connection, attempts: int = 60) -> None:
    """Put the file in WAL mode (it stays so). Several processes opening a new file at once
    race for it, and SQLite answers "locked" at once instead of waiting: retry briefly."""
    for attempt in range(attempts):
        try:
            if con.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            con.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or attempt == attempts - 1:
                raise
            time.sleep(0.05 + 0.01 * attempt)


class VectorCache:
    """Vectors by (model, text) in one SQLite file; oldest rows pruned past `max_rows`."""

    def __init__(self, path: str | Path, *, max_rows: int = MAX_ROWS) -> None:
        self.path = Path(path)
        self.max_rows = max_rows
        self._lock = threading.Lock()
        self._writes_since_prune = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = self._connect()
        try:
            _use_wal(con)
            con.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, v BLOB)")
        finally:
            con.close()

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.execute("PRAGMA synchronous=NORMAL")
        return con

    def get_many(self, keys: Iterable[str], dim: int) -> dict[str, np.ndarray]:
        """The stored vectors of `keys` (those present with the right length)."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, np.ndarray] = {}
        if not wanted:
            return found
        con = self._connect()
        try:
            for start in range(0, len(wanted), _CHUNK):
                part = wanted[start:start + _CHUNK]  # fmt: skip
                marks = ",".join("?" * len(part))  # placeholders only; the keys are bound
                rows = con.execute(f"SELECT key, v FROM vectors WHERE key IN ({marks})", part)  # nosec B608
                for key, blob in rows:
                    if len(blob) == dim * 4:
                        found[key] = np.frombuffer(blob, dtype=np.float32)
        finally:
            con.close()
        return found

    def put_many(self, items: Sequence[tuple[str, np.ndarray]]) -> None:
        """Store vectors (first writer wins), then prune the oldest rows now and then."""
        if not items:
            return
        rows = [(k, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for k, v in items]
        con = self._connect()
        try:
            con.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?)", rows)
            with self._lock:
                self._writes_since_prune += len(rows)
                due = self._writes_since_prune >= max(1, self.max_rows // 20)
                if due:
                    self._writes_since_prune = 0
            if due:
                self._prune(con)
        finally:
            con.close()

    def _prune(self, con: sqlite3.Connection) -> None:
        (count,) = con.execute("SELECT count(*) FROM vectors").fetchone()
        if count > self.max_rows:
            con.execute(
                "DELETE FROM vectors WHERE rowid IN "
                "(SELECT rowid FROM vectors ORDER BY rowid LIMIT ?)",
                (count - self.max_rows,),
            )

    def __len__(self) -> int:
        con = self._connect()
        try:
            return int(con.execute("SELECT count(*) FROM vectors").fetchone()[0])
        finally:
            con.close()


class CachedEncoder:
    """An Encoder that asks the cache first and runs `inner` only on the texts it lacks."""

    def __init__(self, inner: Encoder, cache: VectorCache, *,
                 memory_rows: int = MEMORY_ROWS) -> None:  # fmt: skip
        self.inner = inner
        self.cache: VectorCache | None = cache
        self.name = inner.name
        self.dim = inner.dim
        self.memory_rows = memory_rows
        self._memory: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.encoded = 0  # texts the inner encoder really ran on in this process

    @property
    def loaded(self) -> bool:
        """Whether the inner model is loaded in this process (False for encoders without one)."""
        return bool(getattr(self.inner, "loaded", False))

    def load(self) -> object:
        """Load the inner model now (for warm-ups); a no-op for encoders without one."""
        load = getattr(self.inner, "load", None)
        return load() if load is not None else None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 rows for `texts`, from memory, the file or the inner encoder."""
        texts = list(texts)
        if not texts:
            return self.inner.encode(texts)
        keys = [text_key(self.name, t) for t in texts]
        vectors: dict[str, np.ndarray] = {}
        with self._lock:
            for k in keys:
                if k in self._memory:
                    self._memory.move_to_end(k)
                    vectors[k] = self._memory[k]
        lacking = [k for k in dict.fromkeys(keys) if k not in vectors]
        if lacking and self.cache is not None:
            vectors.update(self._read(lacking))
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in vectors}
        fresh: list[tuple[str, np.ndarray]] = []
        if missing:
            encoded = self.inner.encode(list(missing.values()))
            self.encoded += len(missing)
            for k, vec in zip(missing, encoded, strict=True):
                vectors[k] = np.ascontiguousarray(vec, dtype=np.float32)
                fresh.append((k, vectors[k]))
            self._write(fresh)
        with self._lock:
            for k in keys:
                self._memory[k] = vectors[k]
                self._memory.move_to_end(k)
            while len(self._memory) > self.memory_rows:
                self._memory.popitem(last=False)
        return np.vstack([vectors[k] for k in keys])

    def _read(self, keys: list[str]) -> dict[str, np.ndarray]:
        try:
            return self.cache.get_many(keys, self.dim) if self.cache else {}
        except sqlite3.Error as exc:
            self._give_up(exc)
            return {}

    def _write(self, items: list[tuple[str, np.ndarray]]) -> None:
        if self.cache is None:
            return
        try:
            self.cache.put_many(items)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                log.debug("vector cache busy; %d vectors not stored this time", len(items))
            else:
                self._give_up(exc)
        except sqlite3.Error as exc:
            self._give_up(exc)

    def _give_up(self, exc: Exception) -> None:
        if self.cache is not None:
            log.warning("vector cache %s unusable (%s); encoding without it", self.cache.path, exc)
        self.cache = None
