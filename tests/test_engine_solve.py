"""solve(): dates, determinism, progress, parts, the checker's veto, the summary."""

from __future__ import annotations

import dataclasses
import importlib
import itertools
from datetime import date, timedelta

import numpy as np
import pytest
from test_engine_rules import WFH, scenario
from worlds import FORTNIGHT, MON, WEEK, admin_unit, leave, office, person, world

from asn_scheduler.domain import Building, Code, Period, ServiceCategory
from asn_scheduler.engine import PeriodError, SolverBug, Status, resolve_dates, solve
from asn_scheduler.engine import decompose as decompose_mod
from asn_scheduler.engine.context import compile_problem
from asn_scheduler.engine.settings import Settings
from asn_scheduler.solver import builders

solve_mod = importlib.import_module("asn_scheduler.engine.solve")


def small_agency(n_units: int = 6):
    """Units of 3..8 staff with leave, preferences and teams: enough to differ by seed."""
    units, staff, absences = [], [], []
    for k in range(n_units):
        code = f"U{k}"
        units.append(office(code, role_minimums={"loket": 1} if k % 2 else {}))
        for j in range(3 + k):
            i = 100 * k + j
            staff.append(person(i, code, roles=frozenset({"loket"}) if j < 2 else frozenset(),
                                preferred_wfh_days=frozenset({(i * 7) % 5}),
                                team="T" if j % 3 == 0 else None))
            if (i * 13) % 5 == 0:
                absences.append(leave(staff[-1], MON + timedelta(days=i % 9)))
    return world(staff, units, absences)


# ---- dates ------------------------------------------------------------------------------
def test_resolve_dates_prefers_the_command_line_then_the_sheet_then_the_scenario():
    unit, staff = admin_unit("A", 2)
    p = world(staff, [unit], period=FORTNIGHT)
    assert resolve_dates(p, scenario())[0] == FORTNIGHT.start
    assert resolve_dates(p, scenario(), MON, MON + timedelta(days=2))[-1] == MON + timedelta(2)
    assert resolve_dates(p, scenario(), start=MON + timedelta(days=7))[-1] == FORTNIGHT.end
    bare = p.replace(period=None)
    windowed = scenario().__class__(**{**scenario().__dict__, "suggested_period": WEEK})
    assert resolve_dates(bare, windowed) == tuple(WEEK.days())
    with pytest.raises(PeriodError) as err:
        resolve_dates(bare, scenario())
    assert "--start" in err.value.msg.id and "--start" in err.value.msg.en
    with pytest.raises(PeriodError):
        resolve_dates(p, scenario(), MON + timedelta(days=3), MON)


# ---- determinism and parallel -----------------------------------------------------------
def test_same_input_scenario_and_seed_give_the_same_roster():
    p = small_agency()
    first = solve(p, scenario(), time_limit=10, seed=3)
    second = solve(p, scenario(), time_limit=10, seed=3)
    assert first.status is Status.OPTIMAL
    assert first.roster == second.roster


def test_worker_processes_give_the_same_roster_as_one():
    p = small_agency()
    alone = solve(p, scenario(), time_limit=10, workers=1)
    pooled = solve(p, scenario(), settings=Settings(time_limit=10, workers=2,
                                                    pool_min_cells=0))  # force the pool
    assert alone.roster == pooled.roster
    assert [s.units for s in alone.parts] == [s.units for s in pooled.parts]


# ---- parts, progress, stats ---------------------------------------------------------------
def test_units_without_decisions_skip_the_solver_and_parts_are_largest_first():
    direct = office("IGD", ServiceCategory.LAYANAN_LANGSUNG)
    ua, sa = admin_unit("A", 3)
    ub, sb = admin_unit("B", 6, start=10)
    p = world(sa + sb + [person(50, "IGD")], [direct, ua, ub])
    r = solve(p, scenario(), time_limit=10)
    assert [s.units for s in r.parts] == [("B",), ("A",), ("IGD",)]
    assert r.parts[-1].status == "FIXED" and r.parts[-1].variables == 0
    assert r.parts[0].variables >= 6 * 10  # one Boolean per decision cell at least
    assert {"build", "solve", "check", "total"} <= set(r.timings)


