"""`flask events import / schedule / export`: all or nothing, line and field named, exact."""

from __future__ import annotations

import json

import pytest

EVENT = {"kind": "event", "ref": "E1", "title": "供需对接会", "date": "2027-03-01", "slots": 2,
         "tables": 5}  # fmt: skip


def person(ref, role, **extra):
    return {"kind": "participant", "event": "E1", "ref": ref, "role": role, "name": ref, **extra}


def ask(a, b, status="accepted"):
    return {"kind": "request", "event": "E1", "a": a, "b": b, "status": status}


def write(tmp_path, rows, name="event.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    return str(path)


# A path M1-S1-M2-S2-M3 in two slots: first-fit in this order leaves one meeting out.
TIGHT = [EVENT, person("M1", "manufacturer"), person("M2", "manufacturer"),
         person("M3", "manufacturer"), person("S1", "studio"), person("S2", "studio"),
         ask("M1", "S1"), ask("M3", "S2"), ask("M2", "S1"), ask("M2", "S2")]  # fmt: skip


def test_import_then_schedule_places_every_meeting_of_a_tight_event(runner, tmp_path):
    result = runner.invoke(args=["events", "import", write(tmp_path, TIGHT)])
    assert result.exit_code == 0, result.output
    assert "Imported 1 events, 5 participants, 4 requests." in result.output
    out = runner.invoke(args=["events", "schedule", "E1", "--json"])
    assert out.exit_code == 0, out.output
    timetable = json.loads(out.output)
    assert len(timetable["meetings"]) == 4 and timetable["unplaced"] == []
    by_slot = {}
    for m in timetable["meetings"]:
        for who in (m["a"], m["b"]):
            assert who not in by_slot.setdefault(m["slot"], set())
            by_slot[m["slot"]].add(who)
    again = runner.invoke(args=["events", "schedule", "E1", "--json"])
    assert json.loads(again.output) == timetable


def test_an_impossible_event_leaves_the_fewest_out_with_a_reason(runner, tmp_path):
    rows = [EVENT, person("M1", "manufacturer"), person("S1", "studio"), person("S2", "studio"),
            person("S3", "studio"), ask("M1", "S1"), ask("M1", "S2"), ask("M1", "S3"),
            person("M2", "manufacturer", unavailable=[1, 2][:1]), ask("M2", "S3", "pending")]
    assert runner.invoke(args=["events", "import", write(tmp_path, rows)]).exit_code == 0
    timetable = json.loads(runner.invoke(args=["events", "schedule", "E1", "--json"]).output)
    assert len(timetable["meetings"]) == 2
    (left,) = timetable["unplaced"]
    assert left["reason"] == "M1 has 3 accepted meetings but only 2 free slots"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([EVENT, person("M1", "manufacturer"), ask("M1", "S9")],
         "line 3: b: unknown participant 'S9' in event 'E1'"),
        ([EVENT, person("M1", "manufacturer"), ask("M1", "M1")],
         "line 3: b: a participant cannot request a meeting with itself"),
        ([EVENT, person("M1", "manufacturer", unavailable=[3])],
         "line 2: unavailable: slot 3 is outside the event (1 to 2)"),
        ([EVENT, person("M1", "manufacturer"), person("S1", "studio"), ask("M1", "S1"),
          ask("S1", "M1")], "line 5: b: duplicate request: S1 and M1 repeat line 4"),
        ([person("M1", "manufacturer")], "line 1: event: unknown event 'E1'"),
        ([{**EVENT, "slots": "many"}], "line 1: slots: must be a whole number"),
        ([{k: v for k, v in EVENT.items() if k != "date"}], "line 1: date: is required"),
        ([{**EVENT, "date": 20270301}], "line 1: date: must be a date like 2027-03-01"),
        ([{**EVENT, "date": "2027-02-30"}], "line 1: date: must be a date like 2027-03-01"),
        ([{"kind": "meeting"}], "line 1: kind: must be one of event, participant, request"),
        ([EVENT, person("M1", "manufacturer", email="nobody@example.com")],
         "line 2: email: no account with e-mail nobody@example.com"),
    ],
)
def test_bad_lines_are_named_and_nothing_is_written(runner, tmp_path, rows, message):
    result = runner.invoke(args=["events", "import", write(tmp_path, rows)])
    assert result.exit_code != 0
    assert message in result.output
    assert "nothing was imported" in result.output
    assert runner.invoke(args=["events", "schedule", "E1"]).exit_code != 0  # no event written


def test_dry_run_writes_nothing_and_export_reads_back(runner, tmp_path):
    path = write(tmp_path, TIGHT)
    dry = runner.invoke(args=["events", "import", path, "--dry-run"])
    assert "the file is valid; nothing was written" in dry.output
    assert "no event with ref 'E1'" in runner.invoke(args=["events", "export", "E1"]).output
    runner.invoke(args=["events", "import", path])
    exported = runner.invoke(args=["events", "export", "E1"]).output.splitlines()
    assert len(exported) == 1 + 5 + 4
    again = runner.invoke(args=["events", "import", write(tmp_path, map(json.loads, exported),
                                                          "again.jsonl")])  # fmt: skip
    assert "Imported 1 events, 5 participants, 4 requests." in again.output
