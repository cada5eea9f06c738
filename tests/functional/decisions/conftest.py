"""A small world where one pair shows on every list: a scenario, a need, two studios, and the
match rows of all four directions, with one studio interested in the scenario (a lead)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from tests.bid_helpers import make_need, studio_actor
from tests.functional.reviews.conftest import STATEMENT, _explanation

ZH = {"Accept-Language": "zh-CN"}
EN = {"Accept-Language": "en"}


@dataclass
class World:
    """Ids of the world: the studio under review (its account client), the other, the need."""

    studio_id: int
    other_id: int
    need_id: int
    maker_id: int


def section(html: str, anchor: str) -> str:
    """The <section id=anchor> of a page ('' when the page has none)."""
    found = re.search(rf'<section[^>]*id="{anchor}".*?</section>', html, re.S)
    return found.group(0) if found else ""


def upsert(direction: str, source: str, items: list[tuple[str, str, float]]) -> None:
    """One stored list: source id -> [(target id, fit, score)], best first."""
    from marketplace.database import write_transaction
    from marketplace.services.matching.store import upsert_lists

    with write_transaction() as session:
        upsert_lists(session, direction, {source: [
            (target, score, _explanation(fit, score)) for target, fit, score in items]},
            model="test-model")  # fmt: skip


def make_public(studio_id: int, name: str) -> None:
    """Give a studio a name, statement, industry and portfolio item: listed and matchable."""
    from marketplace.database import write_transaction
    from marketplace.models import Industry, PortfolioItem, Studio

    with write_transaction() as session:
        studio = session.get(Studio, studio_id)
        studio.name, studio.capability_statement, studio.is_listed = name, STATEMENT, True
        studio.industries = [session.get(Industry, "NEV")]
        studio.portfolio = [PortfolioItem(title=f"{name} case", year=2024,
                                          description="A battery pack enclosure.")]  # fmt: skip


@pytest.fixture
def world(app, studio_client, manufacturer_client, make_account) -> World:
    """Seat Comfort Co (the studio_client's studio) and Other Works both fit NEV-01 and the need."""
    from marketplace.models.matching import (
        NEED_TO_STUDIO,
        SCENARIO_TO_STUDIO,
        STUDIO_TO_NEED,
        STUDIO_TO_SCENARIO,
    )
    from marketplace.services.studios import interests

    other = make_account("studio")
    sid, oid = studio_client.account.studio_id, other.studio_id
    maker = manufacturer_client.account.id
    with app.app_context():
        make_public(sid, "Seat Comfort Co")
        make_public(oid, "Other Works")
        need_id = make_need(maker, title="SUV styling brief")
        upsert(SCENARIO_TO_STUDIO, "NEV-01", [(str(sid), "strong", 1.6), (str(oid), "good", 0.9)])
        upsert(STUDIO_TO_SCENARIO, str(sid), [("NEV-01", "strong", 1.6)])
        upsert(NEED_TO_STUDIO, str(need_id), [(str(sid), "strong", 1.5), (str(oid), "good", 0.8)])
        upsert(STUDIO_TO_NEED, str(sid), [(str(need_id), "strong", 1.5)])
        interests.express(studio_actor(sid), "NEV-01", "We can take this on.")
    return World(sid, oid, need_id, maker)
