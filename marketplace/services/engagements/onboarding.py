"""Studios without an account: they cannot be invited; staff see which matched ones to onboard."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import String, cast, func, literal, select

from marketplace.extensions import db
from marketplace.models import MatchRow, Need, NeedStatus, Studio, User
from marketplace.models.matching import NEED_TO_STUDIO


def registered_studio_ids(studio_ids: Iterable[int]) -> set[int]:
    """Those of the studios that have at least one account."""
    wanted = {int(i) for i in studio_ids}
    if not wanted:
        return set()
    return set(db.session.scalars(
        select(User.studio_id).where(User.studio_id.in_(wanted)).distinct()))


@dataclass(frozen=True)
class ToOnboard:
    """A studio without an account that fits open needs."""

    studio: Studio
    needs: int  # how many published needs it is matched to


def unregistered_matched_studios(limit: int = 50) -> list[ToOnboard]:
    """Studios with no account matched to published needs, most-matched first."""
    has_account = select(User.id).where(User.studio_id == Studio.id).exists()
    key = literal("studio:") + cast(Studio.id, String)
    query = (
        select(Studio, func.count(func.distinct(Need.id)))
        .join(MatchRow, MatchRow.target_key == key)
        .join(Need, MatchRow.source_key == literal("need:") + cast(Need.id, String))
        .where(MatchRow.direction == NEED_TO_STUDIO, MatchRow.retired_at.is_(None),
               Need.status == NeedStatus.PUBLISHED, ~has_account)
        .group_by(Studio.id).order_by(func.count(func.distinct(Need.id)).desc(), Studio.name)
        .limit(limit)
    )  # fmt: skip
    return [ToOnboard(studio, count) for studio, count in db.session.execute(query).all()]
