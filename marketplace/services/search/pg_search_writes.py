"""Writing PostgreSQL search entries: weighted lexemes (titles, district and pinyin, bodies) and
each entry's spelling words in the shared vocabulary tables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from marketplace.services.search.pg_search_text import (
    CONFIG,
    pinyin_text,
    spelling_terms,
    words,
)
from search_index import SearchDocument

TABLE = "search_entries"
TERMS = "search_terms"  # (word, key): which entries use each spelling word, PostgreSQL only
VOCABULARY = "search_vocabulary"  # every word once, trigram-indexed; pruned by a rebuild only
BATCH = 200

_UPSERT = f"""
    INSERT INTO {TABLE} (key, kind, doc_id, title, title_zh, body, body_zh, body_words,
        body_zh_words, industries, disciplines, district, content_hash, lexemes, updated_at)
    VALUES (:key, :kind, :doc_id, :title, :title_zh, :body, :body_zh, :body_words,
        :body_zh_words, :industries, :disciplines, :district, :content_hash,
        setweight(to_tsvector('{CONFIG}', :title_index), 'A')
        || setweight(to_tsvector('{CONFIG}', :side_index), 'B')
        || setweight(to_tsvector('{CONFIG}', :body_index), 'C'),
        now() AT TIME ZONE 'UTC')
    ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, doc_id = excluded.doc_id,
        title = excluded.title, title_zh = excluded.title_zh, body = excluded.body,
        body_zh = excluded.body_zh, body_words = excluded.body_words,
        body_zh_words = excluded.body_zh_words, industries = excluded.industries,
        disciplines = excluded.disciplines, district = excluded.district,
        content_hash = excluded.content_hash, lexemes = excluded.lexemes,
        updated_at = excluded.updated_at
"""
_TERMS_INSERT = f"""
    INSERT INTO {TERMS} (word, key)
    SELECT * FROM unnest(CAST(:words AS text[]), CAST(:keys AS text[]))
    ON CONFLICT DO NOTHING
"""
# Words are added in one order by every writer (no deadlock on a shared new word); a word no
# entry uses any more stays (its count is 0, so it is never offered) until the next rebuild.
_VOCABULARY_INSERT = f"""
    INSERT INTO {VOCABULARY} (word)
    SELECT DISTINCT w FROM unnest(CAST(:words AS text[])) w ORDER BY w
    ON CONFLICT DO NOTHING
"""


def entry_row(d: SearchDocument) -> dict[str, str]:
    """The statement parameters of one document: stored fields and the texts to analyse.

    Titles weigh A; the district and the pinyin of the Chinese title and district weigh B (the
    Whoosh index boosts them 2 against the titles' 4 and the bodies' 1); bodies weigh C.
    """
    return {
        "key": d.key, "kind": d.kind, "doc_id": d.id, "title": d.title,
        "title_zh": d.title_zh, "body": d.body, "body_zh": d.body_zh,
        # precise words for the headline, search-mode words (with sub-words) indexed
        "body_words": words(d.body, True), "body_zh_words": words(d.body_zh, True),
        "title_index": words(f"{d.title} {d.title_zh}"),
        "side_index": f"{words(d.district)} {pinyin_text(d.title_zh, d.district)}",
        "body_index": words(f"{d.body} {d.body_zh}"),
        "industries": " ".join(d.industries), "disciplines": " ".join(d.disciplines),
        "district": d.district, "content_hash": d.content_hash(),
    }  # fmt: skip


def upsert(conn: Connection, docs: list[SearchDocument]) -> int:
    """Add or replace documents by key, and their spelling words (the caller's transaction).

    The entry is written first: its row lock makes a concurrent writer of the same key wait, so
    the words deleted next are always the latest committed ones.
    """
    latest = {d.key: d for d in docs}  # the last of duplicate keys wins, as in Whoosh
    if not latest:
        return 0
    conn.execute(text(_UPSERT), [entry_row(d) for d in latest.values()])
    keys = sorted(latest)
    delete_terms(conn, keys)
    pairs = [(w, d.key) for d in latest.values()
             for w in spelling_terms(d.title, d.body, d.district)]  # fmt: skip
    if pairs:
        pairs.sort()
        conn.execute(text(_VOCABULARY_INSERT), {"words": sorted({w for w, _ in pairs})})
        conn.execute(text(_TERMS_INSERT), {"words": [w for w, _ in pairs],
                                           "keys": [k for _, k in pairs]})  # fmt: skip
    return len(docs)


def delete_terms(conn: Connection, keys: list[str]) -> None:
    """Forget these entries' spelling words."""
    stmt = text(f"DELETE FROM {TERMS} WHERE key IN :keys").bindparams(
        bindparam("keys", expanding=True)
    )
    conn.execute(stmt, {"keys": keys})


def delete(conn: Connection, keys: list[str]) -> int:
    """Delete entries (and their spelling words) by key; how many entries went."""
    if not keys:
        return 0
    delete_terms(conn, keys)
    stmt = text(f"DELETE FROM {TABLE} WHERE key IN :keys").bindparams(
        bindparam("keys", expanding=True)
    )
    return conn.execute(stmt, {"keys": keys}).rowcount


def delete_all(conn: Connection) -> None:
    """Empty the entries and the vocabulary (a rebuild, inside its transaction)."""
    conn.execute(text(f"DELETE FROM {VOCABULARY}"))
    conn.execute(text(f"DELETE FROM {TERMS}"))
    conn.execute(text(f"DELETE FROM {TABLE}"))


def batches(docs: Iterable[SearchDocument], size: int = BATCH) -> Iterator[list[SearchDocument]]:
    """The documents in lists of `size`."""
    batch: list[SearchDocument] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
