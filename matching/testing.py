"""A small deterministic encoder for tests (never used as a fallback for the real model)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from matching.text import tokenize


class HashingEncoder:
    """Feature-hashed bag of words, L2-normalised: texts sharing words get similar vectors."""

    def __init__(self, dim: int = 64, name: str = "test-hashing-encoder") -> None:
        self.dim = dim
        self.name = name
        self.calls: list[int] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts; records the batch size of every call in ``calls``."""
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for token in tokenize(text):
                digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dim
                out[i, bucket] += 1.0 if digest[4] & 1 else -1.0
            norm = np.linalg.norm(out[i])
            out[i] = out[i] / norm if norm > 0 else out[i]
            if norm == 0:
                out[i, 0] = 1.0
        return out
