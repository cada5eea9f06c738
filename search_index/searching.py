"""Run a SearchQuery on an open Whoosh searcher: ranking, filters, facets, snippets, suggestion."""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, replace

from whoosh import query
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Searcher

from search_index.cleaning import MAX_QUERY_CHARS, OPERATORS, CleanedQuery, clean_query
from search_index.facets import FacetSelection, FacetSets, facet_counts, narrow
from search_index.parsing import parse_plain, parse_text
from search_index.results import Hit, SearchQuery, SearchResults
from search_index.snippets import configure, snippet_for

logger = logging.getLogger(__name__)

_SPELL_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
NOTICE_TRUNCATED = f"Your search was shortened to its first {MAX_QUERY_CHARS} characters."
NOTICE_NOTHING = "Your search had no words we could look for (very common words are ignored)."
NOTICE_FALLBACK = "Search syntax was ignored; your words were searched as plain text."
NOTICE_RELAXED = "No result has all of your words; showing results with any of them."


@dataclass(frozen=True)
class _Matches:
    q: query.Query
    matched: frozenset[int]  # every document matching the text
    allowed: frozenset[int]  # ... and passing the facet filters


def _selection(request: SearchQuery) -> FacetSelection:
    return {
        "kind": tuple(request.kinds),
        "industry": tuple(request.industries),
        "discipline": tuple(request.disciplines),
    }


def _match(searcher: Searcher, sets: FacetSets, q: query.Query, sel: FacetSelection) -> _Matches:
    if isinstance(q, query.Every):
        matched = sets.all_docs()
    else:
        matched = frozenset(searcher.docs_for_query(q))
    return _Matches(q, matched, narrow(sets, matched, sel))


def _is_plain(cleaned: CleanedQuery) -> bool:
    return not any(tok in OPERATORS or tok in ("(", ")") for tok in cleaned.text.split())


def _to_hit(h: WhooshHit, browse: bool) -> Hit:
    return Hit(
        kind=h["kind"],
        id=h["doc_id"],
        title=h.get("title", ""),
        title_zh=h.get("title_zh", ""),
        district=h.get("district", ""),
        industries=tuple(h.get("industries", "").split()),
        disciplines=tuple(h.get("disciplines", "").split()),
        snippet=snippet_for(h, highlight_terms=not browse),
        score=0.0 if browse else float(h.score or 0.0),
    )


def _page_hits(
    searcher: Searcher, m: _Matches, request: SearchQuery, page: int, browse: bool
) -> list[Hit]:
    """Score (or sort) only as many documents as the page needs, restricted to `allowed`."""
    if not m.allowed:
        return []
    start = (page - 1) * request.per_page
    results = searcher.search(
        m.q,
        filter=None if m.allowed == m.matched else set(m.allowed),
        limit=start + request.per_page,
        sortedby=["kind", "sort_title"] if browse else None,
    )
    configure(results)
    return [_to_hit(h, browse) for h in results[start : start + request.per_page]]


def run_search(searcher: Searcher, request: SearchQuery, sets: FacetSets) -> SearchResults:
    """Answer one search request from an open searcher; hostile text never raises."""
    cleaned = clean_query(request.text)
    notices = [NOTICE_TRUNCATED] if cleaned.truncated else []
    empty = SearchResults(
        query=cleaned.text,
        total=0,
        page=1,
        pages=0,
        per_page=request.per_page,
        notices=notices,
        truncated=cleaned.truncated,
        cleaned=cleaned.changed,
    )
    browse = not cleaned.text
    if browse and request.text and request.text.strip():
        notices.append(NOTICE_NOTHING)  # there was input, but nothing searchable in it
        return empty
    sel = _selection(request)
    q: query.Query = query.Every()
    if not browse:
        q, fell_back = parse_text(searcher.schema, cleaned)
        if fell_back:
            notices.append(NOTICE_FALLBACK)
        if q is query.NullQuery:
            notices.append(NOTICE_NOTHING)
            return empty
    try:
        m = _match(searcher, sets, q, sel)
    except Exception:  # a query the parser accepted but the matcher did not
        logger.warning("search failed, retrying as plain words: %r", cleaned.text, exc_info=True)
        m = _match(searcher, sets, parse_plain(searcher.schema, cleaned), sel)
        notices.append(NOTICE_FALLBACK)
    suggestion = None
    relaxed = False
    if not browse and not m.allowed:
        suggestion = suggest_text(searcher, cleaned.text)
        if _is_plain(cleaned) and len(cleaned.text.split()) > 1:
            loose, _ = parse_text(searcher.schema, cleaned, match_all_words=False)
            loose_m = _match(searcher, sets, loose, sel)
            if loose_m.allowed:
                m, relaxed = loose_m, True
                notices.append(NOTICE_RELAXED)
    total = len(m.allowed)
    pages = math.ceil(total / request.per_page)
    page = min(request.page, max(pages, 1))
    return replace(
        empty,
        total=total,
        page=page,
        pages=pages,
        hits=_page_hits(searcher, m, request, page, browse),
        facets=facet_counts(sets, m.matched, sel),
        suggestion=suggestion,
        relaxed=relaxed,
    )


def suggest_text(searcher: Searcher, text: str) -> str | None:
    """A respelling of the English words that do not occur in the index, if it finds anything."""
    reader = searcher.reader()
    corrector = searcher.corrector("spell")
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group(0)
        lower = word.lower()
        if word in OPERATORS or len(lower) < 3 or reader.frequency("spell", lower) > 0:
            return word
        options = corrector.suggest(lower, limit=1, maxdist=2)
        if not options or options[0] == lower:
            return word
        changed = True
        return options[0]

    fixed = _SPELL_WORD.sub(fix, clean_query(text).text)
    if not changed:
        return None
    q, _ = parse_text(searcher.schema, clean_query(fixed))
    if q is query.NullQuery or next(iter(searcher.docs_for_query(q)), None) is None:
        return None
    return fixed
