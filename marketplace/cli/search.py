"""`flask search rebuild|check`: rebuild the full-text index from the database, or compare them."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext

from marketplace.services.search import indexing

SHOW_KEYS = 50  # keys listed per kind of difference; the rest are counted


@click.group("search")
def search_group() -> None:
    """Keep the full-text search index in step with the database."""


@search_group.command("rebuild")
@with_appcontext
def rebuild_command() -> None:
    """Rebuild the whole index from the database (searches keep working meanwhile)."""
    total = indexing.rebuild_size()
    started = time.perf_counter()
    with click.progressbar(length=total, label=f"Indexing {total} documents") as bar:
        count = indexing.rebuild(progress=bar.update)
    click.echo(f"Search index rebuilt: {count} documents in {time.perf_counter() - started:.1f} s.")


def _echo_keys(label: str, keys: tuple[str, ...]) -> None:
    if not keys:
        return
    click.echo(f"{label} ({len(keys)}):")
    for key in keys[:SHOW_KEYS]:
        click.echo(f"  {key}")
    if len(keys) > SHOW_KEYS:
        click.echo(f"  ... and {len(keys) - SHOW_KEYS} more")


@search_group.command("check")
@click.option("--fix", is_flag=True, help="Write what is missing or stale and delete extras.")
@with_appcontext
def check_command(fix: bool) -> None:
    """Compare the index with the database; exit 1 listing the keys that differ (unless --fix)."""
    if not indexing.schema_is_current():
        click.echo("The index was written by an older version; `search rebuild` updates it.")
        if fix:
            click.echo(f"Rebuilt: {indexing.rebuild()} documents.")
            return
        raise SystemExit(1)
    diff = indexing.check()
    if diff.is_clean:
        click.echo("Search index is in step with the database.")
        return
    click.echo(f"Search index differs from the database: {diff.summary()}.")
    _echo_keys("missing from the index", diff.missing)
    _echo_keys("stale (changed since indexed)", diff.stale)
    _echo_keys("extra (no longer searchable)", diff.extra)
    if not fix:
        click.echo("Run `flask --app wsgi search check --fix` (or `search rebuild`) to repair it.")
        raise SystemExit(1)
    written, deleted = indexing.repair(diff)
    after = indexing.check()
    if not after.is_clean:  # a row changed again while repairing: say so rather than hide it
        raise click.ClickException(f"still differs after repair: {after.summary()}")
    click.echo(f"Repaired: {written} written, {deleted} deleted; the index is in step.")
