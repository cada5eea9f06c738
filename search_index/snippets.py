"""HTML-safe snippets: every character of document text escaped, only <mark> tags added.

Highlighting does not re-run the index analysers (Whoosh's highlighter spent most of a search
re-tokenising and stemming every hit's body). The query's own terms are collected once per
search; a hit's stored text is scanned with one regular expression, each word stemmed through a
process-wide cache, and Chinese terms are found as substrings. So a word is marked when it (or its
stem, or a typed prefix) is a term the query looked for in any field: a translation the glossary
added is marked too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from whoosh import query
from whoosh.lang.porter import stem

SNIPPET_CHARS = 220
HIGHLIGHT_SCAN_CHARS = 4000  # matches further into a long body are not looked for
# Fields whose matches make a snippet (titles are shown anyway), then fields for a plain excerpt.
HIGHLIGHT_FIELDS: tuple[str, ...] = ("body", "body_zh", "district")
EXCERPT_FIELDS: tuple[str, ...] = ("body", "body_zh", "title", "title_zh")
# A Chinese reader gets the Chinese text first wherever a document has it.
HIGHLIGHT_FIELDS_ZH: tuple[str, ...] = ("body_zh", "body", "district")
EXCERPT_FIELDS_ZH: tuple[str, ...] = ("body_zh", "body", "title_zh", "title")
ELLIPSIS = "\u2026"
PARAGRAPH = "\n\n"  # how the app joins a body's parts (profile first, then projects)
_TEXT_FIELDS = frozenset({"title", "title_zh", "body", "body_zh", "district"})
_HAN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")
_MAX_MARKS = 200


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return stem(word)


@dataclass
class QueryTerms:
    """What a query looks for, as the highlighter needs it."""

    words: set[str] = field(default_factory=set)  # analysed (stemmed) Latin terms
    prefixes: set[str] = field(default_factory=set)  # from "proto*"
    han: set[str] = field(default_factory=set)  # Chinese words, found as substrings
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes or self.han)

    def candidates(self) -> re.Pattern[str] | None:
        """A pattern for the words that may stem to a term (a Porter stem keeps all but at most
        the last letter of its word), so only those words are stemmed and compared."""
        if self._pattern is None and (self.words or self.prefixes):
            heads = {w[: max(2, len(w) - 1)] for w in self.words} | self.prefixes
            alternatives = "|".join(sorted((re.escape(h) for h in heads), key=len, reverse=True))
            self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})\w*(?:\.\w+)*", re.IGNORECASE)
        return self._pattern

    def add(self, text: str) -> None:
        """Add one analysed term."""
        if _HAN.search(text):
            self.han.add(text)
        elif text:
            self.words.add(text.lower())


def query_terms(q: query.Query) -> QueryTerms:
    """The positive terms of a query's text fields (terms under NOT are not highlighted)."""
    terms = QueryTerms()

    def walk(node: query.Query) -> None:
        if isinstance(node, query.Not):
            return
        if isinstance(node, query.AndNot):
            walk(node.a)
            return
        if isinstance(node, query.Prefix):
            if node.fieldname in _TEXT_FIELDS:
                terms.prefixes.add(str(node.text).lower())
            return
        if isinstance(node, query.Term):
            if node.fieldname in _TEXT_FIELDS:
                terms.add(str(node.text))
            return
        if isinstance(node, query.Phrase):
            if node.fieldname in _TEXT_FIELDS:
                for word in node.words:
                    terms.add(str(word))
            return
        for child in node.children():
            walk(child)

    walk(q)
    return terms


def _spans(text: str, terms: QueryTerms) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pattern = terms.candidates()
    if pattern is not None:
        for match in pattern.finditer(text):
            lower = match.group(0).lower()
            if _HAN.search(lower):
                continue
            if (
                _stem(lower) in terms.words
                or lower in terms.words
                or any(lower.startswith(p) for p in terms.prefixes)
            ):
                spans.append(match.span())
    for word in terms.han:
        start = text.find(word)
        while start != -1 and len(spans) < _MAX_MARKS:
            spans.append((start, start + len(word)))
            start = text.find(word, start + len(word))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans[:_MAX_MARKS]:
        if merged and start < merged[-1][1]:  # overlapping Chinese terms: keep one mark
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _window(text: str, spans: list[tuple[int, int]], max_chars: int) -> tuple[int, int]:
    """The max_chars window, starting a little before a match, that holds the most matches."""
    best, best_count = 0, -1
    for first, _ in spans:
        count = sum(1 for s, e in spans if s >= first and e <= first + max_chars * 2 // 3)
        if count > best_count:
            best, best_count = first, count
    start = max(0, best - max_chars // 3)
    if start:
        space = text.rfind(" ", start - 20, best)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + max_chars)
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > best else end
    return start, end


def highlight(text: str, terms: QueryTerms, max_chars: int = SNIPPET_CHARS) -> str:
    """An escaped excerpt of `text` around its best cluster of matches, matches in <mark>;
    "" when nothing in the text matches."""
    text = " ".join(text[:HIGHLIGHT_SCAN_CHARS].split())
    spans = _spans(text, terms)
    if not spans:
        return ""
    start, end = _window(text, spans, max_chars)
    out = [ELLIPSIS] if start else []
    pos = start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(html.escape(text[pos:s], quote=True))
        out.append(f"<mark>{html.escape(text[s:e], quote=True)}</mark>")
        pos = e
    tail = text[pos:end]
    if end < len(text):
        out.extend([html.escape(tail.rstrip(" ,.;:"), quote=True), ELLIPSIS])
    else:
        out.append(html.escape(tail, quote=True))
    return "".join(out)


def plain_excerpt(text: str, max_chars: int = SNIPPET_CHARS) -> str:
    """The start of a text, cut at a word boundary where possible, escaped."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return html.escape(text, quote=True)
    cut = text[:max_chars]
    space = cut.rfind(" ")
    if space > max_chars * 0.6:
        cut = cut[:space]
    return html.escape(cut.rstrip(" ,.;:"), quote=True) + ELLIPSIS


def snippet_for(
    stored: Mapping[str, Any], terms: QueryTerms | None, language: str = ""
) -> str:
    """Best highlighted excerpt of the hit's stored text, or the start of its body; with
    language "zh", the Chinese text first.

    Within a body the lead paragraph (a studio's own profile, a need's description) is tried
    before the whole: a cluster of matching project titles further down never wins over the
    profile text that also matches.
    """
    chinese = language == "zh"
    if terms:
        for fieldname in HIGHLIGHT_FIELDS_ZH if chinese else HIGHLIGHT_FIELDS:
            text = stored.get(fieldname)
            if text:
                lead = text.split(PARAGRAPH, 1)[0]
                marked = (highlight(lead, terms) if lead != text else "") or highlight(text, terms)
                if marked:
                    return marked
    for fieldname in EXCERPT_FIELDS_ZH if chinese else EXCERPT_FIELDS:
        text = stored.get(fieldname)
        if text:
            return plain_excerpt(text)
    return ""
