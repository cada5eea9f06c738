"""Where the catalogue lacks capable studios: fit levels, interest, bids, approvals per scenario."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup, escape
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.models import (
    Bid,
    BidStatus,
    Discipline,
    Industry,
    MatchRow,
    Need,
    Scenario,
    Studio,
    StudioInterest,
)
from marketplace.models.match_review import APPROVED
from marketplace.models.matching import SCENARIO_TO_STUDIO, split_key
from marketplace.models.studio import studio_disciplines, studio_industries
from marketplace.policies.studios_policy import public_studio_clause
from marketplace.services.audit.export import to_csv
from marketplace.services.reviews.proposals import latest_decisions

MIN_CAPABLE = 3  # fewer studios at "good" or better flags a scenario
LEVELS = ("strong", "good", "possible")


@dataclass
class Row:
    """Coverage of one scenario, or summed over an industry's scenarios."""

    code: str
    title: str
    industry_code: str
    scenarios: int = 1
    fits: Counter = field(default_factory=Counter)
    interest: int = 0
    bids: int = 0
    approved: int = 0
    flagged: int = 0

    @property
    def capable(self) -> int:
        """Studios at "good" fit or better."""
        return self.fits["strong"] + self.fits["good"]


def _reader(english: str, chinese: str | None) -> str:
    """The name in the reader's language (Chinese when there is one and the reader reads it)."""
    from flask_babel import get_locale

    return chinese if chinese and get_locale().language == "zh" else english


def public_studio_ids() -> set[int]:
    """Studios the public sees (listed, described, not suspended)."""
    return set(db.session.scalars(select(Studio.id).where(public_studio_clause())))


def bid_counts_by_scenario() -> dict[str, int]:
    """Bids per scenario code: every bid not withdrawn on a need linked to the scenario."""
    return dict(db.session.execute(
        select(Scenario.code, func.count(Bid.id))
        .join(Need, Need.scenario_id == Scenario.id)
        .join(Bid, Bid.need_id == Need.id)
        .where(Bid.status != BidStatus.WITHDRAWN)
        .group_by(Scenario.code)
    ).all())  # fmt: skip


def scenario_rows() -> list[Row]:
    """One coverage row per scenario, in catalogue order; flagged when too few studios fit."""
    public = public_studio_ids()
    fits: dict[str, Counter] = defaultdict(Counter)
    for source, target, fit in db.session.execute(
        select(MatchRow.source_key, MatchRow.target_key, MatchRow.fit).where(
            MatchRow.direction == SCENARIO_TO_STUDIO, MatchRow.retired_at.is_(None)
        )
    ):
        studio = split_key(target)[1]
        if fit in LEVELS and studio.isdigit() and int(studio) in public:
            fits[split_key(source)[1]][fit] += 1
    interest = dict(db.session.execute(
        select(Scenario.code, func.count(StudioInterest.id))
        .join(StudioInterest, StudioInterest.scenario_id == Scenario.id)
        .where(StudioInterest.studio_id.in_(public) if public else False)
        .group_by(Scenario.code)
    ).all())  # fmt: skip
    approved: Counter = Counter()
    for (direction, source, _target), d in latest_decisions().items():
        if direction == SCENARIO_TO_STUDIO and d.decision == APPROVED:
            approved[split_key(source)[1]] += 1
    bids = bid_counts_by_scenario()
    rows = []
    for s in db.session.scalars(select(Scenario).order_by(Scenario.code)):
        row = Row(s.code, _reader(s.title, s.title_zh), s.industry_code, fits=fits[s.code],
                  interest=interest.get(s.code, 0), bids=bids.get(s.code, 0),
                  approved=approved[s.code])  # fmt: skip
        row.flagged = int(row.capable < MIN_CAPABLE)
        rows.append(row)
    return rows


def industry_rows(scenarios: list[Row]) -> list[Row]:
    """Scenario rows summed per industry, in catalogue order."""
    out = []
    for ind in db.session.scalars(select(Industry).order_by(Industry.position)):
        mine = [r for r in scenarios if r.industry_code == ind.code]
        total = Row(ind.code, _reader(ind.name, ind.name_zh), ind.code, scenarios=len(mine))
        for r in mine:
            total.fits.update(r.fits)
            total.interest += r.interest
            total.bids += r.bids
            total.approved += r.approved
            total.flagged += r.flagged
        out.append(total)
    return out


