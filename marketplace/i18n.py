"""Languages: Simplified Chinese by default, English on request; times shown in Asia/Shanghai."""

from __future__ import annotations

import logging

from babel import support
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    has_request_context,
    redirect,
    request,
    url_for,
)
from flask_babel import Domain, get_locale, gettext
from flask_login import current_user

from marketplace.access import PUBLIC, role_required
from marketplace.extensions import babel, login_manager

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
OUTSIDE_REQUEST_LANGUAGE = "en"  # CLI output and background jobs are read by operators
DISPLAY_TIMEZONE = "Asia/Shanghai"
LANGUAGE_COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
SWITCH_LABELS = (("zh_CN", "中文"), ("en", "English"))

# Strings set outside our code (Flask-Login) that pass through gettext: marked for extraction.
N_ = str
N_("Please log in to see that page.")

bp = Blueprint("i18n", __name__)


class CatalogueDomain(Domain):
    """Message catalogues under translations/<ll_CC>/, found for Babel's full locale names.

    Babel parses 'zh_CN' into zh_Hans_CN, and gettext would then look only in zh_Hans_CN/ and
    zh/; this also tries the plain language_TERRITORY folder (zh_CN/) that pybabel writes.
    """

    def get_translations(self):
        """The merged catalogues for the current locale (cached per locale)."""
        locale = get_locale()
        if locale is None:
            return support.NullTranslations()
        key = (str(locale), self.domain[0])
        cache = self.cache
        if key not in cache:
            names = [str(locale)]
            if locale.territory:
                names.append(f"{locale.language}_{locale.territory}")
            translations = support.Translations()
            for dirname in self.translation_directories:
                catalog = support.Translations.load(dirname, names, self.domain[0])
                translations.merge(catalog)
                if hasattr(catalog, "plural"):
                    translations.plural = catalog.plural
            cache[key] = translations
        return cache[key]


def select_locale() -> str:
    """The reader's language: saved choice, cookie, Accept-Language, else zh_CN."""
    if not has_request_context():
        return current_app.config.get("CLI_LANGUAGE", OUTSIDE_REQUEST_LANGUAGE)
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


def current_language() -> str:
    """'zh_CN' or 'en' for the current request."""
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "zh_CN"


def html_lang() -> str:
    """The page's lang attribute: 'zh-CN' or 'en'."""
    return "en" if current_language() == "en" else "zh-CN"


@bp.route("/language", methods=["POST"])
@role_required(PUBLIC)
def switch_language():
    """Set the interface language (cookie for a year; saved on the account) and go back."""
    from marketplace.params import safe_path
    from marketplace.services.accounts.preferences import set_language

    chosen = request.form.get("lang", "")
    back = safe_path(request.form.get("next")) or url_for("catalog.home")
    if chosen not in LANGUAGES:
        abort(400, description=gettext("Choose 中文 (zh_CN) or English (en)."))
    if current_user.is_authenticated:
        set_language(current_user._get_current_object(), chosen)
    response = redirect(back)
    response.set_cookie(
        LANGUAGE_COOKIE,
        chosen,
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
    )
    return response


def init_app(app: Flask) -> None:
    """Set up Flask-Babel with the locale selector and the display timezone."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", DISPLAY_TIMEZONE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    babel.init_app(app, locale_selector=select_locale)
    babel.domain_instance = CatalogueDomain()
    login_manager.localize_callback = gettext
