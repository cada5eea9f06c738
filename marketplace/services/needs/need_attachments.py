"""A need's attachments: images (checked and re-encoded as portfolio images) and PDFs (checked by
content), size-capped, stored under random names, served only to whoever may see the need."""

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
from sqlalchemy import func, select

from marketplace.database import write_transaction
from marketplace.models import NeedAttachment
from marketplace.policies.actor import Actor
from marketplace.services.common import uploads
from marketplace.services.common.service_errors import NotFound, ValidationFailed
from marketplace.services.needs.lifecycle import EDITABLE, LifecycleError, owned_need

log = logging.getLogger(__name__)

SUBFOLDER = "needs"
MAX_PER_NEED = 10
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(png|jpg|webp|pdf)$")
FIELD = "attachment"


def folder() -> Path:
    """Where need attachments live (created on first use)."""
    path = Path(current_app.config["UPLOAD_DIR"]) / SUBFOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def _is_pdf(data: bytes) -> bool:
    return bool(re.match(rb"%PDF-[12]\.\d", data[:8])) and b"%%EOF" in data[-2048:]


def _checked(stream: BinaryIO) -> tuple[bytes, str, str]:
    """(bytes to store, MIME type, extension) of an acceptable file, or ValidationFailed."""
    limit = int(current_app.config.get("MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValidationFailed({FIELD: _("The file is larger than %(mb)d MB.",
                                         mb=limit // (1024 * 1024))})  # fmt: skip
    if not data:
        raise ValidationFailed({FIELD: _("The file is empty.")})
    if data.startswith(b"%PDF-"):
        if not _is_pdf(data):
            raise ValidationFailed({FIELD: _("The PDF is damaged or incomplete.")})
        return data, "application/pdf", "pdf"
    try:
        image, kind = uploads._decode(data, FIELD)
    except ValidationFailed as exc:
        raise ValidationFailed({FIELD: _(
            "Attach a PDF, PNG, JPEG or WebP file (this one is none of them, whatever its name)."
        )}) from exc
    try:
        encoded = uploads._reencode(image, kind)
    finally:
        image.close()
    mime, ext = uploads.FORMATS[kind]
    return encoded, mime, ext


@dataclass(frozen=True)
class Upload:
    """A file as the user sent it: its bytes and the name it had on their machine."""

    stream: BinaryIO
    filename: str | None = None


def add(actor: Actor, need_id: int, upload: Upload) -> NeedAttachment:
    """Attach a checked file to one's own editable need."""
    data, mime, ext = _checked(upload.stream)
    filename = upload.filename
    original = os.path.basename((filename or "").replace("\\", "/"))[:200] or f"file.{ext}"
    name = f"{secrets.token_hex(16)}.{ext}"
    target = folder() / name
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    try:
        with write_transaction() as session:
            need = owned_need(session, need_id, actor)
            if need.status not in EDITABLE:
                raise LifecycleError({FIELD: _("This need can no longer be changed.")})
            count = session.scalar(
                select(func.count(NeedAttachment.id)).where(NeedAttachment.need_id == need_id)
            ) or 0
            if count >= MAX_PER_NEED:
                raise ValidationFailed({FIELD: _("A need has at most %(n)d attachments.",
                                                 n=MAX_PER_NEED)})  # fmt: skip
            row = NeedAttachment(need_id=need_id, stored_name=name, original_name=original,
                                 mime=mime, size=len(data))  # fmt: skip
            session.add(row)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    log.info("need %s: attached %s (%s, %d bytes)", need_id, name, mime, len(data))
    return row


def remove(actor: Actor, need_id: int, attachment_id: int) -> None:
    """Remove an attachment (the input) from one's own editable need."""
    with write_transaction() as session:
        need = owned_need(session, need_id, actor)
        row = session.get(NeedAttachment, attachment_id)
        if row is None or row.need_id != need.id:
            raise NotFound(_("No such attachment."))
        if need.status not in EDITABLE:
            raise LifecycleError({FIELD: _("This need can no longer be changed.")})
        name = row.stored_name
        session.delete(row)
    (folder() / name).unlink(missing_ok=True)


def of_need(need_id: int) -> list[NeedAttachment]:
    """A need's attachments, oldest first."""
    from marketplace.extensions import db

    return list(db.session.scalars(
        select(NeedAttachment).where(NeedAttachment.need_id == need_id).order_by(NeedAttachment.id)
    ))


def file_of(need_id: int, attachment_id: int) -> tuple[NeedAttachment, Path]:
    """An attachment of this need and its file, or NotFound (the caller checked the need)."""
    from marketplace.extensions import db

    row = db.session.get(NeedAttachment, attachment_id)
    if row is None or row.need_id != need_id or not STORED_NAME.match(row.stored_name):
        raise NotFound(_("No such attachment."))
    path = folder() / row.stored_name
    if not path.is_file():
        raise NotFound(_("No such attachment."))
    return row, path
