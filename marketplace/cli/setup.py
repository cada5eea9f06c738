"""`flask init`: apply migrations and load the bundled catalogue (safe to run twice)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from flask_migrate import upgrade

from marketplace.services import catalog
from marketplace.services.jsonl import ImportRejected


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Apply database migrations and load the bundled scenario catalogue."""
    upgrade()
    try:
        report = catalog.load_bundled_catalogue()
    except ImportRejected as exc:
        raise click.ClickException(f"the bundled catalogue is invalid:\n{exc}") from exc
    click.echo(
        f"Database ready; catalogue: {len(report.created)} scenarios added, "
        f"{len(report.updated)} updated, {report.unchanged} unchanged "
        f"({catalog.scenario_count()} in all)."
    )
