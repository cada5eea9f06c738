"""Site search on PostgreSQL full-text search: one table every web host shares, nothing per host.

The same interface as `search_index.SearchIndex` (upsert, refresh, rebuild, check, repair,
search, suggest), chosen with SEARCH_BACKEND=postgres. Chinese runs are split into words by jieba
(search mode when indexing, precise mode for queries, Traditional folded to Simplified) and every
text is analysed by PostgreSQL's `english` configuration (Snowball stemming; Chinese words pass
through unchanged). Titles weigh A, the district and the pinyin of the Chinese name B, bodies C
(pg_search_writes); `ts_rank` orders, `ts_headline` marks the snippet. The glossary widens a
query across languages as in the Whoosh index, the query's vector neighbours are fused by
reciprocal rank exactly as there (`search_index.hybrid.rrf`), and a query without results gets
Whoosh's "did you mean" from the shared vocabulary (pg_search_suggest).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable
from dataclasses import replace

from sqlalchemy import bindparam, inspect, text
from sqlalchemy.engine import Engine

from marketplace.services.search import pg_search_suggest, pg_search_writes
from marketplace.services.search.pg_search_rows import (
    KIND_ORDER,
    MatchRow,
    allowed,
    facet_counts,
    ranked,
)
from marketplace.services.search.pg_search_text import (
    CONFIG,
    HEADLINE,
    MARK_OPEN,
    plain,
    readable,
    words,
    words_query,
)
from marketplace.services.search.pg_search_writes import TABLE, TERMS, VOCABULARY
from search_index import (
    Glossary,
    IndexDiff,
    SearchDocument,
    SearchIndexError,
    SearchQuery,
    SearchResults,
    clean_query,
    diff_index,
    searching,
)
from search_index.hybrid import VectorInput
from search_index.results import Hit
from search_index.snippets import plain_excerpt

log = logging.getLogger(__name__)

Loader = Callable[[list[str]], Iterable[SearchDocument]]


class PostgresSearchIndex:
    """Full-text search in the shared database, with the interface the search service uses."""

    def __init__(self, engine: Callable[[], Engine], glossary: Iterable[tuple[str, str]] = ()):
        self._engine = engine
        self.glossary = Glossary(glossary)

    # -------------------------------------------------------------- the table

    def open_or_create(self) -> PostgresSearchIndex:
        """The table comes with the migrations: a database without it is refused, named."""
        engine = self._engine()
        if engine.dialect.name != "postgresql":
            raise SearchIndexError("SEARCH_BACKEND=postgres needs DATABASE_URL on PostgreSQL")
        tables = inspect(engine)
        for table in (TABLE, TERMS, VOCABULARY):
            if not tables.has_table(table):
                raise SearchIndexError(
                    f"table {table} is missing: run `flask --app wsgi db upgrade`"
                )
        return self

    def schema_is_current(self) -> bool:
        """The table exists (an older document format shows as stale in `check`)."""
        self.open_or_create()
        return True

    @staticmethod
    def warm_up(cache_dir: str | None = None) -> float:
        """Load jieba's dictionary now rather than on the first query."""
        from search_index import warm_up

        return warm_up(cache_dir)

    def doc_count(self) -> int:
        """How many documents the table holds."""
        with self._engine().connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {TABLE}")).scalar_one())

    def generation(self) -> tuple:
        """How many documents and a sum over their content hashes: every write that changes
        what a search shows moves it, whichever order concurrent writers commit in (for page
        caches; a newest-`updated_at` would miss a slower writer that began first)."""
        with self._engine().connect() as conn:
            found = conn.execute(
                text(f"SELECT count(*), sum(hashtext(key || content_hash)) FROM {TABLE}")
            ).one()
        return (int(found[0]), int(found[1] or 0))

    def close(self) -> None:
        """Nothing is held open between calls."""

    def clear_caches(self) -> None:
        """Nothing is cached per process."""

    # -------------------------------------------------------------- writing

    def upsert(self, docs: Iterable[SearchDocument]) -> int:
        """Add or replace documents (by key) in one transaction."""
        with self._engine().begin() as conn:
            return pg_search_writes.upsert(conn, list(docs))

    def delete(self, keys: Iterable[str]) -> int:
        """Delete documents by key."""
        keys = sorted(set(keys))
        if not keys:
            return 0
        with self._engine().begin() as conn:
            return pg_search_writes.delete(conn, keys)

    def refresh(self, keys: Iterable[str], load: Loader) -> tuple[int, int]:
        """Re-read these keys: rows that still exist are written, the rest deleted (one commit)."""
        keys = sorted(set(keys))
        docs = list(load(keys))
        gone = sorted(set(keys) - {d.key for d in docs})
        with self._engine().begin() as conn:
            written = pg_search_writes.upsert(conn, docs)
            deleted = pg_search_writes.delete(conn, gone)
        return written, deleted

    def try_refresh(self, keys: Iterable[str], load: Loader) -> bool:
        """Like refresh, but a failure is logged and reported as False (the outbox retries)."""
        try:
            self.refresh(keys, load)
        except Exception:  # the caller logs which keys and leaves them to the outbox's retry
            log.exception("PostgreSQL search entries could not be written")
            return False
        return True

    def rebuild(
        self, docs: Iterable[SearchDocument], progress: Callable[[int], object] | None = None
    ) -> int:
        """Replace every document in one transaction (readers see the old set until commit)."""
        count = 0
        with self._engine().begin() as conn:
            pg_search_writes.delete_all(conn)
            for batch in pg_search_writes.batches(docs):
                count += pg_search_writes.upsert(conn, batch)
                if progress is not None:
                    progress(len(batch))
        return count

    def stored_hashes(self) -> dict[str, str]:
        """{key: content hash} of every stored document."""
        with self._engine().connect() as conn:
            return dict(conn.execute(text(f"SELECT key, content_hash FROM {TABLE}")).all())

    def check(self, expected: dict[str, str]) -> IndexDiff:
        """Missing, stale and extra keys against the database's expected hashes."""
        return diff_index(expected, self.stored_hashes())

    def repair(self, diff: IndexDiff, load: Loader) -> tuple[int, int]:
        """Write missing and stale documents, delete extra ones."""
        return self.refresh(diff.keys, load)

    # -------------------------------------------------------------- searching

    def _tsquery(self, text_: str, match_all: bool) -> tuple[str, dict[str, str]]:
        """SQL for the query (with glossary alternatives) and its parameters."""
        spans = self.glossary.spans(text_) if len(self.glossary) else []
        groups = spans or [None]
        params: dict[str, str] = {}
        parts = []
        for n, span in enumerate(groups):
            if span is None:
                params[f"w{n}"] = words(text_, for_query=True)
                parts.append(words_query(f"w{n}", match_all))
                continue
            options = [span.text, *span.translations]
            alternatives = []
            for m, option in enumerate(options):
                params[f"w{n}_{m}"] = words(option, for_query=True)
                alternatives.append(words_query(f"w{n}_{m}", True))
            parts.append("(" + " || ".join(alternatives) + ")")
        joiner = " && " if match_all else " || "
        return joiner.join(parts), params

    def _matches(self, text_: str, match_all: bool, extra_keys: list[str]) -> list[MatchRow]:
        full, params = self._tsquery(text_, match_all)
        typed = words_query("typed", match_all)
        params["typed"] = words(text_, for_query=True)
        extra = ""
        if extra_keys:
            extra = " OR key IN :extra"
        stmt = text(f"""
            WITH q AS (SELECT {full} AS full_q, {typed} AS typed_q)
            SELECT key, kind, industries, disciplines, title,
                   CASE WHEN lexemes @@ q.full_q THEN ts_rank(lexemes, q.full_q) ELSE 0 END,
                   lexemes @@ q.typed_q
            FROM {TABLE}, q
            WHERE (numnode(q.full_q) > 0 AND lexemes @@ q.full_q){extra}
        """)
        if extra_keys:
            stmt = stmt.bindparams(bindparam("extra", expanding=True))
            params["extra"] = extra_keys  # type: ignore[assignment]
        with self._engine().connect() as conn:
            found = conn.execute(stmt, params).all()
        return [
            MatchRow(k, kind, tuple(i.split()), tuple(d.split()), title, float(r or 0), bool(e))
            for k, kind, i, d, title, r, e in found
        ]

    def _browse(self) -> list[MatchRow]:
        with self._engine().connect() as conn:
            found = conn.execute(
                text(f"SELECT key, kind, industries, disciplines, title FROM {TABLE}")
            ).all()
        rows = [MatchRow(k, kind, tuple(i.split()), tuple(d.split()), t, 0.0, False)
                for k, kind, i, d, t in found]  # fmt: skip
        return sorted(rows, key=lambda r: (KIND_ORDER.get(r.kind, 9), r.title.lower(), r.key))

    def _headlines(self, keys: list[str], query_text: str, language: str) -> dict[str, dict]:
        """Stored fields and a marked snippet for the page's hits only."""
        if not keys:
            return {}
        first, second = ("body_zh_words", "body_words") if language == "zh" else (
            "body_words", "body_zh_words")  # fmt: skip
        params: dict[str, object] = {"keys": keys}
        if query_text:
            full, params_q = self._tsquery(query_text, False)
            params.update(params_q)
            headline = (
                f"CASE WHEN {first} <> '' AND to_tsvector('{CONFIG}', {first}) @@ ({full}) "
                f"THEN ts_headline('{CONFIG}', {first}, {full}, '{HEADLINE}') "
                f"WHEN to_tsvector('{CONFIG}', {second}) @@ ({full}) "
                f"THEN ts_headline('{CONFIG}', {second}, {full}, '{HEADLINE}') ELSE '' END"
            )
        else:
            headline = "''"
        stmt = text(f"""
            SELECT key, kind, doc_id, title, title_zh, body, body_zh, district, industries,
                   disciplines, {headline}
            FROM {TABLE} WHERE key IN :keys
        """).bindparams(bindparam("keys", expanding=True))
        with self._engine().connect() as conn:
            found = conn.execute(stmt, params).all()
        out = {}
        for key, kind, doc_id, title, title_zh, body, body_zh, district, inds, discs, mark in found:
            if mark and MARK_OPEN in mark:
                snippet = readable(mark)
            else:
                chinese = language == "zh" and body_zh
                snippet = plain_excerpt((body_zh if chinese else body) or body_zh or "")
            out[key] = {"kind": kind, "id": doc_id, "title": title, "title_zh": title_zh,
                        "district": district, "industries": tuple(inds.split()),
                        "disciplines": tuple(discs.split()), "snippet": snippet}  # fmt: skip
        return out

    def search(
        self, request: SearchQuery | str, vectors: VectorInput | None = None
    ) -> SearchResults:
        """One page of results with facet counts; the typed words rank before translations."""
        if isinstance(request, str):
            request = SearchQuery(text=request)
        cleaned = clean_query(request.text)
        notices: list[str] = []
        if cleaned.truncated:
            notices.append(
                searching.NOTICE_TERMS if cleaned.capped_terms
                else searching.NOTICE_TRUNCATED
            )  # fmt: skip
        empty = SearchResults(
            query=cleaned.text, total=0, page=1, pages=0, per_page=request.per_page,
            notices=notices, truncated=cleaned.truncated, cleaned=cleaned.changed,
        )  # fmt: skip
        browse = not cleaned.text
        if browse and request.text and request.text.strip():
            notices.append(searching.NOTICE_NOTHING)
            return empty
        query_text = plain(cleaned.text)
        relaxed = False
        suggestion = None
        if browse:
            rows = self._browse()
        else:
            vector_keys = [key for key, _ in vectors.hits] if vectors else []
            rows = self._matches(query_text, True, vector_keys)
            lexical = [r for r in rows if r.rank > 0]
            if not any(allowed(r, request) for r in lexical):
                suggestion = self.suggest(cleaned.text)
            if not any(allowed(r, request) for r in lexical) and len(query_text.split()) > 1:
                loose = self._matches(query_text, False, vector_keys)
                if any(allowed(r, request) for r in loose if r.rank > 0):
                    rows, relaxed = loose, True
                    notices.append(searching.NOTICE_RELAXED)
            if not rows:
                if not words(query_text, for_query=True).split():
                    notices.append(searching.NOTICE_NOTHING)
                return replace(empty, relaxed=relaxed, suggestion=suggestion)
            rows = ranked(rows, vectors)
        shown = [r for r in rows if allowed(r, request)]
        total = len(shown)
        pages = math.ceil(total / request.per_page)
        page = min(request.page, max(pages, 1))
        start = (page - 1) * request.per_page
        chosen = shown[start : start + request.per_page]
        stored = self._headlines([r.key for r in chosen], "" if browse else query_text,
                                 request.language)  # fmt: skip
        hits = [Hit(score=r.rank, **stored[r.key]) for r in chosen if r.key in stored]
        return replace(
            empty, total=total, page=page, pages=pages, hits=hits,
            facets=facet_counts(rows, request), relaxed=relaxed, suggestion=suggestion,
        )  # fmt: skip

    def suggest(self, typed: str) -> str | None:
        """ "Did you mean": the query with its unknown English words respelled, if that finds
        something (as `search_index.SearchIndex.suggest`)."""
        with self._engine().connect() as conn:
            return pg_search_suggest.suggest(conn, typed)
