"""`flask needs import|export`: manufacturers' needs as JSON Lines."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from marketplace.services.common.jsonl import ImportRejected
from marketplace.services.needs import need_import


@click.group("needs")
def needs_group() -> None:
    """Import and export needs (JSON Lines, one need per line)."""


@needs_group.command("export")
@with_appcontext
def export_command() -> None:
    """Print every need as one JSON object per line (the import format)."""
    for record in need_import.export_needs():
        click.echo(json.dumps(record.as_line(), ensure_ascii=False))


@needs_group.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--dry-run", is_flag=True, help="Validate the file and report; write nothing.")
@with_appcontext
def import_command(file, dry_run: bool) -> None:
    """Validate every line of FILE, then create or update needs by ref (all or nothing).

    \b
    One JSON object per line (UTF-8):
      ref          required, unique: letters, digits, . _ - (up to 64)
      manufacturer required, an existing manufacturer account's e-mail
      title        required, 5-200 characters
      description  required, 30-5,000 characters
      industry, disciplines (codes), scenario (a catalogue code),
      budget_min, budget_max (CNY), deadline (ISO 8601; without an offset it is
      Beijing time), delivery (a date), status (draft, submitted, returned,
      published, awarded, closed; default published),
      title_translation and description_translation (optional, both or neither:
      the need in the other language, English when it is written in Chinese)

    Re-importing a ref updates that need in place.
    """
    try:
        records = need_import.parse_needs(file)
    except ImportRejected as exc:
        raise click.ClickException(f"nothing was imported; fix these lines:\n{exc}") from exc
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"nothing was imported; {file.name} is not UTF-8 text") from exc
    if dry_run:
        click.echo(f"Checked {len(records)} needs: the file is valid; nothing was written.")
        return
    report = need_import.import_needs(records)
    click.echo(
        f"Imported {len(records)} needs: {len(report.created)} new, "
        f"{len(report.updated)} updated."
    )
