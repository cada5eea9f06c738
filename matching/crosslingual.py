"""Glossed Chinese moved to where English text sits in the encoder's space: a fixed offset.

The encoder reads a Chinese text as its word-by-word English gloss (``glossary.gloss``). Glosses
share a style of their own (no grammar, dictionary senses, place names spelled out), so their
vectors sit apart from English prose as a group: a glossed studio with generic words is near
every glossed need and studio ("hub" texts). The catalogue holds the same texts in both
languages (scenario titles, summaries, descriptions, deliverables; industry trends; discipline
names), so the mean difference between a glossed Chinese text's vector and its English
original's is measured once, without any graded text (``bench/gloss_offset.py`` writes
``data/gloss_offset.json``), and subtracted from the vector of every text in proportion to its
Chinese share, then renormalised. English texts are unchanged; a model other than the one the
offset was measured with gets no shift.

    chinese_share(text) -> float            0 for English, ~1 for a Chinese text
    shift(rows, shares, model) -> rows      the correction (rows unchanged if no offset)
    embed(encoder, texts) -> rows           gloss, encode, shift (raw texts in)
    tag(model) -> str                       what a Chinese profile's fingerprint includes
    measure(encoder, pairs) -> vector       mean(gloss(zh)) - mean(en) over (en, zh) pairs
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from matching.glossary import gloss

OFFSET_PATH = Path(__file__).with_name("data") / "gloss_offset.json"
# How much of the offset is removed (1 = all of it); chosen on the tune half (README).
ALPHA = 1.5
# Also remove the English texts' mean vector from every text (both languages centred).
CENTER = 0.0

_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def chinese_share(text: str) -> float:
    """Share of a text written in Chinese, counting two CJK characters as one English word."""
    cjk = len(_CJK_CHAR.findall(text or ""))
    if not cjk:
        return 0.0
    return cjk / (cjk + 2 * len(_LATIN_WORD.findall(text)))


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[str, np.ndarray, np.ndarray] | None:
    file = Path(path)
    if not file.is_file():
        return None
    body = json.loads(file.read_text(encoding="utf-8"))
    offset = np.asarray(body["offset"], dtype=np.float32)
    english = np.asarray(body.get("english_mean") or np.zeros_like(offset), dtype=np.float32)
    return str(body["model"]), offset, english


def offset_for(model: str, dim: int) -> np.ndarray | None:
    """The measured offset when it was measured with this model (and dimension), else None."""
    if not ALPHA:
        return None
    loaded = _load(str(OFFSET_PATH))
    if loaded is None or loaded[0] != model or loaded[1].shape != (dim,):
        return None
    return loaded[1]


def shift(rows: np.ndarray, shares: Sequence[float], model: str) -> np.ndarray:
    """Rows minus ALPHA · share · offset, renormalised where shifted (unchanged without one)."""
    rows = np.asarray(rows, dtype=np.float32)
    weights = np.asarray(shares, dtype=np.float32)
    if not len(rows) or not (weights.any() or CENTER):
        return rows
    offset = offset_for(model, rows.shape[1])
    if offset is None:
        return rows
    out = rows - ALPHA * weights[:, None] * offset[None, :]
    moved = weights > 0
    if CENTER:
        out = out - CENTER * _load(str(OFFSET_PATH))[2][None, :]  # type: ignore[index]
        moved[:] = True
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    out = np.where(moved[:, None], out / np.where(norms > 0, norms, 1.0), rows)
    return np.ascontiguousarray(out, dtype=np.float32)


def embed(encoder: Any, texts: Sequence[str]) -> np.ndarray:
    """Vectors of raw texts as the matcher reads them: glossed, encoded, shifted."""
    rows = encoder.encode([gloss(t) for t in texts])
    return shift(rows, [chinese_share(t) for t in texts], encoder.name)


def tag(model: str) -> str:
    """A short stamp of the shift a Chinese text gets with this model ('' when none)."""
    loaded = _load(str(OFFSET_PATH))
    if not ALPHA or loaded is None or loaded[0] != model:
        return ""
    digest = hashlib.sha256(loaded[1].tobytes()).hexdigest()[:12]
    return f"gloss-offset:{ALPHA:g}:{digest}"


def measure(encoder: Any, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """(mean vector of the glossed Chinese texts minus mean vector of their English originals,
    mean vector of the English originals)."""
    english = np.asarray(encoder.encode([en for en, _ in pairs]), dtype=np.float64)
    chinese = np.asarray(encoder.encode([gloss(zh) for _, zh in pairs]), dtype=np.float64)
    offset = chinese.mean(axis=0) - english.mean(axis=0)
    return offset.astype(np.float32), english.mean(axis=0).astype(np.float32)


def catalogue_pairs(
    industries: Sequence[dict[str, Any]],
    scenarios: Sequence[dict[str, Any]],
    disciplines: Sequence[dict[str, Any]] = (),
) -> list[tuple[str, str]]:
    """(English, Chinese) text pairs of the catalogue: each scenario's title, summary,
    description and deliverables, each industry's name and trend, each discipline's name."""
    pairs: list[tuple[str, str]] = []

    def add(en: Any, zh: Any) -> None:
        if isinstance(en, str) and isinstance(zh, str) and en.strip() and zh.strip():
            pairs.append((en.strip(), zh.strip()))

    for industry in industries:
        add(industry.get("name"), industry.get("name_zh"))
        add(industry.get("trend"), industry.get("trend_zh"))
    for s in scenarios:
        for key in ("title", "summary", "description"):
            add(s.get(key), s.get(f"{key}_zh"))
        for en, zh in zip(s.get("deliverables") or (), s.get("deliverables_zh") or (),
                          strict=False):  # fmt: skip
            add(en, zh)
    for d in disciplines:
        add(d.get("name"), d.get("name_zh"))
    return pairs
