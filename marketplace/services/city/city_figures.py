"""The headline figures of /city: each computed from the record for a period, industry, district.

Stock figures (centres, studios, manufacturers) count what exists at the end of the period; flow
figures (needs, bids, awards, contracts) count what happened inside it. Supply-side figures take
the studio's district; demand-side figures (needs, manufacturers) the manufacturer's company
district, which only company profiles record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from marketplace.services.city import outcomes, records, settings
from marketplace.services.city.periods import Filters
from marketplace.services.city.values import NOT_YET, Value, count, guarded

HEADLINE = (
    "centres_national", "centres_municipal", "centres_district", "studios_registered",
    "studios_verified", "manufacturers", "needs_published", "needs_awarded", "bids",
    "awarded_value", "engagements_completed", "contracted_value", "products_launched",
)  # fmt: skip
MONEY = {"awarded_value", "contracted_value"}


@dataclass
class World:
    """The records the figures are counted from (read once, reused for every breakdown)."""

    rows: records.Records
    post: outcomes.Outcomes

    @classmethod
    def load(cls) -> World:
        """Read everything from the database."""
        return cls(records.load(), outcomes.load())

    def studio_in(self, studio_id: int, f: Filters) -> bool:
        """True when a studio matches the industry and district filters."""
        s = self.rows.studios.get(studio_id)
        if s is None:
            return f.industry is None and f.district is None
        return (f.industry is None or f.industry in s.industries) and (
            f.district is None or s.district == f.district
        )

    def in_district(self, studio_id: int, district: str | None) -> bool:
        """True when no district is asked for or the studio is registered in it."""
        s = self.rows.studios.get(studio_id)
        return district is None or (s is not None and s.district == district)

    def engagement_in(self, e: outcomes.EngagementRec, f: Filters) -> bool:
        """True when an engagement's need is of the industry and its studio of the district."""
        need = self.rows.needs.get(e.need_id)
        return (need is not None and (f.industry is None or need.industry == f.industry)
                and self.in_district(e.studio_id, f.district))  # fmt: skip

    def need_in(self, need_id: int, f: Filters) -> bool | None:
        """True when a need matches; None when the district filter needs company profiles."""
        need = self.rows.needs[need_id]
        if f.industry is not None and need.industry != f.industry:
            return False
        if f.district is None:
            return True
        if not self.post.companies_recorded:
            return None
        return self.post.company_district.get(need.manufacturer_id) == f.district


def _studios(world: World, f: Filters, keep: Callable[[records.StudioRec], bool]) -> Value:
    return count(sum(
        1 for s in world.rows.studios.values()
        if world.studio_in(s.id, f) and f.period.by_end(s.created_at) and keep(s)
    ))  # fmt: skip


def _centres(world: World, f: Filters, level: str) -> Value:
    return count(sum(
        1 for s in world.rows.studios.values()
        if s.verified_level == level and f.period.by_end(s.verified_at) and world.studio_in(s.id, f)
    ))  # fmt: skip


def _needs_matching(world: World, f: Filters) -> list[int] | None:
    """Ids of published needs matching the filters, or None when that cannot be told yet."""
    out = []
    for need_id in world.rows.needs:
        match = world.need_in(need_id, f)
        if match is None:
            return None
        if match:
            out.append(need_id)
    return out


def _manufacturers(world: World, f: Filters) -> Value:
    if f.industry is None and f.district is None:
        return count(sum(1 for m in world.rows.manufacturers.values()
                         if f.period.by_end(m.created_at)))  # fmt: skip
    if not world.post.companies_recorded:
        return NOT_YET
    return count(sum(
        1 for m in world.rows.manufacturers.values()
        if f.period.by_end(m.created_at)
        and (f.industry is None or world.post.company_industry.get(m.id) == f.industry)
        and (f.district is None or world.post.company_district.get(m.id) == f.district)
    ))  # fmt: skip


def awards_in(world: World, f: Filters) -> list[records.BidRec]:
    """Awards decided in the period on needs of the industry, to studios of the district."""
    needs = {n for n in world.rows.needs if world.need_in(n, Filters(f.period, f.industry))}
    return [
        b for b in world.rows.awards
        if b.need_id in needs and f.period.contains(b.decided_at)
        and world.in_district(b.studio_id, f.district)
    ]  # fmt: skip


def engagements_in(world: World, f: Filters) -> list[outcomes.EngagementRec] | None:
    """Engagements completed in the period (industry of the need, district of the studio)."""
    if not world.post.engagements_recorded:
        return None
    return [
        e for e in world.post.engagements
        if e.status == "completed" and f.period.contains(e.completed_at)
        and world.engagement_in(e, f)
    ]  # fmt: skip


def compute(world: World, f: Filters, *, suppress: bool = True) -> dict[str, Value]:
    """Every headline figure for the filters (small cells suppressed unless `suppress` is off)."""
    k = settings.threshold() if suppress else 0
    needs = _needs_matching(world, f)
    awards = awards_in(world, f)
    done = engagements_in(world, f)
    out = {
        "centres_national": _centres(world, f, "national"),
        "centres_municipal": _centres(world, f, "municipal"),
        "centres_district": _centres(world, f, "district"),
        "studios_registered": _studios(world, f, lambda s: True),
        "studios_verified": _studios(
            world, f, lambda s: s.verified_level is not None and f.period.by_end(s.verified_at)
        ),
        "manufacturers": _manufacturers(world, f),
    }
    if needs is None:
        out["needs_published"] = out["bids"] = NOT_YET
    else:
        chosen = set(needs)
        out["needs_published"] = count(sum(
            1 for n in chosen if f.period.contains(world.rows.needs[n].published_at)))  # fmt: skip
        out["bids"] = count(sum(
            1 for b in world.rows.bids if b.need_id in chosen and f.period.contains(b.created_at)
        ))  # fmt: skip
    out["needs_awarded"] = count(len({b.need_id for b in awards}))
    out["awarded_value"] = guarded(sum(b.price for b in awards), len(awards), k)
    if done is None:
        out["engagements_completed"] = NOT_YET
    else:
        out["engagements_completed"] = count(len(done))
    if done is None or not world.post.outcomes_recorded:
        out["contracted_value"] = out["products_launched"] = NOT_YET
    else:
        valued = [e for e in done if e.contract_value is not None]
        out["contracted_value"] = guarded(sum(e.contract_value for e in valued), len(valued), k)
        launched = [e for e in world.post.engagements
                    if e.launched_at is not None and f.period.contains(e.launched_at)
                    and world.engagement_in(e, f)]  # fmt: skip
        out["products_launched"] = guarded(len(launched), len(launched), k)
    return out
