"""Every studio policy, for every role and for own / other's / hidden studios (deny by default)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from marketplace import policies
from marketplace.policies import Actor

OWN_ID, OTHER_ID = 1, 2
ACTORS = {
    "visitor": policies.VISITOR,
    "own studio": Actor(user_id=10, role="studio", studio_id=OWN_ID),
    "other studio": Actor(user_id=11, role="studio", studio_id=OTHER_ID),
    "studio account without studio": Actor(user_id=12, role="studio", studio_id=None),
    "manufacturer": Actor(user_id=20, role="manufacturer"),
    "staff": Actor(user_id=30, role="staff"),
}


def studio(*, listed=True, statement="We design battery packs.", suspended=False):
    """The studio whose id is OWN_ID, public unless told otherwise."""
    return SimpleNamespace(
        id=OWN_ID, is_listed=listed, capability_statement=statement,
        suspended_at="2026-11-01" if suspended else None,
    )  # fmt: skip


# Who may, per policy and studio state; everyone else must be refused.
EXPECTED = {
    ("can_view_studio", "public"): set(ACTORS),
    ("can_view_studio", "unlisted"): {"own studio", "staff"},
    ("can_view_studio", "suspended"): {"own studio", "staff"},
    ("can_view_studio", "no statement"): {"own studio", "staff"},
    ("can_view_contact", "public"): {"own studio", "staff"},  # manufacturers: at shortlist
    ("can_edit_studio", "public"): {"own studio"},
    ("can_edit_studio", "unlisted"): {"own studio"},
    ("can_verify_claim", "public"): {"staff"},
    ("can_express_interest", "public"): {"own studio", "other studio"},
}
STATES = {
    "public": studio(),
    "unlisted": studio(listed=False),
    "suspended": studio(suspended=True),
    "no statement": studio(statement=""),
}


@pytest.mark.parametrize("actor_name", sorted(ACTORS))
@pytest.mark.parametrize(("policy", "state"), sorted(EXPECTED))
def test_studio_policy_allows_exactly_the_expected_actors(policy, state, actor_name):
    decide = getattr(policies, policy)
    allowed = decide(ACTORS[actor_name], STATES[state])
    assert allowed is (actor_name in EXPECTED[(policy, state)])


def test_every_exported_policy_is_covered_by_the_table():
    exported = {name for name in policies.__all__ if name.startswith("can_")}
    covered = {policy for policy, _ in EXPECTED}
    from tests.unit.policies import covered_elsewhere

    assert exported <= covered | covered_elsewhere(), exported - covered


def test_actor_of_an_anonymous_user_is_a_visitor():
    anonymous = SimpleNamespace(is_authenticated=False)
    assert policies.actor_of(anonymous) is policies.VISITOR
    assert policies.actor_of(None).is_visitor
