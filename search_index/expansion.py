"""Cross-language query expansion from a plain bilingual glossary of (zh, en) term pairs.

A plain query is split into spans: glossary terms (Chinese by longest substring match, English by
longest match of Porter stems, so "interfaces" finds the entry "interface") and the words between
them. Each glossary span becomes "the span itself OR its translations", the translations weighted
below the original words, and the spans are joined as the query's words would be (all required,
or any when relaxed). So 人机交互 also finds "human-machine interface", "hotpot packaging" also
finds 火锅底料包装, and a document with the typed words still ranks above one that only has the
translation.

The English side may list several terms at once, as matching's glossary does
("human-machine interaction HMI"): each upper-case acronym is a term of its own, as are parts
separated by ; , / or |, and the other words form one term that a document matches when it has
all of them, or all but one when there are three or more (so "human-machine interaction" also
finds "human-machine interface").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.lang.porter import stem
from whoosh.reading import IndexReader

DEFAULT_WEIGHT = 0.4
# A translation found in more than this share of the documents (and more than COMMON_MIN of
# them) is left out: it ranks nothing (BM25's idf is near zero) and scoring it costs a pass over
# most of the index ("design" -> 设计).
COMMON_SHARE = 0.3
COMMON_MIN = 500
_EN_WORD = re.compile(r"[A-Za-z0-9]+")
_HAN_RUN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")
_ALTERNATIVES = re.compile(r"[;,/|]")
_FULL_WORDS = 5  # a term of more words than this needs all of them


def english_terms(text: str) -> list[str]:
    """Split the English side of a pair into its terms: parts separated by ; , / or | are
    alternatives; within each, acronyms stand alone and the other words form one term."""
    terms: list[str] = []
    for part in _ALTERNATIVES.split(text):
        words = part.split()
        rest = " ".join(w for w in words if not _ACRONYM.fullmatch(w))
        for term in ([rest] if _EN_WORD.search(rest) else []) + [
            w for w in words if _ACRONYM.fullmatch(w)
        ]:
            if term not in terms:
                terms.append(term)
    return terms


def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(word.lower()) for word in _EN_WORD.findall(text))


@dataclass(frozen=True)
class Span:
    """A piece of the query text and the glossary's translations of it (none for plain words)."""

    text: str
    translations: tuple[str, ...] = ()


class Glossary:
    """Bilingual term lookup in both directions, built once from (zh, en) pairs."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        zh_to_en: dict[str, dict[str, None]] = {}
        en_to_zh: dict[tuple[str, ...], dict[str, None]] = {}
        for pair in pairs:
            zh, en = (unicodedata.normalize("NFKC", str(v)).strip() for v in pair)
            if not zh or not _HAN_RUN.fullmatch(zh):
                continue  # each side must be a usable term in its own language
            for term in english_terms(en):
                zh_to_en.setdefault(zh, {})[term] = None
                en_to_zh.setdefault(_stems(term), {})[zh] = None
        self._zh = {k: tuple(v) for k, v in zh_to_en.items()}
        self._en = {k: tuple(v) for k, v in en_to_zh.items()}
        self._zh_by_first: dict[str, list[str]] = {}
        for term in sorted(self._zh, key=len, reverse=True):
            self._zh_by_first.setdefault(term[0], []).append(term)
        self._max_en = max((len(k) for k in self._en), default=0)

    def __len__(self) -> int:
        return len(self._zh)

    def translate(self, text: str) -> tuple[str, ...]:
        """The other language's terms for one glossary term (exact zh, or en by stems)."""
        text = unicodedata.normalize("NFKC", text).strip()
        return self._zh.get(text) or self._en.get(_stems(text), ())

    def _matches(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        found: list[tuple[int, int, tuple[str, ...]]] = []
        words = [(m.start(), m.end(), stem(m.group(0).lower())) for m in _EN_WORD.finditer(text)]
        i = 0
        while i < len(words):
            for size in range(min(self._max_en, len(words) - i), 0, -1):
                hit = self._en.get(tuple(w[2] for w in words[i : i + size]))
                if hit:
                    found.append((words[i][0], words[i + size - 1][1], hit))
                    i += size
                    break
            else:
                i += 1
        for run in _HAN_RUN.finditer(text):
            pos = run.start()
            while pos < run.end():
                for term in self._zh_by_first.get(text[pos], ()):
                    if text.startswith(term, pos) and pos + len(term) <= run.end():
                        found.append((pos, pos + len(term), self._zh[term]))
                        pos += len(term)
                        break
                else:
                    pos += 1
        return sorted(found)

    def spans(self, text: str) -> list[Span]:
        """The text split into glossary terms (with translations) and the words between."""
        spans: list[Span] = []
        pos = 0
        for start, end, translations in self._matches(text):
            if text[pos:start].strip():
                spans.append(Span(text[pos:start].strip()))
            spans.append(Span(text[start:end], translations))
            pos = end
        if text[pos:].strip():
            spans.append(Span(text[pos:].strip()))
        return spans


def _term_count(q: query.Query) -> int:
    return max(1, len({text for _, text in q.iter_all_terms()}))


def _translation_query(parser: qparser.QueryParser, text: str) -> query.Query:
    """A translation as a query: Chinese as typed; English words all required, or all but one
    of three or more."""
    if _HAN_RUN.search(text):
        return parser.parse(text).normalize()
    words = [parser.parse(w).normalize() for w in _EN_WORD.findall(text)]
    words = [w for w in words if w is not query.NullQuery]
    if not words:
        return query.NullQuery
    if len(words) == 1:
        return words[0]
    if len(words) < 3 or len(words) > _FULL_WORDS:
        return query.And(words)
    return query.Or([query.And(words[:i] + words[i + 1 :]) for i in range(len(words))])


def _too_common(q: query.Query, reader: IndexReader | None) -> bool:
    if reader is None:
        return False
    limit = max(COMMON_MIN, COMMON_SHARE * reader.doc_count())
    most: dict[str, int] = {}
    for field, term in q.iter_all_terms():
        most[term] = max(most.get(term, 0), reader.doc_frequency(field, term))
    return bool(most) and min(most.values()) > limit


def expand(
    schema: Schema,
    text: str,
    glossary: Glossary,
    match_all_words: bool = True,
    weight: float = DEFAULT_WEIGHT,
    reader: IndexReader | None = None,
) -> query.Query | None:
    """The plain query `text` with glossary terms widened to their translations, or None when
    the glossary knows none of its terms (the caller then parses the text as usual)."""
    from search_index.parsing import make_plain_parser  # parsing imports nothing from here

    spans = glossary.spans(text) if len(glossary) else []
    if not any(span.translations for span in spans):
        return None
    parser = make_plain_parser(schema, match_all_words)
    phrase_parser = make_plain_parser(schema, True)  # a translation is one concept: all words
    parts: list[query.Query] = []
    for span in spans:
        base = parser.parse(span.text).normalize()
        if not span.translations:
            if base is not query.NullQuery:
                parts.append(base)
            continue
        options = [] if base is query.NullQuery else [base]
        base_terms = _term_count(base) if options else 1
        for translation in span.translations:
            alt = _translation_query(phrase_parser, translation)
            if alt is query.NullQuery or _too_common(alt, reader):
                continue
            # A translation with more words would otherwise outscore the typed term by summing.
            boost = weight * min(1.0, base_terms / _term_count(alt))
            options.append(alt.with_boost(boost))
        if options:
            parts.append(options[0] if len(options) == 1 else query.Or(options))
    if not parts:
        return query.NullQuery
    if len(parts) == 1:
        return parts[0]
    return query.And(parts) if match_all_words else query.Or(parts)
