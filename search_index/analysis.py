"""Analyzers: English stemming, and jieba word segmentation for Chinese (and mixed) text.

Chinese fields are indexed in jieba's "search" mode (words plus their dictionary sub-words, so
"新能源汽车" is also found by "汽车") and queried in its precise mode (fewer, longer words, all of
which are then required). English words inside Chinese text are lower-cased and stemmed too.

jieba loads its dictionary once per process on first use (about 1 s; a cache file
``jieba.cache`` in the system temp dir makes later loads faster). Call :func:`warm_up` at start-up
so that no user query pays for it.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator

import jieba
from whoosh.analysis import (
    Analyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StemmingAnalyzer,
    StopFilter,
    Token,
    Tokenizer,
)

from search_index.chinese import to_simplified

logger = logging.getLogger(__name__)

# jieba logs its dictionary build at DEBUG through its own stderr handler; keep it quiet.
jieba.setLogLevel(logging.WARNING)

_HAN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")
_WORDISH = re.compile(r"\w")

# English stop words plus the commonest Chinese particles.
_STOP_TEXT = (
    "a an and are as at be by can for from have if in is it may not of on or that the this "
    "to us we when will with yet you your 的 了 和 与 及 或 等"
)
STOP_WORDS = frozenset(_STOP_TEXT.split())

_warm_lock = threading.Lock()
_warmed = False


class ChineseTokenizer(Tokenizer):
    """Whoosh tokenizer on top of jieba: search mode when indexing, precise mode for queries."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChineseTokenizer)

    def __hash__(self) -> int:
        return hash(type(self).__name__)

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        jieba_mode = "default" if mode == "query" else "search"
        pos = start_pos
        # Traditional characters are folded to Simplified first (same length, offsets hold).
        for word, start, end in jieba.tokenize(to_simplified(value), mode=jieba_mode):
            if not _WORDISH.search(word):
                continue  # spaces and punctuation
            if len(word) == 1 and not _HAN.match(word):
                continue  # stray single Latin letters or digits
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def chinese_analyzer() -> Analyzer:
    """Analyzer for Chinese or mixed Chinese/English text (jieba, lower-case, stop, stem)."""
    return (
        ChineseTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | StemFilter()
    )


def english_analyzer() -> Analyzer:
    """Analyzer for English text: words, lower-case, stop words, Porter stemming."""
    return StemmingAnalyzer(stoplist=STOP_WORDS, minsize=2)


def pinyin_analyzer() -> Analyzer:
    """Lower-case ASCII words, unstemmed: the pinyin field and the pinyin a reader types."""
    return RegexTokenizer(r"[A-Za-z]+") | LowercaseFilter() | StopFilter(stoplist=STOP_WORDS)


def spelling_analyzer() -> Analyzer:
    """Unstemmed lower-case words, the vocabulary "did you mean" draws from."""
    return RegexTokenizer(r"[A-Za-z][A-Za-z'-]+") | LowercaseFilter()


def contains_han(text: str) -> bool:
    """True when the text has at least one Chinese character."""
    return bool(_HAN.search(text))


def warm_up(cache_dir: str | None = None) -> float:
    """Load jieba's dictionary now (once per process); return the seconds it took.

    `cache_dir` moves jieba's cache file out of the shared temp dir (effective only before the
    first load in the process).
    """
    global _warmed
    with _warm_lock:
        if _warmed:
            return 0.0
        if cache_dir is not None and not jieba.dt.initialized:
            jieba.dt.tmp_dir = str(cache_dir)
        started = time.perf_counter()
        jieba.initialize()
        _warmed = True
        elapsed = time.perf_counter() - started
    logger.info("jieba dictionary loaded in %.2f s", elapsed)
    return elapsed