def heatmap() -> tuple[list[Industry], list[Discipline], dict[tuple[str, str], int]]:
    """Public studios per (industry, discipline) pair they both ticked."""
    public = public_studio_ids()
    pairs = db.session.execute(
        select(studio_industries.c.industry_code, studio_disciplines.c.discipline_code).join(
            studio_disciplines, studio_disciplines.c.studio_id == studio_industries.c.studio_id
        ).where(studio_industries.c.studio_id.in_(public) if public else False)
    ).all()  # fmt: skip
    counts = Counter((i, d) for i, d in pairs)
    industries = list(db.session.scalars(select(Industry).order_by(Industry.position)))
    disciplines = list(db.session.scalars(select(Discipline).order_by(Discipline.position)))
    return industries, disciplines, dict(counts)


def heatmap_svg(industries, disciplines, counts, title: str) -> Markup:
    """The heat map as an inline SVG (no script, no style attribute: the CSP stays strict),
    industries and disciplines named in the reader's language."""
    full_rows = [_reader(i.name, i.name_zh) for i in industries]
    full_cols = [_reader(d.name, d.name_zh) for d in disciplines]
    rows, cols = [_short(t) for t in full_rows], [_short(t) for t in full_cols]
    cell = 34
    widest = max((_width(t) for t in rows), default=0)
    tallest = max((_width(t) for t in cols), default=0)
    left, top = 16 + widest, 16 + int(tallest * 0.87)
    peak = max(counts.values(), default=0) or 1
    width = left + cell * len(disciplines) + 10 + int(tallest * 0.5)
    height = top + cell * len(industries) + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
           f"<title>{escape(title)}</title>"]  # fmt: skip
    for j, name in enumerate(cols):
        x = left + j * cell + cell // 2
        out.append(f'<text x="{x}" y="{top - 6}" font-size="11" text-anchor="start" '
                   f'transform="rotate(-60 {x} {top - 6})"><title>{escape(full_cols[j])}</title>'
                   f"{escape(name)}</text>")  # fmt: skip
    for i, ind in enumerate(industries):
        y = top + i * cell
        out.append(f'<text x="{left - 6}" y="{y + cell // 2 + 4}" font-size="11" '
                   f'text-anchor="end">{escape(rows[i])}</text>')  # fmt: skip
        for j, d in enumerate(disciplines):
            n = counts.get((ind.code, d.code), 0)
            shade = 0.08 + 0.92 * n / peak if n else 0.0
            fill = "#eef1f4" if not n else f"rgba(13,94,175,{shade:.2f})"
            ink = "#fff" if shade > 0.55 else "#1b2733"
            x = left + j * cell
            out.append(
                f'<g><title>{escape(full_rows[i])} × {escape(full_cols[j])}: {n}</title>'
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{fill}"/>'
                f'<text x="{x + cell // 2 - 1}" y="{y + cell // 2 + 4}" font-size="11" '
                f'text-anchor="middle" fill="{ink}">{n if n else ""}</text></g>'
            )
    out.append("</svg>")
    # Every interpolated text above passes through escape(); the rest are numbers we computed.
    return Markup("".join(out))  # nosec B704


def _short(text: str, limit: int = 200) -> str:
    """A label cut to about `limit` pixels wide, with an ellipsis (the full name is its title)."""
    out, used = "", 0
    for ch in text:
        used += 11 if ord(ch) > 0x2E80 else 6
        if used > limit:
            return out.rstrip(" (（") + "…"
        out += ch
    return out


def _width(text: str) -> int:
    """Rough width in pixels of a label at 11px (CJK characters are about twice as wide)."""
    return sum(11 if ord(ch) > 0x2E80 else 6 for ch in text)


CSV_HEADER = ("level", "code", "title", "industry", "scenarios", "strong", "good", "possible",
              "interest", "bids", "approved", "flagged")  # fmt: skip


def coverage_csv(scenarios: list[Row], industries: list[Row]) -> str:
    """Industry and scenario rows as CSV."""
    def line(level: str, r: Row):
        fits = [r.fits[level_] for level_ in LEVELS]
        return (level, r.code, r.title, r.industry_code, r.scenarios, *fits, r.interest, r.bids,
                r.approved, r.flagged)  # fmt: skip

    return to_csv(CSV_HEADER, [*(line("industry", r) for r in industries),
                               *(line("scenario", r) for r in scenarios)])  # fmt: skip
