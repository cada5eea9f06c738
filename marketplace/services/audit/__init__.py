"""The append-only audit trail: record, read, export (no update or delete path exists)."""
