"""Schemathesis over every /api/v1 operation, in-process through the WSGI app, deterministic:
no server error and no response that breaks the generated OpenAPI document, for a visitor and
a token of every role (rotating case by case)."""

from __future__ import annotations

import itertools

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

EXAMPLES = 25  # per operation: about 40 operations -> about 1,000 cases
ROLES = ("visitor", "studio_a", "maker_a", "staff_a")
_turn = itertools.count()


def test_every_operation_answers_without_server_errors_and_within_its_schema(app, world):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    counts: dict[str, int] = {}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
            suppress_health_check=list(HealthCheck),
        )  # fmt: skip
        def run(case):
            role = ROLES[next(_turn) % len(ROLES)]
            counts[case.operation.label] = counts.get(case.operation.label, 0) + 1
            case.call_and_validate(
                headers=world["headers"][role],
                checks=[not_a_server_error, response_schema_conformance],
            )

        run()
    print(f"schemathesis: {sum(counts.values())} cases over {len(counts)} operations")
    assert len(counts) == len(operations) >= 20


def test_the_document_covers_every_resource(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in (
        "/api/v1/industries", "/api/v1/scenarios/{code}", "/api/v1/studios/{studio_id}",
        "/api/v1/needs", "/api/v1/me/needs", "/api/v1/me/bids", "/api/v1/needs/{need_id}/bids",
        "/api/v1/me/matches", "/api/v1/needs/{need_id}/studios", "/api/v1/review/decisions",
        "/api/v1/audit", "/api/v1/needs/{need_id}/award", "/api/v1/needs/{need_id}/decline",
        "/api/v1/needs/{need_id}/shortlist", "/api/v1/review/proposals",
        "/api/v1/review/proposals/{row_id}/decision",
        "/api/v1/review/decisions/{decision_id}/withdraw",
        "/api/v1/audit", "/api/v1/companies/{company_id}", "/api/v1/me/engagements",
        "/api/v1/engagements/{engagement_id}", "/api/v1/engagements/{engagement_id}/messages",
        "/api/v1/engagements/{engagement_id}/milestones", "/api/v1/milestones/{milestone_id}/agree",
        "/api/v1/milestones/{milestone_id}/accept", "/api/v1/milestones/{milestone_id}/return",
        "/api/v1/engagements/{engagement_id}/complete",
        "/api/v1/engagements/{engagement_id}/cancel",
        "/api/v1/engagements/{engagement_id}/outcome",
        "/api/v1/engagements/{engagement_id}/ratings",
    ):  # fmt: skip
        assert path in paths