def test_progress_reports_stages_and_parts():
    events = []
    solve(small_agency(3), scenario(), time_limit=10, progress=events.append)
    stages = [e.stage for e in events]
    assert stages[0] == "compile" and stages[-1] == "done" and "check" in stages
    solved = [e for e in events if e.stage == "solve"]
    assert solved[-1].parts_done == solved[-1].parts_total == 3
    assert all(b.elapsed >= a.elapsed for a, b in itertools.pairwise(events))


def test_a_broken_builder_is_caught_by_the_checker(monkeypatch):
    # Drop the S2 constraints: fill then puts everyone at home, the independent checker
    # sees the cap broken, and solve() refuses to return that roster. (Without the Q0
    # shortcut: the filled rotation it would take keeps S2 by itself.)
    monkeypatch.setitem(builders.HARD_BUILDERS, "S2",
                        builders.HardBuilder(fix=builders.HARD_BUILDERS["S2"].fix))
    unit, staff = admin_unit("A", 4)
    with pytest.raises(SolverBug) as err:
        solve(world(staff, [unit]), scenario(),
              settings=Settings(time_limit=10, workers=1, use_q0_bound=False))
    assert {v.rule for v in err.value.violations} == {"S2"}


def test_summary_in_both_languages():
    r = solve(small_agency(2), scenario(), time_limit=10)
    text_id, text_en = r.summary("id"), r.summary("en")
    assert "OPTIMAL" in text_id and "Porsi WFH" in text_id and "Q0" in text_id
    assert "WFH share" in text_en and "Hard-rule violations: 0" in text_en
    assert r.wfh_share_by_category()[ServiceCategory.ADMINISTRASI] == pytest.approx(
        r.roster.count(Code.WFH) / sum(u.active for u in r.report.unit_days if u.working))



def test_effort_zero_skips_the_quality_goals_and_says_so():
    from asn_scheduler.scenario import load_scenario

    unit, staff = admin_unit("A", 10)
    # without the Q2–Q4 bounds (issue 22; see the next test for the default)
    r = solve(world(staff, [unit]), load_scenario("permenpanrb-4-2025"), start=MON,
              end=MON + timedelta(days=11), time_limit=10, workers=1, effort=0,
              settings=Settings(use_quality_bounds=False))
    figs = {st.goal: st for st in r.stages}
    assert figs["Q0"].proven and figs["Q1"].proven  # always proven, whatever the effort
    # no part ran the rotation goal: nothing was measured, so no figure (not a zero)
    assert np.isnan(figs["Q3"].objective) and np.isnan(figs["Q3"].bound)
    assert not figs["Q3"].proven
    text_id, text_en = r.summary("id"), r.summary("en")
    assert "Q3: dilewati" in text_id and "Q3: skipped" in text_en
    assert "nan" not in text_id + text_en
    assert len(r.report.hard_violations) == 0


def test_effort_zero_reports_the_skipped_goals_value_and_bound_by_default():
    from asn_scheduler.scenario import load_scenario

    unit, staff = admin_unit("A", 10)
    r = solve(world(staff, [unit]), load_scenario("permenpanrb-4-2025"), start=MON,
              end=MON + timedelta(days=11), time_limit=10, workers=1, effort=0)
    figs = {st.goal: st for st in r.stages}
    assert figs["Q0"].proven and figs["Q1"].proven
    for g in ("Q2", "Q3", "Q4"):  # the roster's value with a bound, never NaN
        assert np.isfinite(figs[g].objective) and np.isfinite(figs[g].bound), g
    assert figs["Q3"].objective >= figs["Q3"].bound  # minimised
    text_id, text_en = r.summary("id"), r.summary("en")
    assert "nan" not in text_id + text_en
    assert len(r.report.hard_violations) == 0


