"""`flask bids import FILE [--dry-run]`: bids as JSON Lines (demo data, migrations)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from marketplace.services.bids import bid_import
from marketplace.services.common.jsonl import ImportRejected


@click.group("bids")
def bids_group() -> None:
    """Import bids (JSON Lines, one bid per line)."""


@bids_group.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--dry-run", is_flag=True, help="Validate the file and report; write nothing.")
@with_appcontext
def import_command(file, dry_run: bool) -> None:
    """Validate every line of FILE, then create or update bids (all or nothing).

    \b
    One JSON object per line (UTF-8):
      need, studio   required: a need's ref and a studio's ref (one bid per pair)
      approach       required, 20-5,000 characters
      price          required, CNY;  weeks  required, duration in weeks
      team           optional
      status         submitted (default), shortlisted, awarded, declined, withdrawn;
                     decided ones only after the need's deadline; one award per need
      reason, note   for a declined bid: price, timeline, approach, experience,
                     scope, not_proceeding, other; and free text
    """
    try:
        records = bid_import.parse_bids(file)
    except ImportRejected as exc:
        raise click.ClickException(f"nothing was imported; fix these lines:\n{exc}") from exc
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"nothing was imported; {file.name} is not UTF-8 text") from exc
    if dry_run:
        click.echo(f"Checked {len(records)} bids: the file is valid; nothing was written.")
        return
    created, updated = bid_import.import_bids(records)
    click.echo(f"Imported {len(records)} bids: {created} new, {updated} updated.")
