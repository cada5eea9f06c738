"""Command-line interface: `flask --app wsgi <command>`."""

from __future__ import annotations

from flask import Flask

from marketplace.cli import (
    bids,
    catalog,
    demo,
    match,
    matchmaking,
    needs,
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
    matchmaking.events_group,
)


def register_cli(app: Flask) -> None:
    """Attach every command group to the app."""
    for command in COMMANDS:
        app.cli.add_command(command)