# ---- building seats split among units ---------------------------------------------------
def three_units_in_one_building(seats: int = 12):
    units, staff = [], []
    for k, n in enumerate((4, 6, 8)):
        u, s = admin_unit(f"U{k}", n, start=20 * k, building="G")
        units.append(u)
        staff += s
    return world(staff, units, buildings=[Building("G", seats)])


@pytest.mark.parametrize(("wfh_goal", "rotation", "probes"), [
    ("none", True, 0), ("none", False, 1), ("fill", True, 0), ("fill", False, 1)])
def test_a_huge_binding_building_is_split_pro_rata_and_loses_no_wfh(monkeypatch, wfh_goal,
                                                                    rotation, probes):
    # Three units (4, 6, 8 staff) share 12 seats: 18 - 12 = 6 WFH a day are forced.
    # Split (threshold below 18 staff) each unit gets the WFO of a roster that meets every
    # hard rule (the repaired rotation, or without it a CP-SAT probe) plus spare seats by
    # size; the WFH (Q0, minimised under goal none, maximised under fill) equals solving
    # the building whole.
    calls = []
    run_parts = solve_mod.run_parts
    monkeypatch.setattr(solve_mod, "run_parts",
                        lambda datas, *a, **k: calls.append(len(datas)) or run_parts(datas, *a, **k))
    p = three_units_in_one_building()
    scen = scenario(cap=100 if wfh_goal == "none" else 50, wfh_goal=wfh_goal)
    cfg = Settings(time_limit=10, use_rotation_split=rotation)
    split = solve(p, scen, settings=dataclasses.replace(cfg, max_part_staff=10))
    assert calls[0] == probes  # the probe of the huge building, before the parts
    whole = solve(p, scen, settings=dataclasses.replace(cfg, max_part_staff=1500))
    assert len(split.parts) == 3 and len(whole.parts) == 1
    assert any("(G; 18 pegawai)" in w.id and "(G; 18 staff)" in w.en for w in split.warnings)
    assert split.stages[0].objective == whole.stages[0].objective
    if wfh_goal == "none":
        assert whole.stages[0].objective == -6 * 10
    else:  # 50% of 18 a day at most, and at least the 6 the seats force
        assert 6 * 10 <= whole.stages[0].objective <= 9 * 10
    assert split.report.compliant and split.status is Status.OPTIMAL


def test_seat_quotas_start_from_a_feasible_roster_and_share_the_rest_by_size():
    p = three_units_in_one_building()
    ctx = compile_problem(p, scenario(cap=100, wfh_goal="none"), tuple(FORTNIGHT.days()))
    base = np.array([[2], [4], [5]]) * (ctx.b1_cap[0] >= 0)  # WFO of a feasible roster: 11
    quotas = np.array(decompose_mod.split_seats(ctx, np.arange(3), ctx.b1_cap[0], base))
    work = ctx.b1_cap[0] >= 0
    # one seat left over, given by size (largest remainder): the 8-staff unit gets it
    assert (quotas[:, work] == np.array([[2], [4], [6]])).all()
    assert (quotas[:, ~work] == -1).all()


def test_f1_a_week_cut_by_the_period_edge_counts_only_days_inside():
    # F1 weeks cut by the period edge count only the days inside: a period from Thursday
    # to Wednesday gives 2 + 3 working days, each week allowing 2 WFH under F1 = 2.
    unit, staff = admin_unit("A", 2)
    p = world(staff, [unit], period=Period(date(2026, 3, 5), date(2026, 3, 11)))
    r = solve(p, scenario(cap=100, max_flex_days_per_week=2), time_limit=10)
    per = (r.roster.codes == WFH).sum(axis=1)
    assert list(per) == [4, 4]
