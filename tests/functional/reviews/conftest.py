"""A small known dataset for the commission pages: studios, proposals with fit levels, staff."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

STATEMENT = (
    "We design battery pack enclosures and charging connectors for electric vehicles, with "
    "thermal simulation, ergonomic handles and prototypes tested with drivers in Chongqing."
)


@dataclass
class Seeded:
    """Ids of what seed() created."""

    studios: dict[str, int]
    rows: dict[tuple[str, str], int]


def _explanation(fit: str | None, dense: float) -> dict:
    return {
        "fit": fit,
        "reasons": ["Same industry: New energy vehicles (ticked by the studio)."],
        "parts": {"dense": dense, "passage": 0.0, "lexical": 0.4, "industry": 1.0,
                  "discipline": 0.5},
        "shared": [{"code": "NEV", "facet": "industry", "label": "New energy vehicles",
                    "query_source": "catalogue", "candidate_source": "ticked",
                    "probability": 1.0}],
        "query_passage": "battery pack enclosure", "candidate_passage": "battery pack enclosures",
    }  # fmt: skip


def seed(app, lists: dict[str, list[tuple[str, str | None, float]]], studios=None) -> Seeded:
    """Studios by name (no matching events) and scenario->studio lists [(studio, fit, score)]."""
    from sqlalchemy import select

    from marketplace.database import write_transaction
    from marketplace.models import Industry, PortfolioItem, Studio
    from marketplace.models._types import utcnow
    from marketplace.models.matching import SCENARIO_TO_STUDIO, MatchRow
    from marketplace.services.matching.store import upsert_lists

    names = studios or sorted({name for items in lists.values() for name, _f, _s in items})
    with app.app_context():
        with write_transaction() as session:
            nev = session.get(Industry, "NEV")
            made = {}
            for i, name in enumerate(names):
                studio = Studio(ref=f"seed-{i}", name=name, capability_statement=STATEMENT,
                                district="yubei" if i % 2 else "jiangbei", created_at=utcnow())
                studio.industries = [nev]
                studio.portfolio = [PortfolioItem(title=f"{name} battery case", year=2024,
                                                  description="A battery pack enclosure.")]
                session.add(studio)
                made[name] = studio
        ids = {n: s.id for n, s in made.items()}
        with write_transaction() as session:
            for code, items in lists.items():
                upsert_lists(session, SCENARIO_TO_STUDIO, {code: [
                    (str(ids[name]), score, _explanation(fit, score)) for name, fit, score in items
                ]}, model="test-model")  # fmt: skip
        rows = {}
        from marketplace.extensions import db

        for r in db.session.scalars(select(MatchRow)):
            rows[(r.source_value, r.target_value)] = r.id
        rows = {(code, name): rows[(code, str(ids[name]))]
                for code, items in lists.items() for name, _f, _s in items}  # fmt: skip
    return Seeded(ids, rows)


@pytest.fixture
def seeded(app):
    """NEV-01: Alpha (strong), Beta (good), Gamma (possible); NEV-02: Beta (good)."""
    return seed(app, {
        "NEV-01": [("Alpha Design", "strong", 1.6), ("Beta Works", "good", 0.9),
                   ("Gamma Lab", "possible", 0.1)],
        "NEV-02": [("Beta Works", "good", 1.1)],
    })  # fmt: skip


from tests.functional.studios.conftest import filled_studio, profile_form, text  # noqa: E402,F401
