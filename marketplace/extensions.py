"""Flask extensions, created unbound and initialised in create_app()."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names, so migrations diff cleanly."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Tables that only PostgreSQL has and no model declares: the search vocabulary "did you mean"
# reads (migration d2f7b4e9a1c6). Autogenerate and the schema comparisons leave them alone.
POSTGRES_ONLY_TABLES = frozenset({"search_terms", "search_vocabulary"})


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's filter: False for a PostgreSQL-only table (and so for its indexes)."""
    return not (type_ == "table" and reflected and name in POSTGRES_ONLY_TABLES)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True, include_object=include_object)
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
# Throttles password guessing; per-process memory unless RATELIMIT_STORAGE_URI names a shared store.
limiter = Limiter(key_func=get_remote_address)
