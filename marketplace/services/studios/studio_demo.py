"""Demo dressing for the fictional studios: districts, accreditation claims, pictured portfolios.

Two halves. Dressing writes what matching and search read (district, claim, portfolio items'
titles and descriptions) in one transaction, with one StudiosChanged for every studio it touched.
Pictures (logo, cover, portfolio images) are drawn afterwards, in this process or by the job
consumer (`flask demo images --later`); attaching them records no event, since no text that
matching or search reads changes (the studio's `updated_at` moves, so its page cache does).
"""

from __future__ import annotations

import logging
import os
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

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


DEMO_MARK = "(Fictional demo project:"  # in every demo item's description
PICTURES_TASK = "demo_pictures"  # the job bootstrap declares: draw_pictures_job(ids)


@dataclass(frozen=True)
class _Facts:
    """What dressing and drawing a studio need, read once in the main thread."""

    id: int
    ref: str
    name: str
    industry: str
    disciplines: tuple[str, ...] = ()
    statement: str = ""


Spec = tuple[str, str, str]  # (seed, label, motif) of one drawn work picture


@dataclass
class _Wanted:
    """The pictures one dressed studio should show (its plan, replayed from its ref)."""

    facts: _Facts
    logo: bool
    cover: bool
    items: list[tuple[int, list[Spec]]]  # portfolio item id -> its pictures


@dataclass
class _Drawn:
    """A studio's drawn and stored pictures, ready to attach."""

    logo: uploads.ImageSet | None
    cover: uploads.ImageSet | None
    items: list[tuple[int, list[uploads.ImageSet]]] = field(default_factory=list)


@dataclass
class DressReport:
    """What `dress_all` did: studios dressed, and pictures drawn now or queued for the consumer."""

    dressed: int = 0
    drawn: int = 0
    queued: int = 0


def _item(facts: _Facts, n: int, pictures: int, rng: random.Random) -> tuple[dict, list[Spec]]:
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
                       f"{DEMO_MARK} {product_en or 'client'} {work_en}.)",
    }  # fmt: skip
    return fields, [(f"{facts.ref}:{n}:{i}", title) for i in range(pictures)]


def _facts(studio: Studio) -> _Facts:
    industry = studio.industries[0].code if studio.industries else "EQUIP"
    name = studio.name_zh or studio.name
    return _Facts(studio.id, studio.ref, name, industry, tuple(studio.discipline_codes),
                  studio.capability_statement or "")  # fmt: skip


def _needs_dressing(studio: Studio) -> bool:
    return not (studio.logo_key or studio.cover_key or studio.portfolio)


def _wants_pictures(studio: Studio) -> bool:
    """Dressed (demo projects or projects from the studio file) but not pictured yet: no logo,
    cover or project image."""
    items = studio.portfolio
    return bool(items) and not (studio.logo_key or studio.cover_key) and not any(
        item.images for item in items
    )


def _dress(session, studio: Studio) -> None:
    """District, claim and the portfolio items' texts (inside the caller's transaction)."""
    facts, plan = _facts(studio), _plan(studio.ref)
    studio.district = studio.district or plan["district"]
    _claim(studio, plan)
    for n, count in enumerate(plan["items"]):
        fields, _specs = _item(facts, n, count, plan["rng"])
        session.add(PortfolioItem(studio_id=studio.id, **fields))


def _claim(studio: Studio, plan: dict) -> bool:
    if studio.accreditation not in (None, "none") or plan["level"] == "none":
        return False
    studio.accreditation = plan["level"]
    studio.accreditation_evidence = "Demo claim: listed in a fictional centre register."
    studio.accreditation_verified_at = utcnow() if plan["verified"] else None
    return True


def _restore_facts(studio: Studio) -> bool:
    """The same district and claim as the first dressing (the plan is seeded by the ref)."""
    plan = _plan(studio.ref)
    changed = _claim(studio, plan)
    if not studio.district:
        studio.district, changed = plan["district"], True
    return changed


def _dress_texts(ids: list[int] | None = None) -> int:
    """Dress every undressed studio (of ids) in one transaction; put back the district and claim
    of dressed ones a re-import cleared. One StudiosChanged for all of them; how many dressed."""
    query = select(Studio).order_by(Studio.id).options(selectinload(Studio.portfolio))
    if ids is not None:
        query = query.where(Studio.id.in_(ids))
    dressed, changed = 0, []
    with write_transaction() as session:
        for studio in session.scalars(query):
            if _needs_dressing(studio):
                _dress(session, studio)
                dressed += 1
                changed.append(studio.id)
            elif _restore_facts(studio):
                changed.append(studio.id)
        if changed:
            record_event(StudiosChanged(ids=tuple(changed)))
    return dressed


