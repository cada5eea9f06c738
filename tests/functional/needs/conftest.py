"""Needs fixtures: a need posted through the real services, in whatever state a test needs."""

from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace.models._types import utcnow
from marketplace.services.needs import lifecycle

BRIEF = (
    "We need a battery pack enclosure for an electric delivery van: thermal management, "
    "crash safety and quick service access for the cells."
)


def need_input(**changes):
    """A valid NeedInput (deadline a week ahead), with some fields changed."""
    from marketplace.services.needs.lifecycle import NeedInput

    values = dict(
        title="Battery pack enclosure", description=BRIEF, industry_code="NEV",
        discipline_codes=["ENG", "FORM"], budget_min=100_000, budget_max=300_000,
        bid_deadline=utcnow() + timedelta(days=7),
    )  # fmt: skip
    values.update(changes)
    return NeedInput(**values)


@pytest.fixture
def post_need(app, make_account):
    """post_need(owner_account=None, state='published', **fields) -> (need_id, owner Account)."""

    staff = {}

    def _post(owner=None, state="published", **fields):
        owner = owner or make_account("manufacturer")
        with app.app_context():
            need = lifecycle.create_draft(owner.actor, need_input(**fields))
            if state in ("submitted", "published", "returned", "closed"):
                lifecycle.submit(owner.actor, need.id)
            if state in ("published", "returned", "closed"):
                if "staff" not in staff:
                    staff["staff"] = make_account("staff")
                if state == "returned":
                    lifecycle.return_need(
                        staff["staff"].actor, need.id, "Please add a budget range."
                    )
                else:
                    lifecycle.publish(staff["staff"].actor, need.id)
            if state == "closed":
                lifecycle.close(owner.actor, need.id)
            return need.id, owner

    return _post
