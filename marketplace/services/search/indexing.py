"""Site search: the per-process index, keeping it in step with the database, and the query.

The database is the source of truth. Services send `studios_changed`, `studios_removed` and
`scenarios_changed` after they commit; the receivers below re-read those rows into the index.
An index write that fails is logged and never touches the user's saved change:
`flask --app wsgi search check --fix` (or `search rebuild`) repairs the index afterwards.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l

from marketplace.models import Discipline, Industry
from marketplace.services.catalog import scenario_catalogue
from marketplace.services.catalog.cache import directory_version
from marketplace.services.search.documents import (
    document_count,
    expected_hashes,
    iter_documents,
    load_documents,
)
from marketplace.services.search.vectors import vector_input, vector_state
from matching import glossary
from search_index import (
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    IndexDiff,
    SearchIndex,
    SearchQuery,
    SearchResults,
    searching,
)
from search_index.analysis import contains_han

log = logging.getLogger(__name__)

EXTENSION = "search_index"
SEARCH_KINDS = ("scenario", "studio", "need")  # what the page offers (public needs only)
BOX_MAX = 500  # the header box's maxlength
_create_lock = threading.Lock()
# The library's notices are English sentences; the page shows them in the reader's language.
NOTICES = {
    searching.NOTICE_TRUNCATED: _l(
        "Your search was shortened to its first %(count)d characters.", count=MAX_QUERY_CHARS
    ),
    searching.NOTICE_TERMS: _l(
        "Your search was shortened to its first %(count)d words.", count=MAX_QUERY_TERMS
    ),
    searching.NOTICE_NOTHING: _l(
        "Your search had no words we could look for (very common words are ignored)."
    ),
    searching.NOTICE_FALLBACK: _l(
        "Search syntax was ignored; your words were searched as plain text."
    ),
    searching.NOTICE_RELAXED: _l(
        "No result has all of your words; showing results with any of them."
    ),
    searching.NOTICE_RELAXED_MEANING: _l(
        "No result has all of your words; showing results with some of them and results close "
        "in meaning."
    ),
    searching.NOTICE_MEANING_ONLY: _l(
        "No result has your words; showing results close in meaning."
    ),
}


class SearchUnavailable(RuntimeError):
    """The index could not be read (missing or damaged directory); the page answers 503."""


# ---------------------------------------------------------------- the index


def load_glossary() -> list[tuple[str, str]]:
    """The (zh, en) term pairs that widen searches across languages (a broken glossary fails
    loudly: it ships with the code, so a search that silently stops crossing languages is a bug)."""
    return [(str(zh), str(en)) for zh, en in glossary.load_glossary()]


def _make_index(app: Flask):
    """The backend SEARCH_BACKEND names: the embedded Whoosh folder, or PostgreSQL full text."""
    backend = app.config.get("SEARCH_BACKEND", "whoosh")
    if backend == "postgres":
        from marketplace.extensions import db
        from marketplace.services.search.pg_fulltext_backend import PostgresSearchIndex

        return PostgresSearchIndex(lambda: db.engine, glossary=load_glossary())
    return SearchIndex(
        app.config["SEARCH_INDEX_DIR"],
        writer_timeout=app.config["SEARCH_WRITER_TIMEOUT"],
        glossary=load_glossary(),
    )


def get_index(app: Flask | None = None) -> SearchIndex:
    """This process's index for the app, created on first use from SEARCH_INDEX_DIR."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    index = app.extensions.get(EXTENSION)
    if index is None:
        with _create_lock:
            index = app.extensions.get(EXTENSION)
            if index is None:
                index = _make_index(app)
                app.extensions[EXTENSION] = index
    return index


class IndexOutOfStep(RuntimeError):
    """The index could not take a change; the outbox retries it."""


def refresh_keys(keys: Iterable[str]) -> bool:
    """Re-read these rows into the index after a commit; False (and a log line) on failure."""
    keys = sorted(set(keys))
    if not keys:
        return True
    if get_index().try_refresh(keys, load_documents):
        return True
    log.error(
        "search index is out of step for %d document(s) (%s); the database change is saved. "
        "Repair with `flask --app wsgi search check --fix`.",
        len(keys), ", ".join(keys[:10]),
    )  # fmt: skip
    return False


# ---------------------------------------------------------------- maintenance


def rebuild(progress: Callable[[int], object] | None = None) -> int:
    """Replace the whole index with every searchable row; return the document count."""
    return get_index().rebuild(iter_documents(), progress=progress)


