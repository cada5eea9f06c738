"""Every template global, filter and context processor, registered by create_app; all pure."""

from __future__ import annotations

from datetime import datetime

from flask import Flask

import marketplace.bids.bids_routes
import marketplace.notifications.notifications_routes
from marketplace import i18n, templating
from marketplace.auth import tokens
from marketplace.catalog import localize
from marketplace.matchmaking import helpers
from marketplace.reference import district_label
from marketplace.services.reviews.wording import part_levels
from marketplace.studios import image_routes

# Formatting and navigation: pure functions of their arguments and the request.
PURE_GLOBALS = {
    "url_with": templating.url_with,
    "district_label": district_label,
    "has_endpoint": templating.has_endpoint,
    "get_locale": i18n.get_locale,
    "html_lang": i18n.html_lang,
    "current_language": i18n.current_language,
    "language_switch": i18n.SWITCH_LABELS,
    "localized": localize.localized,
    "reads_chinese": localize.reads_chinese,
    "reader_version": localize.reader_version,
    "reader_text": localize.reader_text,
    "part_levels": part_levels,
    "event_title": helpers.event_title,
    "event_slot": helpers.event_slot,
    "event_slot_start": helpers.event_slot_start,
    "event_time": helpers.event_time,
    "request_status": helpers.request_status,
    "fit_word": helpers.fit_word,
    "unplaced_reason": helpers.unplaced_reason,
}

FILTERS = {
    "date": templating.format_date,
    "datetime": templating.format_time,
    "cny": templating.format_cny,
    "first_sentence": localize.first_sentence,
    "shanghai": marketplace.bids.bids_routes.shanghai,
}

def current_year() -> dict:
    """The year for the footer."""
    return {"current_year": datetime.now().year}


CONTEXT_PROCESSORS = (
    current_year,
    tokens.token_panel,
    image_routes.picture_helpers,
    marketplace.notifications.notifications_routes.inject_bell,
)


def init_app(app: Flask) -> None:
    """Register every global, filter and context processor, and the whitespace settings."""
    app.jinja_env.globals.update(PURE_GLOBALS)
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    for processor in CONTEXT_PROCESSORS:
        app.context_processor(processor)
