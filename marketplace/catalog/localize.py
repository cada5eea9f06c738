"""Pick a record's text in the reader's language: the `_zh` field for Chinese, else English."""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask_babel import get_locale


def reads_chinese() -> bool:
    """True when the current reader reads Chinese (the default outside a request too)."""
    if not has_request_context():
        return True
    locale = get_locale()
    return locale is None or locale.language == "zh"


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def localized(obj: Any, name: str, other: bool = False) -> Any:
    """`obj.name_zh` for a Chinese reader (falling back to `obj.name`), `obj.name` otherwise.

    With other=True, the text in the language the reader is *not* reading (empty when absent).
    """
    chinese = reads_chinese() != other
    english = _field(obj, name)
    if not chinese:
        return english if not other else (english or "")
    value = _field(obj, f"{name}_zh")
    if other:
        return value or ""
    return value if value else english

