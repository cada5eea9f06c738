"""HTML-safe snippets: every character of document text escaped, only <mark> tags added."""

from __future__ import annotations

import html
from typing import Any

from whoosh import highlight
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Results

SNIPPET_CHARS = 220
HIGHLIGHT_SCAN_CHARS = 4000  # matches further into a long body are not looked for
# Fields whose matches make a snippet (titles are shown anyway), then fields for a plain excerpt.
HIGHLIGHT_FIELDS: tuple[str, ...] = ("body", "body_zh", "district")
EXCERPT_FIELDS: tuple[str, ...] = ("body", "body_zh", "title", "title_zh")
ELLIPSIS = "\u2026"


class MarkFormatter(highlight.Formatter):
    """Whoosh formatter: escaped text, matched words wrapped in <mark>…</mark>."""

    between = f" {ELLIPSIS} "

    def _text(self, text: str) -> str:
        return html.escape(text, quote=True)

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        """Wrap one matched word."""
        return f"<mark>{html.escape(highlight.get_text(text, token, replace), quote=True)}</mark>"


def configure(results: Results, max_chars: int = SNIPPET_CHARS) -> None:
    """Set our formatter and fragmenter on a Whoosh Results object."""
    results.formatter = MarkFormatter()
    results.fragmenter = highlight.ContextFragmenter(maxchars=max_chars, surround=max_chars // 3)


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


def snippet_for(hit: WhooshHit, highlight_terms: bool = True) -> str:
    """Best highlighted fragment of the hit's stored text, or the start of its body."""
    if highlight_terms:
        for fieldname in HIGHLIGHT_FIELDS:
            text = hit.get(fieldname)
            if not text:
                continue
            try:
                marked = hit.highlights(fieldname, text=text[:HIGHLIGHT_SCAN_CHARS], top=2)
            except (KeyError, ValueError):
                continue
            if "<mark>" in marked:
                return marked
    for fieldname in EXCERPT_FIELDS:
        text = hit.get(fieldname)
        if text:
            return plain_excerpt(text)
    return ""
