"""Shared service plumbing: errors, JSON Lines validation, image uploads."""

from marketplace.services.common.errors import (
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)
from marketplace.services.common.jsonl import (
    ImportRejected,
    LineChecker,
    LineError,
    read_objects,
    validate_lines,
)
from marketplace.services.common.uploads import (
    StoredImage,
    delete_image,
    image_path,
    save_image,
    upload_dir,
)

__all__ = [
    "ImportRejected",
    "LineChecker",
    "LineError",
    "NotFound",
    "PermissionDenied",
    "ServiceError",
    "StoredImage",
    "ValidationFailed",
    "delete_image",
    "image_path",
    "read_objects",
    "save_image",
    "upload_dir",
    "validate_lines",
]
