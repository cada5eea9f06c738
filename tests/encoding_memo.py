"""One model encoding per distinct text per test run: the real encoder's results kept in the
product's vector cache file (matching/vector_cache.py), which every xdist worker and every
subprocess the tests start (flask CLI, gunicorn, consumers: through VECTOR_CACHE_PATH) shares.
The same model gives the same vector for the same text, so a second module asking for it
reads it instead of running the model again."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from matching.encoder import SentenceTransformerEncoder
from matching.vector_cache import VectorCache, text_key

_ORIGINAL = SentenceTransformerEncoder.encode


class EncodingMemo:
    """Text → vector, per model version, in one VectorCache file (safe across processes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cache = VectorCache(path, max_rows=10**9)
        self.local: dict[str, np.ndarray] = {}
        self.lock = threading.Lock()
        self.model_runs = 0  # texts the model really encoded in this process

    def encode(self, encoder: SentenceTransformerEncoder, texts: Sequence[str]) -> np.ndarray:
        """The vectors of `texts`, running the model only on those no process has encoded yet."""
        texts = list(texts)
        if not texts:
            return _ORIGINAL(encoder, texts)
        encoder.load()  # a test may check the model is loaded after an encode
        keys = [text_key(encoder.name, t) for t in texts]
        with self.lock:
            wanted = [k for k in dict.fromkeys(keys) if k not in self.local]
            if wanted:
                self.local.update(self.cache.get_many(wanted, encoder.dim))
            missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in self.local}
            if missing:
                vectors = _ORIGINAL(encoder, list(missing.values()))
                self.model_runs += len(missing)
                rows = []
                for k, vec in zip(missing, vectors, strict=True):
                    self.local[k] = np.ascontiguousarray(vec, dtype=np.float32)
                    rows.append((k, self.local[k]))
                self.cache.put_many(rows)
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
