"""`flask backup [DIR]` and `flask restore DIR [--force]`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from marketplace.services.ops import backup, restore
from marketplace.services.ops.snapshot import SnapshotRefused


@click.command("backup")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup_command(folder: Path | None) -> None:
    """Write a consistent snapshot (database, uploads, manifest) while the site runs."""
    try:
        report = backup.take(folder)
    except SnapshotRefused as exc:
        raise click.ClickException(str(exc)) from exc
    counts = report.manifest.counts
    click.echo(
        f"Backup written to {report.folder}: {report.total_bytes / 1e6:.1f} MB in "
        f"{report.seconds:.1f} s (schema {report.manifest.revision}; {counts.get('studios', 0)} "
        f"studios, {counts.get('users', 0)} accounts, {counts.get('needs', 0)} needs)."
    )


@click.command("restore")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace an instance that already holds data.")
@with_appcontext
def restore_command(folder: Path, force: bool) -> None:
    """Check a snapshot, restore it, and rebuild the search index and match lists."""
    try:
        report = restore.restore(folder, force=force)
    except SnapshotRefused as exc:
        raise click.ClickException(f"restore refused, nothing was changed: {exc}") from exc
    upgraded = f", upgraded from {report.upgraded_from}" if report.upgraded_from else ""
    click.echo(
        f"Restored {folder} (taken {report.manifest.created_at}{upgraded}) in "
        f"{report.seconds:.1f} s: search index rebuilt with {report.search_documents} documents; "
        f"matching: {report.matching or 'not refreshed'}."
    )
    for note in report.notes:
        click.echo(f"warning: {note}", err=True)
