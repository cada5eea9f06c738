"""Did-you-mean on PostgreSQL: pg_trgm neighbours in the shared vocabulary, chosen as Whoosh does.

Whoosh's `suggest_text` respells each English word of the query that no document contains (at
most three, three letters or more) as the vocabulary word within Damerau-Levenshtein distance 1
that most documents use, else within 2, and offers the respelled query only when it finds
something. Here every web host shares the vocabulary: `search_vocabulary` (each word once,
under a pg_trgm index) gives the candidates, the distance is computed in Python as there, and
`search_terms` (word, entry key) counts the entries using each close candidate. Only words
sharing a trigram with the typed word are candidates (nearly every respelling Whoosh offers
does), and "most used" counts entries where Whoosh counts occurrences.
"""

from __future__ import annotations

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from marketplace.services.search.pg_search_text import CONFIG, plain, words
from marketplace.services.search.pg_search_writes import TABLE, TERMS, VOCABULARY
from search_index import clean_query
from search_index.cleaning import OPERATORS
from search_index.searching import respell, spell_words

MAX_DISTANCE = 2
MIN_SIMILARITY = 0.1  # pg_trgm's similarity floor for candidates (its default 0.3 misses "clya")


def edit_distance(a: str, b: str, limit: int = MAX_DISTANCE) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count one), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
        if min(row) > limit:
            return limit + 1
    return min(row[-1], limit + 1)


def known_words(conn: Connection, candidates: list[str]) -> set[str]:
    """Which of these lower-case words some entry contains."""
    if not candidates:
        return set()
    stmt = text(f"SELECT DISTINCT word FROM {TERMS} WHERE word IN :words").bindparams(
        bindparam("words", expanding=True)
    )
    return set(conn.execute(stmt, {"words": candidates}).scalars())


def respelling(conn: Connection, word: str) -> str | None:
    """The vocabulary word Whoosh's corrector would offer for `word` (lower-case), if any."""
    conn.execute(text("SELECT set_config('pg_trgm.similarity_threshold', :floor, true)"),
                 {"floor": str(MIN_SIMILARITY)})  # fmt: skip
    candidates = conn.execute(
        text(f"""
            SELECT word FROM {VOCABULARY}
            WHERE word % :word AND length(word) BETWEEN :shortest AND :longest
        """),
        {"word": word, "shortest": len(word) - MAX_DISTANCE, "longest": len(word) + MAX_DISTANCE},
    ).scalars()
    close = {cand: d for cand in candidates if (d := edit_distance(word, cand)) <= MAX_DISTANCE}
    if not close:
        return None
    stmt = text(
        f"SELECT word, count(*) FROM {TERMS} WHERE word IN :words GROUP BY word"
    ).bindparams(bindparam("words", expanding=True))
    used = dict(conn.execute(stmt, {"words": sorted(close)}).all())
    for within in range(1, MAX_DISTANCE + 1):  # the nearest first, then the most used
        options = [(-used[c], c) for c, d in close.items() if d <= within and used.get(c)]
        if options:
            return min(options)[1]
    return None


def has_results(conn: Connection, query_text: str) -> bool:
    """Whether some entry has all the words of the text."""
    stmt = text(
        f"SELECT EXISTS (SELECT 1 FROM {TABLE} "
        f"WHERE lexemes @@ plainto_tsquery('{CONFIG}', :words))"
    )
    found = conn.execute(stmt, {"words": words(plain(query_text), for_query=True)})
    return bool(found.scalar_one())


def suggest(conn: Connection, typed: str) -> str | None:
    """A respelling of the English words no entry contains, when the respelled query finds
    something (as Whoosh's `suggest_text`); None otherwise."""
    cleaned = clean_query(typed).text
    spelled = spell_words(cleaned)
    looked_up = sorted({w.lower() for w in spelled if w not in OPERATORS and len(w) >= 3})
    known = known_words(conn, looked_up)
    fixed = respell(cleaned, known.__contains__, lambda word: respelling(conn, word))
    if fixed is None or not has_results(conn, fixed):
        return None
    return fixed
