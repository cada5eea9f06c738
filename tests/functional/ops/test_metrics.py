"""/metrics: Prometheus text with per-endpoint latency and the outbox figures counted by hand;
only allowed scrapers (address, token) and staff may read it."""

from __future__ import annotations

from datetime import timedelta

from prometheus_client.parser import text_string_to_metric_families

from marketplace.extensions import db
from marketplace.models import OutboxEntry
from marketplace.models._types import utcnow
from tests.conftest import login


def _samples(text: str) -> dict[tuple, float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_metrics_count_pending_events_their_age_and_failing_handlers(app):
    with app.app_context():
        old = utcnow() - timedelta(minutes=10)
        db.session.add_all([
            OutboxEntry(topic="studios-changed", payload={"ids": [1]}, created_at=old),
            OutboxEntry(
                topic="notify", payload={}, created_at=utcnow(), attempts=2,
                last_error="marketplace.services.notifications.mail.on_notified: SMTPError('down')",
            ),
            OutboxEntry(topic="notify", payload={}, created_at=old, done_at=utcnow()),
        ])  # fmt: skip
        db.session.commit()
    response = app.test_client().get("/metrics")
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain; version=")
    samples = _samples(response.get_data(as_text=True))
    assert samples[("marketplace_outbox_pending", ())] == 2  # the done one does not count
    assert 600 <= samples[("marketplace_outbox_oldest_pending_age_seconds", ())] < 700
    handler = "marketplace.services.notifications.mail.on_notified"
    assert samples[("marketplace_outbox_failing_events", (("handler", handler),))] == 1
    assert samples[("marketplace_job_queue_depth", ())] == 0


def test_request_latency_is_recorded_per_endpoint(app):
    client = app.test_client()
    before = _samples(client.get("/metrics").get_data(as_text=True))
    key = (
        "marketplace_request_duration_seconds_count",
        (("endpoint", "catalog.scenarios"), ("method", "GET")),
    )
    for _ in range(3):
        assert client.get("/scenarios").status_code == 200
    after = _samples(client.get("/metrics").get_data(as_text=True))
    assert after[key] - before.get(key, 0) == 3


def test_metrics_are_refused_to_other_addresses_and_proxied_requests(app):
    app.config["METRICS_ALLOW_IPS"] = "10.0.0.0/8"
    client = app.test_client()
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 200
    relayed = client.get(
        "/metrics", environ_base={"REMOTE_ADDR": "10.1.2.3"},
        headers={"X-Forwarded-For": "203.0.113.9"},
    )  # fmt: skip
    assert relayed.status_code == 403


def test_a_scraper_with_the_token_or_staff_may_read_metrics(app, make_account):
    app.config.update(METRICS_ALLOW_IPS="", METRICS_TOKEN="s3cret-scrape-token")
    client = app.test_client()
    assert client.get("/metrics").status_code == 403
    wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    right = client.get("/metrics", headers={"Authorization": "Bearer s3cret-scrape-token"})
    assert right.status_code == 200
    studio = app.test_client()
    login(studio, make_account("studio"))
    assert studio.get("/metrics").status_code == 403
    staff = app.test_client()
    login(staff, make_account("staff"))
    assert staff.get("/metrics").status_code == 200
