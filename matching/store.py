"""What the app stores per profile: a content fingerprint, the model name and packed vectors.

The app keeps, per studio/need/scenario, ``(fingerprint, model, blob)``. Before matching it calls
:func:`encode_profiles` with what it has; only profiles whose fingerprint changed (text edited,
text-building rules changed, or a different model) are encoded, in one batched pass.

Passage vectors are optional: by default only the whole text is encoded (the passage part has
weight 0 in the fusion), and the matcher encodes passages lazily for the explanations it quotes.
A stored blob may hold the whole-text row only.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from matching import crosslingual
from matching.encoder import Encoder
from matching.glossary import gloss
from matching.text import TEXT_VERSION, encode_text, passages, source_text
from matching.types import Profile

logger = logging.getLogger(__name__)

_DTYPE = np.dtype("<f4")


def fingerprint(profile: Profile, model_name: str) -> str:
    """SHA-256 of everything that is encoded plus the model name and the text-building version
    (and, for a text with Chinese in it, the gloss offset it is shifted by)."""
    h = hashlib.sha256()
    pieces = [model_name, TEXT_VERSION, encode_text(profile), *passages(profile)]
    if crosslingual.chinese_share(source_text(profile)) > 0 and (stamp := crosslingual.tag(
            model_name)):  # fmt: skip
        pieces.append(stamp)  # English profiles keep their fingerprints
    for piece in pieces:
        h.update(piece.encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()


def vector_to_bytes(vectors: np.ndarray) -> bytes:
    """Serialise a vector or a matrix as little-endian float32 bytes (row-major)."""
    return np.ascontiguousarray(vectors, dtype=_DTYPE).tobytes()


def vector_from_bytes(blob: bytes, dim: int) -> np.ndarray:
    """Inverse of vector_to_bytes: a (rows, dim) float32 array (rows = 1 for a single vector)."""
    arr = np.frombuffer(blob, dtype=_DTYPE)
    if dim <= 0 or arr.size % dim:
        raise ValueError(f"blob of {arr.size} floats is not a whole number of {dim}-d rows")
    return arr.reshape(-1, dim).astype(np.float32)


@dataclass(frozen=True)
class ProfileVectors:
    """A profile's whole-text vector and one vector per passage (see text.passages)."""

    fingerprint: str
    model: str
    whole: np.ndarray
    passages: np.ndarray

    def to_bytes(self) -> bytes:
        """Pack whole + passage vectors into one blob (row 0 is the whole-text vector)."""
        return vector_to_bytes(np.vstack([self.whole[None, :], self.passages]))

    @classmethod
    def from_bytes(cls, blob: bytes, *, fingerprint: str, model: str, dim: int) -> ProfileVectors:
        """Unpack a blob written by to_bytes."""
        rows = vector_from_bytes(blob, dim)
        if len(rows) < 1:
            raise ValueError("a packed ProfileVectors blob needs at least the whole-text row")
        return cls(fingerprint=fingerprint, model=model, whole=rows[0], passages=rows[1:])


def is_current(stored: ProfileVectors | None, profile: Profile, encoder: Encoder) -> bool:
    """True when stored vectors were made from this exact content by this model."""
    return (
        stored is not None
        and stored.model == encoder.name
        and stored.fingerprint == fingerprint(profile, encoder.name)
    )


def encode_profiles(
    encoder: Encoder,
    profiles: Sequence[Profile],
    stored: Mapping[str, ProfileVectors] | None = None,
    *,
    with_passages: bool = False,
) -> tuple[list[ProfileVectors], list[str]]:
    """Vectors for every profile, re-using current stored ones; returns (vectors, encoded ids).

    All texts that need encoding (whole texts, and with ``with_passages`` the passages of every
    stale profile) are de-duplicated and sent to the encoder in one batched call. Without
    ``with_passages`` the vectors' ``passages`` is an empty (0, dim) array unless a stored entry
    already had them.
    """
    stored = stored or {}
    result: list[ProfileVectors | None] = []
    todo: list[tuple[int, str, str, list[str]]] = []
    shares: dict[str, float] = {}  # encoded text -> Chinese share of its source
    for i, profile in enumerate(profiles):
        fp = fingerprint(profile, encoder.name)
        old = stored.get(profile.id)
        current = old is not None and old.model == encoder.name and old.fingerprint == fp
        if current and old is not None and (not with_passages or len(old.passages)):
            result.append(old)
        else:
            result.append(None)
            whole = encode_text(profile)
            shares[whole] = max(shares.get(whole, 0.0),
                                crosslingual.chinese_share(source_text(profile)))  # fmt: skip
            todo.append((i, fp, whole, passages(profile) if with_passages else []))
    if todo:
        unique: dict[str, int] = {}
        for _, _, whole, parts in todo:
            for text in (whole, *parts):
                unique.setdefault(text, len(unique))
        matrix = crosslingual.shift(
            encoder.encode([gloss(text) for text in unique]),
            [shares.get(text, crosslingual.chinese_share(text)) for text in unique],
            encoder.name,
        )
        for i, fp, whole, parts in todo:
            result[i] = ProfileVectors(
                fingerprint=fp,
                model=encoder.name,
                whole=matrix[unique[whole]],
                passages=matrix[[unique[p] for p in parts]]
                if parts
                else np.zeros((0, matrix.shape[1]), dtype=np.float32),
            )
        logger.info(
            "encoded %d of %d profiles (%d unique texts)", len(todo), len(profiles), len(unique)
        )
    return [v for v in result if v is not None], [profiles[i].id for i, *_ in todo]
