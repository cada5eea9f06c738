"""Exact meeting timetable: an integer program (SciPy milp / HiGHS); plain values in and out.

Pure module (no Flask, no database). Tables are interchangeable, so the program chooses a slot
per meeting, x[m, s] in {0, 1}, maximising the meetings placed subject to: each meeting at most
once; each participant at most one meeting per slot; at most `tables` meetings per slot; only
slots where both sides are free. Every feasible timetable gives such an x and every such x gives
a timetable (tables are handed out per slot), so the optimum of the program is the largest
number of meetings any timetable can hold. HiGHS is run with a zero optimality gap and its
status is checked: anything short of a proven optimum raises `NotSolved`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

NO_COMMON_SLOT = "no_common_slot"
OVERBOOKED = "overbooked"
TABLES_FULL = "tables_full"
BUSY = "busy"


@dataclass(frozen=True)
class Request:
    """An accepted meeting between participants `a` and `b` (keys of any hashable type)."""

    id: Hashable
    a: Hashable
    b: Hashable


@dataclass(frozen=True)
class Placed:
    """A meeting placed at slot and table (both numbered from 1)."""

    id: Hashable
    a: Hashable
    b: Hashable
    slot: int
    table: int


@dataclass(frozen=True)
class Unplaced:
    """A meeting left out, with a reason code, its values and an English sentence."""

    id: Hashable
    a: Hashable
    b: Hashable
    reason: str
    detail: dict = field(default_factory=dict)
    text: str = ""


@dataclass(frozen=True)
class Timetable:
    """The solver's answer: placed meetings (slot, table order) and those left out."""

    placed: tuple[Placed, ...]
    unplaced: tuple[Unplaced, ...]
    optimal: bool = True


class NotSolved(RuntimeError):
    """HiGHS stopped without a proven optimum (time limit or numerical trouble)."""


class BadInput(ValueError):
    """The instance itself is malformed (a meeting with oneself, a slot outside the event)."""


def _check(
    slots: int, tables: int, requests: Sequence[Request], unavailable: Mapping, fixed: Mapping
) -> None:
    if slots < 1 or tables < 1:
        raise BadInput("an event needs at least one slot and one table")
    seen = set()
    for r in requests:
        if r.a == r.b:
            raise BadInput(f"meeting {r.id!r}: a participant cannot meet itself")
        if r.id in seen:
            raise BadInput(f"meeting {r.id!r} is listed twice")
        seen.add(r.id)
    for who, out in unavailable.items():
        bad = [s for s in out if not 1 <= int(s) <= slots]
        if bad:
            raise BadInput(f"participant {who!r}: unavailable slot {bad[0]} is outside 1..{slots}")
    used: dict[tuple[int, int], Hashable] = {}
    for mid, (slot, table) in fixed.items():
        if mid not in seen:
            raise BadInput(f"fixed meeting {mid!r} is not among the requests")
        if not (1 <= slot <= slots and 1 <= table <= tables):
            raise BadInput(f"fixed meeting {mid!r}: slot {slot}, table {table} is outside "
                           "the event")
        if (slot, table) in used:
            raise BadInput(f"fixed meetings {used[(slot, table)]!r} and {mid!r} share a table")
        used[(slot, table)] = mid


def schedule(
    slots: int,
    tables: int,
    requests: Iterable[Request],
    unavailable: Mapping[Hashable, Iterable[int]] | None = None,
    fixed: Mapping[Hashable, tuple[int, int]] | None = None,
    time_limit: float = 60.0,
) -> Timetable:
    """Place as many meetings as possible; `fixed` meetings keep their (slot, table).

    Deterministic: the same input (in any order) gives the same timetable.
    """
    reqs = sorted(requests, key=lambda r: repr(r.id))
    off = {k: {int(s) for s in v} for k, v in (unavailable or {}).items()}
    fixed = dict(fixed or {})
    _check(slots, tables, reqs, off, fixed)
    free = {r.id: [s for s in range(1, slots + 1) if s not in off.get(r.a, ()) and
                   s not in off.get(r.b, ())] for r in reqs}  # fmt: skip
    by_id = {r.id: r for r in reqs}
    pinned = [Placed(m, by_id[m].a, by_id[m].b, s, t) for m, (s, t) in fixed.items()]
    clash = conflicts(pinned, slots, tables, off)
    if clash:
        raise BadInput("fixed meetings conflict: " + "; ".join(clash))
    chosen = _solve(slots, tables, reqs, free, fixed, time_limit)
    placed = _tables(reqs, chosen, fixed, tables)
    left = [r for r in reqs if r.id not in chosen]
    unplaced = tuple(_why(r, placed, free, off, reqs, slots, tables) for r in left)
    return Timetable(placed, unplaced)


