"""CSV exports that a spreadsheet cannot turn into formulas."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from marketplace.models import AuditEntry

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> str:
    """A cell as text; one starting like a formula (=, +, -, @, tab, CR) gets a quote first."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text (with a UTF-8 BOM so spreadsheets read Chinese) of escaped cells."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([csv_safe(h) for h in header])
    for row in rows:
        writer.writerow([csv_safe(v) for v in row])
    return out.getvalue()


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


AUDIT_HEADER = ("id", "at_utc", "actor_email", "actor_role", "action", "subject", "before",
                "after", "note", "address")  # fmt: skip


def audit_csv(rows: Iterable[AuditEntry]) -> str:
    """The audit rows as CSV, times in UTC (ISO 8601)."""
    return to_csv(
        AUDIT_HEADER,
        (
            (e.id, e.at.isoformat(timespec="seconds") + "Z", e.actor_email, e.actor_role,
             e.action, e.subject, _json(e.before), _json(e.after), e.note, e.address)
            for e in rows
        ),
    )  # fmt: skip
