"""Run a SearchQuery on an open Whoosh searcher: ranking, filters, facets, snippets, suggestion."""

from __future__ import annotations

import logging
import math
import re
from dataclasses import replace

from whoosh import query, sorting
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Results, Searcher

from search_index.cleaning import MAX_QUERY_CHARS, OPERATORS, CleanedQuery, clean_query
from search_index.parsing import filter_query, parse_plain, parse_text
from search_index.results import Hit, SearchQuery, SearchResults
from search_index.schema import FACET_FIELDS
from search_index.snippets import configure, snippet_for

logger = logging.getLogger(__name__)

_SPELL_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
NOTICE_TRUNCATED = f"Your search was shortened to its first {MAX_QUERY_CHARS} characters."
NOTICE_NOTHING = "Your search had no words we could look for (very common words are ignored)."
NOTICE_FALLBACK = "Search syntax was ignored; your words were searched as plain text."
NOTICE_RELAXED = "No result has all of your words; showing results with any of them."


def _facet_counts(
    searcher: Searcher, q: query.Query, request: SearchQuery, results: Results | None
) -> dict[str, dict[str, int]]:
    """Per facet: counts with the text query and the *other* facets' filters applied."""
    facets: dict[str, dict[str, int]] = {}
    for name in FACET_FIELDS:
        if results is not None and not _has_filter(request, name):
            groups = results.groups(name)
        else:
            own = searcher.search(
                q,
                filter=_filters(request, skip=name),
                groupedby=_groupedby([name]),
                maptype=sorting.Count,
                scored=False,
                limit=None,
            )
            groups = own.groups(name)
        counts = {str(k): int(v) for k, v in groups.items() if k not in (None, "")}
        facets[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return facets


def _has_filter(request: SearchQuery, facet: str) -> bool:
    return bool(
        {"kind": request.kinds, "industry": request.industries, "discipline": request.disciplines}[
            facet
        ]
    )


def _filters(request: SearchQuery, skip: str | None = None) -> query.Query | None:
    return filter_query(request.kinds, request.industries, request.disciplines, skip=skip)


def _groupedby(names: list[str]) -> sorting.Facets:
    facets = sorting.Facets()
    for name in names:
        facets.add_facet(name, sorting.FieldFacet(FACET_FIELDS[name], allow_overlap=name != "kind"))
    return facets


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


def run_search(searcher: Searcher, request: SearchQuery) -> SearchResults:
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
    q: query.Query = query.Every()
    if not browse:
        q, fell_back = parse_text(searcher.schema, cleaned)
        if fell_back:
            notices.append(NOTICE_FALLBACK)
        if q is query.NullQuery:
            notices.append(NOTICE_NOTHING)
            return empty
    try:
        results = _execute(searcher, q, request, browse)
    except Exception:  # a query the parser accepted but the matcher did not
        logger.warning("search failed, retrying as plain words: %r", cleaned.text, exc_info=True)
        q = parse_plain(searcher.schema, cleaned)
        results = _execute(searcher, q, request, browse)
        notices.append(NOTICE_FALLBACK)
    suggestion = None
    relaxed = False
    if not browse and results.is_empty():
        suggestion = suggest_text(searcher, cleaned.text)
        if _is_plain(cleaned) and len(cleaned.text.split()) > 1:
            loose, _ = parse_text(searcher.schema, cleaned, match_all_words=False)
            loose_results = _execute(searcher, loose, request, browse)
            if not loose_results.is_empty():
                q, results, relaxed = loose, loose_results, True
                notices.append(NOTICE_RELAXED)
    total = len(results)
    pages = math.ceil(total / request.per_page)
    page = min(request.page, max(pages, 1))
    start = (page - 1) * request.per_page
    return replace(
        empty,
        total=total,
        page=page,
        pages=pages,
        hits=[_to_hit(h, browse) for h in results[start : start + request.per_page]],
        facets=_facet_counts(searcher, q, request, results),
        suggestion=suggestion,
        relaxed=relaxed,
    )


def _execute(searcher: Searcher, q: query.Query, request: SearchQuery, browse: bool) -> Results:
    """Every match is collected (facet counts need them all); only a page is read back."""
    unfiltered = [name for name in FACET_FIELDS if not _has_filter(request, name)]
    results = searcher.search(
        q,
        filter=_filters(request),
        limit=request.page * request.per_page,
        groupedby=_groupedby(unfiltered) if unfiltered else None,
        maptype=sorting.Count,
        sortedby=["kind", "sort_title"] if browse else None,
        optimize=False,
    )
    configure(results)
    return results


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
    if q is query.NullQuery or searcher.search(q, limit=1).is_empty():
        return None
    return fixed
