"""The job consumer's health for staff, read by the same functions as /metrics and /readyz."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app

from marketplace import heartbeat, jobs
from marketplace.models._types import utcnow
from marketplace.services.ops import ops_figures, readiness

OUTBOX_LATE_SECONDS = 120  # an event waiting longer than two reconcile periods is late
RECONCILE_LATE_SECONDS = 300  # the reconcile runs every minute; five missed ones need a look


@dataclass(frozen=True)
class ConsumerHealth:
    """One reading: the readiness checks, the figures, and which of them need attention."""

    checks: list[readiness.Check]
    figures: ops_figures.Figures
    in_process: bool  # jobs run inside the web process (development, tests): no consumer
    heartbeat_host: str | None
    heartbeat_pid: int | None
    heartbeat_limit: int
    last_drain_at: datetime | None
    last_drain_processed: int | None

    @property
    def consumer_alive(self) -> bool:
        """A consumer beat within the readiness limit (or none is needed)."""
        age = self.figures.heartbeat_age
        return self.in_process or (age is not None and age <= self.heartbeat_limit)

    @property
    def outbox_late(self) -> bool:
        """The oldest pending event has waited longer than two reconcile periods."""
        return self.figures.outbox_oldest_age > OUTBOX_LATE_SECONDS

    @property
    def reconcile_late(self) -> bool:
        """No drain finished recently although a consumer should be running."""
        if self.in_process:
            return False
        if self.last_drain_at is None:
            return True
        return (utcnow() - self.last_drain_at).total_seconds() > RECONCILE_LATE_SECONDS

    @property
    def problems(self) -> int:
        """How many rows of the page need attention."""
        return sum([
            not all(c.ok for c in self.checks), not self.consumer_alive, self.outbox_late,
            self.figures.outbox_given_up > 0, bool(self.figures.failing_by_handler),
            self.reconcile_late,
        ])  # fmt: skip


def read() -> ConsumerHealth:
    """Read the checks and figures now."""
    found = ops_figures.read()
    beat = None if jobs.huey.immediate else heartbeat.last_beat(jobs.huey)
    drain = heartbeat.last_drain(jobs.huey)
    return ConsumerHealth(
        checks=readiness.run_checks(),
        figures=found,
        in_process=bool(jobs.huey.immediate),
        heartbeat_host=None if beat is None else str(beat.get("host", "")),
        heartbeat_pid=None if beat is None else int(beat.get("pid") or 0),
        heartbeat_limit=int(current_app.config.get("READY_HEARTBEAT_MAX_AGE", 60)),
        last_drain_at=(
            None if found.last_drain_at is None
            else datetime.fromtimestamp(found.last_drain_at, UTC).replace(tzinfo=None)
        ),
        last_drain_processed=None if drain is None else int(drain.get("processed") or 0),
    )  # fmt: skip
