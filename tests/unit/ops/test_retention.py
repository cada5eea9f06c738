"""Backup retention keeps the newest snapshot of each of the last N days and M weeks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from marketplace.services.ops import retention


def test_three_weeks_of_twice_daily_snapshots_keep_seven_days_and_four_weeks(tmp_path):
    start = datetime(2026, 11, 1, 3, 30, tzinfo=UTC)  # a Sunday
    taken = [start + timedelta(hours=12 * i) for i in range(42)]  # 21 days, twice a day
    for when in taken:
        folder = tmp_path / when.strftime("%Y%m%dT%H%M%SZ")
        folder.mkdir()
        (folder / "manifest.json").write_text("{}")
    (tmp_path / "20261101T000000Z.partial").mkdir()  # unfinished: never counted, never removed
    removed = retention.prune(tmp_path, daily=7, weekly=4)
    kept = sorted(when for when, _ in retention.snapshots(tmp_path))
    newest_per_day = sorted({w.date(): w for w in sorted(taken)}.values())
    assert kept[-7:] == newest_per_day[-7:]  # the last seven days, the evening one of each
    assert len(kept) == 7 + 2  # plus the newest of the two earlier ISO weeks (Nov 1, Nov 8)
    assert {w.isocalendar()[1] for w in kept} == {w.isocalendar()[1] for w in taken}
    assert len(removed) == 42 - 9
    assert (tmp_path / "20261101T000000Z.partial").is_dir()
