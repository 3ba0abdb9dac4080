"""``engine.part_check.broken_rules`` says exactly what the solver's model says: for each
hard rule it checks, a roster breaks the rule in numpy if and only if CP-SAT, with that
rule's constraints alone and every cell fixed to the roster, finds the model infeasible."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import numpy as np
import pytest
from test_engine_rules import scenario
from worlds import WEEK, admin_unit, world

from asn_scheduler.domain.model import Period
from asn_scheduler.engine.context import DECIDE, compile_problem, resolve_dates
from asn_scheduler.engine.decompose import decompose, part_data
from asn_scheduler.engine.part_check import broken_rules, repair_hard, wfh_upper_bound
from asn_scheduler.engine.rotation import rotation_hint
from asn_scheduler.engine.settings import Settings
from asn_scheduler.generate import generate_agency
from asn_scheduler.parts.data import Seats
from asn_scheduler.scenario.loader import load_scenario
from asn_scheduler.solver.builders import HARD_BUILDERS
from asn_scheduler.solver.goals import prepare_q0
from asn_scheduler.solver.model import PartModel

cp_model = pytest.importorskip("ortools.sat.python.cp_model")

CHECKED = ("S2", "S3", "F1", "B1", "P1", "Q0")


def _model_accepts(data, choice: np.ndarray, rule: str) -> bool:
    """CP-SAT's verdict on ``choice`` under ``rule``'s constraints alone."""
    pm = PartModel(data)
    for b in HARD_BUILDERS.values():
        if b.fix is not None:
            b.fix(pm)
    pm.make_decisions()
    if rule == "Q0":
        prepare_q0(pm)
    else:
        HARD_BUILDERS[rule].constrain(pm)
    dec = pm.vid >= 0
    for i, v in zip(pm.vid[dec].tolist(), choice[dec].tolist(), strict=True):
        pm.model.add(pm.xs[i] == int(v))
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    return s.solve(pm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def _parts(staff: int, scen_name: str, period: Period, seed: int, max_part_staff: int,
           **params):
    problem = generate_agency(staff, seed=seed, period=period)
    scen = load_scenario(scen_name)
    if params:
        scen = scen.with_params(**params)
    dates = resolve_dates(problem, scen, None, None)
    ctx = compile_problem(problem, scen, dates)
    return [part_data(ctx, p, i, tuple(scen.goals))
            for i, p in enumerate(decompose(ctx, max_part_staff)) if p.units]


MARCH_2026 = Period(date(2026, 3, 2), date(2026, 3, 31))


@pytest.mark.parametrize(("scen_name", "period", "seed", "params", "judged"), [
    ("permenpanrb-4-2025", MARCH_2026, 1, {}, {"S2", "F1"}),
    ("permenpanrb-4-2025", MARCH_2026, 4, {"wfh_goal": 1}, {"F1", "Q0"}),
    ("se-17-2023", Period(date(2023, 8, 28), date(2023, 9, 27)), 2, {}, {"S2", "S3"}),
    ("se-58-2020", Period(date(2020, 6, 8), date(2020, 7, 3)), 3, {}, {"P1"}),
])
def test_broken_rules_agrees_with_the_model_rule_by_rule(scen_name, period, seed, params,
                                                         judged):
    # Rosters near the edge of every rule: the rotation, and the rotation with random
    # cells sent home or to the office (some break a rule, some do not). A large
    # max_part_staff keeps buildings whole, so B1 spans several units
    rng = np.random.default_rng(seed)
    datas = _parts(120, scen_name, period, seed, 10_000, **params)
    seen_ok: set[str] = set()
    seen_broken: set[str] = set()
    for data in datas[:6]:
        dec = data.fixed == DECIDE
        if not dec.any():
            continue
        hint = rotation_hint(data, data.slot)
        cells = np.argwhere(dec)
        for flips, to in ((0, True), (2, True), (8, True), (40, True), (200, True),
                          (8, False), (40, False)):
            choice = hint.copy()
            pick = cells[rng.choice(len(cells), size=min(flips, len(cells)), replace=False)]
            choice[pick[:, 0], pick[:, 1]] = to
            broken = set(broken_rules(data, choice))
            for rule in CHECKED:
                accepts = _model_accepts(data, choice, rule)
                assert accepts == (rule not in broken), (rule, data.unit_codes, flips)
                (seen_ok if accepts else seen_broken).add(rule)
    # the test is only worth something if the rules it is about were broken by some
    # roster and met by another
    assert judged <= seen_broken & seen_ok, (seen_broken, seen_ok)


def test_seats_that_bind_exactly_at_the_rotation():
    # A building whose seats equal the rotation's WFO on every day: the rotation meets
    # B1, one more person in the office on any day breaks it, in numpy as in CP-SAT
    datas = _parts(120, "permenpanrb-4-2025", MARCH_2026, 5, 10_000)
    data = max(datas, key=lambda d: d.n_decisions)
    hint = rotation_hint(data, data.slot)
    units = np.arange(data.working.shape[0])
    wfh = np.where(data.fixed == DECIDE, hint, data.fixed == 1)
    per_unit = np.array([wfh[data.unit_of == u].sum(axis=0) for u in units])
    cap = data.active.sum(axis=0) - per_unit.sum(axis=0)
    data.seats = [Seats("Gedung uji", units, cap)]
    assert "B1" not in broken_rules(data, hint) and _model_accepts(data, hint, "B1")
    e, d = np.argwhere(hint & (data.fixed == DECIDE))[0]
    back = hint.copy()
    back[e, d] = False
    assert "B1" in broken_rules(data, back) and not _model_accepts(data, back, "B1")


def test_a_roster_with_everyone_at_home_breaks_the_daily_cap():
    period = Period(date(2026, 3, 2), date(2026, 3, 31))
    data = _parts(60, "permenpanrb-4-2025", period, 0, 150)[0]
    everyone = np.ones(data.fixed.shape, dtype=bool)
    broken = broken_rules(data, everyone)
    assert "S2" in broken and "F1" in broken
    # nobody at home can break only the rules that ask for WFH (seats, office ceiling)
    nobody = broken_rules(data, np.zeros(data.fixed.shape, dtype=bool))
    assert set(nobody) <= {"B1", "P1"}


def _relaxation_optimum(data) -> int:
    """CP-SAT's most WFH under the daily caps and the weekly limits alone."""
    pm = PartModel(data)
    for b in HARD_BUILDERS.values():
        if b.fix is not None:
            b.fix(pm)
    pm.make_decisions()
    HARD_BUILDERS["S2"].constrain(pm)
    HARD_BUILDERS["F1"].constrain(pm)
    prepare_q0(pm)
    pm.model.maximize(sum(pm.xs))
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.linearization_level = 2  # as the engine: the LP proves these quickly
    s.parameters.max_time_in_seconds = 60
    assert s.solve(pm.model) == cp_model.OPTIMAL
    return round(s.objective_value)


