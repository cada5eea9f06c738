"""The /metrics text: every gunicorn worker's request histograms and the live figures."""

from __future__ import annotations

import os

from prometheus_client import REGISTRY as PROCESS_REGISTRY
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from marketplace.services.ops.ops_figures import Figures


class _FiguresCollector:
    """Turns one Figures reading into gauges."""

    def __init__(self, figures: Figures) -> None:
        self.figures = figures

    def collect(self):
        f = self.figures
        yield _gauge("marketplace_job_queue_depth", "Jobs waiting in the queue.", f.queue_depth)
        yield _gauge(
            "marketplace_jobs_scheduled", "Jobs scheduled for later (retries).", f.scheduled_jobs
        )
        yield _gauge(
            "marketplace_outbox_pending",
            "Outbox events waiting for their handlers.",
            f.outbox_pending,
        )
        yield _gauge(
            "marketplace_outbox_oldest_pending_age_seconds",
            "Age of the oldest pending outbox event (0 when none is pending).",
            f.outbox_oldest_age,
        )
        yield _gauge(
            "marketplace_outbox_given_up",
            "Outbox events given up after every retry.",
            f.outbox_given_up,
        )
        failing = GaugeMetricFamily(
            "marketplace_outbox_failing_events",
            "Pending events whose last attempt failed, by the handler that failed (mail included).",
            labels=["handler"],
        )
        for handler, count in sorted(f.failing_by_handler.items()):
            failing.add_metric([handler], count)
        yield failing
        if f.heartbeat_age is not None:
            yield _gauge(
                "marketplace_consumer_heartbeat_age_seconds",
                "Seconds since a job consumer last wrote its heartbeat.",
                f.heartbeat_age,
            )
        if f.last_drain_at is not None:
            yield _gauge(
                "marketplace_last_drain_timestamp_seconds",
                "Unix time of the last finished outbox drain (periodic reconcile or queued).",
                f.last_drain_at,
            )
        lists = GaugeMetricFamily(
            "marketplace_match_lists", "Stored match lists, by direction.", labels=["direction"]
        )
        ages = GaugeMetricFamily(
            "marketplace_match_list_oldest_age_seconds",
            "Age of the least recently computed match list, by direction (staleness).",
            labels=["direction"],
        )
        for direction in sorted(f.match_lists):
            lists.add_metric([direction], f.match_lists[direction])
            ages.add_metric([direction], f.match_oldest_age[direction])
        yield lists
        yield ages


def _gauge(name: str, doc: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, doc, value=value)


def render(figures: Figures) -> bytes:
    """The whole exposition: request metrics (all workers in multiprocess mode) and figures."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests_registry = CollectorRegistry()
        MultiProcessCollector(requests_registry)
    else:
        requests_registry = PROCESS_REGISTRY
    figures_registry = CollectorRegistry()
    figures_registry.register(_FiguresCollector(figures))
    return generate_latest(requests_registry) + generate_latest(figures_registry)
