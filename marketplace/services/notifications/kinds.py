"""The registry of notification kinds: each kind's message (translated when it is read, in the
reader's language) built from the notification's payload, and where it links by default."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from marketplace.services.matchmaking import notice_kinds


class _Blank(dict):
    """Format values: a key the payload lacks renders as nothing rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def _declined(payload: dict[str, Any]) -> dict[str, Any]:
    from marketplace.services.bids.reasons import reason_label

    values = dict(payload)
    values["reason"] = reason_label(payload.get("reason")) or payload.get("reason", "")
    return values


@dataclass(frozen=True)
class Kind:
    """One kind of notification: its message template and e-mail subject."""

    message: LazyString
    subject: LazyString
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    note_key: str | None = None  # payload key holding free text appended on its own line


KINDS: dict[str, Kind] = {
    "invited": Kind(
        _l("Your studio is invited to bid on “%(need_title)s”."),
        _l("Invitation to bid"),
    ),
    "need_edited": Kind(
        _l("“%(need_title)s”, which you bid on, was changed. Check that your bid still fits."),
        _l("A need you bid on changed"),
    ),
    "question_answered": Kind(
        _l("A question on “%(need_title)s” was answered."), _l("New answer on a need")
    ),
    "deadline_soon": Kind(
        _l("Bidding on “%(need_title)s” closes within 24 hours."), _l("Bid deadline soon")
    ),
    "bid_received": Kind(
        _l("“%(need_title)s” has received a bid; bids so far: %(count)s. They stay sealed "
           "until the deadline."),
        _l("A bid arrived"),
    ),
    "shortlisted": Kind(
        _l("Your bid on “%(need_title)s” is on the shortlist."), _l("Your bid was shortlisted")
    ),
    "awarded": Kind(
        _l("Your bid on “%(need_title)s” was chosen. The manufacturer will contact you."),
        _l("Your bid won"),
    ),
    "declined": Kind(
        _l("Your bid on “%(need_title)s” was not chosen. Reason: %(reason)s"),
        _l("Outcome of your bid"),
        prepare=_declined,
        note_key="note",
    ),
    "need_published": Kind(
        _l("Your need “%(need_title)s” was published; studios can now bid."),
        _l("Your need is published"),
    ),
    "need_returned": Kind(
        _l("Your need “%(need_title)s” was returned for changes: %(reason)s"),
        _l("Your need was returned"),
    ),
    "match_approved": Kind(
        _l("The commission approved a match for you: %(title)s."), _l("A match was approved")
    ),
}
KINDS.update({name: Kind(*texts, prepare=notice_kinds.prepare)
              for name, texts in notice_kinds.EVENT_KINDS.items()})  # matchmaking events
FALLBACK = Kind(_l("You have a new notification."), _l("New notification"))


def kind_of(name: str) -> Kind:
    """The registered kind, or a generic one for an unknown name (never fails on old rows)."""
    return KINDS.get(name, FALLBACK)


def render(name: str, payload: dict[str, Any] | None) -> str:
    """The message for a kind and payload, in the current locale."""
    kind = kind_of(name)
    values = dict(payload or {})
    if kind.prepare:
        values = kind.prepare(values)
    text = str(kind.message) % _Blank(values)
    if kind.note_key and values.get(kind.note_key):
        text += "\n" + str(values[kind.note_key])
    return text


def subject(name: str) -> str:
    """The e-mail subject of a kind, in the current locale."""
    return str(kind_of(name).subject)
