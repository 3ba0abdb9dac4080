"""The preference repair before Q2: moves of WFH days within each person's ISO weeks that
never break a hard rule, never change Q0, Q1 or anyone's weekly WFH count, and raise Q2
(to its max-flow bound on the crafted cases); deterministic."""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
import pytest
from part_worlds import one_part, roster, week_dates, write_part
from test_engine_rules import scenario
from worlds import WEEK, admin_unit, world

from asn_scheduler.checker import check
from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.model import Period
from asn_scheduler.domain.roster import Roster
from asn_scheduler.engine.context import DECIDE, compile_problem, resolve_dates
from asn_scheduler.engine.decompose import decompose, part_data
from asn_scheduler.engine.fair_repair import band_deviation
from asn_scheduler.engine.part_check import broken_rules
from asn_scheduler.engine.pref_repair import preferred_value, repair_preferences
from asn_scheduler.engine.settings import Settings
from asn_scheduler.engine.solve import solve
from asn_scheduler.generate import generate_agency
from asn_scheduler.parts.data import GOAL_NONE
from asn_scheduler.parts.weekly import week_onehot
from asn_scheduler.scenario.loader import load_scenario
from asn_scheduler.solver.builders import build_hard
from asn_scheduler.solver.goals import fair_targets
from asn_scheduler.solver.model import PartModel
from asn_scheduler.solver.quality_bounds import q2_upper_bound

WFH = int(Code.WFH)


def _liking(staff, days: dict[int, set[int]]):
    return [dataclasses.replace(s, preferred_wfh_days=frozenset(days.get(i, set())))
            for i, s in enumerate(staff)]


def _kept(data, before: np.ndarray, after: np.ndarray) -> None:
    """What the repair promises besides Q2: hard rules, fixed cells, weekly counts."""
    dec = data.fixed == DECIDE
    assert not broken_rules(data, after & dec)
    assert (after[~dec] == before[~dec]).all()
    onehot = week_onehot(data)
    assert ((after & dec).astype(int) @ onehot == (before & dec).astype(int) @ onehot).all()


def test_two_colleagues_swap_the_days_each_prefers():
    # 2 staff, 50% cap (1 a day): person 0 is home Monday and prefers Tuesday, person 1
    # home Tuesday and prefers Monday. Every day is full; only a swap helps (a 2-cycle).
    unit, staff = admin_unit("A", 2)
    staff = _liking(staff, {0: {1}, 1: {0}})
    data = one_part(world(staff, [unit], period=WEEK), scenario(), week_dates())
    wfh = roster(data, {0: [0], 1: [1]})
    assert not broken_rules(data, wfh)
    new = repair_preferences(data, wfh)[0]
    _kept(data, wfh, new)
    assert new[0, 1] and new[1, 0]
    assert preferred_value(data, new) == 2 == q2_upper_bound(data)


def test_a_chain_makes_room_on_a_full_day():
    # 3 staff, cap 1 a day: person 0 (home Monday) prefers Tuesday, which person 1 holds
    # without preferring it; Wednesday is free. Person 1 moves on to Wednesday, person 0
    # into Tuesday: a path closed by Wednesday's room, with Monday given up.
    unit, staff = admin_unit("A", 3)
    staff = _liking(staff, {0: {1}})
    data = one_part(world(staff, [unit], period=WEEK), scenario(cap=34), week_dates())
    assert (data.cap[0, :5] == 1).all()
    wfh = roster(data, {0: [0], 1: [1]})
    assert not broken_rules(data, wfh)
    new = repair_preferences(data, wfh)[0]
    _kept(data, wfh, new)
    assert new[0, 1] and not new[1, 1]
    assert preferred_value(data, new) == 1 == q2_upper_bound(data)


def test_a_role_holder_never_leaves_the_counter_empty():
    # Staff 0 and 1 hold "loket" (one in the office every day). Staff 0 is home Monday and
    # prefers Tuesday, when staff 1 (who prefers it too) is home, so no swap gains: the
    # move alone would leave nobody at the counter on Tuesday, so it is not made.
    unit, staff = admin_unit("A", 3, role_minimums={"loket": 1})
    staff = [dataclasses.replace(e, roles=frozenset({"loket"})) if i < 2 else e
             for i, e in enumerate(_liking(staff, {0: {1}, 1: {1}}))]
    data = one_part(world(staff, [unit], period=WEEK), scenario(cap=100), week_dates())
    wfh = roster(data, {0: [0], 1: [1]})
    assert not broken_rules(data, wfh)
    new = repair_preferences(data, wfh)[0]
    _kept(data, wfh, new)
    assert (new == wfh).all()


