"""`flask events import|schedule|export`: matchmaking events prepared elsewhere, scheduled here."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from marketplace.services.common.jsonl import ImportRejected
from marketplace.services.common.service_errors import ServiceError
from marketplace.services.matchmaking import (
    matchmaking_import,
    matchmaking_reading,
    scheduling,
    solver,
)


@click.group("events")
def events_group() -> None:
    """Matchmaking events: import JSON Lines, run the scheduler, export."""


@events_group.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--dry-run", is_flag=True, help="Check the file and report; write nothing.")
@with_appcontext
def import_command(file, dry_run: bool) -> None:
    """Check every line of FILE, then create or update events, participants and requests.

    \b
    One JSON object per line (UTF-8), by "kind":
      event        ref, title (or title_zh + title_en), date (2027-03-01), slots, tables;
                   optional start (14:00 Beijing time), slot_minutes, break_minutes, venue,
                   online_link, max_requests, max_meetings, registration_deadline and
                   request_deadline (Beijing time; default: closed at import)
      participant  event, ref, role (manufacturer | studio), name; optional unavailable
                   (slot numbers from 1), email (an existing account), studio (a studio's
                   ref, for a studio taking part without an account), seeking
      request      event, a, b (participant refs); optional status (pending | accepted |
                   declined), note
    """
    try:
        batch = matchmaking_import.parse(file)
    except ImportRejected as exc:
        raise click.ClickException(f"nothing was imported; fix these lines:\n{exc}") from exc
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"nothing was imported; {file.name} is not UTF-8 text") from exc
    counts = (len(batch.events), len(batch.participants), len(batch.requests))
    if dry_run:
        click.echo("Checked {} events, {} participants, {} requests: the file is valid; "
                   "nothing was written.".format(*counts))  # fmt: skip
        return
    matchmaking_import.write(batch)
    click.echo("Imported {} events, {} participants, {} requests.".format(*counts))


@events_group.command("schedule")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print the timetable as JSON.")
@click.option("--keep", is_flag=True, help="Keep meetings already placed; place the others.")
@with_appcontext
def schedule_command(ref: str, as_json: bool, keep: bool) -> None:
    """Place the accepted requests of event REF (exact; the same input gives the same result)."""
    event = matchmaking_reading.event_by_ref(ref)
    if event is None:
        raise click.ClickException(f"no event with ref {ref!r}")
    try:
        outcome = scheduling.run(None, event.id, keep=keep)
    except solver.NotSolved as exc:
        raise click.ClickException(str(exc)) from exc
    except ServiceError as exc:
        raise click.ClickException(str(exc)) from exc
    result = scheduling.as_json(matchmaking_reading.event_by_ref(ref))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    for m in result["meetings"]:
        click.echo(f"slot {m['slot']:>2}  table {m['table']:>3}  {m['a']} - {m['b']}")
    for u in result["unplaced"]:
        click.echo(f"not placed: {u['a']} - {u['b']}: {u['reason']}")
    click.echo(f"{outcome.placed} meetings placed, {outcome.unplaced} left out.")


@events_group.command("publish")
@click.argument("ref")
@with_appcontext
def publish_command(ref: str) -> None:
    """Publish the timetable of event REF: agendas open and participants are told."""
    event = matchmaking_reading.event_by_ref(ref)
    if event is None:
        raise click.ClickException(f"no event with ref {ref!r}")
    try:
        told = scheduling.publish(None, event.id)
    except ServiceError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Published the timetable of {ref}; {told} participants told.")


@events_group.command("export")
@click.argument("ref")
@with_appcontext
def export_command(ref: str) -> None:
    """Print event REF, its participants and requests as JSON Lines (what import reads)."""
    event = matchmaking_reading.event_by_ref(ref)
    if event is None:
        raise click.ClickException(f"no event with ref {ref!r}")
    for line in matchmaking_import.export(event):
        click.echo(line)
