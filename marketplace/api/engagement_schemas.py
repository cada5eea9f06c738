"""Schemas of the after-award API: companies, engagements, messages, milestones, ratings and
outcomes (requests and responses)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from marketplace.api.schemas import Days, Int, PageArgs, Strict, page_of

Money = {"minimum": 0, "maximum": 1_000_000_000}


class Company(Schema):
    """A manufacturer's company: its public fields only (never the credit code or contact)."""

    id = Int(required=True)
    name_zh = fields.String(required=True)
    name_en = fields.String(required=True, allow_none=True)
    industry = fields.String(required=True, allow_none=True)
    district = fields.String(required=True, allow_none=True)
    size = fields.String(required=True, allow_none=True)
    website = fields.String(required=True, allow_none=True)
    verified = fields.Boolean(required=True)


class PartyContact(Schema):
    """One party's contact person, phone and e-mail (the engagement's parties and staff)."""

    organisation = fields.String(required=True)
    name = fields.String(required=True)
    phone = fields.String(required=True)
    email = fields.String(required=True)


class Contacts(Schema):
    """Both parties' contacts."""

    manufacturer = fields.Nested(PartyContact, required=True)
    studio = fields.Nested(PartyContact, required=True)


class Milestone(Schema):
    """A milestone: proposed, agreed by both, delivered, accepted or returned."""

    id = Int(required=True)
    engagement_id = Int(required=True)
    title = fields.String(required=True)
    due_on = fields.Date(required=True)
    amount = Int(required=True, **Money)
    status = fields.String(required=True)
    manufacturer_agreed = fields.Boolean(required=True)
    studio_agreed = fields.Boolean(required=True)
    delivered_at = fields.DateTime(required=True, allow_none=True)
    delivery_note = fields.String(required=True, allow_none=True)
    has_delivery_file = fields.Boolean(required=True)
    decided_at = fields.DateTime(required=True, allow_none=True)
    return_reason = fields.String(required=True, allow_none=True)


class Outcome(Schema):
    """What the engagement led to: contract value (CNY) and whether the product launched."""

    contract_value = Int(required=True, allow_none=True, **Money)
    product_launched = fields.Boolean(required=True, allow_none=True)
    launched_on = fields.Date(required=True, allow_none=True)
    launch_link = fields.String(required=True, allow_none=True)
    recorded_at = fields.DateTime(required=True, allow_none=True)


class Engagement(Schema):
    """An engagement between a manufacturer and the studio it awarded; `your_side` is null
    for staff."""

    id = Int(required=True)
    need_id = Int(required=True)
    need_title = fields.String(required=True)
    bid_id = Int(required=True)
    studio_id = Int(required=True)
    studio_name = fields.String(required=True)
    company_id = Int(required=True, allow_none=True)
    status = fields.String(required=True)
    awarded_price = Int(required=True, **Money)
    started_at = fields.DateTime(required=True)
    completed_at = fields.DateTime(required=True, allow_none=True)
    cancelled_at = fields.DateTime(required=True, allow_none=True)
    cancel_reason = fields.String(required=True, allow_none=True)
    your_side = fields.String(required=True, allow_none=True)
    contacts = fields.Nested(Contacts, required=True)
    milestones = fields.List(fields.Nested(Milestone), required=True)
    outcome = fields.Nested(Outcome, required=True)


EngagementPage = page_of(Engagement, "EngagementPage")


class Message(Schema):
    """A message in the private thread; `read_at` is when the other side first read it."""

    id = Int(required=True)
    side = fields.String(required=True)
    body = fields.String(required=True)
    has_file = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)
    read_at = fields.DateTime(required=True, allow_none=True)


MessagePage = page_of(Message, "MessagePage")


class ThreadArgs(PageArgs):
    """Staff must give the reason they read a private thread (recorded in the audit trail)."""

    reason = fields.String(validate=validate.Length(max=500))


class MessageIn(Strict):
    """A message: 1 to 5,000 characters (files are posted on the page)."""

    body = fields.String(required=True, validate=validate.Length(max=20_000))


class MilestoneIn(Strict):
    """A proposed milestone: title, due date (not before the award), amount in CNY."""

    title = fields.String(required=True, validate=validate.Length(max=1000))
    due_on = fields.Date(required=True, validate=Days)
    amount = Int(required=True, minimum=0, maximum=100_000_000)


class ReasonIn(Strict):
    """A reason the other side reads (returning a delivery, cancelling)."""

    reason = fields.String(required=True, validate=validate.Length(max=5000))


class CompleteIn(Strict):
    """Completion with the contract value in whole yuan."""

    contract_value = Int(required=True, minimum=1, maximum=1_000_000_000)


class LaunchIn(Strict):
    """Whether the product reached the market, when, and an optional link."""

    launched = fields.Boolean(required=True)
    launched_on = fields.Date(load_default=None, allow_none=True, validate=Days)
    launch_link = fields.String(load_default=None, allow_none=True,
                                validate=validate.Length(max=1000))  # fmt: skip


class Rating(Schema):
    """One side's rating of the other (1-5 each); the comment is empty when staff hid it."""

    id = Int(required=True)
    side = fields.String(required=True)
    quality = Int(required=True, minimum=1, maximum=5)
    timeliness = Int(required=True, minimum=1, maximum=5)
    communication = Int(required=True, minimum=1, maximum=5)
    comment = fields.String(required=True)
    comment_hidden = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)


class Ratings(Schema):
    """Both sides' ratings as the caller may see them: its own always, the other's once
    revealed (both rated, or 14 days after completion); null where not shown."""

    manufacturer = fields.Nested(Rating, required=True, allow_none=True)
    studio = fields.Nested(Rating, required=True, allow_none=True)


class RatingIn(Strict):
    """A rating: three scores from 1 to 5 and an optional comment."""

    quality = Int(required=True, minimum=1, maximum=5)
    timeliness = Int(required=True, minimum=1, maximum=5)
    communication = Int(required=True, minimum=1, maximum=5)
    comment = fields.String(load_default="", validate=validate.Length(max=5000))
