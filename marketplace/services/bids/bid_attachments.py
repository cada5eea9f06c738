"""A bid's optional PDF attachment: checked by content and size, stored under a random name
(the shared PDF store, folder "bids")."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from flask_babel import gettext as _

from marketplace.services.common.pdf_store import PDF_MIME, PdfStore

STORE = PdfStore("bids", "bid attachment")
__all__ = ["PDF_MIME", "attachment_dir", "attachment_path", "delete_attachment", "save_pdf"]


def attachment_dir() -> Path:
    """The folder bid attachments live in (created on first use)."""
    return STORE.folder()


def save_pdf(stream: BinaryIO, field: str = "attachment") -> str:
    """Check an uploaded PDF and store it; returns the stored name."""
    return STORE.store(STORE.read_checked(stream, field))


def attachment_path(name: str | None) -> Path:
    """The stored attachment's file; NotFound for a name we did not make or a missing file."""
    return STORE.path_of(name, _("No such attachment."))


def delete_attachment(name: str | None) -> None:
    """Remove a stored attachment (a missing file is already gone)."""
    STORE.discard(name)
