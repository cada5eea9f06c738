"""Demo dressing for the fictional studios: districts, accreditation claims, pictured portfolios."""

from __future__ import annotations

import logging
import random
from io import BytesIO

from sqlalchemy import select

from marketplace.database import write_transaction
from marketplace.events import StudiosChanged, record_event
from marketplace.extensions import db
from marketplace.models import PortfolioItem, Studio
from marketplace.models._types import utcnow
from marketplace.services.common import uploads
from marketplace.services.studios import demo_pictures as draw
from marketplace.services.studios import images

log = logging.getLogger(__name__)

DISTRICTS = ["yubei", "jiangbei", "shapingba", "jiulongpo", "nanan", "yuzhong", "liangjiang"]
DISTRICTS += ["science-city", "banan", "beibei", "dadukou", "yongchuan", "hechuan", "outside"]
LEVELS = ["national", "municipal", "municipal", "district", "district", "district"]
KINDS = ["private", "soe", "startup", "foreign", "research"]
STUDIES = ["Concept study", "Housing redesign", "Control panel", "Service kiosk", "Test rig",
           "Handheld unit", "Charging post", "Display stand"]  # fmt: skip


def _plan(studio: Studio) -> dict:
    rng = random.Random(studio.ref)
    roll = rng.random()
    level = rng.choice(LEVELS) if roll < 0.45 else "none"
    return {
        "district": rng.choice(DISTRICTS),
        "level": level,
        "verified": level != "none" and rng.random() < 0.6,
        "logo": rng.random() < 0.7,
        "cover": rng.random() < 0.8,
        "items": [rng.randint(1, 3) for _ in range(rng.randint(1, 3))],
        "rng": rng,
    }


def _item(studio: Studio, n: int, pictures: int, rng: random.Random) -> tuple[dict, list]:
    year = 2019 + rng.randrange(7)
    title = f"{rng.choice(STUDIES)} {year}"
    industry = studio.industries[0].code if studio.industries else "EQUIP"
    fields = {
        "title": title, "year": year, "industry_code": industry,
        "client_kind": rng.choice(KINDS),
        "description": f"A fictional demo project by {studio.name}: brief, sketches, models and a "
                       f"tested prototype. The pictures are drawn from shapes, not photographs.",
    }  # fmt: skip
    stored = [
        uploads.save_image_set(BytesIO(draw.work(f"{studio.ref}:{n}:{i}", title)), "work")
        for i in range(pictures)
    ]
    return fields, stored


def dress_studio(studio_id: int) -> bool:
    """Give one demo studio its district, claim and pictures; False if it already has pictures."""
    studio = db.session.get(Studio, studio_id)
    if studio is None:
        return False
    if studio.logo_key or studio.cover_key or studio.portfolio:
        _restore_facts(studio_id)  # a re-import cleared district and claim: put them back
        return False
    plan = _plan(studio)
    logo = uploads.save_image_set(BytesIO(draw.logo(studio.ref, studio.name)), "logo") \
        if plan["logo"] else None  # fmt: skip
    cover = uploads.save_image_set(BytesIO(draw.cover(studio.ref)), "cover") \
        if plan["cover"] else None  # fmt: skip
    items = [_item(studio, n, count, plan["rng"]) for n, count in enumerate(plan["items"])]
    with write_transaction() as session:
        studio = session.get(Studio, studio_id)
        studio.district = studio.district or plan["district"]
        _claim(studio, plan)
        studio.logo_key = logo.key if logo else None
        studio.cover_key = cover.key if cover else None
        for fields, stored in items:
            item = PortfolioItem(studio_id=studio.id, **fields)
            session.add(item)
            images.attach(item, stored)
        record_event(StudiosChanged(ids=(studio.id,)))
    return True


def _claim(studio: Studio, plan: dict) -> bool:
    if studio.accreditation not in (None, "none") or plan["level"] == "none":
        return False
    studio.accreditation = plan["level"]
    studio.accreditation_evidence = "Demo claim: listed in a fictional centre register."
    studio.accreditation_verified_at = utcnow() if plan["verified"] else None
    return True


def _restore_facts(studio_id: int) -> None:
    """The same district and claim as the first dressing (the plan is seeded by the ref)."""
    with write_transaction() as session:
        studio = session.get(Studio, studio_id)
        plan = _plan(studio)
        changed = _claim(studio, plan)
        if not studio.district:
            studio.district, changed = plan["district"], True
        if changed:
            record_event(StudiosChanged(ids=(studio.id,)))


def dress_all() -> int:
    """Dress every studio that has no pictures yet; the number dressed."""
    ids = list(db.session.scalars(select(Studio.id).order_by(Studio.id)))
    done = sum(dress_studio(i) for i in ids)
    log.info("demo pictures for %d studios", done)
    return done
