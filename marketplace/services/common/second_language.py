"""The rules for a text's optional version in the other language (studio statements, needs).

The original keeps its place in the record (`capability_statement`, `title`, `description`) and
its language is stored beside it (`text_lang`); the other version goes in `*_translation`. A
version is accepted only when it reads as the other language and is not a copy of the original.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from marketplace.services.common.text_cleaning import clean_text, has_letters
from marketplace.text_language import language_of, other_language, same_text


@dataclass(frozen=True)
class Pair:
    """One field's original and its optional other-language version, with the length limit."""

    name: str  # the version's field name (`title_translation`)
    original: str
    translation: str | None
    max_len: int


def clean_optional(value: str | None) -> str | None:
    """Cleaned text, or None when nothing is left."""
    return clean_text(value) or None


def original_language(*texts: str | None) -> str:
    """The language of an original made of these texts ('zh' when it cannot tell)."""
    return language_of("\n".join(t or "" for t in texts)) or "zh"


def language_name(lang: str) -> str:
    """'Chinese' / 'English' in the reader's language."""
    return _("Chinese") if lang == "zh" else _("English")


def translation_errors(pairs: list[Pair], lang: str) -> dict[str, str]:
    """Problems with the other-language versions, by field name (empty when all is well).

    `lang` is the originals' language; every version must be in the other one. When a record
    has several fields, either all of them get a version or none.
    """
    errors: dict[str, str] = {}
    wanted = other_language(lang)
    given = [p for p in pairs if p.translation]
    for pair in pairs:
        text = pair.translation
        if not text:
            if given:
                errors[pair.name] = _(
                    "Give this in %(language)s too, or leave every %(language)s field empty.",
                    language=language_name(wanted),
                )
            continue
        if len(text) > pair.max_len:
            errors[pair.name] = _("Use at most %(max)d characters (you have %(n)d).",
                                  max=pair.max_len, n=len(text))  # fmt: skip
        elif not has_letters(text):
            errors[pair.name] = _("Write words, not only punctuation or symbols.")
        elif same_text(text, pair.original):
            errors[pair.name] = _(
                "This is the same as the original; write the %(language)s version or leave it "
                "empty.", language=language_name(wanted),
            )  # fmt: skip
        elif language_of(text) != wanted:
            errors[pair.name] = _(
                "The original is in %(original)s, so this must be the %(language)s version.",
                original=language_name(lang), language=language_name(wanted),
            )
    return errors
