"""Pick a record's text in the reader's language: the `_zh` field for Chinese, else English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import has_request_context
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from marketplace.text_language import language_of, other_language


def reads_chinese() -> bool:
    """True when the current reader reads Chinese (the default outside a request too)."""
    if not has_request_context():
        return True
    locale = get_locale()
    return locale is None or locale.language == "zh"


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def localized(obj: Any, name: str, other: bool = False) -> Any:
    """`obj.name_zh` for a Chinese reader (falling back to `obj.name`), `obj.name` otherwise.

    With other=True, the text in the language the reader is *not* reading (empty when absent).
    """
    chinese = reads_chinese() != other
    english = _field(obj, name)
    if not chinese:
        return english if not other else (english or "")
    value = _field(obj, f"{name}_zh")
    if other:
        return value or ""
    return value if value else english



@dataclass(frozen=True)
class Version:
    """A text as one reader sees it: the version in the reader's language when the writer gave
    one, else the original; `other` is the version one click away ('' when there is none)."""

    text: str
    lang: str  # 'zh' / 'en' of `text`
    other: str
    other_lang: str
    is_original: bool  # `text` is the writer's original (then `other`, if any, is theirs too)


def reader_version(obj: Any, name: str) -> Version:
    """`obj.<name>` or `obj.<name>_translation`, whichever is in the reader's language.

    The original's language is `obj.primary_lang`. Texts are returned exactly as written: the
    writer's punctuation and line breaks are never changed.
    """
    original = _field(obj, name) or ""
    translation = _field(obj, f"{name}_translation") or ""
    lang = _field(obj, "primary_lang") or language_of(original) or "zh"
    reader = "zh" if reads_chinese() else "en"
    if translation and reader != lang:
        return Version(translation, reader, original, lang, False)
    return Version(original, lang, translation, other_language(lang), True)


def reader_text(obj: Any, name: str) -> str:
    """Only the text of `reader_version` (for cards and lists)."""
    return reader_version(obj, name).text


def first_sentence(text: str | None) -> str:
    """The first sentence of a text, with the writer's own stop (for one-line summaries)."""
    text = " ".join((text or "").split())
    for stop in ("。", ". ", "！", "? "):
        if stop in text:
            return text.split(stop, 1)[0] + stop.strip()
    return text


def translation_label(*originals: str | None):
    """The label of an optional other-language field: 'English version (optional)' when the
    original is Chinese (or, before anything is written, when the reader reads Chinese)."""
    written = language_of("\n".join(t or "" for t in originals))
    lang = written or ("zh" if reads_chinese() else "en")
    return _l("English version (optional)") if lang == "zh" else _l("Chinese version (optional)")
