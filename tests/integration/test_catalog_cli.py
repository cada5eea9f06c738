"""The catalogue commands: init, export, import (all or nothing) and staff accounts."""

from __future__ import annotations

import json

import pytest

from marketplace.extensions import db
from marketplace.models import Scenario, User


def exported(runner) -> list[dict]:
    result = runner.invoke(args=["catalog", "export"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_export_prints_83_lines_covering_13_industries(runner):
    rows = exported(runner)
    assert len(rows) == 83
    assert len({r["industry"] for r in rows}) == 13
    keys = {"code", "industry", "disciplines", "title", "title_zh", "summary", "summary_zh",
            "description", "description_zh", "deliverables", "deliverables_zh"}  # fmt: skip
    assert all(keys <= set(r) for r in rows)
    assert rows[0]["code"] == "NEV-01"


def test_init_is_idempotent(runner):
    first = runner.invoke(args=["init"])
    assert first.exit_code == 0, first.output
    assert "0 scenarios added" in first.output and "83 in all" in first.output
    second = runner.invoke(args=["init"])
    assert second.exit_code == 0 and "83 unchanged" in second.output


def test_export_then_import_changes_nothing(runner, tmp_path):
    path = tmp_path / "catalogue.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in exported(runner)), encoding="utf-8"
    )
    result = runner.invoke(args=["catalog", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 new, 0 updated, 83 unchanged" in result.output


def test_import_updates_and_adds_scenarios(app, runner, tmp_path):
    rows = exported(runner)
    rows[0]["title"] = "Whole-vehicle styling, revised brief"
    new = dict(rows[1], code="NEV-11", title="Camper conversion for mountain roads",
               title_zh="山地露营房车改装设计")  # fmt: skip
    path = tmp_path / "official.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [rows[0], new]))
    result = runner.invoke(args=["catalog", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 new, 1 updated" in result.output
    with app.app_context():
        assert db.session.scalar(db.select(Scenario).where(Scenario.code == "NEV-01")).title == (
            "Whole-vehicle styling, revised brief"
        )
        assert db.session.scalar(db.select(db.func.count(Scenario.id))) == 84


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [
        ("{not json", "line 3: (json)"),
        ('["a list"]', "line 3: (json): each line must be a JSON object"),
        ('{"code": "NEV-12", "industry": "CARS"}', "line 3: industry"),
    ],
)
def test_import_with_one_bad_line_writes_nothing(app, runner, tmp_path, bad_line, expected):
    rows = exported(runner)
    rows[0]["title"] = "This edit must not land"
    lines = [json.dumps(rows[0]), json.dumps(rows[1]), bad_line, json.dumps(rows[2])]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(args=["catalog", "import", str(path)])
    assert result.exit_code != 0
    assert "nothing was imported" in result.output
    assert expected in result.output
    with app.app_context():
        first = db.session.scalar(db.select(Scenario).where(Scenario.code == "NEV-01"))
        assert first.title != "This edit must not land"


def test_import_names_each_bad_field(runner, tmp_path):
    row = exported(runner)[0]
    broken = dict(row, disciplines=["FORM", "DANCE"], title="", deliverables="clay")
    duplicate = dict(row)
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(broken) + "\n" + json.dumps(row) + "\n" + json.dumps(duplicate))
    result = runner.invoke(args=["catalog", "import", str(path)])
    assert result.exit_code != 0
    assert "line 1: disciplines: unknown code(s) DANCE" in result.output
    assert "line 1: title: is required" in result.output
    assert "line 1: deliverables" in result.output
    assert "line 3: code: 'NEV-01' repeats line 2" in result.output


def test_export_carries_both_languages(runner):
    row = next(r for r in exported(runner) if r["code"] == "FOOD-01")
    assert row["summary"].startswith("Redesign single-serve")
    assert "火锅底料" in row["summary_zh"] and "牛油" in row["description_zh"]
    assert len(row["deliverables_zh"]) == len(row["deliverables"])


def test_import_updates_the_chinese_texts(app, runner, tmp_path):
    row = exported(runner)[0]
    row["description_zh"] = "经信委正式版本的场景说明：" + row["description_zh"]
    row["deliverables_zh"] = ["正式版交付物一", "正式版交付物二"]
    path = tmp_path / "official.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["catalog", "import", str(path)])
    assert result.exit_code == 0 and "0 new, 1 updated" in result.output, result.output
    with app.app_context():
        nev = db.session.scalar(db.select(Scenario).where(Scenario.code == "NEV-01"))
        assert nev.description_zh.startswith("经信委正式版本")
        assert nev.deliverables_zh == ["正式版交付物一", "正式版交付物二"]


def test_import_checks_the_chinese_fields_like_the_english_ones(app, runner, tmp_path):
    rows = exported(runner)[:3]
    rows[0]["title"] = "This edit must not land"
    del rows[1]["summary_zh"]
    rows[2]["description_zh"] = "太短"
    rows[2]["deliverables_zh"] = []
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = runner.invoke(args=["catalog", "import", str(path)])
    assert result.exit_code != 0
    assert "nothing was imported" in result.output
    assert "line 2: summary_zh: is required" in result.output
    assert "line 3: description_zh: must be at least 20 characters" in result.output
    assert "line 3: deliverables_zh: needs at least one item" in result.output
    with app.app_context():
        first = db.session.scalar(db.select(Scenario).where(Scenario.code == "NEV-01"))
        assert first.title != "This edit must not land"


def test_import_of_missing_or_empty_file_fails_cleanly(runner, tmp_path):
    assert runner.invoke(args=["catalog", "import", str(tmp_path / "nope.jsonl")]).exit_code != 0
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    result = runner.invoke(args=["catalog", "import", str(empty)])
    assert result.exit_code != 0 and "no records" in result.output


def test_import_of_non_utf8_file_fails_cleanly(runner, tmp_path):
    path = tmp_path / "gbk.jsonl"
    path.write_bytes('{"title": "电池包"}'.encode("gbk"))
    result = runner.invoke(args=["catalog", "import", str(path)])
    assert result.exit_code != 0
    assert "UTF-8" in result.output


def test_users_create_staff_prompts_for_the_password(app, runner):
    password = "commission staff passphrase"
    result = runner.invoke(
        args=["users", "create", "--role", "staff", "--email", "Staff@CQ.gov.cn"],
        input=f"{password}\n{password}\n",
    )
    assert result.exit_code == 0, result.output
    assert password not in result.output
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "staff@cq.gov.cn"))
        assert user.role == "staff"


def test_users_create_rejects_short_password_bad_email_and_other_roles(runner):
    short = runner.invoke(
        args=["users", "create", "--role", "staff", "--email", "a@cq.gov.cn"],
        input="short\nshort\n",
    )
    assert short.exit_code != 0 and "at least 12" in short.output
    bad = runner.invoke(
        args=["users", "create", "--role", "staff", "--email", "nope"],
        input="long enough password\nlong enough password\n",
    )
    assert bad.exit_code != 0 and "email" in bad.output
    role = runner.invoke(args=["users", "create", "--role", "studio", "--email", "a@b.cn"])
    assert role.exit_code != 0
