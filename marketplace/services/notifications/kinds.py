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
    from marketplace.services.bids.bid_reasons import reason_label

    values = dict(payload)
    values["reason"] = reason_label(payload.get("reason")) or payload.get("reason", "")
    return values


def _digest(payload: dict[str, Any]) -> dict[str, Any]:
    """A digest's searches, each with its results link and its own unsubscribe link, in the
    reader's language (older digests carry only the prepared `lines`)."""
    values = dict(payload)
    entries = payload.get("entries")
    if isinstance(entries, list) and entries:
        values["lines"] = "\n".join(
            f"“{query}” ({count}): {link}\n  "
            + str(_l("Stop alerts for this search only: %(link)s", link=stop))
            for query, count, link, stop in entries
        )
    return values


def _contact(payload: dict[str, Any]) -> dict[str, Any]:
    """Append the other side's contact (shortlist, award) as labelled lines."""
    values = dict(payload)
    if payload.get("contact_email"):
        lines = [
            str(_l("Contact: %(name)s, %(org)s")) % {
                "name": payload.get("contact_name", ""), "org": payload.get("contact_org", "")},
            str(_l("Phone: %(phone)s")) % {"phone": payload.get("contact_phone") or "—"},
            str(_l("E-mail: %(email)s")) % {"email": payload.get("contact_email", "")},
        ]
        values["contact_text"] = "\n".join(lines)
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
        _l("Your bid on “%(need_title)s” is on the shortlist."), _l("Your bid was shortlisted"),
        prepare=_contact, note_key="contact_text",
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
    "awarded_engagement": Kind(
        _l("Your bid on “%(need_title)s” was chosen. Your engagement with the manufacturer is "
           "open: messages, milestones and delivery are on its page."),
        _l("Your bid won"), prepare=_contact, note_key="contact_text",
    ),
    "contacts_shared": Kind(
        _l("You can now reach %(contact_org)s, whose bid on “%(need_title)s” you chose."),
        _l("Contact details of a studio"), prepare=_contact, note_key="contact_text",
    ),
    "question_asked": Kind(
        _l("A studio asked a question on your need “%(need_title)s”."),
        _l("New question on your need"), note_key="question",
    ),
    "engagement_message": Kind(
        _l("New message in the engagement on “%(need_title)s”."), _l("New engagement message")
    ),
    "milestone_proposed": Kind(
        _l("A milestone was proposed on “%(need_title)s”: %(title)s."), _l("Milestone proposed")
    ),
    "milestone_agreed": Kind(
        _l("The other side agreed the milestone “%(title)s” on “%(need_title)s”."),
        _l("Milestone agreed"),
    ),
    "milestone_delivered": Kind(
        _l("The studio delivered the milestone “%(title)s” on “%(need_title)s”; accept it or "
           "return it with a reason."),
        _l("Milestone delivered"),
    ),
    "milestone_accepted": Kind(
        _l("The manufacturer accepted the milestone “%(title)s” on “%(need_title)s”."),
        _l("Milestone accepted"),
    ),
    "milestone_returned": Kind(
        _l("The manufacturer returned the milestone “%(title)s” on “%(need_title)s”. Reason:"),
        _l("Milestone returned"), note_key="reason",
    ),
    "milestone_due": Kind(
        _l("The milestone “%(title)s” on “%(need_title)s” is due on %(due_on)s."),
        _l("Milestone due soon"),
    ),
    "engagement_completed": Kind(
        _l("The engagement on “%(need_title)s” is completed. Please rate the manufacturer."),
        _l("Engagement completed"),
    ),
    "engagement_cancelled": Kind(
        _l("The engagement on “%(need_title)s” was cancelled. Reason:"),
        _l("Engagement cancelled"), note_key="reason",
    ),
    "product_launched": Kind(
        _l("The product you designed for “%(need_title)s” has reached the market."),
        _l("Product launched"),
    ),
    "rating_received": Kind(
        _l("The other side rated the engagement on “%(need_title)s”. Ratings are shown once "
           "you have rated too, or after 14 days."),
        _l("You were rated"),
    ),
    "match_approved": Kind(
        _l("The commission approved a match for you: %(title)s."), _l("A match was approved")
    ),
    "saved_search": Kind(
        _l("New results for your saved search “%(query)s”: %(count)s, e.g. “%(title)s”. "
           "To stop these alerts, open %(unsubscribe)s"),
        _l("New results for a saved search"),
    ),
    "saved_search_digest": Kind(
        _l("Your daily digest: %(count)s new results for %(searches)s saved searches, e.g. "
           "“%(title)s”.\n%(lines)s\nTo stop these alerts, open %(unsubscribe)s"),
        _l("Your saved searches today"),
        prepare=_digest,
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
