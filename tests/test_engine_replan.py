"""replan(): past dates keep the published codes; a new sick day changes few cells (Q5)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from test_engine_rules import WFH, scenario
from worlds import MON, admin_unit, leave, world

from asn_scheduler.domain import AbsenceKind, Code
from asn_scheduler.engine import ReplanResult, Status, replan, solve


def test_a_new_sick_day_keeps_the_past_and_changes_few_cells():
    unit, staff = admin_unit("A", 6)
    p = world(staff, [unit])
    published = solve(p, scenario(), time_limit=10).roster
    # Person 2 falls sick on the second Tuesday; re-plan from that Monday.
    sick_day = MON + timedelta(days=8)
    from_date = MON + timedelta(days=7)
    p2 = p.replace(absences=(leave(staff[2], sick_day, kind=AbsenceKind.CUTI_SAKIT),))
    r = replan(p2, scenario(), published, from_date=from_date, time_limit=10)
    assert isinstance(r, ReplanResult) and r.status is Status.OPTIMAL
    past = [d < from_date for d in r.roster.dates]
    assert np.array_equal(r.roster.codes[:, past], published.codes[:, past])
    assert r.roster.code(staff[2].nip, sick_day) is Code.CUTI
    # The sick cell must change. With 6 staff a 50% cap allows 3 WFH of 6 and 2 of 5: if
    # the person was WFH that day nobody else needs to move; if WFO, the unit has 3 WFH
    # among 5 active and one of them must come in: at most 2 changed cells that day. Q5
    # with the other goals first may move a couple more to keep the shares fair.
    assert 1 <= len(r.changes) <= 4
    assert any(c.nip == staff[2].nip and c.day == sick_day and c.after_code is Code.CUTI
               for c in r.changes)
    assert all(c.day >= from_date for c in r.changes)
    assert r.report.compliant
    q5 = next(s for s in r.stages if s.goal == "Q5")
    assert q5.objective == len(r.changes)


def test_q5_first_changes_only_what_the_sick_day_forces():
    # With Q5 right after Q0 (a planner who wants the published plan kept), only the sick
    # cell and at most one colleague called in that day change.
    unit, staff = admin_unit("A", 6)
    p = world(staff, [unit])
    published = solve(p, scenario(), time_limit=10).roster
    sick_day = MON + timedelta(days=8)
    p2 = p.replace(absences=(leave(staff[2], sick_day),))
    r = replan(p2, scenario(), published, from_date=MON + timedelta(days=7), time_limit=10,
               goals=("Q0", "Q5", "Q1", "Q2", "Q3", "Q4"))
    assert 1 <= len(r.changes) <= 2
    assert {c.day for c in r.changes} == {sick_day}


def test_an_unchanged_problem_replans_to_the_same_roster():
    unit, staff = admin_unit("A", 5)
    p = world(staff, [unit])
    published = solve(p, scenario(), time_limit=10).roster
    r = replan(p, scenario(), published, from_date=MON + timedelta(days=3), time_limit=10)
    assert r.changes == ()
    assert r.roster == published
    assert (r.roster.codes == WFH).sum() == (published.codes == WFH).sum()
