"""`flask studios import|export`: validate every line first, all or nothing, update by ref."""

from __future__ import annotations

import json

import pytest

from marketplace.extensions import db
from marketplace.models import Studio, User
from marketplace.models._types import utcnow
from marketplace.services.studios import studio_verification
from tests.integration.studios.conftest import TEXT, studio_line


def run(runner, *args):
    return runner.invoke(args=["studios", *args])


def all_studios(app) -> dict[str, Studio]:
    with app.app_context():
        rows = db.session.scalars(db.select(Studio)).all()
        out = {}
        for s in rows:
            _ = (s.industry_codes, s.discipline_codes, s.members)  # load before detaching
            out[s.ref] = s
        db.session.expunge_all()
        return out


def snapshot(app) -> list[tuple]:
    with app.app_context():
        return [
            (s.ref, s.name, s.capability_statement, s.district, s.accreditation, s.website,
             tuple(s.industry_codes), tuple(s.discipline_codes))
            for s in db.session.scalars(db.select(Studio).order_by(Studio.ref))
        ]  # fmt: skip


def test_import_the_evaluation_sample(app, runner, sample_file):
    result = run(runner, "import", str(sample_file))
    assert result.exit_code == 0, result.output
    assert "Imported 10 studios: 10 new, 0 updated, 0 unchanged." in result.stdout
    assert "name the reference 'id' instead of 'ref'" in result.stdout
    rows = all_studios(app)
    assert len(rows) == 10
    ember = rows["D01"]
    assert ember.name == "Ember Lane Design" and ember.is_listed
    assert ember.industry_codes == ["ELEC"] and ember.discipline_codes == ["FORM", "CMF"]
    assert ember.capability_statement.startswith("We are a product studio for personal audio")
    assert not ember.members  # imported studios have no login yet
    client = app.test_client()
    directory = client.get("/studios?industry=ELEC").get_data(as_text=True)
    assert "Ember Lane Design" in directory and "D01" not in directory  # refs are staff-only


def test_all_format_fields_are_stored(app, runner, write_jsonl):
    path = write_jsonl([studio_line(district="Yubei"), studio_line(ref="X2", district="nanan",
                        accreditation="NATIONAL", industries="SOFT, elec")])  # fmt: skip
    result = run(runner, "import", str(path))
    assert result.exit_code == 0, result.output
    rows = all_studios(app)
    first = rows["CQ-IDC-001"]
    assert (first.name_zh, first.district, first.founded_year, first.team_size, first.website) == (
        "两江工业设计中心", "yubei", 2012, 85, "https://ljidc.example.cn",
    )  # fmt: skip
    assert first.accreditation == "municipal" and not first.is_verified
    assert first.discipline_codes == ["FORM", "ENG", "PROTO"]
    assert rows["X2"].accreditation == "national" and rows["X2"].industry_codes == ["ELEC", "SOFT"]


def test_one_bad_line_means_nothing_is_written(app, runner, write_jsonl):
    before = snapshot(app)
    path = write_jsonl([
        studio_line(ref="GOOD-1"),
        studio_line(ref="GOOD-2", name="Second"),
        studio_line(ref="BAD-3", founded=1890),
        studio_line(ref="GOOD-4"),
    ])  # fmt: skip
    result = run(runner, "import", str(path))
    assert result.exit_code != 0
    assert "nothing was imported" in result.output
    assert "line 3: founded: must be between 1949 and" in result.output
    assert snapshot(app) == before


