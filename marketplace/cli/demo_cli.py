"""`flask demo images`: districts, claims and drawn pictures for the fictional demo studios."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from marketplace.services.engagements import engagement_demo
from marketplace.services.studios import studio_demo

demo_group = AppGroup("demo", help="Dress the demo data.")


@demo_group.command("images")
def images_command() -> None:
    """Give every studio without pictures a district, a claim (some verified) and pictures."""
    done = studio_demo.dress_all()
    click.echo(f"demo pictures, districts and claims for {done} studios")


@demo_group.command("engagements")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def engagements_command(file) -> None:
    """Award the demo needs of FILE and carry each through its work (skips those already there)."""
    report = engagement_demo.seed(file)
    click.echo(f"demo engagements: {report.created} created, {report.skipped} already there")
