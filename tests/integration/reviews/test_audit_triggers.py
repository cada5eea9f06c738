"""The audit log is append-only in the database itself: UPDATE and DELETE are refused."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from marketplace.extensions import db
from marketplace.models import AuditEntry
from marketplace.services.audit import trail
from tests.conftest import make_app


def _refuses_changes(app) -> None:
    with app.app_context():
        trail.record("suspended", subject="studio:1", after={"suspended_at": "x"}, note="fake")
        entry = db.session.query(AuditEntry).one()
        entry.note = "rewritten"
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.commit()  # the ORM's UPDATE
        db.session.rollback()
        db.session.delete(db.session.query(AuditEntry).one())
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.commit()  # the ORM's DELETE
        db.session.rollback()
        for statement in ("UPDATE audit_log SET action = 'login'", "DELETE FROM audit_log"):
            with pytest.raises(DatabaseError, match="append-only"), db.engine.begin() as conn:
                conn.execute(text(statement))
        kept = db.session.query(AuditEntry).one()
        assert (kept.action, kept.note) == ("suspended", "fake")
        trail.record("restored", subject="studio:1")  # appending still works
        assert db.session.query(AuditEntry).count() == 2


def test_sqlite_refuses_update_and_delete_of_audit_rows(app):
    _refuses_changes(app)


@pytest.mark.slow
def test_postgres_refuses_update_and_delete_of_audit_rows(tmp_path, postgres_url):
    app = make_app(tmp_path, tmp_path / "unused.db", SQLALCHEMY_DATABASE_URI=postgres_url)
    result = app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0, result.output
    try:
        _refuses_changes(app)
        with (
            app.app_context(),
            pytest.raises(DatabaseError, match="append-only"),
            db.engine.begin() as conn,
        ):
            conn.execute(text("TRUNCATE audit_log"))
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
