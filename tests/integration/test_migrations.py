"""The migrations, applied to an empty database, produce exactly the models' schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from marketplace.extensions import db
from tests.conftest import make_app


def test_migrations_match_the_models(tmp_path):
    app = make_app(tmp_path, tmp_path / "empty.db")
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "render_as_batch": True}
            )
            diff = compare_metadata(context, db.metadata)
        assert diff == [], diff
        db.engine.dispose()


def test_migrations_downgrade_to_empty_and_back(tmp_path):
    app = make_app(tmp_path, tmp_path / "roundtrip.db")
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        names = set(db.inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert names == set()
        upgrade()
        assert "scenarios" in db.inspect(db.engine).get_table_names()
        db.engine.dispose()
