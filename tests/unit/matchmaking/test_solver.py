"""The exact timetable: complete where a complete one exists, fewest left out where not."""

from __future__ import annotations

import itertools
import random

import pytest

from marketplace.services.matchmaking import solver
from marketplace.services.matchmaking.solver import Request


def reqs(*pairs: str) -> list[Request]:
    """Meetings named "AB", "BC"… (participants are single letters), in the given order."""
    return [Request(p, p[0], p[1]) for p in pairs]


def test_tight_path_greedy_leaves_one_out_exact_places_all():
    # A-B-C-D-E in two slots: first-fit takes AB and DE into slot 1, BC into slot 2,
    # and CD has nowhere to go; alternating slots along the path places all four.
    meetings = reqs("AB", "DE", "BC", "CD")
    greedy = solver.greedy(2, 5, meetings)
    exact = solver.schedule(2, 5, meetings)
    assert len(greedy) == 3
    assert len(exact.placed) == 4 and exact.unplaced == ()
    assert solver.conflicts(exact.placed, 2, 5) == []


def test_unavailable_slot_greedy_fails_exact_swaps():
    # One table, two slots; C cannot meet in slot 2, so AB must take slot 2.
    meetings = reqs("AB", "BC")
    off = {"C": [2]}
    assert len(solver.greedy(2, 1, meetings, off)) == 1
    exact = solver.schedule(2, 1, meetings, off)
    assert {(p.id, p.slot) for p in exact.placed} == {("AB", 2), ("BC", 1)}


def test_triangle_in_two_slots_leaves_exactly_one_out_with_reason():
    exact = solver.schedule(2, 3, reqs("AB", "BC", "AC"))
    assert len(exact.placed) == 2
    (left,) = exact.unplaced
    assert left.reason == solver.BUSY
    assert "no timetable holds more meetings" in left.text


def test_a_participant_with_more_meetings_than_slots_is_named():
    exact = solver.schedule(2, 3, reqs("AB", "AC", "AD"))
    assert len(exact.placed) == 2
    (left,) = exact.unplaced
    assert left.reason == solver.OVERBOOKED
    assert left.detail == {"who": "A", "meetings": 3, "slots": 2}
    assert left.text == "A has 3 accepted meetings but only 2 free slots"


def test_no_common_slot_is_the_reason_when_it_is_true():
    exact = solver.schedule(3, 2, reqs("AB"), {"A": [1, 2], "B": [3]})
    assert exact.placed == ()
    assert exact.unplaced[0].reason == solver.NO_COMMON_SLOT


def test_tables_full_when_the_only_limit_is_tables():
    exact = solver.schedule(2, 1, reqs("AB", "CD", "EF"))
    assert len(exact.placed) == 2
    assert [u.reason for u in exact.unplaced] == [solver.TABLES_FULL]


def test_no_participant_or_table_twice_in_a_slot_and_unavailability_respected():
    rng = random.Random(7)
    people = [f"P{i:02d}" for i in range(20)]
    pairs = {tuple(sorted(rng.sample(people, 2))) for _ in range(70)}
    meetings = [Request(f"{a}-{b}", a, b) for a, b in sorted(pairs)]
    off = {p: rng.sample(range(1, 9), 2) for p in people[:6]}
    exact = solver.schedule(8, 6, meetings, off)
    assert solver.conflicts(exact.placed, 8, 6, off) == []
    assert len(exact.placed) >= len(solver.greedy(8, 6, meetings, off))
    assert len(exact.placed) + len(exact.unplaced) == len(meetings)


def _brute_force_best(slots: int, tables: int, meetings, off) -> int:
    """The largest number of meetings any assignment can place (slot 0 = left out)."""
    best = 0
    for choice in itertools.product(range(slots + 1), repeat=len(meetings)):
        placed, ok = [], True
        per_slot = [0] * (slots + 1)
        busy = set()
        for m, s in zip(meetings, choice, strict=True):
            if s == 0:
                continue
            if s in off.get(m.a, ()) or s in off.get(m.b, ()) or (m.a, s) in busy \
                    or (m.b, s) in busy or per_slot[s] >= tables:
                ok = False
                break
            busy |= {(m.a, s), (m.b, s)}
            per_slot[s] += 1
            placed.append(m)
        if ok:
            best = max(best, len(placed))
    return best


@pytest.mark.parametrize("seed", range(12))
def test_matches_exhaustive_search_on_small_random_events(seed):
    rng = random.Random(seed)
    people = "ABCDEF"
    slots, tables = rng.choice([2, 3]), rng.choice([1, 2, 3])
    pairs = {tuple(sorted(rng.sample(people, 2))) for _ in range(7)}
    meetings = [Request(a + b, a, b) for a, b in sorted(pairs)]
    off = {p: [rng.randint(1, slots)] for p in rng.sample(people, 2)}
    exact = solver.schedule(slots, tables, meetings, off)
    assert len(exact.placed) == _brute_force_best(slots, tables, meetings, off)
    assert solver.conflicts(exact.placed, slots, tables, off) == []


def test_same_input_in_any_order_gives_the_same_timetable():
    meetings = reqs("AB", "CD", "AC", "BD", "AD", "BC", "EF", "AE")
    first = solver.schedule(3, 2, meetings, {"E": [1]})
    again = solver.schedule(3, 2, list(reversed(meetings)), {"E": [1]})
    assert first == again


def test_fixed_meetings_keep_their_slot_and_table():
    exact = solver.schedule(2, 2, reqs("AB", "BC", "CD"), fixed={"AB": (2, 2)})
    by_id = {p.id: p for p in exact.placed}
    assert (by_id["AB"].slot, by_id["AB"].table) == (2, 2)
    assert len(exact.placed) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((2, 1, reqs("AA")), "cannot meet itself"),
        ((2, 1, reqs("AB"), {"A": [3]}), "outside 1..2"),
        ((0, 1, reqs("AB")), "at least one slot"),
        ((2, 1, reqs("AB", "AC"), None, {"AB": (1, 1), "AC": (1, 2)}), "outside the event"),
        ((2, 2, reqs("AB", "AC"), None, {"AB": (1, 1), "AC": (1, 2)}), "already meets"),
    ],
)
def test_malformed_instances_are_refused_with_a_reason(args, message):
    with pytest.raises(solver.BadInput, match=message):
        solver.schedule(*args)


def test_conflicts_names_each_broken_rule():
    bad = [
        solver.Placed("x", "A", "B", 1, 1),
        solver.Placed("y", "A", "C", 1, 1),
        solver.Placed("z", "D", "E", 3, 1),
    ]
    problems = solver.conflicts(bad, 2, 2, {"B": [1]})
    assert any("table 1 in slot 1 is already taken" in p for p in problems)
    assert any("A already meets someone in slot 1" in p for p in problems)
    assert any("B is unavailable in slot 1" in p for p in problems)
    assert any("outside the event" in p for p in problems)
