"""The PostgreSQL harness of tests/integration/postgres, reused for the audit trigger test."""

from tests.integration.postgres.conftest import postgres_server, postgres_url  # noqa: F401