def _solve(slots, tables, reqs, free, fixed, time_limit) -> dict[Hashable, int]:
    """The slot of every placed meeting, from the integer program (fixed ones included)."""
    columns = [(r, s) for r in reqs for s in free[r.id]
               if r.id not in fixed or fixed[r.id][0] == s]  # fmt: skip
    if not columns:
        return {}
    rows: list[tuple[int, int]] = []  # (row, column)
    upper: list[float] = []
    lower: list[float] = []

    def add_row(cols: list[int], low: float, high: float) -> None:
        row = len(upper)
        rows.extend((row, c) for c in cols)
        lower.append(low)
        upper.append(high)

    by_meeting: dict[Hashable, list[int]] = defaultdict(list)
    by_person_slot: dict[tuple[Hashable, int], list[int]] = defaultdict(list)
    by_slot: dict[int, list[int]] = defaultdict(list)
    for c, (r, s) in enumerate(columns):
        by_meeting[r.id].append(c)
        by_person_slot[(r.a, s)].append(c)
        by_person_slot[(r.b, s)].append(c)
        by_slot[s].append(c)
    for mid, cols in by_meeting.items():
        add_row(cols, 1.0 if mid in fixed else 0.0, 1.0)
    for key in sorted(by_person_slot, key=repr):
        if len(by_person_slot[key]) > 1:
            add_row(by_person_slot[key], 0.0, 1.0)
    for s in sorted(by_slot):
        if len(by_slot[s]) > tables:
            add_row(by_slot[s], 0.0, float(tables))
    n = len(columns)
    if upper:
        r_idx, c_idx = zip(*rows, strict=True)
        matrix = coo_array((np.ones(len(rows)), (r_idx, c_idx)), shape=(len(upper), n)).tocsr()
        constraints = [LinearConstraint(matrix, np.array(lower), np.array(upper))]
    else:
        constraints = []
    result = milp(
        c=-np.ones(n), integrality=np.ones(n), bounds=Bounds(0, 1), constraints=constraints,
        options={"time_limit": time_limit, "mip_rel_gap": 0.0, "presolve": True},
    )
    if result.status != 0 or result.x is None:
        raise NotSolved(f"HiGHS stopped without a proven optimum: {result.message}")
    return {columns[c][0].id: columns[c][1] for c in range(n) if result.x[c] > 0.5}


def _tables(reqs, chosen, fixed, tables) -> tuple[Placed, ...]:
    """Hand out tables per slot: fixed meetings keep theirs, the rest take the lowest free."""
    taken: dict[int, set[int]] = defaultdict(set)
    out: list[Placed] = []
    for r in reqs:
        if r.id in fixed:
            slot, table = fixed[r.id]
            taken[slot].add(table)
            out.append(Placed(r.id, r.a, r.b, slot, table))
    for r in reqs:
        if r.id in chosen and r.id not in fixed:
            slot = chosen[r.id]
            table = next(t for t in range(1, tables + 1) if t not in taken[slot])
            taken[slot].add(table)
            out.append(Placed(r.id, r.a, r.b, slot, table))
    return tuple(sorted(out, key=lambda p: (p.slot, p.table)))


def _why(r, placed, free, off, reqs, slots, tables) -> Unplaced:
    """Why an accepted meeting is not in the (optimal) timetable."""
    common = free[r.id]
    if not common:
        text = f"{r.a} and {r.b} have no free slot in common"
        return Unplaced(r.id, r.a, r.b, NO_COMMON_SLOT, {}, text)
    for who in (r.a, r.b):
        wanted = sum(1 for q in reqs if who in (q.a, q.b))
        open_slots = slots - len(off.get(who, ()))
        if wanted > open_slots:
            detail = {"who": who, "meetings": wanted, "slots": open_slots}
            text = f"{who} has {wanted} accepted meetings but only {open_slots} free slots"
            return Unplaced(r.id, r.a, r.b, OVERBOOKED, detail, text)
    busy = {(p.slot, who) for p in placed for who in (p.a, p.b)}
    count = defaultdict(int)
    for p in placed:
        count[p.slot] += 1
    if all(count[s] >= tables and (s, r.a) not in busy and (s, r.b) not in busy for s in common):
        text = f"every table is taken in the {len(common)} slots where both are free"
        return Unplaced(r.id, r.a, r.b, TABLES_FULL, {"slots": len(common)}, text)
    text = (f"in each of the {len(common)} slots where both are free, one of them meets "
            "someone else or all tables are taken; no timetable holds more meetings")  # fmt: skip
    return Unplaced(r.id, r.a, r.b, BUSY, {"slots": len(common)}, text)


def greedy(
    slots: int,
    tables: int,
    requests: Iterable[Request],
    unavailable: Mapping[Hashable, Iterable[int]] | None = None,
) -> tuple[Placed, ...]:
    """The spreadsheet method, for comparison: each meeting in turn takes its first free slot."""
    off = {k: {int(s) for s in v} for k, v in (unavailable or {}).items()}
    busy: set[tuple[Hashable, int]] = set()
    used: dict[int, int] = defaultdict(int)
    out = []
    for r in requests:
        for s in range(1, slots + 1):
            if (s in off.get(r.a, ()) or s in off.get(r.b, ()) or (r.a, s) in busy
                    or (r.b, s) in busy or used[s] >= tables):  # fmt: skip
                continue
            used[s] += 1
            busy.update({(r.a, s), (r.b, s)})
            out.append(Placed(r.id, r.a, r.b, s, used[s]))
            break
    return tuple(out)


def conflicts(
    placed: Iterable[Placed], slots: int, tables: int, unavailable: Mapping | None = None
) -> list[str]:
    """Every rule a timetable breaks (empty when valid): for checking hand moves and tests."""
    off = {k: {int(s) for s in v} for k, v in (unavailable or {}).items()}
    problems: list[str] = []
    seen_table: dict[tuple[int, int], Hashable] = {}
    seen_person: dict[tuple[Hashable, int], Hashable] = {}
    for p in placed:
        if not (1 <= p.slot <= slots and 1 <= p.table <= tables):
            problems.append(f"{p.id!r}: slot {p.slot}, table {p.table} is outside the event")
        if (p.slot, p.table) in seen_table:
            problems.append(f"{p.id!r}: table {p.table} in slot {p.slot} is already taken")
        seen_table[(p.slot, p.table)] = p.id
        for who in (p.a, p.b):
            if (who, p.slot) in seen_person:
                problems.append(f"{p.id!r}: {who} already meets someone in slot {p.slot}")
            seen_person[(who, p.slot)] = p.id
            if p.slot in off.get(who, ()):
                problems.append(f"{p.id!r}: {who} is unavailable in slot {p.slot}")
    return problems
