"""Text building: the whole text a profile is encoded as, its passages, and lexical tokens."""

from __future__ import annotations

import logging
import re
import unicodedata

from matching.glossary import gloss, prepare_text
from matching.types import Profile

logger = logging.getLogger(__name__)

# Bump when build_text/passages change so stored vectors are re-encoded (part of the fingerprint).
TEXT_VERSION = "1"

MIN_PASSAGE_CHARS = 12
MAX_PASSAGE_CHARS = 600

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A sentence ends at Chinese terminators (no space needed) or at . ! ? followed by whitespace and
# something that starts a sentence; "e.g. the", "No. 5" and "2.5 mm" are not split.
_SENT_END = re.compile(
    r"(?<=[。!?])\s*"
    r"|(?<=[" + _CJK + r"];)\s*"
    r"|(?<=[.])\s+(?=[A-Z0-9\"'“‘(\[" + _CJK + r"])"
    r"|\s*[\r\n]+\s*"
)
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|No|Dr|Mr|Ms|Mrs|St|Co|Ltd|approx|incl)\.)$", re.I)
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*|[" + _CJK + r"]+")


def clean(text: str) -> str:
    """Normalise Unicode (NFKC) and collapse whitespace runs, keeping line breaks."""
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"[ \t\f\v]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()


def split_sentences(text: str) -> list[str]:
    """Split English and Chinese text into sentences (。！？, ； after Chinese, '. ' + capital)."""
    pieces = [p.strip() for p in _SENT_END.split(clean(text)) if p and p.strip()]
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _ABBREV.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


def _joined(profile: Profile) -> str:
    parts = [clean(profile.title), clean(profile.text), *(clean(t) for t in profile.extra_texts)]
    body = []
    for part in parts:
        if not part:
            continue
        body.append(part if part[-1] in ".!?。！？；;:" else f"{part}.")
    return " ".join(body)


def build_text(profile: Profile) -> str:
    """The whole text a profile is lexically indexed as: title, text, extra texts.

    Chinese glossary terms are followed by their English (``glossary.prepare_text``), so a
    profile written in Chinese meets English ones in the lexical channel; an English-only text
    is unchanged.
    """
    return prepare_text(_joined(profile))


def source_text(profile: Profile) -> str:
    """The whole text before glossing (title, text, extra texts), as written."""
    return _joined(profile)


def encode_text(profile: Profile) -> str:
    """The whole text the encoder reads: Chinese runs glossed into English (English unchanged)."""
    return gloss(_joined(profile))


def lexical_text(profile: Profile) -> str:
    """What the lexical scorer indexes: the whole text plus the profile's keywords."""
    keywords = (prepare_text(clean(k)) for k in profile.keywords)
    return " ".join([build_text(profile), *keywords]).strip()


def passages(profile: Profile) -> list[str]:
    """Passages compared one by one: the title, each sentence of the text, each extra text.

    Very short sentences are merged into their neighbour; long extra texts are split into sentences.
    """
    out: list[str] = []
    if profile.title.strip():
        out.append(clean(profile.title))
    out.extend(_merge_short(split_sentences(profile.text)))
    for extra in profile.extra_texts:
        extra = clean(extra)
        if not extra:
            continue
        if len(extra) <= MAX_PASSAGE_CHARS:
            out.append(extra)
        else:
            out.extend(_merge_short(split_sentences(extra)))
    seen: set[str] = set()
    unique = [p for p in out if not (p in seen or seen.add(p))]
    return unique or [build_text(profile) or profile.id]


def _merge_short(sentences: list[str]) -> list[str]:
    merged: list[str] = []
    for sentence in sentences:
        if merged and min(len(sentence), len(merged[-1])) < MIN_PASSAGE_CHARS:
            merged[-1] = f"{merged[-1]} {sentence}"
        else:
            merged.append(sentence)
    return merged


def tokenize(text: str) -> list[str]:
    """Lexical tokens: lower-cased English words and Chinese character unigrams and bigrams."""
    tokens: list[str] = []
    for match in _WORD.finditer(unicodedata.normalize("NFKC", text).lower()):
        word = match.group()
        if "\u3400" <= word[0] <= "\ufaff":
            tokens.extend(word)
            tokens.extend(word[i : i + 2] for i in range(len(word) - 1))
        else:
            tokens.append(word)
    return tokens


_CJK_CHAR = re.compile(r"[" + _CJK + r"]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def language_of(text: str) -> str:
    """'zh' for a text written mostly in Chinese (more CJK characters than 2 × English words),
    else 'en': which per-language ranking weights a query gets."""
    cjk = len(_CJK_CHAR.findall(text or ""))
    return "zh" if cjk and cjk > 2 * len(_LATIN_WORD.findall(text or "")) else "en"
