"""Marshmallow schemas of /api/v1: query arguments, request bodies and response shapes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from marketplace.params import INT32_MAX, parse_int
from marketplace.reference import DISCIPLINE_CODES, INDUSTRY_CODES

MAX_PAGE = 10_000
MAX_PER_PAGE = 100
Text = validate.Length(max=200)
Days = validate.Range(date(2000, 1, 1), date(2100, 12, 31))  # no overflow near year 1 or 9999
Moments = validate.Range(datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 12, 31, tzinfo=UTC))


class Int(fields.Integer):
    """An integer: a JSON number or ASCII digits (never '²' or '١'), within what an INTEGER
    column holds unless a narrower range is given."""

    def __init__(self, *args, minimum: int = -INT32_MAX - 1, maximum: int = INT32_MAX, **kwargs):
        super().__init__(*args, strict=False, **kwargs)
        self.minimum, self.maximum = minimum, maximum

    def _validated(self, value):
        if isinstance(value, float) and not value.is_integer():
            raise self.make_error("invalid")
        raw = int(value) if isinstance(value, float) and abs(value) < 2**63 else value
        parsed = parse_int(raw, self.minimum, self.maximum)
        if parsed is None:
            raise ValidationError(_l("Give a whole number from %(low)d to %(high)d, in digits "
                                     "0-9.") % {"low": self.minimum, "high": self.maximum})
        return parsed


class Strict(Schema):
    """Unknown fields are refused (422 naming them)."""

    class Meta:
        unknown = RAISE


class ErrorDetail(Schema):
    """What went wrong: a machine code, a message for people, the field at fault (or null)."""

    code = fields.String(required=True)
    message = fields.String(required=True)
    field = fields.String(required=True, allow_none=True)


class Error(Schema):
    """Every error body: {"error": {"code", "message", "field"}}."""

    error = fields.Nested(ErrorDetail, required=True)


class PageArgs(Strict):
    """Page-number pagination; every list has a stable order (ties broken by id or code)."""

    page = Int(load_default=1, validate=validate.Range(1, MAX_PAGE))
    per_page = Int(load_default=20, validate=validate.Range(1, MAX_PER_PAGE))


class Page(Schema):
    """The envelope of a list."""

    page = Int(required=True)
    per_page = Int(required=True)
    total = Int(required=True)
    pages = Int(required=True)


def page_of(item_schema: type[Schema], name: str) -> type[Schema]:
    """A Page schema whose items are `item_schema`."""
    return type(name, (Page,), {"items": fields.List(fields.Nested(item_schema), required=True)})


Industry_ = fields.String(validate=validate.OneOf(INDUSTRY_CODES))
Discipline_ = fields.String(validate=validate.OneOf(DISCIPLINE_CODES))


class Industry(Schema):
    """One of the 13 industries, in English and Chinese."""

    code = fields.String(required=True)
    name = fields.String(required=True)
    name_zh = fields.String(required=True)
    trend = fields.String(required=True)
    trend_zh = fields.String(required=True)
    scenario_count = Int(required=True)


class Scenario(Schema):
    """A catalogue scenario in both languages."""

    code = fields.String(required=True)
    industry = fields.String(required=True)
    disciplines = fields.List(fields.String(), required=True)
    title = fields.String(required=True)
    title_zh = fields.String(required=True)
    summary = fields.String(required=True)
    summary_zh = fields.String(required=True)
    description = fields.String(required=True)
    description_zh = fields.String(required=True)
    deliverables = fields.List(fields.String(), required=True)
    deliverables_zh = fields.List(fields.String(), required=True)


class ScenarioArgs(PageArgs):
    """Scenario filters, as on /scenarios."""

    industry = Industry_
    discipline = Discipline_


class Contact(Schema):
    """A studio's contact details (manufacturers, staff and the studio itself only)."""

    name = fields.String(required=True, allow_none=True)
    email = fields.String(required=True, allow_none=True)
    phone = fields.String(required=True, allow_none=True)


class Studio(Schema):
    """A studio's public profile; `contact` is null unless the caller may see it."""

    id = Int(required=True)
    name = fields.String(required=True)
    name_zh = fields.String(required=True, allow_none=True)
    district = fields.String(required=True, allow_none=True)
    founded_year = Int(required=True, allow_none=True)
    team_size = Int(required=True, allow_none=True)
    website = fields.String(required=True, allow_none=True)
    accreditation = fields.String(required=True)
    accreditation_verified = fields.Boolean(required=True)
    capability_statement = fields.String(required=True)
    text_language = fields.String(
        required=True, metadata={"description": "The language of the original text: zh or en."}
    )
    capability_statement_translation = fields.String(
        required=True, allow_none=True,
        metadata={"description": "The studio's own version of the statement in the other "
                                 "language (en when text_language is zh), or null."},
    )  # fmt: skip
    industries = fields.List(fields.String(), required=True)
    disciplines = fields.List(fields.String(), required=True)
    contact = fields.Nested(Contact, required=True, allow_none=True)


