"""Run a SearchQuery on an open Whoosh searcher: ranking, filters, facets, snippets, suggestion."""

from __future__ import annotations

import heapq
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from whoosh import query
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Searcher

from search_index.cleaning import (
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    OPERATORS,
    CleanedQuery,
    clean_query,
)
from search_index.expansion import Glossary, expand
from search_index.facets import FacetSelection, FacetSets, facet_counts, narrow
from search_index.hybrid import VectorInput, rrf
from search_index.parsing import make_plain_parser, parse_plain, parse_text
from search_index.results import Hit, SearchQuery, SearchResults
from search_index.snippets import QueryTerms, query_terms, snippet_for

logger = logging.getLogger(__name__)

RELAX_MAX_WORDS = 6  # "any of the words" uses at most this many (the rarest)
MAX_RESPELLED = 3  # "did you mean" looks at the first few unknown words only
_SPELL_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
NOTICE_TRUNCATED = f"Your search was shortened to its first {MAX_QUERY_CHARS} characters."
NOTICE_TERMS = f"Your search was shortened to its first {MAX_QUERY_TERMS} words."
NOTICE_NOTHING = "Your search had no words we could look for (very common words are ignored)."
NOTICE_FALLBACK = "Search syntax was ignored; your words were searched as plain text."
NOTICE_RELAXED = "No result has all of your words; showing results with any of them."
NOTICE_RELAXED_MEANING = (
    "No result has all of your words; showing results with some of them and results close in "
    "meaning."
)
NOTICE_MEANING_ONLY = "No result has your words; showing results close in meaning."


@dataclass(frozen=True)
class _Matches:
    q: query.Query
    matched: frozenset[int]  # every document matching the text
    allowed: frozenset[int]  # ... and passing the facet filters
    exact: frozenset[int] | None = None  # of those, the ones the unexpanded text matches
    scores: dict[int, float] | None = None  # BM25F score per matched document (None: browse)


def _selection(request: SearchQuery) -> FacetSelection:
    return {
        "kind": tuple(request.kinds),
        "industry": tuple(request.industries),
        "discipline": tuple(request.disciplines),
    }


def _score_all(searcher: Searcher, q: query.Query) -> dict[int, float]:
    """{document number: BM25F score} of every match (what Whoosh's UnlimitedCollector does,
    without its per-document bookkeeping)."""
    context = searcher.context()
    scores: dict[int, float] = {}
    for sub, offset in searcher.leaf_searchers():
        matcher = q.matcher(sub, context)
        while matcher.is_active():
            scores[matcher.id() + offset] = matcher.score()
            matcher.next()
    return scores


def _match(
    searcher: Searcher,
    sets: FacetSets,
    q: query.Query,
    sel: FacetSelection,
    exact: query.Query | None = None,
) -> _Matches:
    scores = None
    if isinstance(q, query.Every):
        matched = sets.all_docs()
    else:
        # One pass finds and scores every match: facets need them all, and the page's top hits
        # are then picked from these scores instead of matching the query a second time.
        scores = _score_all(searcher, q)
        matched = frozenset(scores)
    allowed = narrow(sets, matched, sel)
    exact_docs = None
    if exact is not None and allowed:
        exact_docs = allowed & frozenset(searcher.docs_for_query(exact))
    return _Matches(q, matched, allowed, exact_docs, scores)


def _is_plain(cleaned: CleanedQuery) -> bool:
    return not any(tok in OPERATORS or tok in ("(", ")") for tok in cleaned.text.split())


def _parse(
    searcher: Searcher, cleaned: CleanedQuery, glossary: Glossary | None, match_all_words: bool
) -> tuple[query.Query, bool, query.Query | None]:
    """Parse the text; plain words (no syntax) are widened across languages by the glossary.

    Returns (query, fell_back, the unexpanded query when the glossary widened it).
    """
    if (
        glossary is not None
        and len(glossary)
        and _is_plain(cleaned)
        and not any(ch in cleaned.text for ch in '"*')
    ):
        try:
            expanded = expand(
                searcher.schema, cleaned.text, glossary, match_all_words, reader=searcher.reader()
            )
        except Exception:
            logger.warning("query expansion failed: %r", cleaned.text, exc_info=True)
            expanded = None
        if expanded is not None:
            exact, _ = parse_text(searcher.schema, cleaned, match_all_words)
            return expanded, False, exact
    q, fell_back = parse_text(searcher.schema, cleaned, match_all_words)
    return q, fell_back, None


