"""`flask search check|rebuild` and `flask init` keep the index in step with the database."""

from __future__ import annotations

import json

from sqlalchemy import text

from marketplace.extensions import db
from marketplace.services.search import indexing
from tests.integration.search.conftest import found


def behind_the_index(app, sql: str, **params) -> None:
    """Change the database directly, as a manual fix or a crashed worker would (no event)."""
    with app.app_context():
        db.session.execute(text(sql), params)
        db.session.commit()


def test_check_passes_when_the_index_matches(indexed, runner):
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 0, result.output
    assert "in step with the database" in result.output


def test_check_fails_naming_a_row_changed_behind_the_index_and_rebuild_fixes_it(indexed, runner):
    behind_the_index(
        indexed, "UPDATE scenarios SET title = 'Glacier ferry interior' WHERE code = 'NEV-01'"
    )
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert "0 missing, 1 stale, 0 extra" in result.output
    assert "scenario:NEV-01" in result.output and "--fix" in result.output
    assert found(indexed, "glacier") == []  # the index still has the old title

    rebuilt = runner.invoke(args=["search", "rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "rebuilt: 83 documents" in rebuilt.output
    assert runner.invoke(args=["search", "check"]).exit_code == 0
    assert found(indexed, "glacier") == ["scenario:NEV-01"]


def test_check_lists_missing_and_extra_keys_and_fix_repairs_them(indexed, runner, make_account):
    studio_id = make_account("studio").studio_id
    behind_the_index(
        indexed,
        "UPDATE studios SET capability_statement = :text WHERE id = :id",
        text="Snowboard bindings and ski boots, designed and tested on Jinfo Mountain for makers.",
        id=studio_id,
    )
    behind_the_index(indexed, "DELETE FROM scenarios WHERE code = 'FUTURE-01'")
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert "1 missing, 0 stale, 1 extra" in result.output
    assert f"studio:{studio_id}" in result.output and "scenario:FUTURE-01" in result.output

    fixed = runner.invoke(args=["search", "check", "--fix"])
    assert fixed.exit_code == 0, fixed.output
    assert "Repaired: 1 written, 1 deleted" in fixed.output
    assert runner.invoke(args=["search", "check"]).exit_code == 0
    assert found(indexed, "snowboard") == [f"studio:{studio_id}"]
    assert "scenario:FUTURE-01" not in found(indexed, "", kind="scenario")


def test_rebuild_shows_progress_and_counts(app, runner, make_account):
    calls: list[int] = []
    with app.app_context():
        assert indexing.rebuild(progress=calls.append) == 83 == sum(calls)
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Indexing 83 documents" in result.output  # the progress bar's label
    assert "Search index rebuilt: 83 documents" in result.output


def test_rebuild_includes_imported_studios(app, runner, tmp_path):
    rows = [
        {"ref": f"CQ-{n:03d}", "name": f"Import Studio {n}", "industries": ["NEV"],
         "text": f"Studio number {n} designs battery enclosures and charging posts for makers."}
        for n in range(1, 4)
    ]  # fmt: skip
    path = tmp_path / "studios.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert runner.invoke(args=["studios", "import", str(path)]).exit_code == 0
    result = runner.invoke(args=["search", "rebuild"])
    assert "rebuilt: 86 documents" in result.output
    assert len(found(app, "charging posts", kind="studio")) == 3


def test_init_builds_the_index_once_and_is_idempotent(app, runner):
    first = runner.invoke(args=["init"])
    assert first.exit_code == 0, first.output
    assert "Search index brought in step: 83 written, 0 removed (83 documents)" in first.output
    with app.app_context():
        generation = indexing.get_index().ix.latest_generation()

    second = runner.invoke(args=["init"])
    assert second.exit_code == 0, second.output
    assert "Search index in step (83 documents)" in second.output
    with app.app_context():
        assert indexing.get_index().ix.latest_generation() == generation  # nothing rewritten
    hits = found(app, "电池包")  # the Chinese texts are indexed too
    assert hits[0] == "scenario:ENERGY-01"  # the one whose title says it comes first
    assert {"scenario:NEV-10"} <= set(hits)  # 可维修电池包 in its Chinese description


def test_catalogue_and_studio_imports_update_the_index_without_a_rebuild(indexed, runner,
                                                                         tmp_path):  # fmt: skip
    exported = runner.invoke(args=["catalog", "export"]).output.splitlines()
    row = json.loads(exported[0])
    row["title"] = "Amphibious camper styling"
    path = tmp_path / "catalogue.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    assert runner.invoke(args=["catalog", "import", str(path)]).exit_code == 0
    assert found(indexed, "amphibious") == [f"scenario:{row['code']}"]

    studio = {
        "ref": "CQ-900", "name": "Lotus Pond Design", "district": "Yubei",
        "text": "Lotus Pond designs rice cookers and kettles for Chongqing appliance makers.",
    }  # fmt: skip
    path.write_text(json.dumps(studio), encoding="utf-8")
    assert runner.invoke(args=["studios", "import", str(path)]).exit_code == 0
    [key] = found(indexed, "Lotus Pond")
    assert key.startswith("studio:") and found(indexed, "渝北", kind="studio") == [key]
    assert runner.invoke(args=["search", "check"]).exit_code == 0
