"""An account's interface language."""

from __future__ import annotations

from marketplace.database import write_transaction
from marketplace.models import User
from marketplace.services.common.service_errors import ValidationFailed

LANGUAGES = ("zh_CN", "en")


def set_language(user: User, language: str) -> None:
    """Remember the interface language an account chose (zh_CN or en)."""
    if language not in LANGUAGES:
        raise ValidationFailed({"lang": f"unknown language {language!r}"})
    if user.language == language:
        return
    with write_transaction():
        user.language = language
