"""The vectorised model builders (issue 5) build exactly the models the plain per-cell
loops built: the same variables in the same order, the same constraints, the same
objectives, the same hints — byte for byte in the ``CpModelProto``. Same proto, same
seed: same search, hence the same roster as before the builders were vectorised.

The references below are the loops as they were (one ``PartModel.cells`` call per person,
week, unit-day or window): slow, but each reads like the rule it encodes. Small generated
agencies under several scenarios exercise every builder; each case also asserts that the
rules it is meant to exercise really post constraints, so no comparison is vacuous.
"""

from __future__ import annotations

import dataclasses
import functools
from datetime import date, timedelta

import numpy as np
import pytest

from asn_scheduler.domain import Period
from asn_scheduler.domain.enums import Code
from asn_scheduler.engine.context import DECIDE, GOAL_WEEKLY, compile_problem, resolve_dates
from asn_scheduler.engine.decompose import decompose, part_data
from asn_scheduler.generate import generate_agency
from asn_scheduler.rules.data import fair_shares, role_cover_uppers
from asn_scheduler.rules.quality_defs import fair_band, weekly_upper
from asn_scheduler.scenario.loader import load_scenario
from asn_scheduler.solver import builders, goals
from asn_scheduler.solver.builders import HARD_BUILDERS, build_hard
from asn_scheduler.solver.goals import GOAL_BUILDERS, _week_goal_caps, _windows_may_all_be_wfh
from asn_scheduler.solver.model import PartModel

MARCH_2026 = Period(date(2026, 3, 2), date(2026, 3, 31))


# ---- the per-cell references ------------------------------------------------------------
def ref_make_decisions(pm: PartModel) -> None:
    for e, d in np.argwhere(pm.data.fixed == DECIDE):
        pm._new_cell(int(e), int(d))
    pm._decided = True


def ref_hold_out(rule: str):
    def fix(pm: PartModel) -> None:
        mask = pm.data.reason == builders.R[rule]
        pm.claim(mask)
        if not pm.explain:
            return
        for e, d in zip(*np.nonzero(mask), strict=True):
            x = pm._new_cell(int(e), int(d))
            lit = pm.guard(rule, int(pm.data.unit_of[e]), "", (int(d),))
            pm.model.add(x == 0).only_enforce_if(lit)
            pm.n_constraints += 1
    return fix


def _open_days(pm, u):
    return np.flatnonzero(pm.data.working[u] & ~pm.data.pinned_day)


def ref_s2(pm):
    d = pm.data
    for u in range(d.working.shape[0]):
        rows = pm.unit_rows(u)
        for day in _open_days(pm, u):
            ids, const = pm.cells(rows, int(day))
            pm.at_most(("S2", u, "", (int(day),)), ids, const, int(d.cap[u, day]))


def ref_s3(pm):
    d = pm.data
    for rn in d.roles:
        if not rn.holders.size:
            continue
        held = d.fixed[rn.holders] == 0
        for day in _open_days(pm, rn.unit):
            need = int(rn.need[day])
            if need <= 0:
                continue
            ids, _ = pm.cells(rn.holders, int(day))
            wfo_const = int(np.count_nonzero(held[:, day] & (pm.vid[rn.holders, day] < 0)))
            pm.at_most(("S3", rn.unit, "", (int(day),)), ids, 0, ids.size + wfo_const - need)


def ref_f1(pm):
    d = pm.data
    for w in range(d.f1_limit.shape[1]):
        in_week = d.week == w
        days_w = tuple(int(x) for x in np.flatnonzero(in_week))
        for u in range(d.working.shape[0]):
            limit = int(d.f1_limit[u, w])
            cols = np.flatnonzero(in_week & d.f1_counts[u])
            if limit < 0 or not cols.size:
                continue
            for e in pm.unit_rows(u):
                if d.field_duty[e]:
                    continue
                ids, const = pm.cells(np.array([e]), cols)
                pm.at_most(("F1", u, "", days_w), ids, const, limit)


