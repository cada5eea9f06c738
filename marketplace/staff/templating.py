"""Template helpers other pages use: the queue count, the staff breakdown."""

from __future__ import annotations

from marketplace.services.reviews import proposals
from marketplace.services.reviews.wording import part_levels
from marketplace.staff import bp


@bp.app_template_global("review_waiting")
def review_waiting() -> int:
    """Proposals waiting for a decision."""
    return proposals.queue_count()


bp.add_app_template_global(part_levels, "part_levels")
