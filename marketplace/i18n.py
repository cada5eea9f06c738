"""Languages: Simplified Chinese by default, English on request; times shown in Asia/Shanghai."""

from __future__ import annotations

from flask import Flask, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

from marketplace.extensions import babel

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
DISPLAY_TIMEZONE = "Asia/Shanghai"
LANGUAGE_COOKIE = "lang"


def select_locale() -> str:
    """The reader's language: saved choice, cookie, Accept-Language, else zh_CN."""
    if not has_request_context():
        return DEFAULT_LANGUAGE  # commands and jobs: callers that mail pin their own language
    saved = getattr(current_user, "language", None) if current_user else None
    if saved in LANGUAGES:
        return saved
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    best = request.accept_languages.best_match(["zh-CN", "zh", "en"])
    if best and best.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def html_lang() -> str:
    """The page's lang attribute: 'zh-CN' or 'en'."""
    return "en" if get_locale().language == "en" else "zh-CN"


def init_app(app: Flask) -> None:
    """Set up Flask-Babel with the locale selector and the display timezone."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", DISPLAY_TIMEZONE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(get_locale=get_locale, html_lang=html_lang)
