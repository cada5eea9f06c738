"""`flask match learn`: fusion weights fitted on staff decisions, adopted only when better."""

from __future__ import annotations

import math

import click
from flask.cli import with_appcontext


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


@click.command("learn")
@click.option("--dry-run", is_flag=True, help="Print the figures; never adopt.")
@click.option(
    "--simulate", is_flag=True,
    help="Learn from decisions simulated on the labelled dev set (--studios/--needs) instead of "
         "staff decisions; implies --dry-run.",
)  # fmt: skip
@click.option("--studios", "studios_file", type=click.Path(exists=True, dir_okay=False),
              default="tests/data/dev_studios.jsonl", show_default=True)  # fmt: skip
@click.option("--needs", "needs_file", type=click.Path(exists=True, dir_okay=False),
              default="tests/data/dev_needs.jsonl", show_default=True)  # fmt: skip
@with_appcontext
def learn_command(dry_run: bool, simulate: bool, studios_file: str, needs_file: str) -> None:
    """Fit fusion weights on approve/reject decisions; adopt a new version only when better."""
    from marketplace.services.reviews import learning

    examples = None
    if simulate:
        from marketplace.services.matching.encoding import encoder
        from marketplace.services.matching.store import catalogue_docs
        from marketplace.services.reviews.simulate import simulated_examples
        from matching.evaluate import read_jsonl

        examples = simulated_examples(
            read_jsonl(studios_file), read_jsonl(needs_file), catalogue_docs()["scenarios"],
            encoder(), weights=learning.current_weights(),
        )  # fmt: skip
        click.echo(f"Simulated {len(examples)} decisions from {studios_file} and {needs_file}.")
    outcome = learning.learn(examples, adopt=not (dry_run or simulate))
    click.echo(f"Decisions: {outcome.decisions} in {outcome.groups} lists "
               f"({outcome.usable_groups} with both an approval and a rejection)")  # fmt: skip
    if not math.isnan(outcome.current):
        click.echo("Held-out pairwise accuracy (approved ranked above rejected, grouped CV):")
        click.echo(f"  current weights  {_fmt(outcome.current)}")
        click.echo(f"  learned weights  {_fmt(outcome.learned)}  (gain {outcome.gain:+.3f})")
        click.echo("  current: " + ", ".join(
            f"{k} {v:g}" for k, v in sorted(learning.current_weights().items())))  # fmt: skip
        if outcome.weights:
            click.echo("  learned: " + ", ".join(
                f"{k} {v:g}" for k, v in sorted(outcome.weights.items())))  # fmt: skip
    click.echo(outcome.message)
    if outcome.adopted:
        click.echo("Run `flask match refresh` to recompute every list with the new weights.")
