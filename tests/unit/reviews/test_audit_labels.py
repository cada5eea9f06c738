"""Every audit action key the code records has a label in the reader's language (the test scans
the source, so a key added anywhere later without a label fails here)."""

from __future__ import annotations

import re
from pathlib import Path

from marketplace.services.audit import audit_labels
from marketplace.services.audit.trail import ACTIONS

ROOT = Path(__file__).resolve().parents[3] / "marketplace"
# audit.record("key", ...), audit.record_quietly("key", ...), record(f"prefix-{x}", ...)
CALL = re.compile(r"\brecord(?:_quietly|_denied|_\w+)?\(\s*(f?)\"([^\"]+)\"")


def recorded_keys() -> tuple[set[str], set[str]]:
    """(literal keys, f-string prefixes) passed as the first argument of audit record calls."""
    literal, prefixes = set(), set()
    for path in ROOT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "audit" not in text:
            continue
        for is_f, key in CALL.findall(text):
            if is_f:
                prefixes.add(key.split("{", 1)[0])
            elif re.fullmatch(r"[a-z][a-z0-9_.-]*", key):
                literal.add(key)
    return literal, prefixes


def test_the_scan_finds_the_keys_we_know_are_recorded():
    literal, prefixes = recorded_keys()
    assert {"suspended", "login", "access-denied", "match-withdrawn"} <= literal
    assert {"match-", "claim-"} <= prefixes


def test_every_recorded_action_key_has_a_label():
    literal, prefixes = recorded_keys()
    missing = sorted(k for k in literal | set(ACTIONS) if k not in audit_labels.ACTION_LABELS)
    assert missing == [], f"add these to services/audit/labels.py ACTION_LABELS: {missing}"
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in audit_labels.ACTION_LABELS), prefix


def test_every_filterable_action_is_recorded_somewhere_or_labelled():
    assert set(ACTIONS) <= set(audit_labels.ACTION_LABELS)


def test_before_after_reads_as_a_list_of_changed_fields(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        changes = audit_labels.changes({"score": 1.23456, "fit": "strong", "rank": 2},
                                 {"decision": "approved", "reason": "good-fit", "rank": 2})
        when = audit_labels.changes(None, {"suspended_at": "2026-11-27T10:00:00"})
    assert [(c.field, c.before, c.after) for c in changes] == [
        ("Score", "1.23", None), ("Fit level", "strong fit", None),
        ("Decision", None, "approved"), ("Reason", None, "Good fit for the brief"),
    ]  # fmt: skip
    assert when[0].field == "Suspended since" and "18:00" in when[0].after  # Beijing time