def ref_b1(pm):
    d = pm.data
    for seats in d.seats:
        rows = np.flatnonzero(np.isin(d.unit_of, seats.units))
        for day in np.flatnonzero((seats.cap >= 0) & ~d.pinned_day):
            active = int(d.active[seats.units, day].sum())
            if active <= seats.cap[day]:
                continue
            ids, const = pm.cells(rows, int(day))
            pm.at_least(("B1", -1, seats.name, (int(day),)), ids, const,
                        active - int(seats.cap[day]))


def ref_p1(pm):
    d = pm.data
    for u in range(d.working.shape[0]):
        rows = pm.unit_rows(u)
        for day in _open_days(pm, u):
            ceiling = int(d.ceiling[u, day])
            if ceiling < 0 or d.active[u, day] <= ceiling:
                continue
            ids, const = pm.cells(rows, int(day))
            pm.at_least(("P1", u, "", (int(day),)), ids, const, int(d.active[u, day]) - ceiling)


REF_CONSTRAIN = {"S2": ref_s2, "S3": ref_s3, "F1": ref_f1, "B1": ref_b1, "P1": ref_p1}


def ref_prepare_q0(pm):
    d = pm.data
    if not (d.goal_kind == GOAL_WEEKLY).any():
        return
    caps = _week_goal_caps(pm)
    for e in range(d.fixed.shape[0]):
        u = d.unit_of[e]
        for w in np.unique(d.week):
            cols = np.flatnonzero((d.week == w) & (caps[u] >= 0))
            if cols.size:
                ids, const = pm.cells(np.array([e]), cols)
                if ids.size + const > caps[u, cols[0]]:
                    pm.model.add(pm.wfh_sum(ids) <= max(0, int(caps[u, cols[0]]) - const))
                    pm.n_constraints += 1


def ref_fair_targets(pm, wfh):
    d = pm.data
    avail_cells = d.open_cells()
    available = avail_cells.sum(axis=1)
    share = np.zeros(d.fixed.shape[0])
    goal_caps = _week_goal_caps(pm)
    upper = np.zeros(d.fixed.shape[0])
    for u in range(d.working.shape[0]):
        rows = pm.unit_rows(u)
        f1_day = np.where(d.f1_counts[u], d.f1_limit[u][d.week], -1)
        for e in rows:
            upper[e] = weekly_upper(avail_cells[e], d.week, -np.ones_like(f1_day)
                                    if d.field_duty[e] else f1_day, goal_caps[u])
    # role holders: at most their share of what role cover lets the group have
    present = (d.fixed == -1) | (d.fixed == int(Code.WFO)) | (d.fixed == int(Code.WFH))
    upper = role_cover_uppers(upper, avail_cells, [
        (rn.holders, present[rn.holders].sum(axis=0) - rn.need) for rn in d.roles
        if rn.holders.size])
    for u in range(d.working.shape[0]):
        rows = pm.unit_rows(u)
        if not rows.size:
            continue
        total = int((wfh[rows] & avail_cells[rows]).sum())
        share[rows] = fair_shares(total, available[rows], upper[rows].tolist())
    return available, share


def ref_q1(pm):
    d = pm.data
    wfh = pm.wfh_values()
    available, share = ref_fair_targets(pm, wfh)
    open_cells = d.open_cells()
    m = pm.model
    for u in range(d.working.shape[0]):
        rows = pm.unit_rows(u)
        vid = pm.vid[rows]
        ids = vid[(vid >= 0) & (d.fixed[rows] == DECIDE)]
        if ids.size:
            m.add(pm.wfh_sum(ids) == int((wfh[rows] & (d.fixed[rows] == DECIDE)).sum()))
            pm.n_constraints += 1
    devs = []
    for e in np.flatnonzero(available > 0):
        lo, hi = fair_band(float(share[e]))
        ids = pm.vid[e][pm.vid[e] >= 0]
        pinned = int((pm.value[e] * (open_cells[e] & (pm.vid[e] < 0))).sum())
        w = pm.wfh_sum(ids) + pinned
        now = int(wfh[e][open_cells[e]].sum())
        dev = pm.new_aux(0, int(available[e]), max(0, lo - now) + max(0, now - hi))
        m.add(dev >= lo - w)
        m.add(dev >= w - hi)
        pm.n_constraints += 2
        devs.append((dev, 1))
    return goals._objective(pm, [], [], devs, 0, goals.MINIMISE)