def rebuild_size() -> int:
    """How many documents a rebuild writes (for a progress bar)."""
    return document_count()


def check() -> IndexDiff:
    """Compare the index with the database by content hash."""
    return get_index().check(expected_hashes())


def repair(diff: IndexDiff) -> tuple[int, int]:
    """Write missing and stale documents and delete extra ones; returns (written, deleted)."""
    return get_index().repair(diff, load_documents)


def schema_is_current() -> bool:
    """False when the index was written by an older version (a rebuild fixes it)."""
    return get_index().schema_is_current()


@dataclass(frozen=True)
class SyncReport:
    """What bringing the index in step did."""

    documents: int
    rebuilt: bool = False
    written: int = 0
    deleted: int = 0


def bring_in_step() -> SyncReport:
    """Make the index match the database: build it if new or outdated, else repair the diff."""
    index = get_index().open_or_create()
    if not index.schema_is_current():
        count = rebuild()
        return SyncReport(documents=count, rebuilt=True, written=count)
    diff = check()
    written = deleted = 0
    if not diff.is_clean:
        written, deleted = repair(diff)
        log.info("search index repaired: %s", diff.summary())
    return SyncReport(documents=index.doc_count(), written=written, deleted=deleted)


# ---------------------------------------------------------------- the page


@dataclass(frozen=True)
class SearchPage:
    """What the search page shows: the typed text, the results and the facets' labels."""

    text: str
    kind: str | None
    industry: str | None
    discipline: str | None
    results: SearchResults
    industries: dict[str, Industry]
    disciplines: dict[str, Discipline]
    language: str = ""  # "zh": the reader gets Chinese titles and snippets first

    @property
    def chinese_first(self) -> bool:
        """True when titles and snippets lead with their Chinese text where it exists."""
        return self.language == "zh"

    @property
    def notices(self) -> list[str]:
        """The library's notices in the reader's language."""
        return [str(NOTICES.get(notice, notice)) for notice in self.results.notices]

    @property
    def is_blank(self) -> bool:
        """True for an empty box and no filters: the page explains what to search for."""
        return not (self.results.query or self.kind or self.industry or self.discipline)


def page_version() -> tuple:
    """Everything a visitor's search page shows besides its URL and language (for the page
    cache): the index's latest commit, the vector part's model and stored vectors, and the
    studios and catalogue the hits' cards and facet labels come from."""
    try:
        generation = get_index().generation()
    except Exception:  # the search itself answers 503; this page is not stored
        log.warning("search index generation unreadable", exc_info=True)
        generation = None
    return (generation, vector_state(), *directory_version())


def reader_language(text: str, interface: str) -> str:
    """ "zh" when the query has Chinese characters or the interface is Chinese, else ""."""
    return "zh" if interface.startswith("zh") or contains_han(text or "") else ""


def box_text(text: str) -> str:
    """The typed query as the box shows it again: no control characters, at most BOX_MAX."""
    kept = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(kept.split())[:BOX_MAX]


def search(
    text: str,
    kind: str | None = None,
    industry: str | None = None,
    discipline: str | None = None,
    page: int = 1,
    per_page: int = 20,
    language: str = "",
) -> SearchPage:
    """One page of hits for the box and the facet filters, with counts and a suggestion.

    Keyword ranking (BM25F) is fused with the query's nearest documents by embedding when the
    encoder is loaded; `language` "zh…" puts the Chinese text of a hit first.
    """
    kinds = [kind] if kind else list(SEARCH_KINDS)
    request = SearchQuery(
        text=text,
        kinds=kinds,
        industries=[industry] if industry else [],
        disciplines=[discipline] if discipline else [],
        page=page,
        per_page=per_page,
        language=language,
    )
    vectors = vector_input(text, kinds) if text and text.strip() else None
    try:
        results = get_index().search(request, vectors)
        if not (results.query or kind or industry or discipline or results.facets):
            # input with nothing searchable in it ("!!!", emoji): the page explains what to
            # search for and offers everything, with the counts of an empty box
            everything = get_index().search(replace(request, text="", page=1, per_page=1))
            results = replace(results, facets=everything.facets)
    except Exception as exc:
        log.exception("search failed for %r", text[:100])
        raise SearchUnavailable("The search index cannot be read right now.") from exc
    return SearchPage(
        text=box_text(text),
        kind=kind,
        industry=industry,
        discipline=discipline,
        results=results,
        industries={i.code: i for i in scenario_catalogue.all_industries()},
        disciplines={d.code: d for d in scenario_catalogue.all_disciplines()},
        language=request.language,
    )
