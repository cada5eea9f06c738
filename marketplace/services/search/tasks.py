"""Saved-search alerts as a periodic job (registered on the app's Huey queue)."""

from __future__ import annotations

from huey import crontab

from marketplace.jobs import _app_context, huey


@huey.periodic_task(crontab(minute="*"), retries=2, retry_delay=20)
def saved_search_alerts() -> int:
    """Every minute: run the saved searches and notify owners of new results (each once)."""
    from marketplace.services.search.saved import check_all

    with _app_context():
        return check_all()[1]


@huey.periodic_task(crontab(minute="0", hour="0"), retries=2, retry_delay=60)
def saved_search_digests() -> int:
    """Every day at 08:00 Beijing time: one digest per account of its daily saved searches."""
    from marketplace.services.search.saved import send_digests

    with _app_context():
        return send_digests()[1]
