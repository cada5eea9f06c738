"""Traditional → Simplified folding (OpenCC) and pinyin spellings of Chinese names (pypinyin).

Both packages ship their data inside the wheel: nothing is downloaded at run time. The OpenCC
converter is built once per process (about 10 ms) and is thread-safe for `convert`.
"""

from __future__ import annotations

import functools
import re

import opencc
from pypinyin import Style, lazy_pinyin

_HAN_RUN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")


@functools.lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The text with Traditional characters folded to Simplified (語音助手 → 语音助手).

    Characters only, never phrases: the result has the same length as the input, so character
    offsets (highlighting) stay valid. Text without Chinese is returned as it is.
    """
    if not text or not _HAN_RUN.search(text):
        return text
    out = _converter().convert(text)
    if len(out) != len(text):  # a phrase rule changed the length: fold character by character
        conv = _converter().convert
        out = "".join(c if len(s := conv(c)) != 1 else s for c in text)
    return out


GRAM_MAX = 6  # longest stretch of a name's syllables indexed run together (besides the whole)


def pinyin_terms(text: str) -> list[str]:
    """Pinyin spellings a reader may type for the Chinese runs of a name, lower-case ASCII.

    For 重庆火锅 that is the syllables (chong, qing, huo, guo), the whole run (chongqinghuoguo),
    its initials (cqhg), and every stretch of two to GRAM_MAX syllables run together (chongqing,
    qinghuo, huoguo, chongqinghuo, ...: what a reader types for the start or a word of a longer
    name, e.g. liumingzuocang for 流明座舱实验室), so "chongqing", "chong qing", "huoguo" and
    "cqhg" all find it.
    """
    terms: list[str] = []
    for run in _HAN_RUN.findall(to_simplified(text or "")):
        syllables = [s for s in lazy_pinyin(run, style=Style.NORMAL, errors="ignore") if s]
        if not syllables:
            continue
        terms.extend(syllables)
        terms.append("".join(syllables))
        if len(syllables) > 1:
            terms.append("".join(s[0] for s in syllables))
            for size in range(2, min(GRAM_MAX, len(syllables) - 1) + 1):
                terms.extend("".join(syllables[i : i + size])
                             for i in range(len(syllables) - size + 1))  # fmt: skip
    return list(dict.fromkeys(terms))
