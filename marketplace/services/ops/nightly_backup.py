"""The nightly backup (a periodic job in bootstrap.py): snapshot, then prune old snapshots."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import current_app

from marketplace.services.ops import backup, retention

log = logging.getLogger(__name__)


def take_nightly_backup() -> int:
    """Snapshot under BACKUP_DIR; keep BACKUP_KEEP_DAILY days and BACKUP_KEEP_WEEKLY weeks."""
    config = current_app.config
    if int(config["BACKUP_KEEP_DAILY"]) <= 0:
        log.info("nightly backup is off (BACKUP_KEEP_DAILY=0)")
        return 0
    report = backup.take()
    removed = retention.prune(
        Path(config["BACKUP_DIR"]), int(config["BACKUP_KEEP_DAILY"]),
        int(config["BACKUP_KEEP_WEEKLY"]),
    )  # fmt: skip
    log.info("nightly backup %s (%d bytes); %d old snapshot(s) pruned",
             report.folder, report.total_bytes, len(removed))  # fmt: skip
    return report.total_bytes
