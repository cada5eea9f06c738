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


@click.command("follow")
@click.option("--interval", type=click.FloatRange(min=0.1), default=2.0, show_default=True,
              help="Seconds between passes.")  # fmt: skip
@click.option("--full-every", type=click.FloatRange(min=1), default=300.0, show_default=True,
              help="Seconds between whole-index checks against the database.")  # fmt: skip
@click.option("--once", is_flag=True, help="One pass, then exit.")
@with_appcontext
def follow_command(interval: float, full_every: float, once: bool) -> None:
    """Keep this host's search index in step with the shared database (one per web host)."""
    import time

    from marketplace.extensions import db
    from marketplace.services.search import follow

    while True:
        try:
            report = follow.follow_once(full_every=full_every)
            if report.applied or report.full_check:
                click.echo(
                    f"search follow: {report.applied} event(s) applied up to outbox id "
                    f"{report.cursor}"
                    + (f"; full check, {report.repaired} repaired" if report.full_check else "")
                )
        except Exception as exc:  # a pass that fails is retried; the process keeps following
            db.session.rollback()
            if once:
                raise click.ClickException(f"search follow failed: {exc}") from exc
            click.echo(f"warning: search follow pass failed ({exc!r}); retrying", err=True)
        if once:
            return
        time.sleep(interval)
