"""Staff drill-down: the public figures unsuppressed, process figures, scenarios and needs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from marketplace.services.audit.export import to_csv
from marketplace.services.city import settings
from marketplace.services.city.city_figures import World, awards_in, compute
from marketplace.services.city.periods import Filters
from marketplace.services.city.values import NOT_YET, Value, mean

DAY = 86400.0


@dataclass
class NeedRow:
    """One need published in the period, with its bids and award."""

    id: int
    ref: str
    title: str
    industry: str | None
    scenario: str | None
    status: str
    published_at: datetime
    days_to_publish: float | None
    bids: int
    awarded_at: datetime | None
    days_to_award: float | None
    awarded_price: int | None
    studio_district: str | None


@dataclass
class ScenarioRow:
    """Needs, bids and awards of one scenario in the period."""

    code: str
    needs: int
    bids: int
    awarded: int


def _days(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / DAY, 1)


def needs(world: World, f: Filters) -> list[NeedRow] | None:
    """Needs published in the period matching the filters, newest first; None when the district
    filter needs company districts that are not recorded yet."""
    awards = {b.need_id: b for b in world.rows.awards}
    bid_counts = Counter(b.need_id for b in world.rows.bids)
    out = []
    for n in world.rows.needs.values():
        match = world.need_in(n.id, f)
        if match is None:
            return None
        if not match or not f.period.contains(n.published_at):
            continue
        award = awards.get(n.id)
        studio = world.rows.studios.get(award.studio_id) if award else None
        out.append(NeedRow(
            n.id, n.ref, n.title, n.industry, n.scenario, n.status, n.published_at,
            _days(n.submitted_at, n.published_at), bid_counts[n.id],
            award.decided_at if award else None,
            _days(n.published_at, award.decided_at) if award else None,
            award.price if award else None, studio.district if studio else None,
        ))  # fmt: skip
    return sorted(out, key=lambda r: (r.published_at, r.id), reverse=True)


def scenarios(rows: list[NeedRow]) -> list[ScenarioRow]:
    """Per scenario of the listed needs: needs, bids, awards (needs without one as '')."""
    table: dict[str, ScenarioRow] = {}
    for r in rows:
        row = table.setdefault(r.scenario or "", ScenarioRow(r.scenario or "", 0, 0, 0))
        row.needs += 1
        row.bids += r.bids
        row.awarded += r.awarded_at is not None
    return sorted(table.values(), key=lambda s: (s.code == "", s.code))


def process(world: World, f: Filters, rows: list[NeedRow] | None) -> dict[str, Value]:
    """Days to publish and award, bids per need, completion, ratings, award shares."""
    awards = awards_in(world, f)
    published = [r for r in rows or [] if r.days_to_publish is not None]
    out = {
        "days_to_publish": mean([r.days_to_publish for r in published])
        if rows is not None
        else NOT_YET,
        "bids_per_need": Value(round(sum(r.bids for r in rows) / len(rows), 2))
        if rows
        else NOT_YET,
        "days_to_award": mean(
            [
                d
                for b in awards
                if (d := _days(world.rows.needs[b.need_id].published_at, b.decided_at)) is not None
            ]
        ),
        "newcomer_share": _share(awards, lambda b: _is_first(world, b)),
        "outside_centre_share": _share(awards, lambda b: _outside(world, b.studio_id)),
    }
    out.update(_engagement_figures(world, f))
    return out


def _engagement_figures(world: World, f: Filters) -> dict[str, Value]:
    if not world.post.engagements_recorded:
        return {"completion_rate": NOT_YET, "rating_average": NOT_YET}
    mine = [e for e in world.post.engagements if world.engagement_in(e, f)]
    ended = [
        e
        for e in mine
        if e.status in ("completed", "cancelled") and f.period.contains(e.completed_at)
    ]
    ids = {e.id for e in mine}
    done = [e for e in ended if e.status == "completed"]
    return {
        "completion_rate": Value(round(len(done) / len(ended), 3)) if ended else NOT_YET,
        "rating_average": mean([r.score for r in world.post.ratings
                                if r.engagement_id in ids and f.period.contains(r.rated_at)]),
    }  # fmt: skip


def _share(items: list, test) -> Value:
    return Value(round(sum(1 for i in items if test(i)) / len(items), 3)) if items else NOT_YET


def _is_first(world: World, award) -> bool:
    return not any(
        b.studio_id == award.studio_id and (b.decided_at, b.id) < (award.decided_at, award.id)
        for b in world.rows.awards
    )


def _outside(world: World, studio_id: int) -> bool:
    studio = world.rows.studios.get(studio_id)
    return bool(studio and studio.district and studio.district not in settings.central_districts())


def figures(world: World, f: Filters) -> dict[str, Value]:
    """The public headline figures without suppression (staff see every cell)."""
    return compute(world, f, suppress=False)


CSV_HEADER = ("ref", "title", "industry", "scenario", "status", "published_at_utc",
              "days_to_publish", "bids", "awarded_at_utc", "days_to_award", "awarded_price_cny",
              "winning_studio_district")  # fmt: skip


def needs_csv(rows: list[NeedRow], summary: dict[str, Value]) -> str:
    """The needs of the drill-down as CSV, after a block of the summary figures."""
    lines: list[tuple] = [("figure", "value", "status")]
    lines += [(k, "" if v.value is None else v.value, v.status) for k, v in summary.items()]
    lines.append(())
    lines.append(CSV_HEADER)
    for r in rows:
        lines.append((r.ref, r.title, r.industry or "", r.scenario or "", r.status,
                      r.published_at.isoformat(timespec="seconds"), _blank(r.days_to_publish),
                      r.bids, r.awarded_at.isoformat(timespec="seconds") if r.awarded_at else "",
                      _blank(r.days_to_award), _blank(r.awarded_price),
                      r.studio_district or ""))  # fmt: skip
    return to_csv(lines[0], lines[1:])


def _blank(value) -> object:
    return "" if value is None else value
