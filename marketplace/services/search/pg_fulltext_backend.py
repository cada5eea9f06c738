"""Site search on PostgreSQL full-text search: one table every web host shares, nothing per host.

The same interface as `search_index.SearchIndex` (upsert, refresh, rebuild, check, repair,
search), chosen with SEARCH_BACKEND=postgres. Chinese runs are split into words by jieba (search
mode when indexing, precise mode for queries, Traditional folded to Simplified) and every text is
analysed by PostgreSQL's `english` configuration (Snowball stemming; Chinese words pass through
unchanged). Titles weigh A, bodies C; `ts_rank` orders, `ts_headline` marks the snippet. The
glossary widens a query across languages as in the Whoosh index, and the query's vector
neighbours are fused by reciprocal rank exactly as there (`search_index.hybrid.rrf`).
"""

from __future__ import annotations

import html
import logging
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

import jieba
from sqlalchemy import bindparam, inspect, text
from sqlalchemy.engine import Engine

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
from search_index.chinese import to_simplified
from search_index.hybrid import VectorInput, rrf
from search_index.results import Hit
from search_index.snippets import plain_excerpt

log = logging.getLogger(__name__)

Loader = Callable[[list[str]], Iterable[SearchDocument]]
TABLE = "search_entries"
CONFIG = "english"
_HAN_RUN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")
_HAN = r"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]"  # and CJK punctuation
_JOINED_HAN = re.compile(rf"(?<={_HAN})[ ]+(?={_HAN})")
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"  # private-use sentinels, escaped text never has them
_HEADLINE = (
    f'StartSel="{_MARK_OPEN}", StopSel="{_MARK_CLOSE}", MaxWords=30, MinWords=12, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)
_KIND_ORDER = {"scenario": 0, "studio": 1, "need": 2}
FACETS = (("kind", "kind"), ("industry", "industries"), ("discipline", "disciplines"))
BATCH = 200


def words(value: str, for_query: bool = False) -> str:
    """The text with every Chinese run split into words by jieba (other text unchanged): precise
    words for a query or a headline, search mode (words and their sub-words) for indexing."""

    def split(match: re.Match[str]) -> str:
        run = match.group(0)
        parts = jieba.cut(run) if for_query else jieba.cut_for_search(run)
        return " " + " ".join(p for p in parts if p.strip()) + " "

    return _HAN_RUN.sub(split, to_simplified(value or ""))


def _readable(value: str) -> str:
    """A headline from split text, as readers see it: no spaces jieba put between Chinese words,
    HTML escaped, sentinels turned into <mark>."""
    joined = _JOINED_HAN.sub("", value)
    joined = re.sub(rf"(?<={_HAN}|{_MARK_CLOSE})[ ]+(?={_MARK_OPEN}?{_HAN})", "", joined)
    joined = re.sub(rf"(?<={_HAN})[ ]+(?={_MARK_OPEN}{_HAN})", "", joined)
    escaped = html.escape(" ".join(joined.split()), quote=True)
    return escaped.replace(_MARK_OPEN, "<mark>").replace(_MARK_CLOSE, "</mark>")


@dataclass(frozen=True)
class _Row:
    key: str
    kind: str
    industries: tuple[str, ...]
    disciplines: tuple[str, ...]
    title: str
    rank: float
    exact: bool

    def facet(self, name: str) -> tuple[str, ...]:
        return (self.kind,) if name == "kind" else getattr(self, name)


def _allowed(row: _Row, request: SearchQuery, skip: str = "") -> bool:
    selection = {"kind": request.kinds, "industries": request.industries,
                 "disciplines": request.disciplines}  # fmt: skip
    for facet, chosen in selection.items():
        if facet != skip and chosen and not set(row.facet(facet)) & set(chosen):
            return False
    return True


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
        if not inspect(engine).has_table(TABLE):
            raise SearchIndexError(f"table {TABLE} is missing: run `flask --app wsgi db upgrade`")
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

    def _upsert(self, conn, docs: list[SearchDocument]) -> int:
        if not docs:
            return 0
        rows = [
            {
                "key": d.key, "kind": d.kind, "doc_id": d.id, "title": d.title,
                "title_zh": d.title_zh, "body": d.body, "body_zh": d.body_zh,
                # precise words for the headline, search-mode words (with sub-words) indexed
                "body_words": words(d.body, True), "body_zh_words": words(d.body_zh, True),
                "title_index": words(f"{d.title} {d.title_zh}"),
                "body_index": words(f"{d.body} {d.body_zh}"),
                "industries": " ".join(d.industries), "disciplines": " ".join(d.disciplines),
                "district": d.district, "content_hash": d.content_hash(),
            }
            for d in docs
        ]  # fmt: skip
        conn.execute(
            text(f"""
                INSERT INTO {TABLE} (key, kind, doc_id, title, title_zh, body, body_zh,
                    body_words, body_zh_words, industries, disciplines, district, content_hash,
                    lexemes, updated_at)
                VALUES (:key, :kind, :doc_id, :title, :title_zh, :body, :body_zh, :body_words,
                    :body_zh_words, :industries, :disciplines, :district, :content_hash,
                    setweight(to_tsvector('{CONFIG}', :title_index), 'A')
                    || setweight(to_tsvector('{CONFIG}', :body_index), 'C'),
                    now() AT TIME ZONE 'UTC')
                ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, doc_id = excluded.doc_id,
                    title = excluded.title, title_zh = excluded.title_zh, body = excluded.body,
                    body_zh = excluded.body_zh, body_words = excluded.body_words,
                    body_zh_words = excluded.body_zh_words, industries = excluded.industries,
                    disciplines = excluded.disciplines, district = excluded.district,
                    content_hash = excluded.content_hash, lexemes = excluded.lexemes,
                    updated_at = excluded.updated_at
            """),
            rows,
        )
        return len(rows)

    def upsert(self, docs: Iterable[SearchDocument]) -> int:
        """Add or replace documents (by key) in one transaction."""
        with self._engine().begin() as conn:
            return self._upsert(conn, list(docs))

    def delete(self, keys: Iterable[str]) -> int:
        """Delete documents by key."""
        keys = sorted(set(keys))
        if not keys:
            return 0
        with self._engine().begin() as conn:
            stmt = text(f"DELETE FROM {TABLE} WHERE key IN :keys").bindparams(
                bindparam("keys", expanding=True)
            )
            return conn.execute(stmt, {"keys": keys}).rowcount

    def refresh(self, keys: Iterable[str], load: Loader) -> tuple[int, int]:
        """Re-read these keys: rows that still exist are written, the rest deleted (one commit)."""
        keys = sorted(set(keys))
        docs = list(load(keys))
        gone = sorted(set(keys) - {d.key for d in docs})
        with self._engine().begin() as conn:
            written = self._upsert(conn, docs)
            deleted = 0
            if gone:
                stmt = text(f"DELETE FROM {TABLE} WHERE key IN :keys").bindparams(
                    bindparam("keys", expanding=True)
                )
                deleted = conn.execute(stmt, {"keys": gone}).rowcount
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
            conn.execute(text(f"DELETE FROM {TABLE}"))
            for batch in _batches(docs, BATCH):
                count += self._upsert(conn, batch)
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
                parts.append(_words_query(f"w{n}", match_all))
                continue
            options = [span.text, *span.translations]
            alternatives = []
            for m, option in enumerate(options):
                params[f"w{n}_{m}"] = words(option, for_query=True)
                alternatives.append(_words_query(f"w{n}_{m}", True))
            parts.append("(" + " || ".join(alternatives) + ")")
        joiner = " && " if match_all else " || "
        return joiner.join(parts), params

    def _matches(self, text_: str, match_all: bool, extra_keys: list[str]) -> list[_Row]:
        full, params = self._tsquery(text_, match_all)
        typed = _words_query("typed", match_all)
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
            _Row(k, kind, tuple(i.split()), tuple(d.split()), title, float(r or 0), bool(e))
            for k, kind, i, d, title, r, e in found
        ]

    def _browse(self) -> list[_Row]:
        with self._engine().connect() as conn:
            found = conn.execute(
                text(f"SELECT key, kind, industries, disciplines, title FROM {TABLE}")
            ).all()
        rows = [_Row(k, kind, tuple(i.split()), tuple(d.split()), t, 0.0, False)
                for k, kind, i, d, t in found]  # fmt: skip
        return sorted(rows, key=lambda r: (_KIND_ORDER.get(r.kind, 9), r.title.lower(), r.key))

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
                f"THEN ts_headline('{CONFIG}', {first}, {full}, '{_HEADLINE}') "
                f"WHEN to_tsvector('{CONFIG}', {second}) @@ ({full}) "
                f"THEN ts_headline('{CONFIG}', {second}, {full}, '{_HEADLINE}') ELSE '' END"
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
            if mark and _MARK_OPEN in mark:
                snippet = _readable(mark)
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
        query_text = _plain(cleaned.text)
        relaxed = False
        if browse:
            rows = self._browse()
        else:
            vector_keys = [key for key, _ in vectors.hits] if vectors else []
            rows = self._matches(query_text, True, vector_keys)
            lexical = [r for r in rows if r.rank > 0]
            if not any(_allowed(r, request) for r in lexical) and len(query_text.split()) > 1:
                loose = self._matches(query_text, False, vector_keys)
                if any(_allowed(r, request) for r in loose if r.rank > 0):
                    rows, relaxed = loose, True
                    notices.append(searching.NOTICE_RELAXED)
            if not rows:
                if not words(query_text, for_query=True).split():
                    notices.append(searching.NOTICE_NOTHING)
                return replace(empty, relaxed=relaxed)
            rows = _ranked(rows, vectors)
        allowed = [r for r in rows if _allowed(r, request)]
        total = len(allowed)
        pages = math.ceil(total / request.per_page)
        page = min(request.page, max(pages, 1))
        start = (page - 1) * request.per_page
        chosen = allowed[start : start + request.per_page]
        stored = self._headlines([r.key for r in chosen], "" if browse else query_text,
                                 request.language)  # fmt: skip
        hits = [Hit(score=r.rank, **stored[r.key]) for r in chosen if r.key in stored]
        return replace(
            empty, total=total, page=page, pages=pages, hits=hits,
            facets=_facet_counts(rows, request), relaxed=relaxed,
        )  # fmt: skip


