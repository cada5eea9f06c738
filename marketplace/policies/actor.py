"""Who is acting: a typed view of the logged-in account (or a visitor) that policies decide on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STUDIO = "studio"
MANUFACTURER = "manufacturer"
STAFF = "staff"


@dataclass(frozen=True)
class Actor:
    """The acting party: user id and role (None for a visitor), and the studio it acts for."""

    user_id: int | None = None
    role: str | None = None
    studio_id: int | None = None

    @property
    def is_visitor(self) -> bool:
        """True when nobody is logged in."""
        return self.user_id is None

    @property
    def is_staff(self) -> bool:
        """True for commission staff."""
        return self.role == STAFF

    @property
    def is_studio(self) -> bool:
        """True for a studio account linked to a studio."""
        return self.role == STUDIO and self.studio_id is not None

    @property
    def is_manufacturer(self) -> bool:
        """True for a manufacturer account."""
        return self.role == MANUFACTURER

    def acts_for_studio(self, studio_id: int | None) -> bool:
        """True when this actor is one of that studio's accounts."""
        return self.is_studio and studio_id is not None and self.studio_id == studio_id

    def is_user(self, user_id: int | None) -> bool:
        """True when this actor is that account."""
        return self.user_id is not None and self.user_id == user_id


VISITOR = Actor()


def actor_of(user: Any) -> Actor:
    """An Actor for a User, Flask-Login's current_user (anonymous included) or an Actor."""
    if isinstance(user, Actor):
        return user
    if user is None or not getattr(user, "is_authenticated", False):
        return VISITOR
    return Actor(user_id=user.id, role=str(user.role), studio_id=getattr(user, "studio_id", None))
