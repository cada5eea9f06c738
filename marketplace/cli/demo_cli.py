"""`flask demo images`: districts, claims and drawn pictures for the fictional demo studios."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from marketplace.services.studios import studio_demo

demo_group = AppGroup("demo", help="Dress the demo data.")


@demo_group.command("images")
def images_command() -> None:
    """Give every studio without pictures a district, a claim (some verified) and pictures."""
    done = studio_demo.dress_all()
    click.echo(f"demo pictures, districts and claims for {done} studios")
