"""Which language a text is written in (zh / en), and the pinyin order of Chinese names.

Pure functions of plain strings: models derive stored columns with them, services validate with
them and templates pick the reader's version with them.
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

LANGS = ("zh", "en")
SORT_KEY_MAX = 600  # the stored column's width
_HAN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")
_LATIN = re.compile(r"[A-Za-z]")
_HAN_PER_LETTER = 4  # one Chinese character says about as much as four Latin letters


def language_of(text: str | None) -> str | None:
    """'zh' or 'en' for the language most of the text is in; None for text with neither.

    Chinese text often carries Latin brand names and acronyms (为长安做CMF设计) and English text
    a Chinese name or two, so it counts characters, weighting a Chinese one as four letters.
    """
    text = text or ""
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if not han and not latin:
        return None
    return "zh" if han * _HAN_PER_LETTER >= latin else "en"


def other_language(lang: str | None) -> str:
    """The other of the two languages ('zh' when given 'en', else 'en')."""
    return "zh" if lang == "en" else "en"


def same_text(a: str | None, b: str | None) -> bool:
    """True when two texts are the same once whitespace and letter case are ignored."""
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()


def pinyin_sort_key(name: str | None) -> str:
    """A key that orders names as a Chinese reader expects: Chinese characters by their pinyin
    with the tone (重庆 -> 'chong2 qing4'), anything else lower-cased in place."""
    parts = lazy_pinyin(name or "", style=Style.TONE3, errors=lambda run: [run.lower()])
    key = " ".join(p.strip() for p in parts if p.strip())
    return key[:SORT_KEY_MAX]