def _to_hit(stored: dict, score: float, terms: QueryTerms | None, language: str = "") -> Hit:
    return Hit(
        kind=stored["kind"],
        id=stored["doc_id"],
        title=stored.get("title", ""),
        title_zh=stored.get("title_zh", ""),
        district=stored.get("district", ""),
        industries=tuple(stored.get("industries", "").split()),
        disciplines=tuple(stored.get("disciplines", "").split()),
        snippet=snippet_for(stored, terms, language),
        score=score,
    )


def _sorted(searcher: Searcher, m: _Matches, limit: int) -> list[WhooshHit]:
    """Browsing: the first `limit` allowed documents by kind, then title."""
    results = searcher.search(
        m.q,
        filter=None if m.allowed == m.matched else set(m.allowed),
        limit=limit,
        sortedby=["kind", "sort_title"],
    )
    return list(results[:limit])


def _page_hits(
    searcher: Searcher, m: _Matches, request: SearchQuery, page: int, browse: bool
) -> list[Hit]:
    """The page's hits, highest score first (documents that match the typed words before those
    found only through a translation); only these are read and highlighted."""
    if not m.allowed:
        return []
    start = (page - 1) * request.per_page
    end = start + request.per_page
    if browse or m.scores is None:
        return [
            _to_hit(h.fields(), 0.0, None, request.language)
            for h in _sorted(searcher, m, end)[start:end]
        ]
    scores, exact = m.scores, m.exact
    if exact is None:
        top = heapq.nsmallest(end, m.allowed, key=lambda d: (-scores[d], d))
    else:
        top = heapq.nsmallest(end, m.allowed, key=lambda d: (d not in exact, -scores[d], d))
    terms = query_terms(m.q)
    return [
        _to_hit(searcher.stored_fields(d), scores[d], terms, request.language)
        for d in top[start:end]
    ]


def run_search(
    searcher: Searcher,
    request: SearchQuery,
    sets: FacetSets,
    glossary: Glossary | None = None,
    vectors: VectorInput | None = None,
) -> SearchResults:
    """Answer one search request (remembered per index generation); hostile text never raises.

    With `vectors` (the query's nearest documents by embedding), the BM25F ranking and the
    vector ranking are fused by reciprocal rank, and vector neighbours that share no word with
    the query are results too (their facets count).
    """
    return sets.memo(
        ("results", request, vectors), lambda: _run(searcher, request, sets, glossary, vectors)
    )


def _bm25_order(m: _Matches) -> list[int]:
    """The matched documents in BM25F order (typed words before translations), best first."""
    if m.scores is None:
        return []
    scores, exact = m.scores, m.exact
    if exact is None:
        return sorted(m.matched, key=lambda d: (-scores[d], d))
    return sorted(m.matched, key=lambda d: (d not in exact, -scores[d], d))


def _fuse(
    searcher: Searcher, sets: FacetSets, m: _Matches, sel: FacetSelection, vectors: VectorInput
) -> _Matches:
    """BM25F and vector rankings fused by RRF; vector neighbours join the matched set."""
    vector_docs = [d for d in (sets.docnum(key) for key, _ in vectors.hits) if d is not None]
    if not vector_docs:
        return m
    fused = rrf(
        [_bm25_order(m), vector_docs], [vectors.bm25_weight, vectors.vector_weight], vectors.k
    )
    matched = m.matched | frozenset(vector_docs)
    scores = {int(d): s for d, s in fused.items()}  # type: ignore[call-overload]
    return _Matches(m.q, matched, narrow(sets, matched, sel), None, scores)


