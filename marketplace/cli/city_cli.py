"""`flask city report`: keep the monthly City of Design report of a finished month."""

from __future__ import annotations

import click

from marketplace.services.city import city_reports
from marketplace.services.common.service_errors import ValidationFailed


@click.group("city")
def city_group() -> None:
    """City of Design figures and monthly reports."""


@city_group.command("report")
@click.option("--month", default=None, help="YYYY-MM; default: the month just ended")
def report_command(month: str | None) -> None:
    """Generate and keep the report of a finished month (once; kept as generated)."""
    month = month or city_reports.previous_month()
    try:
        report = city_reports.generate(month)
    except ValidationFailed as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"kept the report of {report.month} ({len(report.pdf or b'')} PDF bytes)")
