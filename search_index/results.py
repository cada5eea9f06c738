"""Plain request and response values of a search (no Whoosh objects leak out)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

MAX_PER_PAGE = 100
MAX_PAGE = 1000


@dataclass(frozen=True)
class SearchQuery:
    """What the search box and the facet links ask for; filters are AND across, OR within."""

    text: str = ""
    kinds: Sequence[str] = ()
    industries: Sequence[str] = ()
    disciplines: Sequence[str] = ()
    page: int = 1
    per_page: int = 20
    language: str = ""  # "zh": snippets from the Chinese text first where a document has it

    def __post_init__(self) -> None:
        try:
            page = int(self.page)
        except (TypeError, ValueError):
            page = 1
        try:
            per_page = int(self.per_page)
        except (TypeError, ValueError):
            per_page = 20
        object.__setattr__(self, "page", min(max(page, 1), MAX_PAGE))
        object.__setattr__(self, "per_page", min(max(per_page, 1), MAX_PER_PAGE))
        object.__setattr__(self, "language", "zh" if str(self.language).startswith("zh") else "")
        for name in ("kinds", "industries", "disciplines"):
            values = getattr(self, name)
            if isinstance(values, str):
                values = [values]
            cleaned = tuple(sorted({str(v).strip() for v in values or () if str(v).strip()}))
            if name != "kinds":
                cleaned = tuple(v.upper() for v in cleaned)
            object.__setattr__(self, name, cleaned)


@dataclass(frozen=True)
class Hit:
    """One result; the app builds the URL from kind and id. `snippet` is escaped HTML + <mark>."""

    kind: str
    id: str
    title: str
    title_zh: str
    district: str
    industries: tuple[str, ...]
    disciplines: tuple[str, ...]
    snippet: str
    score: float

    @property
    def key(self) -> str:
        """The index key, "kind:id"."""
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class SearchResults:
    """A page of hits plus facet counts, a suggestion and what was done to the query."""

    query: str
    total: int
    page: int
    pages: int
    per_page: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    notices: list[str] = field(default_factory=list)
    truncated: bool = False
    cleaned: bool = False
    relaxed: bool = False

    @property
    def has_next(self) -> bool:
        """True when a later page exists."""
        return self.page < self.pages

    @property
    def has_prev(self) -> bool:
        """True when an earlier page exists."""
        return self.page > 1
