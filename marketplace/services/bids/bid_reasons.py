"""The fixed list of reasons a manufacturer gives a bidder it did not choose."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

DECLINE_REASONS = {
    "price": _l("The price was above our budget"),
    "timeline": _l("The timeline did not fit our schedule"),
    "approach": _l("Another approach fitted the brief better"),
    "experience": _l("We needed more experience in this industry"),
    "scope": _l("The bid did not cover the whole scope"),
    "not_proceeding": _l("We are not going ahead with this need"),
    "other": _l("Another reason (see the note)"),
}
NOTE_MAX = 1000


def reason_label(code: str | None) -> str:
    """The reader's-language label of a reason code ('' for none or an unknown code)."""
    label = DECLINE_REASONS.get(code or "")
    return str(label) if label is not None else ""
