"""Learn the fusion weights from staff decisions; adopt them only when they win on held-out groups.

Each decision is a labelled example: the score parts the reviewer saw (normalised per list) and
approve (1) or reject (0). A weight vector is judged by how often, within one scenario's or need's
list, it ranks an approved studio above a rejected one (pairwise accuracy, ties count half).
Cross-validation is grouped by that scenario or need, so no list is seen in training and testing.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.extensions import db
from marketplace.models import WeightsVersion
from marketplace.models._types import utcnow
from marketplace.models.match_review import APPROVED, REJECTED
from marketplace.services.audit import trail
from marketplace.services.reviews.proposals import latest_decisions

log = logging.getLogger(__name__)

MIN_DECISIONS = 30
MIN_GROUPS = 4  # lists with at least one approval and one rejection
MIN_GAIN = 0.01  # held-out pairwise accuracy the new weights must add
FOLDS = 5


@dataclass(frozen=True)
class Example:
    """One decision: its list (group), the score parts shown, and whether it was approved."""

    group: str
    parts: Mapping[str, float]
    approved: bool


@dataclass
class Outcome:
    """What `learn` found: figures, the weights, and whether they were adopted."""

    decisions: int = 0
    groups: int = 0
    usable_groups: int = 0
    current: float = float("nan")
    learned: float = float("nan")
    weights: dict[str, float] = field(default_factory=dict)
    adopted: bool = False
    version: str | None = None
    message: str = ""

    @property
    def gain(self) -> float:
        """Held-out pairwise accuracy of the learned weights minus the current ones."""
        return self.learned - self.current


def current_weights() -> dict[str, float]:
    """The weights in force: the latest adopted version, else the library's defaults."""
    from matching import fusion

    latest = db.session.scalar(select(WeightsVersion).order_by(WeightsVersion.id.desc()).limit(1))
    return dict(latest.weights) if latest else dict(fusion.WEIGHTS)


def examples_from_decisions() -> list[Example]:
    """The latest decision on every pair, with the parts the reviewer saw."""
    out = []
    for (_direction, source, _target), d in latest_decisions().items():
        parts = (d.seen or {}).get("parts") or {}
        if parts and d.decision in (APPROVED, REJECTED):  # a withdrawn decision teaches nothing
            out.append(Example(source, {k: float(v) for k, v in parts.items()},
                               d.decision == APPROVED))  # fmt: skip
    return out


def pairwise_accuracy(examples: Sequence[Example], weights: Mapping[str, float]) -> float:
    """Mean over groups of P(an approved pair scores above a rejected one), ties half."""
    by_group: dict[str, list[tuple[float, bool]]] = {}
    for e in examples:
        score = sum(weights.get(k, 0.0) * v for k, v in e.parts.items())
        by_group.setdefault(e.group, []).append((score, e.approved))
    values = []
    for items in by_group.values():
        pos = np.array([s for s, a in items if a])
        neg = np.array([s for s, a in items if not a])
        if len(pos) and len(neg):
            diff = pos[:, None] - neg[None, :]
            values.append(float(((diff > 1e-9) + 0.5 * (np.abs(diff) <= 1e-9)).mean()))
    return float(np.mean(values)) if values else float("nan")


def fit_weights(
    examples: Sequence[Example], names: Sequence[str], scale: float
) -> dict[str, float]:
    """Non-negative weights from a logistic fit on the parts, rescaled to the current total."""
    from sklearn.linear_model import LogisticRegression

    x = np.array([[e.parts.get(n, 0.0) for n in names] for e in examples])
    y = np.array([int(e.approved) for e in examples])
    if len(set(y)) < 2:
        return {}
    model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
    coef = np.clip(model.coef_[0], 0.0, None)
    if coef.sum() <= 0:
        return {}
    coef = coef / coef.sum() * scale
    return {n: round(float(c), 4) for n, c in zip(names, coef, strict=True)}


def cross_validate(examples: Sequence[Example], current: Mapping[str, float]) -> Outcome:
    """Grouped k-fold: learned vs current pairwise accuracy on held-out groups."""
    from sklearn.model_selection import GroupKFold

    names = sorted({k for e in examples for k in e.parts} | set(current))
    scale = sum(abs(v) for v in current.values()) or 1.0
    groups = np.array([e.group for e in examples])
    outcome = Outcome(decisions=len(examples), groups=len(set(groups)))
    usable = {g for g in set(groups) if len({e.approved for e in examples if e.group == g}) == 2}
    outcome.usable_groups = len(usable)
    if len(examples) < MIN_DECISIONS or len(usable) < MIN_GROUPS:
        outcome.message = (
            f"Too few decisions to learn from: {len(examples)} decisions, {len(usable)} lists with "
            f"both an approval and a rejection (need {MIN_DECISIONS} and {MIN_GROUPS}). "
            "Nothing changed."
        )
        return outcome
    splitter = GroupKFold(n_splits=min(FOLDS, len(set(groups))))
    learned_scores, current_scores = [], []
    for train, test in splitter.split(np.zeros(len(examples)), groups=groups):
        train_x = [examples[i] for i in train]
        test_x = [examples[i] for i in test]
        weights = fit_weights(train_x, names, scale) or dict(current)
        a, b = pairwise_accuracy(test_x, weights), pairwise_accuracy(test_x, current)
        if not (np.isnan(a) or np.isnan(b)):
            learned_scores.append(a)
            current_scores.append(b)
    outcome.learned = float(np.mean(learned_scores)) if learned_scores else float("nan")
    outcome.current = float(np.mean(current_scores)) if current_scores else float("nan")
    outcome.weights = fit_weights(examples, names, scale)
    return outcome


def version_name(weights: Mapping[str, float]) -> str:
    """A new weights version: date plus a hash of the weights."""
    blob = json.dumps(dict(weights), sort_keys=True).encode("utf-8")
    return f"learned-{utcnow():%Y%m%d}-{hashlib.sha256(blob).hexdigest()[:8]}"


def learn(examples: Sequence[Example] | None = None, *, adopt: bool = True) -> Outcome:
    """Cross-validate, and adopt the learned weights (a new recorded version) only if better."""
    examples = list(examples_from_decisions() if examples is None else examples)
    current = current_weights()
    outcome = cross_validate(examples, current)
    if outcome.message:
        return outcome
    better = outcome.weights and not np.isnan(outcome.gain) and outcome.gain >= MIN_GAIN
    if not better:
        outcome.message = (
            f"The learned weights do not beat the current ones on held-out lists "
            f"(gain {outcome.gain:+.3f}, need {MIN_GAIN:+.3f}). Nothing changed."
        )
        return outcome
    if not adopt:
        outcome.message = "Better on held-out lists; not adopted (dry run)."
        return outcome
    outcome.version = version_name(outcome.weights)
    with write_transaction() as session:
        session.add(WeightsVersion(
            version=outcome.version, weights=outcome.weights, previous=current,
            figures={"decisions": outcome.decisions, "groups": outcome.groups,
                     "current": outcome.current, "learned": outcome.learned},
        ))  # fmt: skip
        trail.record("weights-adopted", subject=f"weights:{outcome.version}",
                     before=current, after=outcome.weights)  # fmt: skip
    outcome.adopted = True
    outcome.message = f"Adopted as weights version {outcome.version}."
    log.info("adopted fusion weights %s: %s", outcome.version, outcome.weights)
    return outcome
