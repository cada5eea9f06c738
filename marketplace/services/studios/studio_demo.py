"""Demo dressing for the fictional studios: districts, accreditation claims, pictured portfolios."""

from __future__ import annotations

import logging
import os
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from io import BytesIO

from flask import current_app
from sqlalchemy import select

from marketplace import jobs
from marketplace.database import record_event, write_transaction
from marketplace.extensions import db
from marketplace.models import PortfolioItem, Studio
from marketplace.models._types import utcnow
from marketplace.services.common import uploads
from marketplace.services.studios import demo_motifs, demo_pictures, studio_images
from marketplace.services.studios.studio_events import StudiosChanged

log = logging.getLogger(__name__)

DISTRICTS = ["yubei", "jiangbei", "shapingba", "jiulongpo", "nanan", "yuzhong", "liangjiang"]
DISTRICTS += ["science-city", "banan", "beibei", "dadukou", "yongchuan", "hechuan", "outside"]
LEVELS = ["national", "municipal", "municipal", "district", "district", "district"]
KINDS = ["private", "soe", "startup", "foreign", "research"]
# What a studio's portfolio items are about: its discipline's kind of work on its industry's
# products, so a drone-aerodynamics firm shows drone studies, not a "Handheld unit".
WORK = {
    "FORM": ("外观造型", "form study"), "CMF": ("色彩材质方案", "CMF scheme"),
    "UX": ("交互界面", "interface design"), "ENG": ("结构设计", "engineering"),
    "ERGO": ("人机工程研究", "ergonomics study"), "PROTO": ("样机制作", "prototype"),
    "BRAND": ("品牌与包装", "brand and packaging"), "SERVICE": ("服务设计", "service design"),
    "SIM": ("仿真分析", "simulation"), "AI": ("智能功能设计", "AI feature design"),
    "GREEN": ("绿色设计", "circular design"), "SPACE": ("空间设计", "space design"),
    "FASHION": ("服饰系列", "collection"),
}  # fmt: skip
PRODUCTS = {
    "NEV": [
        ("纯电SUV", "electric SUV"),
        ("电动物流车", "electric van"),
        ("智能座舱", "cockpit"),
    ],
    "ELEC": [
        ("笔记本电脑", "notebook"),
        ("智能音箱", "smart speaker"),
        ("智能手表", "smartwatch"),
    ],
    "AMAT": [
        ("复合材料部件", "composite part"),
        ("功能涂层", "coating"),
        ("新材料样板", "material board"),
    ],
    "EQUIP": [
        ("数控机床", "CNC machine"),
        ("工业机器人", "industrial robot"),
        ("检测仪器", "instrument"),
    ],
    "FOOD": [
        ("火锅底料", "hotpot base"),
        ("江津白酒", "Jiangjin liquor"),
        ("奉节脐橙", "navel orange"),
    ],
    "SOFT": [
        ("工业软件", "industrial software"),
        ("政务服务平台", "service portal"),
        ("数据看板", "dashboard"),
    ],
    "DISP": [
        ("商用显示屏", "commercial display"),
        ("折叠屏终端", "foldable device"),
        ("车载显示屏", "car display"),
    ],
    "MOTO": [
        ("探险摩托车", "adventure motorcycle"),
        ("电动踏板车", "electric scooter"),
        ("骑行装备", "riding gear"),
    ],
    "ALLOY": [
        ("铝合金轮毂", "alloy wheel"),
        ("压铸壳体", "die-cast housing"),
        ("铝型材", "aluminium profile"),
    ],
    "TEXT": [
        ("夏布服饰", "ramie garments"),
        ("女鞋", "women's shoes"),
        ("功能工装", "workwear"),
    ],
    "BIO": [
        ("医疗器械", "medical device"),
        ("康复辅具", "rehab aid"),
        ("检验仪器", "lab analyser"),
    ],
    "ENERGY": [
        ("户用储能", "home battery"),
        ("充电桩", "charging post"),
        ("储能柜", "storage cabinet"),
    ],
    "FUTURE": [
        ("物流无人机", "delivery drone"),
        ("eVTOL飞行器", "eVTOL aircraft"),
        ("服务机器人", "service robot"),
    ],
}


def _plan(ref: str) -> dict:
    rng = random.Random(ref)
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


@dataclass(frozen=True)
class _Facts:
    """What drawing a studio's pictures needs, read once in the main thread."""

    id: int
    ref: str
    name: str
    industry: str
    disciplines: tuple[str, ...] = ()
    statement: str = ""
    items: tuple[tuple[int, str, str], ...] = ()  # (id, title, description) of imported projects


@dataclass
class _Pictures:
    """A studio's drawn and stored pictures, ready to attach."""

    plan: dict
    logo: uploads.ImageSet | None
    cover: uploads.ImageSet | None
    items: list[tuple[dict, list]]
    existing: list[tuple[int, list]] = field(default_factory=list)  # pictures of imported items


