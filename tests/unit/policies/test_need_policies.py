"""Every need policy, for every role and own / other's need in every state (deny by default)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from marketplace import policies
from marketplace.policies import Actor

OWNER_ID = 20
ACTORS = {
    "visitor": policies.VISITOR,
    "studio": Actor(user_id=10, role="studio", studio_id=1),
    "studio account without studio": Actor(user_id=12, role="studio", studio_id=None),
    "owner": Actor(user_id=OWNER_ID, role="manufacturer"),
    "other manufacturer": Actor(user_id=21, role="manufacturer"),
    "staff": Actor(user_id=30, role="staff"),
}
STATES = ("draft", "submitted", "returned", "published", "awarded", "closed")
EVERYONE = set(ACTORS)


def need(status: str):
    """A need posted by OWNER_ID in the given state."""
    return SimpleNamespace(id=5, manufacturer_id=OWNER_ID, status=status)


def _expected(policy: str, state: str) -> set[str]:
    public = state in ("published", "awarded", "closed")
    table = {
        "can_view_need": EVERYONE if public else {"owner", "staff"},
        "can_edit_need": {"owner"} if state in ("draft", "returned", "published") else set(),
        "can_submit_need": {"owner"} if state in ("draft", "returned") else set(),
        "can_publish_need": {"staff"} if state == "submitted" else set(),
        "can_close_need": {"owner"} if state == "published" else set(),
        "can_view_need_matches": {"owner", "staff"},
        "can_invite_to_need": {"owner"} if state == "published" else set(),
        "can_ask_question": {"studio"} if state == "published" else set(),
        "can_answer_question": {"owner"},
        "can_view_unanswered": {"owner", "staff"},
    }
    return table[policy]


NEED_POLICIES = (
    "can_view_need", "can_edit_need", "can_submit_need", "can_publish_need", "can_close_need",
    "can_view_need_matches", "can_invite_to_need", "can_ask_question", "can_answer_question",
    "can_view_unanswered",
)  # fmt: skip
COVERS = {*NEED_POLICIES, "can_view_leads"}


@pytest.mark.parametrize("actor_name", sorted(ACTORS))
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("policy", NEED_POLICIES)
def test_need_policy_allows_exactly_the_expected_actors(policy, state, actor_name):
    allowed = getattr(policies, policy)(ACTORS[actor_name], need(state))
    assert allowed is (actor_name in _expected(policy, state))


@pytest.mark.parametrize("actor_name", sorted(ACTORS))
def test_only_manufacturers_and_staff_see_leads(actor_name):
    scenario = SimpleNamespace(id=1, code="NEV-01")
    allowed = policies.can_view_leads(ACTORS[actor_name], scenario)
    assert allowed is (actor_name in {"owner", "other manufacturer", "staff"})
