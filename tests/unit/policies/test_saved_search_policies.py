"""Saved-search policies for every role and for own / other's saved searches (deny by default)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from marketplace.policies import VISITOR, Actor
from marketplace.policies.saved_searches import (
    can_manage_saved_search,
    can_save_search,
    can_watch_needs_for_you,
)

ACTORS = {
    "visitor": VISITOR,
    "studio": Actor(user_id=10, role="studio", studio_id=1),
    "studio account without studio": Actor(user_id=12, role="studio", studio_id=None),
    "manufacturer": Actor(user_id=20, role="manufacturer"),
    "staff": Actor(user_id=30, role="staff"),
}
SAVERS = {"studio", "manufacturer"}


@pytest.mark.parametrize("name", sorted(ACTORS))
def test_who_saves_searches_and_watches_needs_for_you(name):
    actor = ACTORS[name]
    assert can_save_search(actor) is (name in SAVERS)
    assert can_watch_needs_for_you(actor) is (name == "studio")


@pytest.mark.parametrize("name", sorted(ACTORS))
def test_only_the_owner_manages_a_saved_search(name):
    own = SimpleNamespace(user_id=ACTORS[name].user_id or -1)
    others = SimpleNamespace(user_id=99)
    assert can_manage_saved_search(ACTORS[name], own) is (name != "visitor")
    assert can_manage_saved_search(ACTORS[name], others) is False
    assert can_manage_saved_search(ACTORS[name], None) is False
