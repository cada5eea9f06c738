"""The one paginated type every list read returns, for pages and /api/v1 alike."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from marketplace.extensions import db


@dataclass
class ListPage:
    """One page of rows and the numbers around it (what the pagination macro and the API read)."""

    items: list[Any]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages there are (0 when nothing matches)."""
        return math.ceil(self.total / self.per_page) if self.total else 0

    @property
    def has_prev(self) -> bool:
        """True when there is a page before this one."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """True when there is a page after this one."""
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        """The previous page's number, if any."""
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        """The next page's number, if any."""
        return self.page + 1 if self.has_next else None

    def __iter__(self):
        return iter(self.items)


def _clamped(page: int, per_page: int) -> tuple[int, int]:
    return max(int(page or 1), 1), max(int(per_page or 1), 1)


def page_of_query(query: Select, page: int, per_page: int) -> ListPage:
    """One page of a stably ordered query, with the count of every row it matches."""
    page, per_page = _clamped(page, per_page)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).unique().all()
    return ListPage(list(rows), page, per_page, total or 0)


def page_of_list(rows: list[Any], page: int, per_page: int) -> ListPage:
    """One page of a list already computed in memory (its whole length is the total)."""
    page, per_page = _clamped(page, per_page)
    start = (page - 1) * per_page
    return ListPage(list(rows[start : start + per_page]), page, per_page, len(rows))