def ref_may_all_be_wfh(cols, week, caps):
    for cap in caps:
        c = cap[cols]
        for w in np.unique(week[cols][c >= 0]):
            here = (week[cols] == w) & (c >= 0)
            if here.sum() > c[here].min():
                return False
    return True


def ref_q3(pm):
    d = pm.data
    m = pm.model
    limit = d.max_consecutive
    wfh = pm.wfh_values()
    extra, ids_lin, coeffs, constant = [], [], [], 0
    goal_caps = _week_goal_caps(pm)
    for u in range(d.working.shape[0]):
        days = np.flatnonzero(d.working[u])
        if days.size <= limit:
            continue
        f1_day = np.where(d.f1_counts[u], d.f1_limit[u][d.week], -1)
        for e in pm.unit_rows(u):
            vid = pm.vid[e, days]
            can = (vid >= 0) | (pm.value[e, days] == 1)
            win_ok = np.lib.stride_tricks.sliding_window_view(can, limit + 1).all(axis=1)
            win_var = np.lib.stride_tricks.sliding_window_view(vid >= 0, limit + 1).any(axis=1)
            caps = (goal_caps[u],) if d.field_duty[e] else (f1_day, goal_caps[u])
            for s in np.flatnonzero(win_ok & win_var):
                cols = days[s:s + limit + 1]
                if not ref_may_all_be_wfh(cols, d.week, caps):
                    continue
                ids, const = pm.cells(np.array([e]), cols)
                y = pm.new_aux(0, 1, int(wfh[e, cols].all()))
                m.add(y >= pm.wfh_sum(ids) + const - limit)
                pm.n_constraints += 1
                extra.append((y, 1))
    present = (pm.vid >= 0) | (d.fixed == int(Code.WFO)) | (d.fixed == int(Code.WFH))
    for i, j in d.pairs:
        for e in np.flatnonzero(present[:, i] & present[:, j]):
            a, b = int(pm.vid[e, i]), int(pm.vid[e, j])
            if a >= 0 and b >= 0:
                z = pm.new_aux(0, 1, int(wfh[e, i] != wfh[e, j]))
                m.add(z >= pm.xs[a] - pm.xs[b])
                m.add(z >= pm.xs[b] - pm.xs[a])
                pm.n_constraints += 2
                extra.append((z, 1))
            elif a >= 0 or b >= 0:
                c = int(pm.value[e, j if a >= 0 else i])
                ids_lin.append(a if a >= 0 else b)
                coeffs.append(1 if c == 0 else -1)
                constant += c
            else:
                constant += int(pm.value[e, i] != pm.value[e, j])
    if not extra and not ids_lin:
        return None
    return goals._objective(pm, ids_lin, coeffs, extra, constant, goals.MINIMISE)


def ref_q4(pm):
    d = pm.data
    m = pm.model
    if not (d.team >= 0).any():
        return None
    extra, constant = [], 0
    wfh = pm.wfh_values()
    present = (pm.vid >= 0) | (d.fixed == int(Code.WFO)) | (d.fixed == int(Code.WFH))
    for t in np.unique(d.team[d.team >= 0]):
        members = np.flatnonzero(d.team == t)
        u = int(d.unit_of[members[0]])
        for day in np.flatnonzero(d.working[u]):
            here = members[present[members, day]]
            if here.size < 2 or ((pm.value[here, day] == 1) & (pm.vid[here, day] < 0)).any():
                continue
            ids = pm.vid[here, day]
            ids = ids[ids >= 0]
            if not ids.size:
                constant += 1
                continue
            y = pm.new_aux(0, 1, int(not wfh[here, day].any()))
            for i in ids:
                m.add_implication(y, pm.xs[i].Not())
            pm.n_constraints += int(ids.size)
            extra.append((y, 1))
    return goals._objective(pm, [], [], extra, constant, goals.MAXIMISE)


