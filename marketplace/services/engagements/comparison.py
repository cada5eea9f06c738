"""The bid comparison a buyer can decide on: every live bid with its fit and reasons (stored
match row, else assessed from the declared tags), accreditation and past ratings; sortable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from marketplace.models import Need
from marketplace.policies.actor import Actor
from marketplace.services.bids.bid_reading import ComparedBid, comparison
from marketplace.services.engagements.ratings import Summary, studio_summaries

SORTS = ("price", "weeks", "fit", "rating")
FIT_ORDER = {"strong": 0, "good": 1, "possible": 2, "weak": 3}


@dataclass
class Row:
    """One bid in the decision table."""

    compared: ComparedBid
    fit: str  # strong / good / possible / weak
    reasons: list[str]
    assessed_from: str  # "match" (stored matching) or "tags" (declared industries, disciplines)
    rating: Summary | None


def tag_fit(need: Need, studio) -> tuple[str, list[str]]:
    """Fit from what both declared: shared industry and the share of the need's disciplines the
    studio covers. Strong: industry and every discipline; good: industry or half of them."""
    reasons: list[str] = []
    industries = {i.code for i in studio.industries}
    shared_industry = bool(need.industry_code and need.industry_code in industries)
    if shared_industry:
        reasons.append(_("Works in the need's industry."))
    wanted = set(need.discipline_codes)
    covered = wanted & {d.code for d in studio.disciplines}
    if wanted:
        reasons.append(_("Covers %(n)d of the %(total)d disciplines asked for.",
                         n=len(covered), total=len(wanted)))  # fmt: skip
    share = len(covered) / len(wanted) if wanted else 0.0
    if shared_industry and wanted and share == 1.0:
        return "strong", reasons
    if shared_industry or share >= 0.5:
        return "good", reasons
    if covered:
        return "possible", reasons
    return "weak", reasons or [_("Neither the industry nor a discipline of the need is among "
                                 "the studio's declared abilities.")]  # fmt: skip


def decision_table(actor: Actor, need: Need, sort: str = "price",
                   now: datetime | None = None) -> list[Row]:  # fmt: skip
    """The comparison rows, sorted by price, weeks, fit or rating (best first)."""
    compared = comparison(actor, need, now)
    summaries = studio_summaries([c.studio.id for c in compared])
    rows = []
    for c in compared:
        level, reasons = tag_fit(need, c.studio)
        source = "tags"
        if c.fit:
            level, source = c.fit, "match"
        summary = summaries.get(c.studio.id)
        rows.append(Row(c, level, reasons, source, summary))
    keys = {
        "price": lambda r: (r.compared.bid.price, r.compared.bid.id),
        "weeks": lambda r: (r.compared.bid.duration_weeks, r.compared.bid.price),
        "fit": lambda r: (FIT_ORDER.get(r.fit, 9), r.compared.bid.price),
        "rating": lambda r: (-(r.rating.average or 0) if r.rating else 0, r.compared.bid.price),
    }
    return sorted(rows, key=keys[sort if sort in keys else "price"])
