"""`flask demo images`: districts, claims and drawn pictures for the fictional demo studios."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from marketplace import jobs
from marketplace.services.engagements import engagement_demo
from marketplace.services.studios import studio_demo

demo_group = AppGroup("demo", help="Dress the demo data.")


@demo_group.command("images")
@click.option("--later", is_flag=True,
              help="Queue the drawing for the job consumer (it starts with the site).")
def images_command(later: bool) -> None:
    """Give every studio without pictures a district, a claim (some verified) and pictures.

    Districts, claims and portfolio texts are written (and matched) before the command ends;
    with --later the pictures are drawn by the job consumer once the site is up, one studio
    per job, and appear on the studio pages as they are done.
    """
    report = studio_demo.dress_all(later=later)
    click.echo(f"demo pictures, districts and claims for {report.dressed} studios")
    if report.queued:
        click.echo(f"pictures of {report.queued} studios queued: the job consumer draws them "
                   "after the site starts (its log says 'demo pictures drawn')")  # fmt: skip


@demo_group.command("engagements")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def engagements_command(file) -> None:
    """Award the demo needs of FILE and carry each through its work (skips those already there)."""
    with jobs.deferred():  # one drain at the end, not one matching pass per need and step
        report = engagement_demo.seed(file)
    click.echo(f"demo engagements: {report.created} created, {report.skipped} already there")
