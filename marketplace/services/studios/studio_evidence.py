"""Evidence documents for accreditation claims: PDF (checked by content) or an image."""

from __future__ import annotations

import logging
import os
import re
import secrets
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _

from marketplace.services.common import uploads
from marketplace.services.common.service_errors import NotFound, ValidationFailed

log = logging.getLogger(__name__)

SUBFOLDER = "evidence"
MAX_PDF = 10 * 1024 * 1024
STORED = re.compile(r"^[0-9a-f]{32}\.pdf$")


def folder() -> Path:
    """Where evidence PDFs are stored (created on first use)."""
    path = Path(current_app.config["UPLOAD_DIR"]) / SUBFOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def _check_pdf(data: bytes, field: str) -> None:
    if not data:
        raise ValidationFailed({field: _("The file is empty.")})
    if len(data) > MAX_PDF:
        raise ValidationFailed({field: _("The PDF is larger than 10 MB.")})
    if b"%%EOF" not in data[-2048:] or b"/Type" not in data:
        raise ValidationFailed({field: _("The PDF is damaged or incomplete.")})


def save_document(stream: BinaryIO, field: str = "document") -> tuple[str, str]:
    """Store an uploaded PDF or image (checked by content, not name): (stored name, MIME type)."""
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        data = stream.read(MAX_PDF + 1)
        _check_pdf(data, field)
        name = f"{secrets.token_hex(16)}.pdf"
        target = folder() / name
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        os.replace(partial, target)
        log.info("stored evidence PDF %s (%d bytes)", name, len(data))
        return name, "application/pdf"
    try:
        image = uploads.save_image(stream, field)
    except ValidationFailed as exc:
        raise ValidationFailed(
            {field: _("Upload a PDF, PNG, JPEG or WebP file (checked by its content).")}
        ) from exc
    return image.name, image.mime


def document_path(name: str) -> Path:
    """The stored file of an evidence document; NotFound for a name we did not generate."""
    if STORED.match(name or ""):
        path = folder() / name
        if path.is_file():
            return path
        raise NotFound(_("No such document."))
    return uploads.image_path(name)
