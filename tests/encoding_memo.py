"""One model encoding per distinct text per test run: the real encoder's results kept in a SQLite
file every xdist worker of the run shares (the same model gives the same vector for the same
text, so a second module asking for it reads it instead of running the model again)."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from matching.encoder import SentenceTransformerEncoder

_ORIGINAL = SentenceTransformerEncoder.encode


class EncodingMemo:
    """Text → vector, per model version, in one SQLite file (safe across processes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.local: dict[str, np.ndarray] = {}
        self.lock = threading.Lock()
        self.model_runs = 0  # texts the model really encoded in this process
        with self._connect() as con:
            con.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, v BLOB)")

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        return con

    @staticmethod
    def key(model: str, text: str) -> str:
        return hashlib.sha1(f"{model}\x00{text}".encode()).hexdigest()

    def encode(self, encoder: SentenceTransformerEncoder, texts: Sequence[str]) -> np.ndarray:
        """The vectors of `texts`, running the model only on those no worker has encoded yet."""
        texts = list(texts)
        if not texts:
            return _ORIGINAL(encoder, texts)
        encoder.load()  # a test may check the model is loaded after an encode
        keys = [self.key(encoder.name, t) for t in texts]
        with self.lock:
            wanted = [k for k in dict.fromkeys(keys) if k not in self.local]
            if wanted:
                with self._connect() as con:
                    for k, blob in con.execute(
                        f"SELECT key, v FROM vectors WHERE key IN ({','.join('?' * len(wanted))})",
                        wanted,
                    ):
                        self.local[k] = np.frombuffer(blob, dtype=np.float32)
            missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in self.local}
            if missing:
                vectors = _ORIGINAL(encoder, list(missing.values()))
                self.model_runs += len(missing)
                rows = []
                for k, vec in zip(missing, vectors, strict=True):
                    self.local[k] = np.ascontiguousarray(vec, dtype=np.float32)
                    rows.append((k, self.local[k].tobytes()))
                with self._connect() as con:
                    con.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?)", rows)
            return np.vstack([self.local[k] for k in keys])

    def install(self) -> None:
        memo = self

        def encode(encoder: SentenceTransformerEncoder, texts: Sequence[str]) -> np.ndarray:
            return memo.encode(encoder, texts)

        encode.__doc__ = _ORIGINAL.__doc__
        SentenceTransformerEncoder.encode = encode  # type: ignore[method-assign]

    @staticmethod
    def uninstall() -> None:
        SentenceTransformerEncoder.encode = _ORIGINAL  # type: ignore[method-assign]
