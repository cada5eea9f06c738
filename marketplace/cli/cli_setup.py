"""`flask init`: apply migrations, load the bundled catalogue, sync search (safe to run twice)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from flask_migrate import upgrade

from marketplace.cli import match
from marketplace.services.catalog import scenario_catalogue
from marketplace.services.common.jsonl import ImportRejected
from marketplace.services.search import indexing


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Apply database migrations, load the bundled catalogue and bring search in step."""
    upgrade()
    try:
        report = scenario_catalogue.load_bundled_catalogue()
    except ImportRejected as exc:
        raise click.ClickException(f"the bundled catalogue is invalid:\n{exc}") from exc
    click.echo(
        f"Database ready; catalogue: {len(report.created)} scenarios added, "
        f"{len(report.updated)} updated, {report.unchanged} unchanged "
        f"({scenario_catalogue.scenario_count()} in all)."
    )
    match.bring_up_to_date()
    sync = indexing.bring_in_step()
    if sync.rebuilt:
        click.echo(f"Search index rebuilt: {sync.documents} documents.")
    elif sync.written or sync.deleted:
        click.echo(
            f"Search index brought in step: {sync.written} written, {sync.deleted} removed "
            f"({sync.documents} documents)."
        )
    else:
        click.echo(f"Search index in step ({sync.documents} documents).")
