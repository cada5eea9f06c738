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