class StudioArgs(PageArgs):
    """Directory filters, as on /studios."""

    industry = Industry_
    discipline = Discipline_
    district = fields.String(validate=validate.Length(max=40))
    accreditation = fields.String(
        validate=validate.OneOf(("accredited", "district", "municipal", "national"))
    )
    verified = fields.Boolean(load_default=False)
    sort = fields.String(load_default="name", validate=validate.OneOf(("name", "newest")))


class Need(Schema):
    """A manufacturer's need; `bid_count` only for its owner and staff."""

    id = Int(required=True)
    ref = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    text_language = fields.String(
        required=True, metadata={"description": "The language of the original text: zh or en."}
    )
    title_translation = fields.String(
        required=True, allow_none=True,
        metadata={"description": "The manufacturer's own title in the other language, or null."},
    )
    description_translation = fields.String(
        required=True, allow_none=True,
        metadata={"description": "The description in the other language, or null."},
    )
    status = fields.String(required=True)
    industry = fields.String(required=True, allow_none=True)
    disciplines = fields.List(fields.String(), required=True)
    scenario = fields.String(required=True, allow_none=True)
    budget_min = Int(required=True, allow_none=True)
    budget_max = Int(required=True, allow_none=True)
    bid_deadline = fields.DateTime(required=True, allow_none=True)
    delivery_date = fields.Date(required=True, allow_none=True)
    published_at = fields.DateTime(required=True, allow_none=True)
    bidding_open = fields.Boolean(required=True)
    bid_count = Int(required=True, allow_none=True)


class NeedArgs(PageArgs):
    """Need filters, as on /needs."""

    industry = Industry_
    discipline = Discipline_
    budget_from = Int(validate=validate.Range(0, 10**9))
    budget_to = Int(validate=validate.Range(0, 10**9))
    deadline_before = fields.Date(validate=Days)
    q = fields.String(validate=Text)
    all = fields.Boolean(load_default=False)
    sort = fields.String(load_default="deadline", validate=validate.OneOf(("deadline", "newest")))


class NeedIn(Strict):
    """A need as a manufacturer posts it (saved as a draft)."""

    title = fields.String(required=True, validate=validate.Length(max=10_000))
    description = fields.String(required=True, validate=validate.Length(max=100_000))
    industry = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=12))
    disciplines = fields.List(
        fields.String(validate=validate.Length(max=12)), load_default=list,
        validate=validate.Length(max=13),
    )  # fmt: skip
    scenario = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=20))
    budget_min = Int(load_default=None, allow_none=True)
    budget_max = Int(load_default=None, allow_none=True)
    bid_deadline = fields.AwareDateTime(load_default=None, allow_none=True, validate=Moments)
    delivery_date = fields.Date(load_default=None, allow_none=True, validate=Days)
    title_translation = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(max=10_000),
        metadata={"description": "The title in the other language (English for a need written "
                                 "in Chinese, and the reverse); give both or neither."},
    )  # fmt: skip
    description_translation = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(max=100_000),
        metadata={"description": "The description in the other language."},
    )