LONG = "x" * 65
BAD_LINES = [
    ({"ref": None}, "line 1: ref: is required"),
    ({"ref": "has space"}, "line 1: ref: use letters, digits"),
    ({"ref": LONG}, "line 1: ref: must be at most 64 characters"),
    ({"name": None}, "line 1: name: is required"),
    ({"name": "Q"}, "line 1: name: must be at least 2 characters"),
    ({"text": None}, "line 1: text: is required"),
    ({"text": "Too short to say anything."}, "line 1: text: must be at least 50 characters"),
    ({"text": "a" * 3001}, "line 1: text: must be at most 3000 characters (got 3001)"),
    ({"name_zh": 42}, "line 1: name_zh: must be a string"),
    ({"district": "Gotham"}, "line 1: district: unknown district 'Gotham'"),
    ({"founded": 1948}, "line 1: founded: must be between 1949 and"),
    ({"founded": utcnow().year + 1}, "line 1: founded: must be between 1949 and"),
    ({"founded": "long ago"}, "line 1: founded: must be a whole number"),
    ({"team_size": 0}, "line 1: team_size: must be between 1 and 100000 (got 0)"),
    ({"team_size": 100001}, "line 1: team_size: must be between 1 and 100000"),
    ({"website": "ftp://files.example.cn"}, "line 1: website: must be a full web address"),
    ({"website": "https://e.cn/" + "a" * 300}, "line 1: website: must be at most 300 characters"),
    ({"accreditation": "gold"}, "line 1: accreditation: must be one of none, district, municipal"),
    ({"industries": ["NEV", "CARS"]}, "line 1: industries: unknown code(s) CARS"),
    ({"disciplines": "FORM;MAGIC"}, "line 1: disciplines: unknown code(s)"),
    ({"disciplines": {"FORM": True}}, "line 1: disciplines: must be a list of codes"),
    ({"contact_email": "a@b.cn"}, "line 1: contact_email: is not a studio field"),
    ({"id": "OTHER"}, "line 1: id: differs from ref"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_LINES)
def test_each_field_is_checked_and_named(app, runner, write_jsonl, changes, message):
    path = write_jsonl([studio_line(**changes)])
    result = run(runner, "import", str(path))
    assert result.exit_code == 1
    assert message in result.output
    assert snapshot(app) == []


def test_file_level_problems(app, runner, write_jsonl, tmp_path):
    broken = write_jsonl(['{"ref": "A", "name": ', "[1, 2]"], name="broken.jsonl")
    result = run(runner, "import", str(broken))
    assert result.exit_code == 1
    assert "line 1: (json): not valid JSON" in result.output
    assert "line 2: (json): each line must be a JSON object" in result.output

    twice = write_jsonl([studio_line(), studio_line(name="Again")], name="twice.jsonl")
    assert "line 2: ref: 'CQ-IDC-001' repeats line 1" in run(runner, "import", str(twice)).output

    empty = write_jsonl([""], name="empty.jsonl")
    assert "the file has no records" in run(runner, "import", str(empty)).output

    latin = tmp_path / "latin1.jsonl"
    latin.write_bytes(json.dumps(studio_line(name="Caf\xe9 Studio")).encode("utf-16"))
    result = run(runner, "import", str(latin))
    assert result.exit_code == 1 and "is not UTF-8 text" in result.output

    missing = run(runner, "import", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code != 0 and "No such file" in missing.output
    assert snapshot(app) == []


def test_reimport_updates_in_place_and_keeps_what_the_format_does_not_carry(
    app, runner, write_jsonl
):
    run(runner, "import", str(write_jsonl([studio_line(), studio_line(ref="OTHER")])))
    first = all_studios(app)["CQ-IDC-001"]
    with app.app_context():  # things outside the format: contacts and a verified claim
        row = db.session.get(Studio, first.id)
        row.contact_email = "office@ljidc.example.cn"
        staff = User(email="s@x.cn", password_hash="x", role="staff", organisation_name="C")
        db.session.add(staff)
        db.session.commit()
        studio_verification.set_verified(staff, row.id, studio_verification.VerificationInput(True))

    changed = studio_line(name="Liangjiang IDC", text=TEXT + " Now with a VR review room.",
                          industries=["NEV"], website=None)  # fmt: skip
    result = run(runner, "import", str(write_jsonl([changed, studio_line(ref="OTHER")])))
    assert result.exit_code == 0, result.output
    assert "1 new" not in result.output and "0 new, 1 updated, 1 unchanged" in result.output
    rows = all_studios(app)
    assert len(rows) == 2
    again = rows["CQ-IDC-001"]
    assert again.id == first.id
    assert again.name == "Liangjiang IDC" and again.industry_codes == ["NEV"]
    assert again.website is None  # left out of the line: cleared
    assert again.contact_email == "office@ljidc.example.cn"
    assert again.is_verified  # the claim did not change

    run(runner, "import", str(write_jsonl([dict(changed, accreditation="national")])))
    assert not all_studios(app)["CQ-IDC-001"].is_verified  # a new claim is self-declared


def test_export_then_import_is_identical(app, runner, write_jsonl, sample_file, studio_client):
    run(runner, "import", str(sample_file))
    run(runner, "import", str(write_jsonl([studio_line(), studio_line(ref="MIN", name="Mi",
        text="y" * 50, name_zh=None, district=None, founded=None, team_size=None, website=None,
        accreditation=None, industries=None, disciplines=None)])))  # fmt: skip
    exported = run(runner, "export")
    assert exported.exit_code == 0
    assert "1 studio profile(s) without a capability statement were left out" in exported.stderr
    lines = exported.stdout.splitlines()
    assert len(lines) == 12
    assert json.loads(lines[0])["ref"] == "CQ-IDC-001"
    before = snapshot(app)

    path = write_jsonl(lines, name="export.jsonl")
    result = run(runner, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "0 new, 0 updated, 12 unchanged" in result.output
    assert snapshot(app) == before
    assert run(runner, "export").stdout == exported.stdout


def test_dry_run_checks_and_writes_nothing(app, runner, write_jsonl):
    result = run(runner, "import", "--dry-run", str(write_jsonl([studio_line()])))
    assert result.exit_code == 0 and "the file is valid; nothing was written" in result.output
    assert snapshot(app) == []


def test_large_imports_show_progress_on_stderr(app, runner, write_jsonl):
    rows = [studio_line(ref=f"IDC-{n:03d}", name=f"Design Centre {n}") for n in range(175)]
    small = run(runner, "import", str(write_jsonl(rows, name="small.jsonl")))
    assert small.exit_code == 0 and "Importing studios" not in small.stderr
    rows += [studio_line(ref=f"IDC-{n:03d}", name=f"Design Centre {n}") for n in range(175, 240)]
    big = run(runner, "import", str(write_jsonl(rows, name="big.jsonl")))
    assert big.exit_code == 0, big.output
    assert "Importing studios" in big.stderr and "240/240" in big.stderr
    assert "Importing studios" not in big.stdout
    assert "65 new, 0 updated, 175 unchanged" in big.stdout


def test_import_tells_search_and_matching_which_studios_changed(app, runner, write_jsonl):
    from sqlalchemy import select

    from marketplace.extensions import db
    from marketplace.models import OutboxEntry

    path = write_jsonl([studio_line(), studio_line(ref="B")])
    run(runner, "import", str(path))
    run(runner, "import", str(path))  # unchanged: no event
    with app.app_context():
        query = select(OutboxEntry).where(OutboxEntry.topic == "studios-changed")
        rows = list(db.session.scalars(query))
    assert len(rows) == 1 and len(rows[0].payload["ids"]) == 2
    assert rows[0].done_at is not None  # search and matching handled it
