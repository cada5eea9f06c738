"""Which encoder matching uses in this app, and whether it can run (never imports torch)."""

from __future__ import annotations

import logging

from flask import current_app

from marketplace.config import ConfigError
from matching.encoder import Encoder, ModelUnavailable, get_encoder, model_path

log = logging.getLogger(__name__)

_hashing: Encoder | None = None


def encoder() -> Encoder:
    """The configured encoder: the bundled model, or (tests only) the deterministic hashing one.

    Raises ModelUnavailable when the model package or its files are missing; the model itself
    is loaded on the first encode, once per process, with TORCH_THREADS threads.
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
    return get_encoder(threads=current_app.config.get("TORCH_THREADS") or None)


def model_problem() -> str | None:
    """Why matching cannot run here (None when it can); cheap, for notices on pages."""
    try:
        encoder()
    except ModelUnavailable as exc:
        return str(exc)
    return None
