"""Who may do what to which object: one function per decision, shared by pages, forms and the API.

Every function takes an `Actor` (see `actor_of`) and the object, and returns a bool; anything
not allowed by a rule is denied. Routes also declare roles with `access.role_required`; these
object-level rules decide the rest ("own bids only", "contacts for manufacturers").
"""

from marketplace.policies.actor import VISITOR, Actor, actor_of
from marketplace.policies.bids import (
    can_award,
    can_bid,
    can_compare_bids,
    can_decide_bid,
    can_edit_bid,
    can_view_bid,
    can_view_bid_count,
    can_withdraw_bid,
)
from marketplace.policies.needs import (
    can_answer_question,
    can_ask_question,
    can_close_need,
    can_edit_need,
    can_invite_to_need,
    can_publish_need,
    can_submit_need,
    can_view_leads,
    can_view_need,
    can_view_need_matches,
    can_view_unanswered,
    is_public_need,
    owns_need,
)
from marketplace.policies.reviews import (
    can_moderate,
    can_review_matches,
    can_upload_evidence,
    can_view_audit,
    can_view_claim_document,
)
from marketplace.policies.studios import (
    can_edit_studio,
    can_express_interest,
    can_verify_claim,
    can_view_contact,
    can_view_studio,
    is_public,
)

__all__ = [
    "VISITOR",
    "Actor",
    "actor_of",
    "can_answer_question",
    "can_ask_question",
    "can_award",
    "can_bid",
    "can_close_need",
    "can_compare_bids",
    "can_decide_bid",
    "can_edit_bid",
    "can_edit_need",
    "can_edit_studio",
    "can_express_interest",
    "can_invite_to_need",
    "can_moderate",
    "can_publish_need",
    "can_review_matches",
    "can_submit_need",
    "can_upload_evidence",
    "can_verify_claim",
    "can_view_audit",
    "can_view_bid",
    "can_view_bid_count",
    "can_view_claim_document",
    "can_view_contact",
    "can_view_leads",
    "can_view_need",
    "can_view_need_matches",
    "can_view_studio",
    "can_view_unanswered",
    "can_withdraw_bid",
    "is_public",
    "is_public_need",
    "owns_need",
]
