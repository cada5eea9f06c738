"""The monthly report job (registered on the app's Huey queue)."""

from __future__ import annotations

from huey import crontab

from marketplace.jobs import _app_context, huey


@huey.periodic_task(crontab(day="1", hour="1", minute="5"))
def monthly_city_report() -> str | None:
    """On the first of each month (09:05 in Chongqing): keep the report of the month just ended."""
    from marketplace.services.city.city_reports import generate_due

    with _app_context():
        return generate_due()
