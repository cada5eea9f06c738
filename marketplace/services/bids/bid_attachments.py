"""A bid's optional PDF attachment: checked by content and size, stored under a random name."""

from __future__ import annotations

import logging
import os
import re
import secrets
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _

from marketplace.services.common.service_errors import NotFound, ValidationFailed

log = logging.getLogger(__name__)

SUBFOLDER = "bids"
PDF_MIME = "application/pdf"
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.pdf$")


def attachment_dir() -> Path:
    """The folder bid attachments live in (created on first use)."""
    folder = Path(current_app.config["UPLOAD_DIR"]) / SUBFOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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


def save_pdf(stream: BinaryIO, field: str = "attachment") -> str:
    """Check an uploaded PDF and store it; returns the stored name."""
    data = stream.read(current_app.config["MAX_UPLOAD_BYTES"] + 1)
    check_pdf(data, field)
    name = f"{secrets.token_hex(16)}.pdf"
    target = attachment_dir() / name
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    os.replace(partial, target)
    log.info("stored bid attachment %s (%d bytes)", name, len(data))
    return name


def attachment_path(name: str | None) -> Path:
    """The stored attachment's file; NotFound for a name we did not make or a missing file."""
    if not name or not STORED_NAME.match(name):
        raise NotFound(_("No such attachment."))
    path = attachment_dir() / name
    if not path.is_file():
        raise NotFound(_("No such attachment."))
    return path


def delete_attachment(name: str | None) -> None:
    """Remove a stored attachment (a missing file is already gone)."""
    if name and STORED_NAME.match(name):
        try:
            (attachment_dir() / name).unlink(missing_ok=True)
        except OSError:
            log.warning("could not delete bid attachment %s", name, exc_info=True)
