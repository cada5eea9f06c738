"""Every message in the templates and code has a Chinese translation in messages.po."""

from __future__ import annotations

import re
from configparser import ConfigParser
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
PO_FILE = ROOT / "marketplace" / "translations" / "zh_CN" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {  # Babel's defaults plus the lazy forms the code uses (as in `make translations`)
    "_": None, "gettext": None, "ngettext": (1, 2), "N_": None,
    "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2),
}  # fmt: skip
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _method_map() -> list[tuple[str, str]]:
    """The extraction rules of babel.cfg, so the test and the Makefile read the same files."""
    config = ConfigParser()
    config.read(ROOT / "babel.cfg")
    pairs = []
    for section in config.sections():
        method, _, pattern = section.partition(":")
        pairs.append((pattern.strip(), method.strip()))
    return pairs


def extracted() -> Catalog:
    """Every translatable message in the project, extracted now into a temporary catalogue."""
    catalog = Catalog()
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT, _method_map(), keywords=KEYWORDS
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def chinese() -> Catalog:
    """The committed Chinese catalogue."""
    with PO_FILE.open("rb") as source:
        return read_po(source, locale="zh_CN")


def _untranslated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return message.fuzzy or not all(s and s.strip() for s in strings)


def test_every_message_has_a_chinese_translation():
    source, po = extracted(), chinese()
    assert len(source) > 300  # templates, forms, flashes, errors and services were all read
    missing = []
    for message in source:
        if not message.id:
            continue
        found = po.get(message.id, context=message.context)
        if found is None or _untranslated(found):
            where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
            missing.append(f"{message.id!r} ({where})")
    assert not missing, (
        f"{len(missing)} message(s) have no Chinese translation; run `make translations` and "
        "fill in marketplace/translations/zh_CN/LC_MESSAGES/messages.po:\n" + "\n".join(missing)
    )


def test_translations_keep_every_placeholder():
    problems = []
    for message in chinese():
        if not message.id or _untranslated(message):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            if set(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"{ids[0]!r} -> {text!r}")
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def test_the_check_notices_a_missing_translation(tmp_path):
    po = chinese()
    message = next(m for m in po if m.id == "Log in")
    message.string = ""
    assert _untranslated(message)
    message.string = "登录"
    message.flags.add("fuzzy")
    assert _untranslated(message)
