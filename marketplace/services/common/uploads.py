"""Image uploads: checked by content, size-capped, re-encoded, stored under random names."""

from __future__ import annotations

import logging
import os
import re
import secrets
import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from marketplace.services.common.service_errors import NotFound, ValidationFailed

log = logging.getLogger(__name__)

SUBFOLDER = "portfolio"
MAX_PIXELS = 40_000_000  # a 40-megapixel camera image is fine; a decompression bomb is not
MAX_REQUEST_PIXELS = 60_000_000  # all images of one upload together: bounds a worker's time
MAX_SIDE = 2400  # stored images are scaled down to this on their longest side
FORMATS = {  # Pillow format -> (stored MIME type, file extension)
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "WEBP": ("image/webp", "webp"),
}
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(png|jpg|webp)$")
ALLOWED_TEXT = _l("Upload a PNG, JPEG or WebP image.")


@dataclass(frozen=True)
class StoredImage:
    """An image written to the upload folder."""

    name: str
    mime: str


def _sniff(head: bytes) -> str | None:
    """The format the first bytes announce, whatever the file name says."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def upload_dir() -> Path:
    """The folder portfolio images live in (created on first use)."""
    folder = Path(current_app.config["UPLOAD_DIR"]) / SUBFOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _read_capped(stream: BinaryIO, limit: int, field: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValidationFailed(
            {
                field: _(
                    "The image is larger than %(mb)d MB. Choose a smaller file.",
                    mb=limit // (1024 * 1024),
                )
            }
        )
    if not data:
        raise ValidationFailed({field: _("The file is empty.") + " " + str(ALLOWED_TEXT)})
    return data


def header_pixels(stream: BinaryIO) -> int:
    """Width x height from an image's header (nothing decoded; 0 when unreadable), the stream
    rewound, so a request's pixel budget is checked before any resizing starts."""
    start = stream.tell()
    try:
        with Image.open(stream) as probe:
            return int(probe.width) * int(probe.height)
    except Exception:  # not an image: the full check that follows names the problem
        return 0
    finally:
        stream.seek(start)


