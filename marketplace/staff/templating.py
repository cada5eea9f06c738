"""Template helpers other pages use: approval badges, the queue count, the staff breakdown."""

from __future__ import annotations

from marketplace.services import reviews
from marketplace.services.reviews.wording import part_levels
from marketplace.staff import bp


@bp.app_template_global("commission_approved_studios")
def commission_approved_studios(scenario_code: str) -> set[int]:
    """Studio ids approved by the commission for this scenario."""
    return reviews.approved_studio_ids(scenario_code)


@bp.app_template_global("commission_approved_scenarios")
def commission_approved_scenarios(studio_id: int) -> set[str]:
    """Scenario codes this studio was approved for."""
    return reviews.approved_scenario_codes(studio_id)


@bp.app_template_global("review_waiting")
def review_waiting() -> int:
    """Proposals waiting for a decision."""
    return reviews.queue_count()


bp.add_app_template_global(part_levels, "part_levels")
