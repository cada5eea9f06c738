"""One cleaning rule for every stored text: no control characters, no bidi overrides."""

from __future__ import annotations

import re

# C0 controls except TAB and LF, DEL, C1 controls, bidi embeddings/overrides/isolates and marks,
# and lone surrogates (which cannot be encoded as UTF-8).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def clean_text(value: str | None, *, multiline: bool = True) -> str:
    """Unsafe characters removed, CRLF/CR made LF, stripped; one line collapses whitespace."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    if multiline:
        return _UNSAFE.sub("", text).strip()
    return " ".join(_UNSAFE.sub("", text).split())



def has_letters(value: str) -> bool:
    """True when the text holds at least one letter or CJK character (not only punctuation,
    digits, symbols or controls)."""
    return any(c.isalpha() for c in value)


def _clean_instance(instance) -> None:
    from sqlalchemy import String
    from sqlalchemy import inspect as sa_inspect

    for attr in sa_inspect(instance).mapper.column_attrs:
        if not isinstance(attr.columns[0].type, String):
            continue
        value = instance.__dict__.get(attr.key)  # only loaded or assigned values
        if isinstance(value, str) and _UNSAFE.search(value):
            setattr(instance, attr.key, _UNSAFE.sub("", value))


def _before_flush(session, _context, _instances) -> None:
    for instance in (*session.new, *session.dirty):
        _clean_instance(instance)


def install_flush_cleaner() -> None:
    """The last line of defence: no text column (String or Text) of any row is written with a
    NUL, another control character (TAB and LF kept), a bidi override or a lone surrogate,
    whatever path (form, API, import, CLI) the value came by."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
