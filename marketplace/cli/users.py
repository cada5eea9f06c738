"""`flask users create`: commission staff accounts (never self-registered) and manufacturers."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from marketplace.services.accounts import accounts
from marketplace.services.common.service_errors import ValidationFailed


@click.group("users")
def users_group() -> None:
    """Manage accounts."""


@users_group.command("create")
@click.option("--role", type=click.Choice(["staff", "manufacturer"]), required=True)
@click.option("--email", required=True, help="The account's email address.")
@click.option("--name", default=None, help="The organisation (required for a manufacturer).")
@with_appcontext
def create_command(role: str, email: str, name: str | None) -> None:
    """Create a staff or manufacturer account; the password is prompted twice (never taken as
    an argument). A manufacturer needs --name ORG."""
    if role == "manufacturer" and not (name or "").strip():
        raise click.UsageError("--name ORG is required for a manufacturer account")
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        if role == "manufacturer":
            user = accounts.register("manufacturer", name, email, password)
        else:
            user = accounts.create_staff(
                email, password, name or "Chongqing Economic and Information Technology Commission"
            )
    except ValidationFailed as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {role} account {user.email}.")


@users_group.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@with_appcontext
def import_command(file) -> None:
    """Create manufacturer accounts from JSON Lines ({"email", "name", "password"}; demo data).

    Every line is checked first and nothing is written if one is bad; an e-mail that already has
    an account is left as it is.
    """
    from marketplace.services.common.jsonl import ImportRejected

    try:
        report = accounts.import_manufacturers(file)
    except ImportRejected as exc:
        raise click.ClickException(f"nothing was imported; fix these lines:\n{exc}") from exc
    click.echo(f"Manufacturers: {report[0]} created, {report[1]} already there.")
