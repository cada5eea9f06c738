"""`flask catalog import|export`: scenarios as JSON Lines."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from marketplace.services.catalog import scenario_catalogue
from marketplace.services.common.jsonl import ImportRejected


@click.group("catalog")
def catalog_group() -> None:
    """Import and export the scenario catalogue (JSON Lines, one scenario per line)."""


@catalog_group.command("export")
@with_appcontext
def export_command() -> None:
    """Print every scenario as one JSON object per line."""
    for row in scenario_catalogue.export_scenarios():
        click.echo(json.dumps(row, ensure_ascii=False))


@catalog_group.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@with_appcontext
def import_command(file) -> None:
    """Validate every line of FILE, then create or update scenarios by code (all or nothing)."""
    try:
        records = scenario_catalogue.parse_scenarios(file)
    except ImportRejected as exc:
        raise click.ClickException(f"nothing was imported; fix these lines:\n{exc}") from exc
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"nothing was imported; {file.name} is not UTF-8 text") from exc
    report = scenario_catalogue.import_scenarios(records)
    click.echo(
        f"Imported {len(records)} scenarios: {len(report.created)} new, "
        f"{len(report.updated)} updated, {report.unchanged} unchanged."
    )
