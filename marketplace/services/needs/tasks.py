"""The needs' periodic job: deadline reminders (registered on the app's Huey queue)."""

from __future__ import annotations

from huey import crontab

from marketplace.jobs import _app_context, huey


@huey.periodic_task(crontab(minute="*/10"))
def deadline_reminders() -> int:
    """Every ten minutes: send the 'deadline in 24 hours' reminders not sent yet."""
    from marketplace.services.needs.need_reminders import send_deadline_reminders

    with _app_context():
        return send_deadline_reminders()


@huey.periodic_task(crontab(minute="7"))
def milestone_reminders() -> int:
    """Hourly: remind both parties of milestones due within two days (once per date)."""
    from marketplace.services.engagements.engagement_reminders import send_milestone_reminders

    with _app_context():
        return send_milestone_reminders()
