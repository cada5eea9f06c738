"""`flask users create`: commission staff accounts (never self-registered)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from marketplace.services.accounts import accounts
from marketplace.services.common.errors import ValidationFailed


@click.group("users")
def users_group() -> None:
    """Manage accounts."""


@users_group.command("create")
@click.option("--role", type=click.Choice(["staff"]), required=True, help="Only staff here.")
@click.option("--email", required=True, help="The staff member's email address.")
@click.option("--name", default="Chongqing Economic and Information Technology Commission")
@with_appcontext
def create_command(role: str, email: str, name: str) -> None:
    """Create a staff account; the password is prompted twice (never taken as an argument)."""
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = accounts.create_staff(email, password, name)
    except ValidationFailed as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {role} account {user.email}.")
