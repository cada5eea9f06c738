"""The audit trail in words: every recorded action key, changed field and value as the reader
reads it (one mapping for all action keys; a test checks every key the code records has one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "match-approved": _l("Proposal approved"),
    "match-rejected": _l("Proposal rejected"),
    "match-withdrawn": _l("Decision on a proposal withdrawn"),
    "claim-verified": _l("Design-centre claim verified"),
    "claim-rejected": _l("Design-centre claim rejected"),
    "claim-evidence-asked": _l("Evidence asked for a claim"),
    "claim-withdrawn": _l("Claim verification withdrawn"),
    "claim-evidence-uploaded": _l("Evidence uploaded for a claim"),
    "suspended": _l("Account suspended"),
    "restored": _l("Account restored"),
    "login": _l("Staff login"),
    "login-failed": _l("Failed login"),
    "login-refused": _l("Login refused (account suspended)"),
    "access-denied": _l("Access refused"),
    "weights-adopted": _l("New matching weights adopted"),
    "company-verified": _l("Company verified"),
    "company-revoked": _l("Company verification withdrawn"),
    "engagement-thread-read": _l("Staff read an engagement thread"),
    "rating-comment-hidden": _l("Rating comment hidden"),
    "access-denied-repeated": _l("Access refused again (count for the window)"),
    "logout": _l("Logged out"),
    "password-changed": _l("Password changed"),
    "password-reset": _l("Password reset by e-mail link"),
    "api-token-created": _l("API token created"),
    "api-token-revoked": _l("API token revoked"),
    "need-published": _l("Need published"),
    "need-returned": _l("Need returned to the manufacturer"),
    "need-closed": _l("Need closed"),
    "need-closed-without-award": _l("Need closed without an award"),
    "bid-awarded": _l("Bid awarded"),
    "bid-declined": _l("Bid declined"),
    "login-code-sent": _l("Sign-in code sent by e-mail"),
    "login-code-failed": _l("Wrong sign-in code"),
}

FIELD_LABELS = {
    "score": _l("Score"),
    "fit": _l("Fit level"),
    "rank": _l("Rank"),
    "decision": _l("Decision"),
    "reason": _l("Reason"),
    "suspended_at": _l("Suspended since"),
    "level": _l("Accreditation level"),
    "status": _l("Status"),
    "verified": _l("Verified"),
    "document": _l("Document"),
    "title": _l("Title"),
    "weights": _l("Weights"),
    "version": _l("Version"),
}

VALUE_LABELS = {
    "approved": _l("approved"),
    "rejected": _l("rejected"),
    "withdrawn": _l("withdrawn"),
    "strong": _l("strong fit"),
    "good": _l("good fit"),
    "possible": _l("possible fit"),
    "national": _l("national"),
    "municipal": _l("municipal"),
    "district": _l("district"),
    "none": _l("none"),
}


def action_label(key: str) -> str:
    """An action key in the reader's language (the key itself only if nobody labelled it)."""
    label = ACTION_LABELS.get(key)
    return str(label) if label is not None else key


def _reason(code: str) -> str | None:
    from marketplace.services.reviews.decisions import REASONS  # imported late: reviews use audit

    for reasons in REASONS.values():
        if code in reasons:
            return str(reasons[code])
    return None


def _value(value: Any, key: str = "") -> str:
    from marketplace.templating import format_time

    if key == "reason" and isinstance(value, str) and _reason(value):
        return str(_reason(value))
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_l("yes") if value else _l("no"))
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, str):
        if value in VALUE_LABELS:
            return str(VALUE_LABELS[value])
        try:
            return format_time(datetime.fromisoformat(value).replace(tzinfo=None))
        except (ValueError, OverflowError):  # not a time, or one at the calendar's edge
            return value
    if isinstance(value, dict):
        return ", ".join(f"{k} {_value(v)}" for k, v in value.items())
    return str(value)


@dataclass(frozen=True)
class Change:
    """One field of a before/after pair, both sides in words."""

    field: str
    before: str | None  # None: the field was not recorded before (set by this action)
    after: str | None  # None: not recorded after (what the reviewer saw, for example)


def changes(before: dict | None, after: dict | None) -> list[Change]:
    """The fields of before/after as a readable list, changed fields only (all fields of a
    one-sided record)."""
    before, after = before or {}, after or {}
    out = []
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key), after.get(key)
        if key in before and key in after and old == new:
            continue
        label = FIELD_LABELS.get(key)
        out.append(Change(str(label) if label is not None else key.replace("_", " "),
                          _value(old, key) if key in before else None,
                          _value(new, key) if key in after else None))  # fmt: skip
    return out
