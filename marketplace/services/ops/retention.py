"""Which snapshots to keep: the newest of each of the last N days and of the last M weeks."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

STAMP = re.compile(r"^\d{8}T\d{6}Z$")


def snapshots(root: Path) -> list[tuple[datetime, Path]]:
    """Complete snapshots under `root` (timestamp-named folders with a manifest), newest first."""
    found = []
    if root.is_dir():
        for path in root.iterdir():
            if path.is_dir() and STAMP.match(path.name) and (path / "manifest.json").is_file():
                when = datetime.strptime(path.name, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
                found.append((when, path))
    return sorted(found, reverse=True)


def to_keep(taken: list[datetime], daily: int, weekly: int) -> set[datetime]:
    """The newest snapshot of each of the `daily` newest days and the `weekly` newest weeks."""
    keep: set[datetime] = set()
    days: set = set()
    weeks: set = set()
    for when in sorted(taken, reverse=True):
        day, week = when.date(), when.isocalendar()[:2]
        if day not in days and len(days) < daily:
            days.add(day)
            keep.add(when)
        if week not in weeks and len(weeks) < weekly:
            weeks.add(week)
            keep.add(when)
    return keep


def prune(root: Path, daily: int, weekly: int) -> list[Path]:
    """Delete the snapshots `to_keep` does not keep; returns the deleted folders."""
    found = snapshots(root)
    keep = to_keep([when for when, _ in found], daily, weekly)
    removed = [path for when, path in found if when not in keep]
    for path in removed:
        shutil.rmtree(path)
    return removed
