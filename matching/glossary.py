"""Chinese text for an English-centric encoder: a reviewed bilingual glossary and jieba.

MiniLM (the bundled encoder) reads English; no multilingual weights are installable offline. A
Chinese (or mixed) text is therefore segmented with jieba (the glossary's terms added to its
dictionary) and every glossary term found is added in English, so the encoder and the lexical
channel see the same product, industry and discipline words an English profile uses.

    load_glossary() -> [(zh, en), ...]     the data in matching/data/glossary_zh_en.tsv
    english_terms(text) -> [en, ...]       the English of every glossary term in the text
    prepare_text(text) -> str              the text plus its English terms (unchanged if none)
    gloss(text) -> str                     each Chinese run replaced by its English terms, in
                                           order (what the encoder reads; English unchanged)
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path

from matching import lexicon

logger = logging.getLogger(__name__)

GLOSSARY_PATH = Path(__file__).with_name("data") / "glossary_zh_en.tsv"
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_lock = threading.Lock()
# The encoder's gloss falls back on the general lexicon (CC-CEDICT) for words the glossary
# lacks; the lexical terms (english_terms, prepare_text) stay glossary-only.
USE_LEXICON = True
# A word neither the glossary nor the lexicon knows ("血糖仪", "电单车") is split into the
# longest glossary or lexicon words inside it (single characters last), not dropped.
SPLIT_UNKNOWN = True


@lru_cache(maxsize=1)
def load_glossary() -> list[tuple[str, str]]:
    """The reviewed (Chinese, English) term pairs, in file order."""
    pairs = []
    for number, line in enumerate(GLOSSARY_PATH.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        zh, sep, en = line.partition("\t")
        if not sep or not zh.strip() or not en.strip():
            raise ValueError(f"{GLOSSARY_PATH.name} line {number}: expected 'zh<TAB>en'")
        pairs.append((zh.strip(), en.strip()))
    return pairs


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], int]:
    table: dict[str, str] = {}
    for zh, en in load_glossary():
        table.setdefault(zh, en)
    return table, max((len(z) for z in table), default=1)


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _lock:
        tokenizer = jieba.Tokenizer()
        for zh in _table()[0]:
            tokenizer.add_word(zh, freq=200_000)
    return tokenizer


def has_chinese(text: str) -> bool:
    """Whether the text contains any CJK ideograph."""
    return bool(_CJK_RUN.search(text or ""))


def _longest_matches(word: str, table: dict[str, str], longest: int) -> list[str]:
    """Glossary terms inside a word jieba did not know, longest match first, left to right."""
    out, i = [], 0
    while i < len(word):
        for size in range(min(longest, len(word) - i), 0, -1):
            piece = word[i : i + size]
            if piece in table and (size > 1 or len(word) == 1):
                out.append(table[piece])
                i += size
                break
        else:
            i += 1
    return out


def _run_terms(run: str, general: bool = False) -> list[str]:
    """English terms of one Chinese run: glossary terms; with general=True a word the glossary
    lacks is looked up in the general lexicon (CC-CEDICT) before splitting it."""
    table, longest = _table()
    found: list[str] = []
    for word in _tokenizer().lcut(run, HMM=False):
        if word in table:
            found.append(table[word])
        elif general and USE_LEXICON and (english := lexicon.lookup(word)):
            found.append(english)
        elif general and USE_LEXICON and SPLIT_UNKNOWN and len(word) > 1:
            found.extend(_split_unknown(word, table, longest))
        elif len(word) > 1:
            found.extend(_longest_matches(word, table, longest))
    return found


def _split_unknown(word: str, table: dict[str, str], longest: int) -> list[str]:
    """A word nobody knows, read as the longest glossary or lexicon words inside it, left to
    right (a single character only through ``lexicon.lookup``'s content rule)."""
    out, i = [], 0
    while i < len(word):
        for size in range(min(max(longest, 4), len(word) - i), 0, -1):
            piece = word[i : i + size]
            if size > 1 and piece in table:
                out.append(table[piece])
            elif english := lexicon.lookup(piece):
                out.append(english)
            else:
                continue
            i += size
            break
        else:
            i += 1
    return out


def gloss(text: str) -> str:
    """Word-by-word English gloss: every Chinese run becomes its glossary terms, and words the
    glossary lacks their general-lexicon English (or nothing)."""
    if not has_chinese(text):
        return text
    glossed = _CJK_RUN.sub(lambda m: f" {' '.join(_run_terms(m.group(), general=True))} ", text)
    return re.sub(r"[ \t]+", " ", glossed).strip()


def english_terms(text: str) -> list[str]:
    """English of every glossary term in the Chinese parts of text, de-duplicated, in order."""
    if not has_chinese(text):
        return []
    found = [term for run in _CJK_RUN.findall(text) for term in _run_terms(run)]
    return list(dict.fromkeys(found))


def prepare_text(text: str) -> str:
    """The text followed by the English of its Chinese glossary terms (English text unchanged)."""
    terms = english_terms(text)
    return f"{text} ({'; '.join(terms)})" if terms else text