def _run(
    searcher: Searcher,
    request: SearchQuery,
    sets: FacetSets,
    glossary: Glossary | None,
    vectors: VectorInput | None = None,
) -> SearchResults:
    cleaned = clean_query(request.text)
    notices = []
    if cleaned.truncated:
        notices.append(NOTICE_TERMS if cleaned.capped_terms else NOTICE_TRUNCATED)
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
    exact: query.Query | None = None
    if not browse:
        q, fell_back, exact = _parse(searcher, cleaned, glossary, True)
        if fell_back:
            notices.append(NOTICE_FALLBACK)
        if q is query.NullQuery:
            notices.append(NOTICE_NOTHING)
            return empty
    try:
        m = _match(searcher, sets, q, sel, exact)
    except Exception:  # a query the parser accepted but the matcher did not
        logger.warning("search failed, retrying as plain words: %r", cleaned.text, exc_info=True)
        m = _match(searcher, sets, parse_plain(searcher.schema, cleaned), sel)
        notices.append(NOTICE_FALLBACK)
    suggestion = None
    relaxed = False
    if not browse and not m.allowed:
        suggestion = suggest_text(searcher, cleaned.text)
        if _is_plain(cleaned) and len(cleaned.text.split()) > 1:
            loose_text = replace(cleaned, text=rarest_words(searcher, cleaned.text))
            loose, _, loose_exact = _parse(searcher, loose_text, glossary, False)
            loose_m = _match(searcher, sets, loose, sel, loose_exact)
            if loose_m.allowed:
                m, relaxed = loose_m, True
                notices.append(NOTICE_RELAXED)
    if vectors is not None and not browse:
        worded = m.allowed
        m = _fuse(searcher, sets, m, sel, vectors)
        if m.allowed - worded:  # vector neighbours without the words are on the list
            notices[:] = [_meaning_notice(n, bool(worded)) for n in notices]
            if not worded:
                notices.append(NOTICE_MEANING_ONLY)
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


def _meaning_notice(notice: str, worded: bool) -> str:
    """The relaxed notice, corrected once results close in meaning join those with the words."""
    if notice != NOTICE_RELAXED:
        return notice
    return NOTICE_RELAXED_MEANING if worded else NOTICE_MEANING_ONLY


def rarest_words(searcher: Searcher, text: str, keep: int = RELAX_MAX_WORDS) -> str:
    """The `keep` words of a plain query that the fewest documents contain, in typed order.

    "Any of these words" over a long query matches most of the index and costs a score for
    each; the rare words decide the ranking anyway (BM25's idf), so only they are relaxed.
    """
    words = text.split()
    if len(words) <= keep:
        return text
    reader = searcher.reader()
    parser = make_plain_parser(searcher.schema)

    def frequency(word: str) -> int:
        try:
            terms = parser.parse(word).iter_all_terms()
            return sum(reader.doc_frequency(field, term) for field, term in terms)
        except Exception:
            return 0

    ranked = sorted(range(len(words)), key=lambda i: (frequency(words[i]), i))
    kept = sorted(ranked[:keep])
    return " ".join(words[i] for i in kept)


def spell_words(text: str) -> list[str]:
    """The English words of a cleaned query that "did you mean" may respell."""
    return [m.group(0) for m in _SPELL_WORD.finditer(text)]


def respell(
    text: str, known: Callable[[str], bool], best: Callable[[str], str | None]
) -> str | None:
    """`text` with its first few unknown English words replaced by `best(word)`, or None when
    nothing changed (shared by the Whoosh and PostgreSQL backends)."""
    changed = False
    tries = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal changed, tries
        word = match.group(0)
        lower = word.lower()
        if word in OPERATORS or len(lower) < 3 or known(lower):
            return word
        tries += 1
        if tries > MAX_RESPELLED:  # each respelling costs a vocabulary scan or a query
            return word
        option = best(lower)
        if option is None or option == lower:
            return word
        changed = True
        return option

    fixed = _SPELL_WORD.sub(fix, text)
    return fixed if changed else None


def suggest_text(searcher: Searcher, text: str) -> str | None:
    """A respelling of the English words that do not occur in the index, if it finds anything."""
    reader = searcher.reader()
    corrector = searcher.corrector("spell")

    def best(word: str) -> str | None:
        options = corrector.suggest(word, limit=1, maxdist=2)
        return options[0] if options else None

    fixed = respell(clean_query(text).text, lambda w: reader.frequency("spell", w) > 0, best)
    if fixed is None:
        return None
    q, _ = parse_text(searcher.schema, clean_query(fixed))
    if q is query.NullQuery or next(iter(searcher.docs_for_query(q)), None) is None:
        return None
    return fixed
