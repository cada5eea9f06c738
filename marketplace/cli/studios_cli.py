"""`flask studios import|export`: bulk onboarding of studios as JSON Lines."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext

import click
from flask.cli import with_appcontext
from tqdm import tqdm

from marketplace import jobs
from marketplace.services.common.jsonl import ImportRejected
from marketplace.services.studios import studio_import

PROGRESS_FROM = 200  # files longer than this show a progress bar on stderr


@click.group("studios")
def studios_group() -> None:
    """Import and export studios (JSON Lines, one studio per line)."""


@studios_group.command("export")
@with_appcontext
def export_command() -> None:
    """Print every studio with a capability statement as one JSON object per line."""
    for record in studio_import.export_studios():
        click.echo(json.dumps(record.as_line(), ensure_ascii=False))
    skipped = studio_import.unexportable_count()
    if skipped:
        click.echo(
            f"note: {skipped} studio profile(s) without a capability statement were left out.",
            err=True,
        )


@studios_group.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--dry-run", is_flag=True, help="Validate the file and report; write nothing.")
@click.option("--queue", "queue", is_flag=True,
              help="Leave matching and indexing to the job consumer or the next command that "
                   "drains (one recompute for several bulk steps), instead of waiting here.")
@with_appcontext
def import_command(file, dry_run: bool, queue: bool) -> None:
    """Validate every line of FILE, then create or update studios by ref (all or nothing).

    \b
    One JSON object per line (UTF-8):
      ref          required, unique: letters, digits, . _ - (up to 64)
      name         required, 2-200 characters
      text         required, the capability statement, 50-3,000 characters
      name_zh, district (code or English name, e.g. yubei / Yubei), industries,
      disciplines (lists of codes), accreditation (none/district/municipal/national),
      website (http/https), founded (1949-this year), team_size (1-100000),
      text_translation (optional: the statement in the other language, English
      when text is Chinese and Chinese when it is English; up to 3,000)

    `id` is read as `ref` when a line has no `ref` (the matching evaluation sample uses
    it); the output says so. Re-importing a ref updates that studio in place: format
    fields a line leaves out are cleared, contact details and portfolios are kept.
    """
    try:
        parsed = studio_import.parse_studios(file)
    except ImportRejected as exc:
        raise click.ClickException(f"nothing was imported; fix these lines:\n{exc}") from exc
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"nothing was imported; {file.name} is not UTF-8 text") from exc
    records = parsed.records
    if parsed.id_alias_lines:
        lines = parsed.id_alias_lines
        shown = ", ".join(map(str, lines[:10])) + (" ..." if len(lines) > 10 else "")
        click.echo(
            f"Note: {len(lines)} line(s) name the reference 'id' instead of 'ref' "
            f"(lines {shown}); it was used as the studio's ref."
        )
    if dry_run:
        click.echo(f"Checked {len(records)} studios: the file is valid; nothing was written.")
        return
    with tqdm(
        total=len(records), desc="Importing studios", unit="studio", file=sys.stderr,
        disable=len(records) <= PROGRESS_FROM,
    ) as bar, jobs.queued() if queue else nullcontext():  # fmt: skip
        report = studio_import.import_studios(records, progress=bar.update)
    click.echo(
        f"Imported {len(records)} studios: {len(report.created)} new, "
        f"{len(report.updated)} updated, {report.unchanged} unchanged."
    )
    if queue and (report.created or report.updated):
        click.echo("Matching and the search index follow in the job consumer "
                   "(or the next command that drains).")  # fmt: skip
