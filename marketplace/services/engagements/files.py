"""Files handed over in an engagement (thread and deliveries): the shared PDF store, own folder."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from flask_babel import gettext as _

from marketplace.services.common.pdf_store import PDF_MIME, PdfStore

MIME = PDF_MIME
STORE = PdfStore("engagements", "engagement file")


def read_checked(stream: BinaryIO, field: str) -> bytes:
    """Read an upload and refuse anything but a complete PDF within the upload limit."""
    return STORE.read_checked(stream, field)


def store(data: bytes) -> str:
    """Store checked bytes under a random name; returns the name."""
    return STORE.store(data)


def discard(name: str | None) -> None:
    """Remove a stored file whose transaction failed."""
    STORE.discard(name)


def path_of(name: str | None) -> Path:
    """A stored file; NotFound for a name we did not make or a missing file."""
    return STORE.path_of(name, _("No such file."))
