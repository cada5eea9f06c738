"""The one table of the app's wiring: which handlers each domain event has, and every Huey task.

Read it top to bottom to see what happens after a commit and what runs in the background:
`EVENT_HANDLERS` maps each event type to its handlers, in order (search first: it is cheap);
`create_app` calls `install()`, which hands that table to the outbox drain in `marketplace/jobs.py`
and sets the after-commit hook. The tasks below are the only ones on the queue; the consumer
(`huey_consumer marketplace.worker.huey`) imports this module to know them.
"""

from __future__ import annotations

from huey import crontab

from marketplace import jobs
from marketplace.events import DomainEvent
from marketplace.jobs import Handler, huey, in_app_context
from marketplace.services.accounts import login_codes, password_reset
from marketplace.services.accounts.account_events import (
    LoginCodeRequested,
    PasswordResetRequested,
)
from marketplace.services.catalog.catalog_events import ScenariosChanged
from marketplace.services.city.city_reports import generate_due
from marketplace.services.engagements.engagement_reminders import send_milestone_reminders
from marketplace.services.matching import matching_handlers, need_matches
from marketplace.services.matchmaking import fits
from marketplace.services.matchmaking.matchmaking_events import ParticipantsChanged
from marketplace.services.needs.need_events import NeedsChanged
from marketplace.services.needs.need_reminders import send_deadline_reminders
from marketplace.services.notifications import mail
from marketplace.services.notifications.notification_events import NotificationsCreated
from marketplace.services.ops.nightly_backup import take_nightly_backup
from marketplace.services.reviews import review_notices
from marketplace.services.reviews.review_events import MatchDecided
from marketplace.services.search import saved, search_handlers
from marketplace.services.studios import studio_demo
from marketplace.services.studios.studio_events import StudiosChanged, StudiosRemoved

EVENT_HANDLERS: dict[type[DomainEvent], tuple[Handler, ...]] = {
    StudiosChanged: (
        search_handlers.on_studios_changed,
        matching_handlers.on_studios_changed,  # scenario lists, then the need lists: one pass each
        saved.on_index_changed,
    ),
    StudiosRemoved: (search_handlers.on_studios_changed, matching_handlers.on_studios_removed),
    ScenariosChanged: (
        search_handlers.on_scenarios_changed, matching_handlers.on_scenarios_changed,
    ),
    NeedsChanged: (
        search_handlers.on_needs_changed, saved.on_index_changed,
        need_matches.on_needs_changed,
    ),
    NotificationsCreated: (mail.on_notifications_created,),
    MatchDecided: (review_notices.on_match_decided,),
    PasswordResetRequested: (password_reset.on_reset_requested,),
    LoginCodeRequested: (login_codes.on_code_requested,),
    ParticipantsChanged: (fits.on_participants_changed,),
}


def _saved_search_alerts() -> int:
    """Run the saved searches with alerts on; how many new results were announced."""
    return saved.check_all()[1]


def _saved_search_digests() -> int:
    """Send each account one digest of its daily saved searches; how many were sent."""
    return saved.send_digests()[1]


# The queue: the drain the after-commit hook asks for, and every periodic job (UTC times).
drain_outbox = huey.task(retries=3, retry_delay=5)(jobs.drain_outbox)
reconcile = huey.periodic_task(crontab(minute="*"))(jobs.reconcile)  # drain what is left
deadline_reminders = huey.periodic_task(crontab(minute="*/10"))(
    in_app_context(send_deadline_reminders)  # "deadline in 24 hours", once per need
)
milestone_reminders = huey.periodic_task(crontab(minute="7"))(
    in_app_context(send_milestone_reminders)  # milestones due within two days, once per date
)
saved_search_alerts = huey.periodic_task(crontab(minute="*"), retries=2, retry_delay=20)(
    in_app_context(_saved_search_alerts)
)
saved_search_digests = huey.periodic_task(
    crontab(minute="0", hour="0"), retries=2, retry_delay=60
)(
    in_app_context(_saved_search_digests)  # 08:00 in Chongqing: the daily digests
)
monthly_city_report = huey.periodic_task(crontab(day="1", hour="1", minute="5"))(
    in_app_context(generate_due)  # 09:05 in Chongqing on the 1st: the month just ended
)
nightly_backup = huey.periodic_task(crontab(hour="19", minute="30"))(
    in_app_context(take_nightly_backup)  # 03:30 in Chongqing
)
# `flask demo images --later` (make demo): each demo studio's pictures, drawn once the site is up
demo_pictures = huey.task(retries=2, retry_delay=10)(in_app_context(studio_demo.draw_pictures_job))
huey.on_startup()(jobs.catch_up)  # a starting consumer beats, then drains what waited


def install() -> None:
    """Hand the event table and the drain task to the jobs module (idempotent; create_app)."""
    jobs.install(EVENT_HANDLERS, drain_outbox)
    jobs.register_tasks({studio_demo.PICTURES_TASK: demo_pictures})
