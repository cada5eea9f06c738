"""One store for uploaded PDFs (bid attachments, engagement files): checked by content and size,
written atomically under a random name in its own folder, found again only by that name."""

from __future__ import annotations

import logging
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _

from marketplace.services.common.service_errors import NotFound, ValidationFailed

log = logging.getLogger(__name__)

PDF_MIME = "application/pdf"
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.pdf$")


def check_pdf(data: bytes, field: str = "attachment") -> None:
    """Refuse anything that is not a complete PDF within the upload limit, whatever its name."""
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    if not data:
        raise ValidationFailed({field: _("The file is empty. Attach a PDF.")})
    if len(data) > limit:
        raise ValidationFailed(
            {field: _("The PDF is larger than %(mb)d MB.", mb=limit // (1024 * 1024))}
        )
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise ValidationFailed(
            {field: _("This file is not a PDF (whatever its name), or it is incomplete.")}
        )


@dataclass(frozen=True)
class PdfStore:
    """PDFs in UPLOAD_DIR/<subfolder>; `what` names them in logs."""

    subfolder: str
    what: str

    def folder(self) -> Path:
        """The store's folder (created on first use)."""
        path = Path(current_app.config["UPLOAD_DIR"]) / self.subfolder
        path.mkdir(parents=True, exist_ok=True)
        return path

    def read_checked(self, stream: BinaryIO, field: str) -> bytes:
        """Read an upload (at most the limit plus one byte) and check it is a complete PDF."""
        data = stream.read(current_app.config["MAX_UPLOAD_BYTES"] + 1)
        check_pdf(data, field)
        return data

    def store(self, data: bytes) -> str:
        """Write checked bytes under a new random name (atomically); returns the name."""
        name = f"{secrets.token_hex(16)}.pdf"
        target = self.folder() / name
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        os.replace(partial, target)
        log.info("stored %s %s (%d bytes)", self.what, name, len(data))
        return name

    def path_of(self, name: str | None, missing: str) -> Path:
        """A stored file; NotFound(missing) for a name we did not make or a missing file."""
        if not name or not STORED_NAME.match(name):
            raise NotFound(missing)
        path = self.folder() / name
        if not path.is_file():
            raise NotFound(missing)
        return path

    def discard(self, name: str | None) -> None:
        """Remove a stored file (a missing one is already gone; a failure is logged)."""
        if name and STORED_NAME.match(name):
            try:
                (self.folder() / name).unlink(missing_ok=True)
            except OSError:
                log.warning("could not delete %s %s", self.what, name, exc_info=True)
