"""Needs: the published list, one need, a manufacturer's own needs, posting and submitting."""

from __future__ import annotations

from datetime import UTC, datetime, time

from flask_babel import gettext as _
from flask_login import current_user

from marketplace import policies
from marketplace.access import PUBLIC, role_required
from marketplace.api import api_present, schemas
from marketplace.api.api_setup import new_blueprint
from marketplace.models import Role
from marketplace.models._types import utcnow
from marketplace.services.bids.bid_reading import count_for
from marketplace.services.common.list_page import page_of_list
from marketplace.services.common.service_errors import NotFound
from marketplace.services.matching import need_matches
from marketplace.services.needs import lifecycle, listing, need_times

blp = new_blueprint("api_needs", __name__, "Manufacturers' needs: read, post, submit.")


def visible_need(need_id: int):
    """The need if the caller may see it (the pages' rule: a draft of another looks missing)."""
    return lifecycle.visible_need(current_user, need_id)


def _shown(need) -> dict:
    actor = policies.actor_of(current_user)
    return api_present.need(need, utcnow(), count_for(actor, need))


@blp.get("/needs")
@blp.arguments(schemas.NeedArgs, location="query", as_kwargs=True)
@blp.response(200, schemas.NeedPage)
@role_required(PUBLIC)
def index(page: int, per_page: int, all: bool, sort: str, deadline_before=None, **filters):
    """Published needs (open for bids unless all=true), filtered as on /needs."""
    if deadline_before is not None:
        deadline_before = need_times.shanghai_to_utc(
            datetime.combine(deadline_before, time(23, 59, 59))
        )
    result = listing.public_needs(
        listing.NeedFilters(open_only=not all, sort=sort, deadline_before=deadline_before,
                            **filters),
        page=page, per_page=per_page,
    )  # fmt: skip
    return api_present.page(result, [_shown(n) for n in result.items])


@blp.get("/needs/<int:need_id>")
@blp.response(200, schemas.Need)
@role_required(PUBLIC)
def detail(need_id: int):
    """One need: published ones for everyone, drafts for their owner and staff."""
    return _shown(visible_need(need_id))


def _input(body: dict) -> lifecycle.NeedInput:
    deadline = body.get("bid_deadline")
    if deadline is not None:
        deadline = deadline.astimezone(UTC).replace(tzinfo=None)
    return lifecycle.NeedInput(
        title=body["title"], description=body["description"], industry_code=body["industry"],
        discipline_codes=list(body["disciplines"]), scenario_code=body["scenario"],
        budget_min=body["budget_min"], budget_max=body["budget_max"], bid_deadline=deadline,
        delivery_date=body["delivery_date"], title_translation=body["title_translation"],
        description_translation=body["description_translation"],
    )  # fmt: skip


@blp.post("/needs")
@blp.arguments(schemas.NeedIn)
@blp.response(201, schemas.Need)
@role_required(Role.MANUFACTURER)
def create(body: dict):
    """Post a need as a draft (then submit it for the commission's review)."""
    return _shown(lifecycle.create_draft(current_user, _input(body)))


@blp.put("/needs/<int:need_id>")
@blp.arguments(schemas.NeedIn)
@blp.response(200, schemas.Need)
@role_required(Role.MANUFACTURER)
def edit(body: dict, need_id: int):
    """Replace one's own need (a published one goes back to review)."""
    need = visible_need(need_id)
    if not policies.owns_need(policies.actor_of(current_user), need):
        raise NotFound(_("No such need."))
    return _shown(lifecycle.update(current_user, need.id, _input(body)))


@blp.post("/needs/<int:need_id>/submit")
@blp.response(200, schemas.Need)
@role_required(Role.MANUFACTURER)
def submit(need_id: int):
    """Send one's own draft or returned need for review."""
    return _shown(lifecycle.submit(current_user, need_id))


@blp.get("/me/needs")
@blp.arguments(schemas.PageArgs, location="query", as_kwargs=True)
@blp.response(200, schemas.NeedPage)
@role_required(Role.MANUFACTURER)
def mine(page: int, per_page: int):
    """The caller's needs, every state, newest first."""
    result = page_of_list(listing.own_needs(current_user.id), page, per_page)
    now = utcnow()
    return api_present.page(result, [api_present.need(r.need, now, r.bids) for r in result.items])


@blp.get("/needs/<int:need_id>/studios")
@blp.response(200, schemas.MatchList)
@role_required(Role.MANUFACTURER, Role.STAFF)
def need_studios(need_id: int):
    """'Studios that fit' a need: its owner and staff."""
    need = visible_need(need_id)
    if not policies.can_view_need_matches(policies.actor_of(current_user), need):
        raise NotFound(_("No such need."))
    panel = need_matches.studios_for_need(need)
    return api_present.match_list(f"need:{need.id}", panel, "studio", lambda s: s.name)
