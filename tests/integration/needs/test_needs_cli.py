"""`flask users create --role manufacturer`, `flask needs import|export`, need matching CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

DATA = Path(__file__).resolve().parents[2] / "data"


def _line(**changes) -> str:
    obj = {
        "ref": "n-1", "manufacturer": "buyer@example.cn", "title": "Battery pack enclosure",
        "description": "An enclosure for an 82 kWh pack with liquid cooling and IP67 sealing.",
        "industry": "NEV", "disciplines": ["ENG", "FORM"], "scenario": "NEV-01",
        "budget_min": 100000, "budget_max": 200000, "deadline": "2030-01-31T18:00:00",
    }  # fmt: skip
    obj.update(changes)
    return json.dumps({k: v for k, v in obj.items() if v is not None}, ensure_ascii=False)


@pytest.fixture
def buyer(runner):
    result = runner.invoke(
        args=["users", "create", "--role", "manufacturer", "--email", "buyer@example.cn",
              "--name", "Buyer Co"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return "buyer@example.cn"


def _needs(app):
    from marketplace.extensions import db
    from marketplace.models import Need

    with app.app_context():
        return {n.ref: (n.title, n.status, n.bid_deadline) for n in db.session.query(Need)}


def test_a_manufacturer_account_from_the_command_line_can_log_in(app, runner, buyer):
    client = app.test_client()
    response = client.post("/login", data={"email": buyer, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/needs/new").status_code == 200
    result = runner.invoke(args=["users", "create", "--role", "manufacturer", "--email", "x@y.cn"],
                           input=f"{PASSWORD}\n{PASSWORD}\n")  # fmt: skip
    assert result.exit_code != 0 and "--name ORG is required" in result.output


def test_import_export_round_trip_and_update_by_ref(app, runner, buyer, tmp_path):
    file = tmp_path / "needs.jsonl"
    file.write_text(_line() + "\n" + _line(ref="n-2", status="draft", deadline=None) + "\n")
    dry = runner.invoke(args=["needs", "import", str(file), "--dry-run"])
    assert dry.exit_code == 0 and "nothing was written" in dry.output and _needs(app) == {}
    result = runner.invoke(args=["needs", "import", str(file)])
    assert result.exit_code == 0, result.output
    needs = _needs(app)
    assert needs["n-1"][1] == "published" and needs["n-2"][1] == "draft"
    assert needs["n-1"][2].isoformat() == "2030-01-31T10:00:00"  # Beijing time -> UTC
    exported = runner.invoke(args=["needs", "export"]).output.splitlines()
    first = json.loads(exported[0])
    assert first["ref"] == "n-1" and first["deadline"] == "2030-01-31T10:00:00Z"
    assert first["scenario"] == "NEV-01" and first["manufacturer"] == buyer
    file.write_text("\n".join(exported) + "\n")
    assert runner.invoke(args=["needs", "import", str(file)]).exit_code == 0
    assert _needs(app) == needs  # re-importing the export changes nothing
    file.write_text(_line(title="Battery pack enclosure, revised") + "\n")
    assert runner.invoke(args=["needs", "import", str(file)]).exit_code == 0
    assert _needs(app)["n-1"][0] == "Battery pack enclosure, revised"
    assert len(_needs(app)) == 2


def test_a_bad_line_imports_nothing_and_names_line_and_field(app, runner, buyer, tmp_path):
    file = tmp_path / "needs.jsonl"
    file.write_text("\n".join([
        _line(),
        _line(ref="n-2", manufacturer="nobody@example.cn"),
        _line(ref="n-3", budget_min=5, budget_max=1),
        _line(ref="n-4", deadline="next week"),
        _line(ref="n-5", industry="CARS", status="maybe"),
        _line(ref="n-1"),
    ]) + "\n")  # fmt: skip
    result = runner.invoke(args=["needs", "import", str(file)])
    assert result.exit_code != 0
    for expected in ("line 2: manufacturer", "line 3: budget_max", "line 4: deadline",
                     "line 5: industry", "line 5: status", "line 6: ref"):  # fmt: skip
        assert expected in result.output
    assert _needs(app) == {}


def test_match_commands_for_needs(app, runner, buyer, tmp_path):
    from tests.functional.matching.conftest import import_dev_studios

    import_dev_studios(app)
    file = tmp_path / "needs.jsonl"
    file.write_text(_line() + "\n")
    runner.invoke(args=["needs", "import", str(file)])
    result = runner.invoke(args=["match", "studios", "--need", "n-1", "--json", "--top", "5"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert 0 < len(items) <= 5
    assert set(items[0]) == {"ref", "studio_id", "name", "score", "fit", "reasons"}
    batch = runner.invoke(args=["match", "studios", "--need", "all"])
    assert json.loads(batch.output.splitlines()[0])["id"] == "n-1"
    studio_ref = items[0]["ref"]
    result = runner.invoke(args=["match", "needs", "--studio", studio_ref, "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found and set(found[0]) == {"ref", "title", "score", "fit", "reasons"}
    assert found[0]["ref"] == "n-1"
    unknown = runner.invoke(args=["match", "studios", "--need", "nope"])
    assert unknown.exit_code != 0 and "No need with ref nope" in unknown.output


def test_demo_files_import_cleanly(app, runner):
    users = runner.invoke(args=["users", "import", str(DATA / "demo_manufacturers.jsonl")])
    assert users.exit_code == 0, users.output
    result = runner.invoke(args=["needs", "import", str(DATA / "demo_needs.jsonl")])
    assert result.exit_code == 0, result.output
    states = {status for _, status, _ in _needs(app).values()}
    assert {"published", "submitted", "returned", "draft", "closed"} <= states
    again = runner.invoke(args=["users", "import", str(DATA / "demo_manufacturers.jsonl")])
    assert "0 created, 4 already there" in again.output
