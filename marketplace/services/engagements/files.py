"""Files handed over in an engagement (thread and deliveries): the bid PDF checks, own folder."""

from __future__ import annotations

import logging
import os
import re
import secrets
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _

from marketplace.services.bids.bid_attachments import PDF_MIME, check_pdf
from marketplace.services.common.service_errors import NotFound

log = logging.getLogger(__name__)

SUBFOLDER = "engagements"
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.pdf$")
MIME = PDF_MIME


def folder() -> Path:
    """Where engagement files live (created on first use)."""
    path = Path(current_app.config["UPLOAD_DIR"]) / SUBFOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def read_checked(stream: BinaryIO, field: str) -> bytes:
    """Read an upload and refuse anything but a complete PDF within the upload limit."""
    data = stream.read(current_app.config["MAX_UPLOAD_BYTES"] + 1)
    check_pdf(data, field)
    return data


def store(data: bytes) -> str:
    """Store checked bytes under a random name; returns the name."""
    name = f"{secrets.token_hex(16)}.pdf"
    target = folder() / name
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    os.replace(partial, target)
    log.info("stored engagement file %s (%d bytes)", name, len(data))
    return name


def discard(name: str | None) -> None:
    """Remove a stored file whose transaction failed."""
    if name and STORED_NAME.match(name):
        (folder() / name).unlink(missing_ok=True)


def path_of(name: str | None) -> Path:
    """A stored file; NotFound for a name we did not make or a missing file."""
    if not name or not STORED_NAME.match(name):
        raise NotFound(_("No such file."))
    path = folder() / name
    if not path.is_file():
        raise NotFound(_("No such file."))
    return path