class Bid(Schema):
    """A sealed bid, as its studio (or the need's manufacturer after the deadline) sees it."""

    id = Int(required=True)
    need_id = Int(required=True)
    studio_id = Int(required=True)
    studio_name = fields.String(required=True)
    approach = fields.String(required=True)
    price = Int(required=True)
    duration_weeks = Int(required=True)
    team = fields.String(required=True)
    status = fields.String(required=True)
    decline_reason = fields.String(required=True, allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class BidIn(Strict):
    """A studio's offer: approach, price in CNY, duration in weeks, team."""

    approach = fields.String(required=True, validate=validate.Length(max=100_000))
    price = Int(required=True)
    duration_weeks = Int(required=True)
    team = fields.String(load_default="", validate=validate.Length(max=100_000))


DECLINE_REASON_CODES = ("price", "timeline", "approach", "experience", "scope", "not_proceeding",
                        "other")  # services/bids/reasons.DECLINE_REASONS (a test keeps them equal)


class BidRef(Strict):
    """One bid of the need, by id."""

    bid_id = Int(required=True)


class DeclineIn(Strict):
    """Decline one bid: a reason code from the list, and a note (required for 'other')."""

    bid_id = Int(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(DECLINE_REASON_CODES))
    note = fields.String(load_default="", validate=validate.Length(max=1000))


class OtherDecline(Strict):
    """The reason given to one of the other bidders when a bid is awarded."""

    bid_id = Int(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(DECLINE_REASON_CODES))
    note = fields.String(load_default="", validate=validate.Length(max=1000))


class AwardIn(Strict):
    """Award one bid; every other undecided bid needs a decline reason (all or nothing)."""

    bid_id = Int(required=True)
    declines = fields.List(fields.Nested(OtherDecline), load_default=list,
                           validate=validate.Length(max=500))


class Match(Schema):
    """One entry of a stored match list: what it points at, rank, score, fit and reasons."""

    target = fields.String(required=True)
    target_name = fields.String(required=True)
    rank = Int(required=True)
    score = fields.Float(required=True)
    fit = fields.String(required=True, allow_none=True)
    reasons = fields.List(fields.String(), required=True)
    commission_approved = fields.Boolean(
        required=True, metadata={"description": "The commission reviewed and approved this pair."}
    )


class MatchList(Schema):
    """A stored match list of one source (a scenario, a need or the caller's studio)."""

    source = fields.String(required=True)
    computed_at = fields.DateTime(required=True, allow_none=True)
    items = fields.List(fields.Nested(Match), required=True)


class MyMatches(Schema):
    """A studio's recommendations: scenarios and needs for it."""

    scenarios = fields.Nested(MatchList, required=True)
    needs = fields.Nested(MatchList, required=True)


class Decision(Schema):
    """A commission decision on a proposed match."""

    id = Int(required=True)
    direction = fields.String(required=True)
    source = fields.String(required=True)
    target = fields.String(required=True)
    verdict = fields.String(required=True)
    reason = fields.String(required=True, allow_none=True)
    decided_by = fields.String(required=True, allow_none=True)
    decided_at = fields.DateTime(required=True)


class Proposal(Schema):
    """A proposed match waiting for a commission decision; `token` must be sent back with it."""

    row_id = Int(required=True)
    token = fields.String(required=True)
    direction = fields.String(required=True)
    source = fields.String(required=True)
    source_name = fields.String(required=True)
    target = fields.String(required=True)
    target_name = fields.String(required=True)
    fit = fields.String(required=True, allow_none=True)
    rank = Int(required=True, allow_none=True)
    score = fields.Float(required=True)


class ProposalArgs(PageArgs):
    """Review queue filters, as on /staff/review."""

    industry = fields.String(validate=validate.OneOf(INDUSTRY_CODES))
    fit = fields.String(validate=validate.OneOf(("strong", "good")))


VERDICTS = ("approved", "rejected")


class DecisionIn(Strict):
    """Approve or reject a proposal: the token read with it, a reason code, a note."""

    token = fields.String(required=True, validate=validate.Length(max=200))
    verdict = fields.String(required=True, validate=validate.OneOf(VERDICTS))
    reason = fields.String(required=True, validate=validate.Length(max=60), metadata={
        "description": "approved: good-fit, proven-work, verified-centre, other; rejected: "
                       "wrong-industry, lacks-expertise, too-generic, weak-portfolio, capacity, "
                       "other ('other' needs a note)."})
    note = fields.String(load_default="", validate=validate.Length(max=1000))


class WithdrawIn(Strict):
    """Withdraw a decision, with an optional note for the audit trail."""

    note = fields.String(load_default="", validate=validate.Length(max=1000))


class AuditArgs(PageArgs):
    """Audit filters, as on /staff/audit."""

    action = fields.String(validate=validate.Length(max=60))
    actor = fields.String(validate=validate.Length(max=254))
    subject = fields.String(validate=validate.Length(max=120))
    since = fields.Date(validate=Days)
    until = fields.Date(validate=Days)


class AuditEntry(Schema):
    """One row of the append-only audit trail."""

    id = Int(required=True)
    at = fields.DateTime(required=True)
    action = fields.String(required=True)
    actor = fields.String(required=True, allow_none=True)
    subject = fields.String(required=True, allow_none=True)
    before = fields.Raw(required=True, allow_none=True)
    after = fields.Raw(required=True, allow_none=True)
    note = fields.String(required=True, allow_none=True)


IndustryPage = page_of(Industry, "IndustryPage")
ScenarioPage = page_of(Scenario, "ScenarioPage")
StudioPage = page_of(Studio, "StudioPage")
NeedPage = page_of(Need, "NeedPage")
BidPage = page_of(Bid, "BidPage")
DecisionPage = page_of(Decision, "DecisionPage")
ProposalPage = page_of(Proposal, "ProposalPage")
AuditPage = page_of(AuditEntry, "AuditPage")