def _item(facts: _Facts, n: int, pictures: int, rng: random.Random) -> tuple[dict, list]:
    year = 2019 + rng.randrange(7)
    text = facts.statement.lower()
    named = [(zh, en) for zh, en in PRODUCTS.get(facts.industry, [])
             if zh in text or en.split()[-1].rstrip("s") in text]  # products the studio names
    product_zh, product_en = rng.choice(named) if named else ("", "")
    work_zh, work_en = WORK.get(rng.choice(facts.disciplines or ("FORM",)), WORK["FORM"])
    title = f"{product_zh or '客户项目·'}{work_zh} {year}"
    fields = {
        "title": title, "year": year, "industry_code": facts.industry,
        "client_kind": rng.choice(KINDS),
        "description": f"{facts.name}的虚构演示项目：为客户完成{product_zh}{work_zh}，从需求梳理、"
                       f"草图到方案验证。图片为绘制的示意图，不是照片。"
                       f"(Fictional demo project: {product_en or 'client'} {work_en}.)",
    }  # fmt: skip
    motif = demo_motifs.motif_for(title, product_en or product_zh, facts.industry)
    return fields, _pictures(f"{facts.ref}:{n}", title, motif, pictures)


def _pictures(seed: str, title: str, motif: str, count: int) -> list[uploads.ImageSet]:
    return [
        uploads.save_image_set(BytesIO(demo_pictures.work(f"{seed}:{i}", title, motif)), "work")
        for i in range(count)
    ]


def _imported(facts: _Facts, counts: list[int]) -> list[tuple[int, list]]:
    """Pictures for the projects the studio file gave, each showing what its words are about."""
    drawn = []
    for n, (item_id, title, description) in enumerate(facts.items):
        motif = demo_motifs.motif_for(title, description, facts.industry)
        count = counts[n % len(counts)]
        drawn.append((item_id, _pictures(f"{facts.ref}:{n}", title, motif, count)))
    return drawn


def _facts(studio: Studio) -> _Facts:
    industry = studio.industries[0].code if studio.industries else "EQUIP"
    name = studio.name_zh or studio.name
    items = tuple((i.id, i.title, i.description) for i in studio.portfolio if not i.images)
    return _Facts(studio.id, studio.ref, name, industry, tuple(studio.discipline_codes),
                  studio.capability_statement or "", items)  # fmt: skip


def _draw(facts: _Facts) -> _Pictures:
    """Draw and store one studio's pictures (files only; safe to run in a worker thread)."""
    plan = _plan(facts.ref)
    # Every demo studio has a logo: a card or page without one shows an empty square.
    logo = uploads.save_image_set(BytesIO(demo_pictures.logo(facts.ref, facts.name)), "logo")
    cover = uploads.save_image_set(BytesIO(demo_pictures.cover(facts.ref)), "cover") \
        if plan["cover"] else None  # fmt: skip
    if facts.items:  # the studio file gave its projects: draw them, invent none
        return _Pictures(plan, logo, cover, [], _imported(facts, plan["items"]))
    items = [_item(facts, n, count, plan["rng"]) for n, count in enumerate(plan["items"])]
    return _Pictures(plan, logo, cover, items)


def _attach(studio_id: int, pictures: _Pictures) -> None:
    with write_transaction() as session:
        studio = session.get(Studio, studio_id)
        studio.district = studio.district or pictures.plan["district"]
        _claim(studio, pictures.plan)
        studio.logo_key = pictures.logo.key if pictures.logo else None
        studio.cover_key = pictures.cover.key if pictures.cover else None
        for fields, stored in pictures.items:
            item = PortfolioItem(studio_id=studio.id, **fields)
            session.add(item)
            studio_images.attach(item, stored)
        for item_id, stored in pictures.existing:
            item = session.get(PortfolioItem, item_id)
            if item is not None and item.studio_id == studio.id:
                studio_images.attach(item, stored)
        record_event(StudiosChanged(ids=(studio.id,)))


def _needs_pictures(studio: Studio) -> bool:
    """No logo, cover or project picture yet (projects imported without pictures still count)."""
    pictured = any(item.images for item in studio.portfolio)
    return not (studio.logo_key or studio.cover_key or pictured)


def dress_studio(studio_id: int) -> bool:
    """Give one demo studio its district, claim and pictures; False if it already has pictures."""
    studio = db.session.get(Studio, studio_id)
    if studio is None:
        return False
    if not _needs_pictures(studio):
        _restore_facts(studio_id)  # a re-import cleared district and claim: put them back
        return False
    _attach(studio_id, _draw(_facts(studio)))
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
        plan = _plan(studio.ref)
        changed = _claim(studio, plan)
        if not studio.district:
            studio.district, changed = plan["district"], True
        if changed:
            record_event(StudiosChanged(ids=(studio.id,)))


def dress_all(threads: int | None = None) -> int:
    """Dress every studio that has no pictures yet; the number dressed.

    Pictures are drawn and encoded by a few threads (Pillow releases the GIL while it encodes)
    while this thread attaches them in studio order; the matching and index updates that the
    changes cause run once at the end for every studio, not once per studio.
    """
    studios = list(db.session.scalars(select(Studio).order_by(Studio.id)))
    todo = [_facts(s) for s in studios if _needs_pictures(s)]
    dressed_ids = {f.id for f in todo}
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def draw_in_app(facts: _Facts) -> _Pictures:
        with app.app_context():
            return _draw(facts)

    with jobs.deferred():
        for studio in studios:
            if studio.id not in dressed_ids:
                _restore_facts(studio.id)
        workers = threads or max(1, min(4, os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for facts, pictures in zip(todo, pool.map(draw_in_app, todo), strict=True):
                _attach(facts.id, pictures)
    log.info("demo pictures for %d studios", len(todo))
    return len(todo)
