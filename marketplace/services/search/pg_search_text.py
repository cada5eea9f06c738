"""Text for the PostgreSQL search: jieba words, pinyin and spelling terms, readable headlines."""

from __future__ import annotations

import html
import re

import jieba

from search_index.analysis import spelling_analyzer
from search_index.chinese import pinyin_terms, to_simplified

CONFIG = "english"
_HAN_RUN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")
_HAN = r"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]"  # and CJK punctuation
_JOINED_HAN = re.compile(rf"(?<={_HAN})[ ]+(?={_HAN})")
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # private-use sentinels, escaped text never has them
HEADLINE = (
    f'StartSel="{MARK_OPEN}", StopSel="{MARK_CLOSE}", MaxWords=30, MinWords=12, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def words(value: str, for_query: bool = False) -> str:
    """The text with every Chinese run split into words by jieba (other text unchanged): precise
    words for a query or a headline, search mode (words and their sub-words) for indexing."""

    def split(match: re.Match[str]) -> str:
        run = match.group(0)
        parts = jieba.cut(run) if for_query else jieba.cut_for_search(run)
        return " " + " ".join(p for p in parts if p.strip()) + " "

    return _HAN_RUN.sub(split, to_simplified(value or ""))


def pinyin_text(title_zh: str, district: str) -> str:
    """The pinyin a reader may type for the Chinese title and district, as Whoosh indexes it
    (syllables, whole runs, initials, adjacent pairs: search_index.chinese.pinyin_terms)."""
    return " ".join(pinyin_terms(f"{title_zh} {district}"))


def spelling_terms(*texts: str) -> list[str]:
    """The distinct unstemmed lower-case English words "did you mean" draws from (the words
    Whoosh's spell field holds), sorted."""
    analyse = spelling_analyzer()
    return sorted({token.text for value in texts if value for token in analyse(value)})


def readable(value: str) -> str:
    """A headline from split text, as readers see it: no spaces jieba put between Chinese words,
    HTML escaped, sentinels turned into <mark>."""
    joined = _JOINED_HAN.sub("", value)
    joined = re.sub(rf"(?<={_HAN}|{MARK_CLOSE})[ ]+(?={MARK_OPEN}?{_HAN})", "", joined)
    joined = re.sub(rf"(?<={_HAN})[ ]+(?={MARK_OPEN}{_HAN})", "", joined)
    escaped = html.escape(" ".join(joined.split()), quote=True)
    return escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def words_query(param: str, match_all: bool) -> str:
    """SQL for one parameter's words: all required (plainto) or any of them."""
    if match_all:
        return f"plainto_tsquery('{CONFIG}', :{param})"
    return (
        f"coalesce(to_tsquery('{CONFIG}', nullif(array_to_string(array("
        f"SELECT quote_literal(w) FROM regexp_split_to_table(trim(:{param}), '\\s+') w "
        f"WHERE w <> ''), ' | '), '')), ''::tsquery)"
    )


def plain(value: str) -> str:
    """The cleaned query as plain words (operators and quotes are left to the word analysis)."""
    return " ".join(re.sub(r"[\"()*?~^:]+|\b(AND|OR|NOT)\b", " ", value).split())
