"""Command-line interface: `flask --app wsgi <command>`."""

from __future__ import annotations

from flask import Flask

from marketplace.cli import (
    bids_cli,
    catalog_cli,
    city_cli,
    cli_setup,
    demo_cli,
    learn,
    match,
    matchmaking_cli,
    needs_cli,
    ops_cli,
    search,
    studios_cli,
    users,
)

COMMANDS = (
    cli_setup.init_command,
    catalog_cli.catalog_group,
    users.users_group,
    studios_cli.studios_group,
    search.search_group,
    match.match_group,
    needs_cli.needs_group,
    bids_cli.bids_group,
    demo_cli.demo_group,
    ops_cli.backup_command,
    ops_cli.restore_command,
    city_cli.city_group,
    matchmaking_cli.events_group,
)


def register_cli(app: Flask) -> None:
    """Attach every command group, and each command kept outside its group's module."""
    search.search_group.add_command(ops_cli.follow_command)
    match.match_group.add_command(learn.learn_command)
    for command in COMMANDS:
        app.cli.add_command(command)
