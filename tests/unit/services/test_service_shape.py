"""Every write service has one shape, `verb(actor, id, input)`: the acting party first (a
policies.Actor, or a User that policies.actor_of turns into one), then the target aggregate's id
(`*_id` / `*_code`, or left out when the write creates one), then one typed input; options such
as `now` only as keyword arguments with defaults. A write is a public module-level function of
marketplace/services that opens `write_transaction()`. Writes that no person performs (imports,
jobs, sign-up and log-in, housekeeping) are listed below with the reason; a new write of another
shape fails this test."""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[3] / "marketplace" / "services"
ID_SUFFIXES = ("_id", "_code")

# Writes with no acting person, or whose caller is not yet a person: module path -> names.
NOT_ACTED = {
    # sign-up, log-in, password and code flows: the person is not known (or not logged in) yet
    "accounts/accounts.py": {"register", "authenticate", "end_all_sessions", "change_password",
                             "create_staff", "import_manufacturers"},
    "accounts/login_codes.py": {"send_code"},
    "accounts/preferences.py": {"set_language"},
    "accounts/password_reset.py": {"request_reset", "reset_password"},
    "accounts/login_throttle.py": {"record_failure", "record_success"},
    "accounts/personal_tokens.py": {"create", "revoke", "user_for_secret"},
    "audit/trail.py": {"record"},  # appends to the caller's transaction
    # imports from files (CLI, staff import page: all lines checked first, nothing half-saved)
    "bids/bid_import.py": {"import_bids"},
    "catalog/scenario_catalogue.py": {"load_bundled_catalogue", "import_scenarios"},
    "needs/need_import.py": {"import_needs"},
    "studios/studio_import.py": {"import_studios"},
    "matchmaking/matchmaking_import.py": {"write"},
    # jobs and derived data (rebuilt from the database; no person acts)
    "city/city_reports.py": {"generate"},
    "engagements/engagement_reminders.py": {"send_milestone_reminders"},
    "needs/need_reminders.py": {"send_deadline_reminders"},
    "matching/matches.py": {"refresh", "update_studios", "forget_studios"},
    "matching/need_matches.py": {"refresh_all"},
    "matchmaking/fits.py": {"refresh_event"},
    "notifications/mail.py": {"on_notifications_created"},
    "notifications/sending.py": {"notify"},
    "ops/readiness.py": {"check_database"},
    "reviews/review_notices.py": {"on_match_decided"},
    "reviews/learning.py": {"learn"},
    "search/saved.py": {"unsubscribe", "check_one", "send_digest"},  # a link's token; alert jobs
}


def _writes() -> list[tuple[str, ast.FunctionDef]]:
    found = []
    for path in sorted(SERVICES.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if (isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
                    and "write_transaction" in ast.unparse(node)):  # fmt: skip
                found.append((path.relative_to(SERVICES).as_posix(), node))
    return found


def shape_problem(node: ast.FunctionDef) -> str | None:
    """Why a function is not `verb(actor, id, input)` (None when it is)."""
    args = node.args
    positional = [a.arg for a in (*args.posonlyargs, *args.args)]
    if not positional or positional[0] != "actor":
        return "the first parameter must be `actor`"
    if len(positional) > 3:
        return f"at most (actor, id, input) positionally, not {tuple(positional)}"
    if len(positional) == 3 and not positional[1].endswith(ID_SUFFIXES):
        return f"the second parameter must be the target's id, not `{positional[1]}`"
    if args.vararg or args.kwarg:
        return "no *args or **kwargs"
    if any(default is None for default in args.kw_defaults):
        return "keyword-only options need a default"
    return None


def test_every_write_service_is_verb_actor_id_input():
    wrong = []
    for module, node in _writes():
        if node.name in NOT_ACTED.get(module, set()):
            continue
        if problem := shape_problem(node):
            wrong.append(f"services/{module}: {node.name}: {problem}")
    assert not wrong, "\n".join(wrong)


def test_the_list_names_only_writes_that_exist():
    present = {(module, node.name) for module, node in _writes()}
    for module, names in NOT_ACTED.items():
        for name in names:
            assert (module, name) in present, f"services/{module}: {name} is not a write"


def test_the_rule_refuses_the_old_shapes():
    def problem(source: str) -> str | None:
        (node,) = ast.parse(source).body
        return shape_problem(node)

    assert problem("def update(need_id, user_id, data): pass")
    assert problem("def update_profile(studio_id, data): pass")
    assert problem("def decline(actor, need_id, bid_id, reason, note=''): pass")
    assert problem("def award(actor, data, need_id): pass")
    assert problem("def award(actor, need_id, data, *, now): pass")
    assert problem("def award(actor, need_id, data, *, now=None): pass") is None
    assert problem("def create_draft(actor, data): pass") is None
    assert problem("def withdraw(actor, bid_id): pass") is None