def ref_q5(pm):
    d = pm.data
    if d.published is None:
        return None
    pub = d.published
    var = pm.vid >= 0
    known = pub >= 0
    ids, coeffs = [], []
    constant = int(np.count_nonzero(~var & known & (d.fixed != pub)))
    for e, day in np.argwhere(var & known):
        p = int(pub[e, day])
        if p == int(Code.WFO):
            ids.append(int(pm.vid[e, day]))
            coeffs.append(1)
        elif p == int(Code.WFH):
            ids.append(int(pm.vid[e, day]))
            coeffs.append(-1)
            constant += 1
        else:
            constant += 1
    return goals._objective(pm, ids, coeffs, [], constant, goals.MINIMISE)


REF_OBJECTIVE = {"Q0": goals.objective_q0, "Q1": ref_q1, "Q2": goals.objective_q2,
                 "Q3": ref_q3, "Q4": ref_q4, "Q5": ref_q5}


# ---- the agencies -----------------------------------------------------------------------
# (scenario, wfh_goal override, rules and goals that must post constraints in this case)
CASES = {
    "permen": ("permenpanrb-4-2025", None, {"S2", "S3", "F1", "B1", "Q1", "Q3", "Q4"}),
    "permen-k1": ("permenpanrb-4-2025", 1, {"S2", "F1", "Q0", "Q3"}),
    "se17-k2": ("se-17-2023", 2, {"S2", "Q0", "Q3"}),
    "se58-zones": ("se-58-2020", None, {"S3", "P1", "Q1", "Q3"}),
}


@functools.cache
def _parts(case: str) -> tuple:
    scen_id, goal, _ = CASES[case]
    scen = load_scenario(scen_id)
    if goal is not None:
        scen = dataclasses.replace(scen, policy=dataclasses.replace(scen.policy, wfh_goal=goal))
    start = scen.window.ranges[0][0] if scen.window and scen_id != "permenpanrb-4-2025" \
        else MARCH_2026.start
    problem = generate_agency(120, seed=0, period=Period(start, start + timedelta(days=29)))
    ctx = compile_problem(problem, scen, resolve_dates(problem, scen))
    datas = [part_data(ctx, p, i, tuple(scen.goals)) for i, p in enumerate(decompose(ctx))]
    return tuple(d for d in datas if d.n_decisions)


def _proto(pm: PartModel, path) -> bytes:
    assert pm.model.export_to_file(str(path))
    return path.read_bytes()


def _fixed(pm: PartModel, explain_ref: bool = False) -> None:
    for rule, b in HARD_BUILDERS.items():
        if b.fix is None:
            continue
        held = b.fix.__name__.startswith("hold")
        (ref_hold_out(rule) if explain_ref and held else b.fix)(pm)