def test_two_role_holders_may_swap_days():
    # As above without the leave: staff 1 takes Monday as staff 0 takes Tuesday, and a
    # holder is at the counter on both days.
    unit, staff = admin_unit("A", 3, role_minimums={"loket": 1})
    staff = [dataclasses.replace(e, roles=frozenset({"loket"})) if i < 2 else e
             for i, e in enumerate(_liking(staff, {0: {1}}))]
    data = one_part(world(staff, [unit], period=WEEK), scenario(cap=100), week_dates())
    wfh = roster(data, {0: [0], 1: [1]})
    new = repair_preferences(data, wfh)[0]
    _kept(data, wfh, new)
    assert new[0, 1] and new[1, 0]


def test_nothing_to_gain_leaves_the_roster_as_it_is():
    unit, staff = admin_unit("A", 2)
    staff = _liking(staff, {0: {0}, 1: {1}})
    data = one_part(world(staff, [unit], period=WEEK), scenario(), week_dates())
    wfh = roster(data, {0: [0], 1: [1]})
    assert (repair_preferences(data, wfh)[0] == wfh).all()


def _q0(data, wfh: np.ndarray) -> int:
    dec = data.fixed == DECIDE
    sign = np.where(data.goal_kind[data.unit_of] == GOAL_NONE, -1, 1)
    return int((sign * (wfh & dec)).sum())


@pytest.mark.parametrize("scen_id", ["permenpanrb-4-2025", "se-17-2023"])
def test_repair_of_a_real_roster_keeps_q0_q1_and_every_rule(scen_id):
    # A generated agency's Q0–Q1 roster (the solver's), repaired part by part: hard rules
    # (part_check and the independent checker), Q0, Q1 and weekly counts kept, Q2 up.
    period = (Period(date(2026, 3, 2), date(2026, 3, 31)) if scen_id.startswith("perm")
              else Period(date(2023, 8, 28), date(2023, 9, 27)))
    problem = generate_agency(300, seed=5, period=period)
    scen = load_scenario(scen_id)
    r = solve(problem, scen, goals=("Q0", "Q1"), time_limit=20, workers=1)
    assert r.roster is not None
    dates = resolve_dates(problem, scen, None, None)
    ctx = compile_problem(problem, scen, dates)
    codes = r.roster.codes.copy()
    before = after = 0
    for i, p in enumerate(decompose(ctx)):
        d = part_data(ctx, p, i, ("Q0", "Q1", "Q2"))
        if not d.n_decisions:
            continue
        wfh = codes[d.rows] == WFH
        new = repair_preferences(d, wfh)[0]
        _kept(d, wfh, new)
        assert (repair_preferences(d, wfh)[0] == new).all()  # deterministic
        assert _q0(d, new) == _q0(d, wfh)
        pm = PartModel(d)
        build_hard(pm)
        available, share = fair_targets(pm, wfh)
        assert (band_deviation(new, d.open_cells(), share, available)
                == band_deviation(wfh, d.open_cells(), share, available))
        b, a = preferred_value(d, wfh), preferred_value(d, new)
        assert b <= a <= q2_upper_bound(d)
        before, after = before + b, after + a
        write_part(codes, d, new)
    assert after > before  # the Q1 roster leaves preferences to gain
    report = check(problem, scen, Roster(r.roster.nips, r.roster.dates, codes), dates=dates)
    assert not report.hard_violations


def test_without_q2_time_the_repair_still_honours_preferences():
    # Effort 0 skips the Q2 stage's solve: what it reports is the roster of Q1, or with
    # the repair a better one. Q0 and Q1 are the same proven optima either way.
    period = Period(date(2026, 3, 2), date(2026, 3, 31))
    problem = generate_agency(200, seed=6, period=period)
    scen = load_scenario("permenpanrb-4-2025")
    got = {}
    for flag in (False, True):
        r = solve(problem, scen, settings=Settings(time_limit=20, workers=1, effort=0,
                                                   use_pref_repair=flag))
        q = {s.goal: s for s in r.stages}
        assert q["Q0"].proven and q["Q1"].proven
        assert not r.report.hard_violations
        got[flag] = (q["Q0"].objective, q["Q1"].objective, q["Q2"].objective,
                     r.report.quality.preferred_honoured)
    assert got[False][:2] == got[True][:2]
    assert got[True][2] > got[False][2]
    assert got[True][3] > got[False][3]


def test_without_a_q2_solve_the_repair_nears_the_bound_and_runs_are_the_same():
    # Effort 0: the Q2 stage gets no solve, so what it reports is the repair's roster
    # against the max-flow bound (which lets weekly counts move; the repair keeps them);
    # two runs give the same roster.
    period = Period(date(2023, 8, 28), date(2023, 9, 8))
    problem = generate_agency(150, seed=7, period=period)
    scen = load_scenario("se-17-2023")
    cfg = Settings(time_limit=20, workers=1, effort=0)
    runs = [solve(problem, scen, settings=cfg) for _ in range(2)]
    q2 = next(s for s in runs[0].stages if s.goal == "Q2")
    assert q2.bound > 0 and q2.objective >= 0.95 * q2.bound
    assert not runs[0].report.hard_violations
    assert (runs[0].roster.codes == runs[1].roster.codes).all()
