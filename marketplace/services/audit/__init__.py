"""The append-only audit trail: record, read, export (no update or delete path exists)."""

from marketplace.services.audit.export import audit_csv, csv_safe, to_csv
from marketplace.services.audit.trail import (
    ACTIONS,
    AuditFilter,
    entries,
    record,
    record_denial,
    record_quietly,
)

__all__ = [
    "ACTIONS",
    "AuditFilter",
    "audit_csv",
    "csv_safe",
    "entries",
    "record",
    "record_denial",
    "record_quietly",
    "to_csv",
]