# ---- tests ------------------------------------------------------------------------------
@pytest.mark.parametrize("explain", [False, True], ids=["solve", "explain"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_hard_rules_build_the_proto_the_per_cell_loops_built(case, explain, tmp_path):
    posted = set()
    for data in _parts(case):
        new, ref = PartModel(data, explain=explain), PartModel(data, explain=explain)
        _fixed(new)
        _fixed(ref, explain_ref=True)
        new.make_decisions()
        ref_make_decisions(ref)
        assert _proto(new, tmp_path / "a") == _proto(ref, tmp_path / "b")
        assert np.array_equal(new.vid, ref.vid)
        for rule, b in HARD_BUILDERS.items():
            if b.constrain is None:
                continue
            before = ref.n_constraints
            b.constrain(new)
            REF_CONSTRAIN[rule](ref)
            posted |= {rule} if ref.n_constraints > before else set()
            assert new.n_constraints == ref.n_constraints, rule
            assert _proto(new, tmp_path / "a") == _proto(ref, tmp_path / "b"), rule
        assert list(new.guards) == list(ref.guards)
    expected = {r for r in CASES[case][2] if r in REF_CONSTRAIN}
    assert expected <= posted  # the case really exercises these rules


@pytest.mark.parametrize("published", [False, True], ids=["solve", "replan"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_goals_build_the_proto_the_per_cell_loops_built(case, published, tmp_path):
    posted = set()
    for data in _parts(case):
        rng = np.random.default_rng(data.index)
        if published:  # re-planning: a published roster with WFO, WFH, other codes, gaps
            codes = np.array([int(Code.WFO), int(Code.WFH), int(Code.LIBUR), -1], np.int8)
            pub = codes[rng.choice(4, size=data.fixed.shape, p=[0.45, 0.45, 0.05, 0.05])]
            data = dataclasses.replace(data, published=pub, goals=(*data.goals, "Q5"))
        new, ref = PartModel(data), PartModel(data)
        for pm in (new, ref):
            build_hard(pm)
        for prep in {g.prepare for g in GOAL_BUILDERS.values()} - {None}:
            prep(new)
        before = ref.n_constraints
        ref_prepare_q0(ref)
        posted |= {"Q0"} if ref.n_constraints > before else set()
        assert _proto(new, tmp_path / "a") == _proto(ref, tmp_path / "b")
        wfh = rng.random(data.fixed.shape) < 0.5  # the "previous stage's" roster
        for g in data.goals:
            for pm in (new, ref):
                sol = np.zeros(len(pm.model.proto.variables), dtype=np.int64)
                sol[pm.x_index[pm.vid[pm.vid >= 0]]] = wfh[pm.vid >= 0]
                pm.solution = sol
            if g == "Q1":
                got, want = goals.fair_targets(new, new.wfh_values()), ref_fair_targets(
                    ref, ref.wfh_values())
                assert all(np.array_equal(a, b) for a, b in zip(got, want, strict=True))
            before = ref.n_constraints
            a, b = GOAL_BUILDERS[g].objective(new), REF_OBJECTIVE[g](ref)
            posted |= {g} if ref.n_constraints > before else set()
            assert (a is None) == (b is None), g
            if a is not None:
                assert (a.sense, a.has_terms, a.constant) == (b.sense, b.has_terms, b.constant)
                new.model.minimize(a.expr)
                ref.model.minimize(b.expr)
            assert new.aux_hint == ref.aux_hint, g
            assert new.n_constraints == ref.n_constraints, g
            assert _proto(new, tmp_path / "a") == _proto(ref, tmp_path / "b"), g
    expected = {r for r in CASES[case][2] if r.startswith("Q")}
    assert expected <= posted


def test_windows_that_weekly_caps_forbid_match_the_per_window_definition():
    # random weeks (runs of equal keys, as ISO weeks are), caps −1 (not counted) to 4 and
    # window sizes 2–6: the vectorised test agrees with the per-window loop everywhere
    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(6, 25))
        week = np.cumsum(rng.random(n) < 0.3)
        cap = rng.integers(-1, 5, size=n)
        days = np.sort(rng.choice(n, size=int(rng.integers(6, n + 1)), replace=False))
        size = int(rng.integers(2, 7))
        if days.size < size:
            continue
        got = _windows_may_all_be_wfh(days, size, week, cap)
        want = [ref_may_all_be_wfh(days[s:s + size], week, (cap,))
                for s in range(days.size - size + 1)]
        assert got.tolist() == want


def test_block_gives_the_cells_of_each_row_and_column():
    data = _parts("permen")[0]
    pm = PartModel(data)
    build_hard(pm)
    rows, cols = pm.unit_rows(0), np.flatnonzero(data.working[0])
    ids, wfh = pm.block(rows, cols)
    for r, e in enumerate(rows[:20]):
        want, const = pm.cells(np.array([e]), cols)
        assert ids[r][ids[r] >= 0].tolist() == want.tolist() and wfh[r].sum() == const
    for k, day in enumerate(cols):
        want, const = pm.cells(rows, int(day))
        assert ids[:, k][ids[:, k] >= 0].tolist() == want.tolist() and wfh[:, k].sum() == const
