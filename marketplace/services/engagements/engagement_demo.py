"""Demo engagements for `make demo`: company profiles, a need with bids, the award and the work
after it (thread, milestones, delivery, ratings, outcome), all through the services; a need
already present is left alone, so running it again changes nothing."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import TextIO

from flask_babel import force_locale
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Bid, Milestone, Need, Studio, User
from marketplace.models._types import utcnow
from marketplace.policies.actor import Actor
from marketplace.services.bids import bid_decisions, bid_import
from marketplace.services.companies import company_profiles
from marketplace.services.engagements import closing, milestones, opening, ratings, thread
from marketplace.services.needs import need_import
from marketplace.services.needs.need_times import utc_to_shanghai

# A one-page PDF with a line of text: what the demo studios "deliver".
DELIVERY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 58>>stream\nBT /F1 18 Tf 72 760 Td (Demo delivery - fictional) Tj ET\n"
    b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Report:
    """What a run created and what it left alone."""

    created: int = 0
    skipped: int = 0


def _company(maker_id: int, data: dict) -> None:
    if company_profiles.company_of(maker_id) is None:
        actor = Actor(maker_id, "manufacturer", None)
        company_profiles.save(actor, maker_id, company_profiles.CompanyInput(**data))


def _need_and_bids(row: dict) -> tuple[Need, dict[str, Bid]]:
    need_import.import_needs(need_import.parse_needs([json.dumps(row["need"])]))
    lines = "\n".join(json.dumps({"need": row["need"]["ref"], **b}) for b in row["bids"])
    bid_import.import_bids(bid_import.parse_bids(io.StringIO(lines + "\n")))
    need = db.session.scalar(select(Need).where(Need.ref == row["need"]["ref"]))
    bids = {db.session.get(Studio, b.studio_id).ref: b for b in need.bids}
    return need, bids


def _work(row: dict, engagement_id: int, maker: Actor, studio: Actor) -> None:
    side = {"manufacturer": maker, "studio": studio}
    for who, body in row.get("messages", []):
        thread.post(side[who], engagement_id, thread.MessageInput(body))
    rows = list(db.session.scalars(select(Milestone).where(
        Milestone.engagement_id == engagement_id).order_by(Milestone.id)))
    for m in rows:
        milestones.agree(studio, m.id)
        milestones.agree(maker, m.id)
    done = rows if row["flow"] == "completed" else rows[:1]
    for m in done:
        delivery = milestones.DeliveryInput("设计文件与说明 / Design files and notes",
                                            io.BytesIO(DELIVERY_PDF))  # fmt: skip
        milestones.deliver(studio, m.id, delivery)
        milestones.decide(maker, m.id, milestones.DeliveryDecision(True))
    if row["flow"] != "completed":
        return
    closing.complete(maker, engagement_id, row["contract_value"])
    for who, score in row["ratings"].items():
        ratings.rate(side[who], engagement_id, ratings.RatingInput(**score))
    launched = row.get("launched_on") is not None
    day = utc_to_shanghai(utcnow()).date() if launched else None
    launch = closing.LaunchInput(launched, day, row.get("launch_link"))
    closing.record_launch(maker, engagement_id, launch)


def seed(stream: TextIO) -> Report:
    """Create every engagement of the JSON Lines `stream` whose need is not there yet."""
    report = Report()
    for line in stream:
        if not line.strip():
            continue
        row = json.loads(line)
        maker_id = db.session.scalar(select(User.id).where(
            User.email == row["need"]["manufacturer"]))
        if maker_id is None:
            raise LookupError(f"no manufacturer account {row['need']['manufacturer']}")
        if db.session.scalar(select(Need.id).where(Need.ref == row["need"]["ref"])):
            report.skipped += 1
            continue
        _company(maker_id, row["company"])
        need, bids = _need_and_bids(row)
        maker = Actor(maker_id, "manufacturer", None)
        winner = bids[row["winner"]]
        declines = {b.id: ("price", "") for ref, b in bids.items() if ref != row["winner"]}
        with force_locale(row.get("language", "zh_CN")):  # the proposed milestones' titles
            bid_decisions.award(maker, need.id, bid_decisions.AwardInput(winner.id, declines))
        engagement = opening.for_bid(winner.id)
        studio = Actor(None, "studio", winner.studio_id)
        _work(row, engagement.id, maker, studio)
        report.created += 1
    return report
