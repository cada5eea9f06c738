"""`match learn`: adopts learned fusion weights only when they win on held-out scenarios/needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from marketplace.services.reviews import learning
from marketplace.services.reviews.learning import Example

DATA = Path(__file__).resolve().parents[2] / "data"
CATALOGUE = Path(__file__).resolve().parents[3] / "marketplace" / "catalog" / "data" / "industries"


@pytest.fixture(scope="module")
def simulated() -> list[Example]:
    """Decisions on each dev-set need's top 10 studios, approved when both labels are shared."""
    from marketplace.services.reviews.simulate import simulated_examples
    from matching.evaluate import read_catalogue, read_jsonl
    from matching.testing import HashingEncoder

    _industries, scenarios = read_catalogue(CATALOGUE)
    return simulated_examples(read_jsonl(DATA / "dev_studios.jsonl"),
                              read_jsonl(DATA / "dev_needs.jsonl"), scenarios,
                              HashingEncoder(dim=384))  # fmt: skip


def _versions(app) -> int:
    from marketplace.extensions import db
    from marketplace.models import WeightsVersion

    return db.session.query(WeightsVersion).count()


def test_too_few_decisions_changes_nothing(app, runner):
    result = runner.invoke(args=["match", "learn"])
    assert result.exit_code == 0, result.output
    assert "Too few decisions" in result.output and "Nothing changed" in result.output
    with app.app_context():
        assert _versions(app) == 0


def test_learned_weights_are_adopted_when_they_win_on_held_out_needs(app, simulated):
    assert len(simulated) == 600 and 0 < sum(e.approved for e in simulated) < 600
    with app.app_context():
        before = learning.current_weights()
        outcome = learning.learn(simulated)
        assert outcome.adopted and outcome.gain >= learning.MIN_GAIN
        assert outcome.learned > outcome.current
        assert _versions(app) == 1
        assert learning.current_weights() == outcome.weights != before
        from marketplace.extensions import db
        from marketplace.models import AuditEntry

        assert db.session.query(AuditEntry).filter_by(action="weights-adopted").count() == 1
        again = learning.learn(simulated)  # against the adopted weights: nothing left to gain
        assert not again.adopted and _versions(app) == 1


def test_weights_that_do_not_beat_the_current_ones_are_not_adopted(app, simulated):
    from matching.fusion import WEIGHTS

    def current_score(e: Example) -> float:
        return sum(WEIGHTS.get(k, 0.0) * v for k, v in e.parts.items())

    by_group: dict[str, list[Example]] = {}
    for e in simulated:
        by_group.setdefault(e.group, []).append(e)
    # Reviewers who agree exactly with the current ranking: approve each list's top three.
    agreeing = []
    for items in by_group.values():
        top = sorted(items, key=current_score, reverse=True)[:3]
        agreeing += [Example(e.group, e.parts, e in top) for e in items]
    with app.app_context():
        outcome = learning.learn(agreeing)
        assert not outcome.adopted and outcome.current == pytest.approx(1.0)
        assert "do not beat" in outcome.message and _versions(app) == 0


def test_cli_simulate_prints_held_out_figures_and_never_adopts(app, runner):
    result = runner.invoke(args=["match", "learn", "--simulate",
                                 "--studios", str(DATA / "dev_studios.jsonl"),
                                 "--needs", str(DATA / "dev_needs.jsonl")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Simulated 600 decisions" in result.output
    assert "current weights" in result.output and "learned weights" in result.output
    with app.app_context():
        assert _versions(app) == 0
