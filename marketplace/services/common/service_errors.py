"""Errors that services raise and routes or commands turn into messages."""

from __future__ import annotations

from dataclasses import dataclass, field


class ServiceError(Exception):
    """Base class for expected, user-facing failures."""


class NotFound(ServiceError):
    """The thing asked for does not exist, or the caller may not see it."""


class PermissionDenied(ServiceError):
    """The caller may not do this."""


@dataclass
class ValidationFailed(ServiceError):
    """Input was rejected; `errors` maps a field name to a message."""

    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{k}: {v}" for k, v in self.errors.items())
