"""Everything /city shows, as plain JSON-ready data (the monthly report stores the same shape)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marketplace.models._types import utcnow
from marketplace.services.city import breakdown, settings
from marketplace.services.city.city_figures import HEADLINE, World, compute
from marketplace.services.city.periods import Filters

INDUSTRY_COLUMNS = ("studios_registered", "studios_verified", "needs_published", "bids",
                    "needs_awarded", "awarded_value", "contracted_value")  # fmt: skip
DISTRICT_COLUMNS = ("studios_registered", "studios_verified", "needs_published",
                    "needs_awarded", "awarded_value", "contracted_value")  # fmt: skip
MONTH_COLUMNS = ("needs_published", "bids", "needs_awarded", "awarded_value",
                 "studios_registered", "studios_verified", "contracted_value")  # fmt: skip
FLOWS = ("needs_published", "bids", "needs_awarded", "engagements_completed")


def build(f: Filters, *, suppress: bool = True, now: datetime | None = None,
          world: World | None = None) -> dict[str, Any]:  # fmt: skip
    """The headline figures, the breakdowns by industry, district and month, and the targets."""
    now = now or utcnow()
    world = world or World.load()
    figures = compute(world, f, suppress=suppress)
    return {
        "period": f.period.label,
        "industry": f.industry,
        "district": f.district,
        "generated_at": now.isoformat(timespec="seconds"),
        "threshold": settings.threshold() if suppress else 0,
        "figures": {k: figures[k].as_dict() for k in HEADLINE},
        "empty": not any(figures[k].shown and figures[k].value for k in FLOWS),
        "by_industry": [r.as_dict(INDUSTRY_COLUMNS)
                        for r in breakdown.by_industry(world, f, suppress=suppress)],
        "by_district": [r.as_dict(DISTRICT_COLUMNS)
                        for r in breakdown.by_district(world, f, suppress=suppress)],
        "by_month": [r.as_dict(MONTH_COLUMNS)
                     for r in breakdown.by_month(world, f, now, suppress=suppress)],
    }  # fmt: skip
