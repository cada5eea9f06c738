"""The optional `portfolio` of a studio import line: past projects added to a studio that has none.

Each item is an object with `title`, `year` and `description` (the same limits as the portfolio
form) and optionally `industry` (one of the studio's industry codes; the first one otherwise)
and `client_kind`. Items are only ever added, and only while the studio shows no project yet, so
re-importing a file never duplicates a project nor removes one the studio wrote itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.models import PortfolioItem, Studio
from marketplace.reference import INDUSTRY_CODES
from marketplace.services.common.jsonl import LineChecker
from marketplace.services.studios import studio_portfolio, studio_profiles

MAX_ITEMS = 12
ITEM_FIELDS = ("title", "year", "description", "industry", "client_kind")


@dataclass(frozen=True)
class PortfolioLine:
    """One validated past project of an import line."""

    title: str
    year: int
    description: str
    industry: str | None = None
    client_kind: str | None = None


def _item(check: LineChecker, n: int, value: object) -> PortfolioLine | None:
    where = f"portfolio[{n}]"
    if not isinstance(value, dict):
        check.fail(where, "must be an object with title, year and description")
        return None
    unknown = sorted(set(value) - set(ITEM_FIELDS))
    if unknown:
        check.fail(f"{where}.{unknown[0]}", f"is not a portfolio field; expected "
                                            f"{', '.join(ITEM_FIELDS)}")  # fmt: skip
    errors: list = []
    item = LineChecker(check.line, value, errors)
    title = item.text("title", min_len=studio_portfolio.TITLE_MIN,
                      max_len=studio_portfolio.TITLE_MAX)  # fmt: skip
    description = item.text("description", min_len=studio_portfolio.DESCRIPTION_MIN,
                            max_len=studio_portfolio.DESCRIPTION_MAX)  # fmt: skip
    year = item.integer("year", low=studio_profiles.FOUNDED_MIN,
                        high=studio_profiles.current_year())  # fmt: skip
    if year is None and "year" not in value:
        item.fail("year", "is required")
    industry = value.get("industry")
    if industry is not None and industry not in INDUSTRY_CODES:
        item.fail("industry", f"unknown industry code {str(industry)[:20]!r}")
    kind = value.get("client_kind")
    if kind is not None and kind not in studio_portfolio.CLIENT_KINDS:
        item.fail("client_kind", f"must be one of {', '.join(studio_portfolio.CLIENT_KINDS)}")
    for error in errors:
        check.fail(f"{where}.{error.field}", error.message)
    if errors or title is None or description is None or year is None:
        return None
    return PortfolioLine(title, year, description, industry, kind)


def parse_portfolio(check: LineChecker) -> tuple[PortfolioLine, ...]:
    """The line's past projects (empty when it gives none); problems are recorded on `check`."""
    value = check.obj.get("portfolio")
    if value is None or value == []:
        return ()
    if not isinstance(value, list):
        check.fail("portfolio", "must be a list of projects")
        return ()
    if len(value) > MAX_ITEMS:
        check.fail("portfolio", f"give at most {MAX_ITEMS} projects (got {len(value)})")
        return ()
    items = [_item(check, n, raw) for n, raw in enumerate(value, start=1)]
    return tuple(item for item in items if item is not None)


def add_portfolio(session, studio: Studio, items: tuple[PortfolioLine, ...]) -> bool:
    """Add the items to a studio that has no project yet; True if any were added."""
    if not items or studio.portfolio:
        return False
    codes = studio.industry_codes
    for item in items:
        session.add(PortfolioItem(
            studio=studio, title=item.title, year=item.year, description=item.description,
            industry_code=item.industry or (codes[0] if codes else None),
            client_kind=item.client_kind,
        ))  # fmt: skip
    return True
