"""Need matching with the real model: a cockpit need finds the cockpit studio, both ways."""

from __future__ import annotations

import json
import shutil
from itertools import islice
from pathlib import Path

import pytest

from marketplace.extensions import db
from tests.conftest import PASSWORD, make_app

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parents[2] / "data"
NEED = {
    "ref": "cockpit-1", "manufacturer": "buyer@example.cn", "status": "published",
    "title": "Cockpit HMI for an electric SUV", "deadline": "2030-01-31T18:00:00",
    "description": (
        "We need the cockpit HMI for our next electric SUV: instrument cluster and centre-screen "
        "layouts, head-up display graphics and voice interaction, tested with real drivers."
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def need_app(tmp_path_factory, template_db):
    """The real model, the first 20 dev-set studios and one published cockpit need."""
    from marketplace.services.studios import studio_import

    folder = tmp_path_factory.mktemp("need-match")
    db_file = folder / "test.db"
    shutil.copy(template_db, db_file)
    app = make_app(folder, db_file, MATCHING_ENCODER="model")
    with app.app_context(), (DATA / "dev_studios.jsonl").open(encoding="utf-8") as fh:
        studio_import.import_studios(studio_import.parse_studios(list(islice(fh, 20))).records)
    runner = app.test_cli_runner()
    created = runner.invoke(
        args=["users", "create", "--role", "manufacturer", "--email", "buyer@example.cn",
              "--name", "Buyer"], input=f"{PASSWORD}\n{PASSWORD}\n",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    needs_file = folder / "needs.jsonl"
    needs_file.write_text(json.dumps(NEED) + "\n", encoding="utf-8")
    imported = runner.invoke(args=["needs", "import", str(needs_file)])
    assert imported.exit_code == 0, imported.output
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_cockpit_need_ranks_the_cockpit_studio_first_with_a_fit_key(need_app):
    result = need_app.test_cli_runner().invoke(
        args=["match", "studios", "--need", "cockpit-1", "--json", "--top", "20"]
    )
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    refs = [i["ref"] for i in items]
    assert "S001" in refs[:3]  # Lumen Cockpit Lab
    assert "S016" not in refs[:3]  # Leaf & Fold Packaging
    assert all("fit" in i and i["reasons"] for i in items)


def test_stored_lists_both_ways_after_the_import(need_app):
    from marketplace.models import MatchRow, Need, Studio

    with need_app.app_context():
        need = db.session.query(Need).filter_by(ref="cockpit-1").one()
        cockpit = db.session.query(Studio).filter_by(ref="S001").one()
        to_studios = [
            r.target_key for r in db.session.query(MatchRow)
            .filter_by(direction="need-studio", source_key=f"need:{need.id}", retired_at=None)
            .order_by(MatchRow.rank)
        ]  # fmt: skip
        assert f"studio:{cockpit.id}" in to_studios[:3]
        back = db.session.query(MatchRow).filter_by(
            direction="studio-need", source_key=f"studio:{cockpit.id}", retired_at=None
        ).all()
        assert [r.target_key for r in back] == [f"need:{need.id}"]
    result = need_app.test_cli_runner().invoke(args=["match", "needs", "--studio", "S001",
                                                     "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["ref"] == "cockpit-1"
