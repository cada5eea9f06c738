"""Which encoder matching uses in this app, and whether it can run (never imports torch)."""

from __future__ import annotations

import logging
import sqlite3
import threading

from flask import current_app

from marketplace.config import ConfigError
from matching.encoder import Encoder, ModelUnavailable, get_encoder, model_path
from matching.vector_cache import CachedEncoder, VectorCache

log = logging.getLogger(__name__)

_hashing: Encoder | None = None
_cached: dict[str, Encoder] = {}  # VECTOR_CACHE_PATH -> the model behind that cache file
_cached_lock = threading.Lock()


def encoder() -> Encoder:
    """The configured encoder: the bundled model, or (tests only) the deterministic hashing one.

    Raises ModelUnavailable when the model package or its files are missing; the model itself
    is loaded on the first encode of a text the vector cache (VECTOR_CACHE_PATH, shared by the
    host's processes) lacks, once per process, with TORCH_THREADS threads.
    """
    global _hashing
    choice = current_app.config.get("MATCHING_ENCODER", "model")
    if choice == "hashing":
        if not current_app.testing:
            raise ConfigError("MATCHING_ENCODER='hashing' is only allowed in the testing config")
        if _hashing is None:
            from matching.testing import HashingEncoder

            _hashing = HashingEncoder(dim=384)
        return _hashing
    if choice != "model":
        raise ConfigError(f"MATCHING_ENCODER must be 'model' or 'hashing', got {choice!r}")
    model_path()  # cheap check of the bundled weights: a clear error before any work
    model = get_encoder(threads=current_app.config.get("TORCH_THREADS") or None)
    path = str(current_app.config.get("VECTOR_CACHE_PATH") or "")
    return _with_cache(model, path) if path else model


def _with_cache(model: Encoder, path: str) -> Encoder:
    """The model behind the vector cache file at `path` (one per process and path); the model
    alone, with a warning, when the file cannot be opened."""
    with _cached_lock:
        if path not in _cached:
            try:
                _cached[path] = CachedEncoder(model, VectorCache(path))
            except (sqlite3.Error, OSError) as exc:
                log.warning("vector cache %s cannot be opened (%s); encoding without it", path, exc)
                _cached[path] = model
        return _cached[path]


def model_problem() -> str | None:
    """Why matching cannot run here (None when it can); cheap, for notices on pages."""
    try:
        encoder()
    except ModelUnavailable as exc:
        return str(exc)
    return None
