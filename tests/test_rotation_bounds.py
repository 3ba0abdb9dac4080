"""The held-goal bounds on rotation (Q3) and teams (Q4) of
:mod:`asn_scheduler.solver.rotation_bounds`: each person's programme is exact (brute force
over the person's row), and the part bounds never cut off a proven optimum."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import timedelta

import numpy as np
import pytest

from asn_scheduler.bench.matrix import PERIODS, REGION
from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.model import Period
from asn_scheduler.engine import stages
from asn_scheduler.engine.context import compile_problem, resolve_dates
from asn_scheduler.engine.decompose import decompose, part_data
from asn_scheduler.engine.settings import Settings
from asn_scheduler.generate import generate_agency
from asn_scheduler.parts.weekly import person_week_limits
from asn_scheduler.scenario import load_scenario
from asn_scheduler.solver import rotation_bounds as rb
from asn_scheduler.solver.builders import build_hard
from asn_scheduler.solver.cpsat import hold, run_stage
from asn_scheduler.solver.goals import GOAL_BUILDERS, q3_windows
from asn_scheduler.solver.model import PartModel

SCENARIOS = ("se-17-2023", "permenpanrb-4-2025")


def _parts(scenario: str, n: int, days: int = 29):
    start = PERIODS[scenario].start
    period = Period(start, start + timedelta(days=days))
    problem = generate_agency(n, seed=3, period=period, regions=(REGION,))
    sc = load_scenario(scenario)
    ctx = compile_problem(problem, sc, resolve_dates(problem, sc))
    return [part_data(ctx, p, i, tuple(sc.goals)) for i, p in enumerate(decompose(ctx, 150))]


def _held_model(data):
    """A part's model with Q0 and Q1 solved and held, as the Q3 stage sees it."""
    pm = PartModel(data)
    build_hard(pm)
    held = {}
    for g in ("Q0", "Q1"):
        obj = GOAL_BUILDERS[g].objective(pm)
        if obj is None or not obj.has_terms:
            continue
        st = run_stage(pm, obj, dtime=10.0, wall=60.0, seed=0)
        assert st.proven
        held[g] = st.value
        hold(pm, obj, round(st.value))
    return pm, held


def _person_cost(pm: PartModel, e: int, row: np.ndarray) -> int:
    """Q3's terms of person ``e`` on the row ``row`` (WFH per date), from the definitions."""
    d = pm.data
    present = (pm.vid[e] >= 0) | (d.fixed[e] == int(Code.WFO)) | (d.fixed[e] == int(Code.WFH))
    cost = sum(int(row[i] != row[j]) for i, j in d.pairs if present[i] and present[j])
    size = d.max_consecutive + 1
    for _u, rows, days, windows in q3_windows(pm):
        hit = np.flatnonzero(rows == e)
        if hit.size:
            for s in np.flatnonzero(windows[hit[0]]).tolist():
                cost += int(row[days[s:s + size]].all())
    return cost


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_each_persons_programme_is_the_brute_force_minimum(scenario: str) -> None:
    data = next(d for d in _parts(scenario, 12) if d.n_decisions)
    pm, held = _held_model(data)
    lo, hi = rb.count_ranges(pm, held)
    limits = np.maximum(person_week_limits(data), 0)
    size = data.max_consecutive + 1
    checked = 0
    for _u, rows, days, windows in q3_windows(pm):
        for r, e in enumerate(rows.tolist()):
            free = np.flatnonzero(pm.vid[e] >= 0)
            if not free.size:
                continue
            pairs = np.array([p for p in data.pairs], dtype=np.int64).reshape(-1, 2)
            present = (pm.vid[e] >= 0) | (data.fixed[e] == int(Code.WFO)) | (
                data.fixed[e] == int(Code.WFH))
            pairs = pairs[present[pairs[:, 0]] & present[pairs[:, 1]]]
            starts = np.flatnonzero(windows[r])
            wins = days[starts[:, None] + np.arange(size)] if starts.size else np.zeros(
                (0, size), np.int64)
            got = rb._person_min(pm, e, limits[e], int(lo[e]), int(hi[e]), pairs, wins)
            weeks = [[c for k in range(min(int(limits[e, w]), len(f)) + 1)
                      for c in itertools.combinations(f, k)]
                     for w in range(limits.shape[1])
                     for f in [free[data.week[free] == w].tolist()]]
            if np.prod([len(x) for x in weeks]) > 40_000:
                continue
            best = None
            for picks in itertools.product(*weeks):
                chosen = [c for pick in picks for c in pick]
                if not lo[e] <= len(chosen) <= hi[e]:
                    continue
                row = pm.value[e].astype(bool).copy()
                row[chosen] = True
                c = _person_cost(pm, e, row)
                best = c if best is None else min(best, c)
            assert best is not None and got == best, (e, got, best)
            checked += 1
    assert checked >= 3


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_part_bounds_never_cut_off_the_proven_optima(scenario: str, monkeypatch) -> None:
    seen: dict[str, float] = {}

    def spy(pm, goal, obj, settings, held):  # the stage's bound, then solve anyway
        seen[goal] = stages._cheap(pm, goal, obj, held, settings)[1]
        return None

    monkeypatch.setattr(stages, "_stage_figures", spy)
    checked = 0
    for data in _parts(scenario, 40):
        if not data.n_decisions:
            continue
        seen.clear()
        out = stages.solve_part(data, 60.0, Settings(workers=1), effort=float("inf"))
        for st in out.stages:
            if st.goal not in ("Q3", "Q4") or not st.proven or st.goal not in seen:
                continue
            if st.goal == "Q3":
                assert seen["Q3"] <= st.objective, (data.index, seen, st)
            else:
                assert seen["Q4"] >= st.objective, (data.index, seen, st)
            checked += 1
    assert checked >= 1


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_held_bounds_only_tighten_what_a_skipped_stage_reports(scenario: str) -> None:
    cfg = Settings(workers=1, effort=0.0)  # every Q2–Q4 stage skipped: reported by bound
    tighter = 0
    for data in _parts(scenario, 40):
        if not data.n_decisions:
            continue
        on = stages.solve_part(data, 10.0, cfg, effort=0.0)
        off = stages.solve_part(data, 10.0, dataclasses.replace(cfg, use_held_bounds=False),
                                effort=0.0)
        assert (on.wfh == off.wfh).all()  # reporting only: the same roster
        for a, b in zip(on.stages, off.stages, strict=True):
            assert a.objective == b.objective
            if a.goal == "Q3":
                assert b.bound <= a.bound <= a.objective
                tighter += a.bound > b.bound
            elif a.goal == "Q4":
                assert b.bound >= a.bound >= a.objective
                tighter += a.bound < b.bound
    assert tighter >= 1
