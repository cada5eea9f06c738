"""SearchIndex: the one object the app holds; opens, writes, rebuilds and searches the index.

Writes take Whoosh's index-wide write lock (an flock on MAIN_WRITELOCK in the index directory,
released by the kernel if the process dies) and wait up to `writer_timeout` seconds for it, so
several server processes writing at once queue up instead of failing. Readers never wait: each
search sees the last committed generation.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex, LockError
from whoosh.searching import Searcher
from whoosh.util.filelock import try_for

from search_index.analysis import warm_up
from search_index.diff import IndexDiff, diff_index
from search_index.documents import SearchDocument, split_key
from search_index.expansion import Glossary
from search_index.facets import FacetSets
from search_index.hybrid import VectorInput
from search_index.results import SearchQuery, SearchResults
from search_index.schema import build_schema, schema_signature, to_fields
from search_index.searching import run_search, suggest_text

logger = logging.getLogger(__name__)

Loader = Callable[[list[str]], Iterable[SearchDocument]]
Progress = Callable[[int], object]
_PROGRESS_EVERY = 100


class SearchIndexError(RuntimeError):
    """An index operation failed (the database is unaffected; check/rebuild repair the index)."""


class IndexBusyError(SearchIndexError):
    """The write lock was not obtained within the writer timeout."""


class SearchIndex:
    """A Whoosh index in one directory, shared by every process that opens the same path.

    `glossary`: (zh, en) term pairs; plain queries are widened into the other language with
    them (see expansion.py). None or empty: no expansion.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        writer_timeout: float = 20.0,
        glossary: Iterable[tuple[str, str]] | None = None,
    ) -> None:
        self.path = Path(path)
        self.writer_timeout = float(writer_timeout)
        self.glossary = Glossary(glossary or ())
        self.schema = build_schema()
        self._ix: FileIndex | None = None
        self._local = threading.local()
        self._open_lock = threading.Lock()

    # -- opening -------------------------------------------------------------------------------

    def open_or_create(self) -> SearchIndex:
        """Open the index directory, creating it (under the write lock) if it has no index."""
        with self._open_lock:
            if self._ix is not None:
                return self
            self.path.mkdir(parents=True, exist_ok=True)
            if not whoosh_index.exists_in(str(self.path)):
                lock = FileStorage(str(self.path)).lock("MAIN_WRITELOCK")
                if not try_for(lock.acquire, timeout=self.writer_timeout, delay=0.05):
                    raise IndexBusyError(f"could not lock {self.path} to create the index")
                try:
                    if not whoosh_index.exists_in(str(self.path)):
                        whoosh_index.create_in(str(self.path), self.schema)
                        logger.info("created search index in %s", self.path)
                finally:
                    lock.release()
            self._ix = whoosh_index.open_dir(str(self.path), schema=self.schema)
            if not self.schema_is_current():
                logger.warning("search index in %s has an old schema: run a rebuild", self.path)
        return self

    def schema_is_current(self) -> bool:
        """False when the index on disk was written with another schema (rebuild to fix)."""
        try:
            stored = whoosh_index.open_dir(str(self.path)).schema
        except Exception:  # an unpicklable old schema is an old schema
            return False
        return schema_signature(stored) == schema_signature(self.schema)

    @property
    def ix(self) -> FileIndex:
        """The underlying Whoosh index (opened on first use)."""
        if self._ix is None:
            self.open_or_create()
        assert self._ix is not None
        return self._ix

    @staticmethod
    def warm_up(cache_dir: str | None = None) -> float:
        """Load jieba's dictionary now instead of on the first Chinese query or write."""
        return warm_up(cache_dir)

    # -- writing -------------------------------------------------------------------------------

    @contextmanager
    def _writer(self, timeout: float | None = None) -> Iterator[writing.SegmentWriter]:
        wait = self.writer_timeout if timeout is None else timeout
        try:
            writer = self.ix.writer(timeout=wait, delay=0.05)
        except LockError as exc:
            raise IndexBusyError(f"search index busy for more than {wait:.1f} s") from exc
        try:
            yield writer
        except BaseException:
            if not writer.is_closed:
                writer.cancel()  # releases the lock; nothing of this writer becomes visible
            raise

    def upsert(self, docs: Iterable[SearchDocument]) -> int:
        """Add or replace documents (by key, the last of duplicates wins) in one commit."""
        by_key = {doc.key: doc for doc in docs}  # Whoosh would keep both copies of a key
        if not by_key:
            return 0
        with self._writer() as writer:
            for doc in by_key.values():
                writer.update_document(**to_fields(doc))
            writer.commit()
        return len(by_key)

    def delete(self, keys: Iterable[str]) -> int:
        """Delete documents by key in one commit; return how many were found and removed."""
        keys = sorted(set(keys))
        if not keys:
            return 0
        with self._writer() as writer:
            removed = sum(writer.delete_by_term("key", key) for key in keys)
            writer.commit()
        return removed

    def refresh(self, keys: Iterable[str], load: Loader) -> tuple[int, int]:
        """Under the write lock, load the current rows for `keys` and upsert them, deleting keys
        the loader does not return. Returns (upserted, deleted).

        Loading inside the lock makes the last process to take the lock write the newest state,
        whatever order concurrent commits reached the index in.
        """
        keys = sorted(set(keys))
        for key in keys:
            split_key(key)
        if not keys:
            return (0, 0)
        with self._writer() as writer:
            docs = {doc.key: doc for doc in load(keys)}
            for doc in docs.values():
                writer.update_document(**to_fields(doc))
            gone = [key for key in keys if key not in docs]
            deleted = sum(writer.delete_by_term("key", key) for key in gone)
            writer.commit()
        return (len(docs), deleted)

    def try_refresh(self, keys: Iterable[str], load: Loader) -> bool:
        """refresh() that never raises: failures are logged for check/rebuild to repair."""
        keys = list(keys)
        try:
            self.refresh(keys, load)
            return True
        except Exception:
            logger.exception("search index update failed for %s; run `search check`", keys)
            return False

    def rebuild(
        self,
        docs: Iterable[SearchDocument],
        progress: Progress | None = None,
        timeout: float | None = None,
    ) -> int:
        """Replace the whole index by `docs` in one commit; return the document count.

        The iterable is consumed while the write lock is held, so writes from other processes
        wait and land after the rebuild; searches keep seeing the old index until the commit.
        """
        started = time.perf_counter()
        count = pending = 0
        with self._writer(timeout) as writer:
            writer.schema = self.schema  # a rebuild also migrates an old schema
            seen: set[str] = set()
            for doc in docs:
                if doc.key in seen:
                    raise SearchIndexError(f"duplicate document {doc.key} in rebuild")
                seen.add(doc.key)
                writer.add_document(**to_fields(doc))
                count += 1
                pending += 1
                if progress is not None and pending >= _PROGRESS_EVERY:
                    progress(pending)
                    pending = 0
            writer.commit(mergetype=writing.CLEAR)
        if progress is not None and pending:
            progress(pending)
        logger.info(
            "search index rebuilt: %d documents in %.2f s", count, time.perf_counter() - started
        )
        return count

    # -- reading -------------------------------------------------------------------------------

    def _current(self) -> tuple[Searcher, FacetSets]:
        """This thread's searcher and facet sets, reopened when another commit happened.

        Whoosh's own Searcher.refresh() is not used: it reuses segment readers by segment id,
        so a commit that only deletes documents would stay invisible to the refreshed searcher.
        """
        local = self._local
        cached: tuple[Searcher, FacetSets] | None = getattr(local, "current", None)
        if cached is not None and getattr(local, "pid", None) != os.getpid():
            cached = None  # inherited across fork: never share file handles with the parent
        if cached is not None and cached[0].reader().generation() != self.ix.latest_generation():
            cached[0].close()
            cached = None
        if cached is None:
            searcher = self.ix.searcher()
            cached = (searcher, FacetSets(searcher))
            local.current, local.pid = cached, os.getpid()
        return cached

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """A Whoosh searcher on the latest commit (cached per thread until the next commit)."""
        yield self._current()[0]

    def search(
        self, request: SearchQuery | str, vectors: VectorInput | None = None
    ) -> SearchResults:
        """Run a search; any text is accepted (it is cleaned), filters narrow, facets count.

        `vectors`: the query's nearest documents by embedding (`hybrid.VectorTable.nearest`),
        fused with BM25F by reciprocal rank; without it the search is BM25F alone.
        """
        if isinstance(request, str):
            request = SearchQuery(text=request)
        searcher, facet_sets = self._current()
        return run_search(searcher, request, facet_sets, self.glossary, vectors)

    def clear_caches(self) -> None:
        """Forget this thread's remembered results (they are dropped on every commit anyway)."""
        cached = getattr(self._local, "current", None)
        if cached is not None:
            cached[1].clear_memo()

    def suggest(self, text: str) -> str | None:
        """A "did you mean" respelling of `text` that finds something, or None."""
        with self.searcher() as searcher:
            return suggest_text(searcher, text)

    def stored_hashes(self) -> dict[str, str]:
        """Every indexed key with the content hash stored for it."""
        with self.searcher() as searcher:
            return {
                fields["key"]: fields.get("content_hash", "")
                for fields in searcher.reader().all_stored_fields()
            }

    def check(self, expected: dict[str, str]) -> IndexDiff:
        """Compare the database's {key: content_hash} with the index."""
        return diff_index(expected, self.stored_hashes())

    def repair(self, diff: IndexDiff, load: Loader) -> tuple[int, int]:
        """Refresh every key a diff names (missing and stale are written, extra deleted)."""
        return self.refresh(diff.keys, load)

    def generation(self) -> int:
        """The latest commit's number: it moves with every write (for page caches)."""
        return self.ix.latest_generation()

    def doc_count(self) -> int:
        """How many documents the latest commit holds."""
        with self.searcher() as searcher:
            return searcher.doc_count()

    def close(self) -> None:
        """Close this thread's cached searcher (other threads' close when collected)."""
        cached = getattr(self._local, "current", None)
        if cached is not None:
            cached[0].close()
            self._local.current = None
