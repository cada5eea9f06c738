"""Manufacturers' design needs: drafting, review, publication, questions, invitations, imports."""

from marketplace.services.needs import (
    attachments,
    importing,
    invitations,
    leads,
    lifecycle,
    listing,
    questions,
    reminders,
)
from marketplace.services.needs.lifecycle import (
    LifecycleError,
    NeedInput,
    close,
    create_draft,
    get_need,
    input_errors,
    publish,
    return_need,
    submit,
    update,
)
from marketplace.services.needs.need_events import NeedsChanged
from marketplace.services.needs.times import format_shanghai, shanghai_to_utc, utc_to_shanghai

__all__ = [
    "LifecycleError",
    "NeedInput",
    "NeedsChanged",
    "attachments",
    "close",
    "create_draft",
    "format_shanghai",
    "get_need",
    "importing",
    "input_errors",
    "invitations",
    "leads",
    "lifecycle",
    "listing",
    "publish",
    "questions",
    "reminders",
    "return_need",
    "shanghai_to_utc",
    "submit",
    "update",
    "utc_to_shanghai",
]