def _wanted(studio: Studio) -> _Wanted:
    facts, plan = _facts(studio), _plan(studio.ref)
    items = sorted(studio.portfolio, key=lambda item: item.id)
    counts = plan["items"]
    specs = []
    for n, item in enumerate(items):
        # the picture shows what the project's words are about (a drone study for a drone firm)
        motif = demo_motifs.motif_for(item.title, item.description or "", facts.industry)
        specs.append((item.id, [(f"{facts.ref}:{n}:{i}", item.title, motif)
                                for i in range(counts[n % len(counts)])]))  # fmt: skip
    # Every demo studio has a logo: a card or page without one shows an empty square.
    return _Wanted(facts, True, plan["cover"], specs)


def _draw(wanted: _Wanted) -> _Drawn:
    """Draw and store one studio's pictures (files only; safe to run in a worker thread)."""
    facts = wanted.facts
    logo = uploads.save_drawn_image_set(demo_pictures.logo_image(facts.ref, facts.name), "logo") \
        if wanted.logo else None  # fmt: skip
    cover = uploads.save_drawn_image_set(demo_pictures.cover_image(facts.ref), "cover") \
        if wanted.cover else None  # fmt: skip
    items = [
        (item_id, [uploads.save_drawn_image_set(demo_pictures.work_image(*spec), "work")
                   for spec in specs])
        for item_id, specs in wanted.items
    ]  # fmt: skip
    return _Drawn(logo, cover, items)


def _attach(studio_id: int, drawn: _Drawn) -> bool:
    """Attach one studio's pictures; no event: no text that matching or search reads changed."""
    with write_transaction() as session:
        studio = session.get(Studio, studio_id)
        if studio is None or not _wants_pictures(studio):  # gone, or pictured meanwhile
            attached = False
        else:
            studio.logo_key = drawn.logo.key if drawn.logo else None
            studio.cover_key = drawn.cover.key if drawn.cover else None
            for item_id, stored in drawn.items:
                item = session.get(PortfolioItem, item_id)
                if item is not None and item.studio_id == studio_id:
                    studio_images.attach(item, stored)
            attached = True
    if not attached:
        for key in [drawn.logo and drawn.logo.key, drawn.cover and drawn.cover.key]:
            uploads.delete_image_set(key)
        for _item_id, stored in drawn.items:
            for image in stored:
                uploads.delete_image_set(image.key)
    return attached


def draw_pictures(ids: list[int], threads: int | None = None) -> int:
    """Draw and attach the pictures of these dressed studios that have none yet; how many.

    Pictures are drawn and encoded by a few threads (Pillow releases the GIL while it encodes)
    while this thread attaches them in studio order.
    """
    studios = db.session.scalars(
        select(Studio).where(Studio.id.in_(list(ids))).order_by(Studio.id)
        .options(selectinload(Studio.portfolio).selectinload(PortfolioItem.images))
    )  # fmt: skip
    todo = [_wanted(s) for s in studios if _wants_pictures(s)]
    db.session.rollback()  # end the read before the writes
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def draw_in_app(wanted: _Wanted) -> _Drawn:
        with app.app_context():
            return _draw(wanted)

    done = 0
    workers = threads or max(1, min(4, os.cpu_count() or 1))
    if workers == 1:
        drawn_all = map(_draw, todo)
    else:
        pool = ThreadPoolExecutor(max_workers=workers)
        drawn_all = pool.map(draw_in_app, todo)
    try:
        for wanted, drawn in zip(todo, drawn_all, strict=True):
            done += _attach(wanted.facts.id, drawn)
    finally:
        if workers != 1:
            pool.shutdown()
    log.info("demo pictures drawn for %d studios", done)
    return done


def draw_pictures_job(ids: list[int]) -> int:
    """The consumer's job: one studio's (or a few studios') pictures, drawn in one thread."""
    return draw_pictures(ids, threads=1)


def dress_studio(studio_id: int) -> bool:
    """Give one demo studio its district, claim and pictures; False if it already has pictures."""
    studio = db.session.get(Studio, studio_id)
    if studio is None:
        return False
    dressed = _dress_texts([studio_id]) > 0
    draw_pictures([studio_id], threads=1)
    return dressed


def dress_all(threads: int | None = None, *, later: bool = False) -> DressReport:
    """Dress every studio that has no portfolio yet, then draw the pictures of every dressed
    studio still without them: here, or with `later` queued for the job consumer (one job per
    studio, so the drains of people's saves are not held up behind them).

    The matching and index updates that the dressing causes run once at the end for every
    studio, not once per studio; attaching pictures causes none.
    """
    report = DressReport()
    with jobs.deferred():
        report.dressed = _dress_texts()
    ids = [
        s.id
        for s in db.session.scalars(
            select(Studio).order_by(Studio.id)
            .options(selectinload(Studio.portfolio).selectinload(PortfolioItem.images))
        )
        if _wants_pictures(s)
    ]  # fmt: skip
    db.session.rollback()
    if later:
        for studio_id in ids:
            jobs.enqueue(PICTURES_TASK, [studio_id])
        report.queued = len(ids)
    else:
        report.drawn = draw_pictures(ids, threads)
    log.info("demo dressing: %d studios dressed, %d pictured, %d queued",
             report.dressed, report.drawn, report.queued)  # fmt: skip
    return report
