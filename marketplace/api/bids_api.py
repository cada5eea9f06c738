"""Sealed bids: a studio's own bids (place, edit, withdraw), a manufacturer's after the deadline."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_login import current_user

from marketplace import policies
from marketplace.access import role_required
from marketplace.api import api_present, schemas
from marketplace.api.api_setup import new_blueprint
from marketplace.models import Role
from marketplace.services.api.reads import own_bids_page
from marketplace.services.bids import bid_decisions, bid_reading, submitting
from marketplace.services.bids.bid_decisions import AwardInput, DeclineInput
from marketplace.services.common.list_page import page_of_list
from marketplace.services.common.service_errors import NotFound

blp = new_blueprint("api_bids", __name__, "Sealed bids: own bids, and bids after the deadline.")


def _input(body: dict) -> submitting.BidInput:
    return submitting.BidInput(
        body["approach"], body["price"], body["duration_weeks"], body["team"]
    )


def _actor():
    return policies.actor_of(current_user)


@blp.get("/me/bids")
@blp.arguments(schemas.PageArgs, location="query", as_kwargs=True)
@blp.response(200, schemas.BidPage)
@role_required(Role.STUDIO)
def mine(page: int, per_page: int):
    """The caller's studio's bids (withdrawn included), newest first."""
    result = own_bids_page(_actor(), page, per_page)
    return api_present.page(result, [api_present.bid(b) for b in result.items])


@blp.post("/needs/<int:need_id>/bids")
@blp.arguments(schemas.BidIn)
@blp.response(201, schemas.Bid)
@role_required(Role.STUDIO)
def place(body: dict, need_id: int):
    """Place the studio's sealed bid on a published need before its deadline."""
    return api_present.bid(submitting.submit(_actor(), need_id, _input(body)))


@blp.get("/needs/<int:need_id>/bids")
@blp.arguments(schemas.PageArgs, location="query", as_kwargs=True)
@blp.response(200, schemas.BidPage)
@role_required(Role.MANUFACTURER)
def on_need(page: int, per_page: int, need_id: int):
    """Every live bid on one's own need, cheapest first: only after the deadline (403 before)."""
    actor = _actor()
    need = bid_reading.need_for(actor, need_id)
    if not policies.owns_need(actor, need):
        raise NotFound(_("No such need."))
    result = page_of_list(bid_reading.comparison(actor, need), page, per_page)
    return api_present.page(result, [api_present.bid(r.bid) for r in result.items])


@blp.get("/bids/<int:bid_id>")
@blp.response(200, schemas.Bid)
@role_required(Role.STUDIO, Role.MANUFACTURER)
def detail(bid_id: int):
    """One bid: its studio always, the need's manufacturer after the deadline."""
    return api_present.bid(bid_reading.bid_for(_actor(), bid_id))


@blp.put("/bids/<int:bid_id>")
@blp.arguments(schemas.BidIn)
@blp.response(200, schemas.Bid)
@role_required(Role.STUDIO)
def edit(body: dict, bid_id: int):
    """Change the studio's bid until the deadline."""
    return api_present.bid(submitting.edit(_actor(), bid_id, _input(body)))


@blp.post("/bids/<int:bid_id>/withdraw")
@blp.response(200, schemas.Bid)
@role_required(Role.STUDIO)
def withdraw(bid_id: int):
    """Withdraw the studio's bid until the deadline."""
    return api_present.bid(submitting.withdraw(_actor(), bid_id))


@blp.post("/needs/<int:need_id>/shortlist")
@blp.arguments(schemas.BidRef)
@blp.response(200, schemas.Bid)
@role_required(Role.MANUFACTURER)
def shortlist(body: dict, need_id: int):
    """Shortlist a bid on one's own need after its deadline (contacts are exchanged)."""
    return api_present.bid(bid_decisions.shortlist(_actor(), need_id, body["bid_id"]))


@blp.post("/needs/<int:need_id>/decline")
@blp.arguments(schemas.DeclineIn)
@blp.response(200, schemas.Bid)
@role_required(Role.MANUFACTURER)
def decline(body: dict, need_id: int):
    """Decline one undecided bid on one's own need after its deadline, with a reason."""
    data = DeclineInput(body["bid_id"], body["reason"], body["note"])
    return api_present.bid(bid_decisions.decline(_actor(), need_id, data))


@blp.post("/needs/<int:need_id>/award")
@blp.arguments(schemas.AwardIn)
@blp.response(200, schemas.Bid)
@role_required(Role.MANUFACTURER)
def award(body: dict, need_id: int):
    """Award one bid on one's own need after its deadline; every other undecided bid is
    declined with the reason given for it (all or nothing). Opens the engagement."""
    declines = {d["bid_id"]: (d["reason"], d["note"]) for d in body["declines"]}
    return api_present.bid(
        bid_decisions.award(_actor(), need_id, AwardInput(body["bid_id"], declines))
    )