@pytest.mark.parametrize(("scen_name", "period", "seed", "params"), [
    ("permenpanrb-4-2025", MARCH_2026, 6, {}),
    ("permenpanrb-4-2025", MARCH_2026, 7, {"wfh_goal": 1}),
    ("se-17-2023", Period(date(2023, 8, 28), date(2023, 9, 27)), 8, {}),
])
def test_the_wfh_bound_is_the_exact_optimum_of_its_relaxation(scen_name, period, seed,
                                                               params):
    # the min-cut formula per unit-week against CP-SAT on the same relaxation (daily caps
    # and weekly limits, nothing else); a bound above it would never prove anything, one
    # below it would prove a wrong optimum
    datas = [d for d in _parts(150, scen_name, period, seed, 40, **params) if d.n_decisions]
    assert datas
    for data in datas:
        assert wfh_upper_bound(data) == _relaxation_optimum(data), data.unit_codes


def test_no_bound_under_goal_none():
    datas = _parts(60, "se-58-2020", Period(date(2020, 6, 8), date(2020, 7, 3)), 0, 150)
    assert all(wfh_upper_bound(d) is None for d in datas if d.n_decisions)


def test_q0_proven_by_the_bound_is_the_solver_optimum(monkeypatch):
    # Parts whose filled rotation reaches the bound skip the Q0 solve; their Q0 equals
    # what CP-SAT proves without the shortcut, and every roster meets the hard rules
    from asn_scheduler.engine import stages

    datas = [d for d in _parts(150, "se-17-2023", Period(date(2023, 8, 28), date(2023, 9, 27)),
                               9, 150) if d.n_decisions]
    shortcut = []
    by_bound = stages._q0_by_bound

    def spy(pm, settings):
        v = by_bound(pm, settings)
        if v is not None:
            shortcut.append(v)
        return v

    monkeypatch.setattr(stages, "_q0_by_bound", spy)
    for data in datas:
        data.goals = ("Q0",)
        fast = stages.solve_part(data, budget=5.0, settings=Settings(use_q0_bound=True))
        slow = stages.solve_part(data, budget=5.0, settings=Settings(use_q0_bound=False))
        assert fast.stages[0].proven and slow.stages[0].proven
        assert fast.stages[0].objective == slow.stages[0].objective
        assert not broken_rules(data, fast.wfh)
    assert shortcut  # some part was proven by the bound


def test_filling_sends_home_first_whoever_prefers_the_day():
    # Nobody is home yet; the fill sends up to 2 home a day (50% of 4), 2 days a week
    # each. On Monday, the first day filled, all have 0 days home: the one who prefers
    # Monday goes first.
    unit, staff = admin_unit("A", 4)
    staff = [dataclasses.replace(s, preferred_wfh_days=frozenset({0})) if i == 3 else s
             for i, s in enumerate(staff)]
    scen = scenario(max_flex_days_per_week=2, counts_toward_flex_cap=True)
    ctx = compile_problem(world(staff, [unit], period=WEEK), scen,
                          tuple(WEEK.start + timedelta(days=i) for i in range(5)))
    (part,) = decompose(ctx)
    data = part_data(ctx, part, 0, tuple(scen.goals))
    x = repair_hard(data, np.zeros(data.fixed.shape, dtype=bool), fill=True)
    assert x.sum() == 8 and (x.sum(axis=0) <= 2).all() and not broken_rules(data, x)
    row = int(np.flatnonzero(data.preferred[:, 0])[0])
    assert x[row, 0]