def _words_query(param: str, match_all: bool) -> str:
    """SQL for one parameter's words: all required (plainto) or any of them."""
    if match_all:
        return f"plainto_tsquery('{CONFIG}', :{param})"
    return (
        f"coalesce(to_tsquery('{CONFIG}', nullif(array_to_string(array("
        f"SELECT quote_literal(w) FROM regexp_split_to_table(trim(:{param}), '\\s+') w "
        f"WHERE w <> ''), ' | '), '')), ''::tsquery)"
    )


def _plain(value: str) -> str:
    """The cleaned query as plain words (operators and quotes are left to the word analysis)."""
    return " ".join(re.sub(r"[\"()*?~^:]+|\b(AND|OR|NOT)\b", " ", value).split())


def _ranked(rows: list[_Row], vectors: VectorInput | None) -> list[_Row]:
    """Typed words before translations, by ts_rank; with vectors, fused by reciprocal rank."""
    lexical = sorted((r for r in rows if r.rank > 0), key=lambda r: (not r.exact, -r.rank, r.key))
    if vectors is None or not vectors.hits:
        return lexical
    by_key = {r.key: r for r in rows}
    vector_keys = [key for key, _ in vectors.hits if key in by_key]
    fused = rrf([[r.key for r in lexical], vector_keys],
                [vectors.bm25_weight, vectors.vector_weight], vectors.k)  # fmt: skip
    order = sorted(fused, key=lambda k: (-fused[k], k))
    return [replace(by_key[str(k)], rank=fused[k]) for k in order]


def _facet_counts(rows: list[_Row], request: SearchQuery) -> dict[str, dict[str, int]]:
    """Per facet, counts over the matches filtered by the other facets' selections."""
    out: dict[str, dict[str, int]] = {}
    for name, field in FACETS:
        counts: dict[str, int] = {}
        for row in rows:
            if _allowed(row, request, skip=field):
                for value in row.facet(field):
                    counts[value] = counts.get(value, 0) + 1
        out[name] = dict(sorted(counts.items(), key=lambda vn: (-vn[1], vn[0])))
    return out


def _batches(docs: Iterable[SearchDocument], size: int) -> Iterator[list[SearchDocument]]:
    batch: list[SearchDocument] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
