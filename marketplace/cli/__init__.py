"""Command-line interface: `flask --app wsgi <command>`."""

from __future__ import annotations

from flask import Flask

from marketplace.cli import (
    bids,
    catalog,
    city,
    demo,
    learn,
    match,
    matchmaking,
    needs,
    ops,
    search,
    setup,
    studios,
    users,
)

COMMANDS = (
    setup.init_command,
    catalog.catalog_group,
    users.users_group,
    studios.studios_group,
    search.search_group,
    match.match_group,
    needs.needs_group,
    bids.bids_group,
    demo.demo_group,
    ops.backup_command,
    ops.restore_command,
    city.city_group,
    matchmaking.events_group,
)


def register_cli(app: Flask) -> None:
    """Attach every command group, and each command kept outside its group's module."""
    search.search_group.add_command(ops.follow_command)
    match.match_group.add_command(learn.learn_command)
    for command in COMMANDS:
        app.cli.add_command(command)