def check_pixel_budget(streams: list[BinaryIO], field: str) -> None:
    """Refuse an upload whose images hold more than MAX_REQUEST_PIXELS together."""
    total = sum(header_pixels(s) for s in streams)
    if total > MAX_REQUEST_PIXELS:
        raise ValidationFailed({field: _(
            "These images hold %(mp)d megapixels together; one upload may hold at most %(max)d. "
            "Upload fewer images at a time, or smaller ones.",
            mp=total // 1_000_000, max=MAX_REQUEST_PIXELS // 1_000_000)})  # fmt: skip


def _decode(data: bytes, field: str) -> tuple[Image.Image, str]:
    kind = _sniff(data[:16])
    if kind is None:
        raise ValidationFailed(
            {
                field: _("This file is not an image we accept (whatever its name).")
                + " "
                + str(ALLOWED_TEXT)
            }
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as probe:
                if probe.format != kind:
                    raise ValidationFailed(
                        {field: _("The file is damaged.") + " " + str(ALLOWED_TEXT)}
                    )
                probe.verify()
            image = Image.open(BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise ValidationFailed(
                    {
                        field: _(
                            "The image has more than %(mp)d megapixels.", mp=MAX_PIXELS // 1_000_000
                        )
                    }
                )
            image.load()
    except ValidationFailed:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationFailed({field: _("The image is too large in pixels.")}) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationFailed(
            {field: _("The image could not be read (it may be damaged).") + " " + str(ALLOWED_TEXT)}
        ) from exc
    return image, kind


def _reencode(image: Image.Image, kind: str) -> bytes:
    """Fresh pixels only: orientation applied, metadata and trailing bytes dropped."""
    image = ImageOps.exif_transpose(image) or image
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = BytesIO()
    if kind == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=88, optimize=True)
    elif kind == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        image.save(out, "WEBP", quality=88)
    return out.getvalue()


def save_image(stream: BinaryIO, field: str = "image") -> StoredImage:
    """Check an uploaded image by content and size, re-encode it, store it under a random name."""
    limit = int(current_app.config.get("MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
    data = _read_capped(stream, limit, field)
    image, kind = _decode(data, field)
    try:
        encoded = _reencode(image, kind)
    except (OSError, ValueError) as exc:
        message = _("The image could not be processed.") + " " + str(ALLOWED_TEXT)
        raise ValidationFailed({field: message}) from exc
    finally:
        image.close()
    mime, ext = FORMATS[kind]
    name = f"{secrets.token_hex(16)}.{ext}"
    target = upload_dir() / name
    partial = target.with_suffix(".part")
    partial.write_bytes(encoded)
    os.replace(partial, target)
    log.info("stored %s image %s (%d bytes)", kind, name, len(encoded))
    return StoredImage(name=name, mime=mime)


def image_path(name: str | None) -> Path:
    """The file of a stored image; NotFound for a name we did not generate or a missing file."""
    if not name or not STORED_NAME.match(name):
        raise NotFound(_("No such image."))
    path = upload_dir() / name
    if not path.is_file():
        raise NotFound(_("No such image."))
    return path


def delete_image(name: str | None) -> None:
    """Remove a stored image (quietly: a missing file is already gone)."""
    if not name or not STORED_NAME.match(name):
        return
    try:
        (upload_dir() / name).unlink(missing_ok=True)
    except OSError:
        log.warning("could not delete upload %s", name, exc_info=True)


# ------------------------------------------------ sized variants (logos, covers, work)

VARIANT_FOLDER = "images"
VARIANT_NAME = re.compile(r"^([0-9a-f]{32})-(thumb|card|full)\.(webp|jpg)$")
VARIANT_MIME = {"webp": "image/webp", "jpg": "image/jpeg"}
# shape -> size -> (width, height); height None keeps the picture's own proportions
SHAPES: dict[str, dict[str, tuple[int, int | None]]] = {
    "logo": {"thumb": (96, 96), "card": (240, 240), "full": (480, 480)},
    "cover": {"thumb": (480, 160), "card": (960, 320), "full": (1800, 600)},
    "work": {"thumb": (240, 180), "card": (480, 360), "full": (1600, None)},
}


@dataclass(frozen=True)
class ImageSet:
    """One upload stored as thumbnail, card and full sizes, each in WebP and JPEG."""

    key: str
    width: int  # of the full size
    height: int


def variant_dir() -> Path:
    """The folder sized images live in (created on first use)."""
    folder = Path(current_app.config["UPLOAD_DIR"]) / VARIANT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sized(image: Image.Image, width: int, height: int | None) -> Image.Image:
    if height is None:
        copy = image.copy()
        copy.thumbnail((width, width))
        return copy
    return ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS)


def _flat(image: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency."""
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        base = Image.new("RGB", rgba.size, (255, 255, 255))
        base.paste(rgba, mask=rgba.getchannel("A"))
        return base
    return image.convert("RGB") if image.mode != "RGB" else image


def save_image_set(stream: BinaryIO, shape: str, field: str = "image") -> ImageSet:
    """Check an upload like save_image, then write every size of `shape` as WebP and JPEG."""
    limit = int(current_app.config.get("MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
    data = _read_capped(stream, limit, field)
    image, _kind = _decode(data, field)
    try:
        return _write_sizes(_flat(ImageOps.exif_transpose(image) or image), shape, field)
    finally:
        image.close()


def save_drawn_image_set(image: Image.Image, shape: str) -> ImageSet:
    """Write every size of `shape` from a picture this app drew itself (the demo pictures): no
    file to sniff, decode and verify, so no PNG round trip."""
    return _write_sizes(_flat(image), shape, "image")


def _write_sizes(flat: Image.Image, shape: str, field: str) -> ImageSet:
    """Every size of `shape`, largest first, each made from the one before (a camera original
    is shrunk once, not three times), as WebP and JPEG under a new random key."""
    key = secrets.token_hex(16)
    written: list[Path] = []
    try:
        if max(flat.size) > MAX_SIDE:  # every size is made from this, not the camera original
            flat = flat.copy()
            flat.thumbnail((MAX_SIDE, MAX_SIDE), reducing_gap=3.0)
        folder = variant_dir()
        full, source = flat.size, flat
        for size, (width, height) in reversed(SHAPES[shape].items()):
            sized = _sized(source, width, height)
            if size == "full":
                full = sized.size
            source = sized
            for ext, fmt, options in (
                ("webp", "WEBP", {"quality": 82, "method": 4}),
                ("jpg", "JPEG", {"quality": 84, "optimize": True, "progressive": True}),
            ):
                target = folder / f"{key}-{size}.{ext}"
                partial = target.with_suffix(".part")
                sized.save(partial, fmt, **options)
                written.append(target)
                os.replace(partial, target)
    except (OSError, ValueError) as exc:
        delete_image_set(key)
        message = _("The image could not be processed.") + " " + str(ALLOWED_TEXT)
        raise ValidationFailed({field: message}) from exc
    log.info("stored %s image set %s (%d files)", shape, key, len(written))
    return ImageSet(key=key, width=full[0], height=full[1])


def variant_path(name: str) -> tuple[str, Path]:
    """(key, file) of a stored size; NotFound for a name we did not generate or a missing file."""
    match = VARIANT_NAME.match(name or "")
    path = variant_dir() / name if match else None
    if match is None or path is None or not path.is_file():
        raise NotFound(_("No such image."))
    return match.group(1), path


def delete_image_set(key: str | None) -> None:
    """Remove every size of a stored image (quietly)."""
    if not key or not re.fullmatch(r"[0-9a-f]{32}", key):
        return
    for path in variant_dir().glob(f"{key}-*"):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.warning("could not delete upload %s", path.name, exc_info=True)
