"""Every commission policy, for every role and for own / other's objects (deny by default)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from marketplace import policies
from tests.unit.policies.test_studio_policies import ACTORS, OWN_ID

COVERS = {
    "can_review_matches", "can_moderate", "can_view_claim_document", "can_upload_evidence",
    "can_view_audit",
}  # fmt: skip

OWN = SimpleNamespace(id=OWN_ID, suspended_at=None)
OWN_SUSPENDED = SimpleNamespace(id=OWN_ID, suspended_at="2026-11-01")
MANUFACTURER = SimpleNamespace(role="manufacturer")
STAFF_ACCOUNT = SimpleNamespace(role="staff")

CASES = {
    ("can_review_matches", None): {"staff"},
    ("can_view_audit", None): {"staff"},
    ("can_moderate", "manufacturer"): {"staff"},
    ("can_moderate", "staff account"): set(),
    ("can_view_claim_document", "own studio id"): {"own studio", "staff"},
    ("can_upload_evidence", "own studio"): {"own studio"},
    ("can_upload_evidence", "own suspended studio"): set(),
}
OBJECTS = {
    None: (),
    "manufacturer": (MANUFACTURER,),
    "staff account": (STAFF_ACCOUNT,),
    "own studio id": (OWN_ID,),
    "own studio": (OWN,),
    "own suspended studio": (OWN_SUSPENDED,),
}


@pytest.mark.parametrize("actor_name", sorted(ACTORS))
@pytest.mark.parametrize(("policy", "obj"), sorted(CASES, key=str))
def test_review_policy_allows_exactly_the_expected_actors(policy, obj, actor_name):
    allowed = getattr(policies, policy)(ACTORS[actor_name], *OBJECTS[obj])
    assert allowed is (actor_name in CASES[(policy, obj)])


def test_the_table_covers_every_commission_policy():
    assert {policy for policy, _ in CASES} == COVERS
