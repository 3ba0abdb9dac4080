"""One builder per soft goal ID, listed once in :data:`GOAL_BUILDERS`.

Goals are optimised lexicographically (``solver/cpsat.py``): each stage's objective is
then held at its optimum (or the best found) while the next is optimised. The unit of each
objective is what the checker reports (definitions in
:mod:`asn_scheduler.rules.quality_defs`):

- Q0: WFH days on cells whose policy asks for WFH (``fill`` or k per week), minus WFH days
  on cells under ``none`` — maximised. With one goal kind in force it is simply the WFH
  days, maximised (``fill``/k) or, negated, minimised (``none``: only what P1/B1 force).
  Under k, each person has at most k WFH days per ISO week (a constraint).
- Q1: days outside each person's fair band, summed — minimised. Per unit, ``T`` = the
  unit's WFH days on open cells in the previous stage's roster (held fixed from here on),
  fair shares by :func:`~asn_scheduler.rules.data.fair_shares` over each person's open
  cells (available days: decision cells, and in re-planning the pinned cells the rules
  left open) capped by :func:`~asn_scheduler.rules.quality_defs.weekly_upper`.
- Q2: WFH days on the person's preferred weekdays — maximised.
- Q3: days beyond ``max_consecutive_wfh`` in WFH runs plus pattern changes (cells that
  differ from the same person's cell 14 days earlier) — minimised, one day each.
- Q4: team days on which every present member is WFO — maximised.
- Q5: cells that differ from the published roster — minimised (re-planning only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from asn_scheduler.domain.enums import Code
from asn_scheduler.engine.context import DECIDE, GOAL_NONE, GOAL_WEEKLY
from asn_scheduler.rules.data import fair_shares
from asn_scheduler.rules.quality_defs import fair_band, weekly_upper
from asn_scheduler.solver.model import LinearExpr, PartModel

MAXIMISE, MINIMISE = 1, -1


@dataclass(frozen=True)
class Objective:
    """A stage objective ``expr`` (constants included) and its sense."""

    expr: LinearExpr
    sense: int
    has_terms: bool
    constant: int = 0


@dataclass(frozen=True)
class GoalBuilder:
    """``prepare`` adds a goal's constraints before any stage runs; ``objective`` builds the
    stage objective (``None``: the goal has nothing to decide in this part).
    ``needs_solution``: the objective reads the previous stage's roster."""

    objective: Callable[[PartModel], Objective | None]
    prepare: Callable[[PartModel], None] | None = None
    needs_solution: bool = False


def _objective(pm: PartModel, ids: list[int], coeffs: list[int], extra: list, constant: int,
               sense: int) -> Objective | None:
    terms = [pm.xs[i] for i in ids] + [v for v, _ in extra]
    weights = list(coeffs) + [c for _, c in extra]
    if not terms:
        return Objective(LinearExpr.constant(constant), sense, False, constant)
    return Objective(LinearExpr.weighted_sum(terms, weights) + constant, sense, True, constant)


# ---- Q0 ---------------------------------------------------------------------------------
def _week_goal_caps(pm: PartModel) -> np.ndarray:
    """(U_p, D): per day, the smallest weekly k of its ISO week among days under k; −1."""
    d = pm.data
    out = np.full(d.goal_k.shape, -1, dtype=np.int64)
    for w in np.unique(d.week):
        cols = d.week == w
        k = np.where(d.goal_kind[:, cols] == GOAL_WEEKLY, d.goal_k[:, cols], np.iinfo(np.int64).max)
        m = k.min(axis=1)
        counted = d.goal_kind[:, cols] == GOAL_WEEKLY
        out[:, cols] = np.where(counted, m[:, None], -1)
    return out


def prepare_q0(pm: PartModel) -> None:
    """Under ``wfh_goal = k``: at most k WFH days per person per ISO week."""
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


def objective_q0(pm: PartModel) -> Objective | None:
    """Q0: Σ WFH asked for − Σ WFH under ``none``."""
    d = pm.data
    kind_cell = d.goal_kind[d.unit_of]
    ids = pm.vid[pm.vid >= 0]
    sign = np.where(kind_cell[pm.vid >= 0] == GOAL_NONE, -1, 1)
    return _objective(pm, ids.tolist(), sign.tolist(), [], 0, MAXIMISE)


# ---- Q1 ---------------------------------------------------------------------------------
def fair_targets(pm: PartModel, wfh: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row: available days (open cells, pinned ones included) and fair share, given
    the roster ``wfh``."""
    d = pm.data
    avail_cells = d.open_cells()
    available = avail_cells.sum(axis=1)
    share = np.zeros(d.fixed.shape[0])
    goal_caps = _week_goal_caps(pm)
    for u in range(d.working.shape[0]):
        rows = pm.unit_rows(u)
        if not rows.size:
            continue
        f1_day = np.where(d.f1_counts[u], d.f1_limit[u][d.week], -1)
        upper = [weekly_upper(avail_cells[e], d.week, -np.ones_like(f1_day)
                              if d.field_duty[e] else f1_day, goal_caps[u]) for e in rows]
        total = int((wfh[rows] & avail_cells[rows]).sum())
        share[rows] = fair_shares(total, available[rows], upper)
    return available, share


def objective_q1(pm: PartModel) -> Objective | None:
    """Q1: Σ over people with available days of the days outside their fair band."""
    d = pm.data
    wfh = pm.wfh_values()
    available, share = fair_targets(pm, wfh)
    open_cells = d.open_cells()
    m = pm.model
    for u in range(d.working.shape[0]):  # the unit's WFH total stays what the shares assume
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
    return _objective(pm, [], [], devs, 0, MINIMISE)


# ---- Q2 ---------------------------------------------------------------------------------
def objective_q2(pm: PartModel) -> Objective | None:
    """Q2: WFH days on preferred weekdays."""
    ids = pm.vid[(pm.vid >= 0) & pm.data.preferred]
    if not ids.size:
        return None
    return _objective(pm, ids.tolist(), [1] * ids.size, [], 0, MAXIMISE)


# ---- Q3 ---------------------------------------------------------------------------------
def objective_q3(pm: PartModel) -> Objective | None:
    """Q3: days beyond the run limit (one per all-WFH window of limit+1 working days)
    plus pattern changes (pairs 14 days apart, both WFO/WFH, that differ)."""
    d = pm.data
    m = pm.model
    limit = d.max_consecutive
    wfh = pm.wfh_values()
    extra: list = []
    ids_lin: list[int] = []
    coeffs: list[int] = []
    constant = 0
    goal_caps = _week_goal_caps(pm)
    for u in range(d.working.shape[0]):
        days = np.flatnonzero(d.working[u])
        if days.size <= limit:
            continue
        f1_day = np.where(d.f1_counts[u], d.f1_limit[u][d.week], -1)
        for e in pm.unit_rows(u):
            vid = pm.vid[e, days]
            can = (vid >= 0) | (pm.value[e, days] == 1)
            win_ok = sliding_window_view(can, limit + 1).all(axis=1)
            win_var = sliding_window_view(vid >= 0, limit + 1).any(axis=1)
            caps = (goal_caps[u],) if d.field_duty[e] else (f1_day, goal_caps[u])
            for s in np.flatnonzero(win_ok & win_var):
                cols = days[s:s + limit + 1]
                if not _may_all_be_wfh(cols, d.week, caps):
                    continue
                ids, const = pm.cells(np.array([e]), cols)
                y = pm.new_aux(0, 1, int(wfh[e, cols].all()))
                m.add(y >= pm.wfh_sum(ids) + const - limit)
                pm.n_constraints += 1
                extra.append((y, 1))
    present = (pm.vid >= 0) | (d.fixed == int(Code.WFO)) | (d.fixed == int(Code.WFH))
    for i, j in d.pairs:
        both = present[:, i] & present[:, j]
        for e in np.flatnonzero(both):
            a, b = int(pm.vid[e, i]), int(pm.vid[e, j])
            if a >= 0 and b >= 0:
                z = pm.new_aux(0, 1, int(wfh[e, i] != wfh[e, j]))
                m.add(z >= pm.xs[a] - pm.xs[b])
                m.add(z >= pm.xs[b] - pm.xs[a])
                pm.n_constraints += 2
                extra.append((z, 1))
            elif a >= 0 or b >= 0:
                v = a if a >= 0 else b
                c = int(pm.value[e, j if a >= 0 else i])
                ids_lin.append(v)  # |x - c| = x if c == 0 else 1 - x
                coeffs.append(1 if c == 0 else -1)
                constant += c
            else:
                constant += int(pm.value[e, i] != pm.value[e, j])
    if not extra and not ids_lin:
        return None
    return _objective(pm, ids_lin, coeffs, extra, constant, MINIMISE)


def _may_all_be_wfh(cols: np.ndarray, week: np.ndarray, caps: tuple[np.ndarray, ...]) -> bool:
    """Whether the weekly caps (per day: the week's cap, −1 where the day does not count)
    let every cell of ``cols`` be WFH; windows that cannot need no variable."""
    for cap in caps:
        c = cap[cols]
        for w in np.unique(week[cols][c >= 0]):
            here = (week[cols] == w) & (c >= 0)
            if here.sum() > c[here].min():
                return False
    return True


# ---- Q4 ---------------------------------------------------------------------------------
def objective_q4(pm: PartModel) -> Objective | None:
    """Q4: team days (≥ 2 members present) with every present member WFO."""
    d = pm.data
    m = pm.model
    if not (d.team >= 0).any():
        return None
    extra: list = []
    constant = 0
    wfh = pm.wfh_values()
    present = (pm.vid >= 0) | (d.fixed == int(Code.WFO)) | (d.fixed == int(Code.WFH))
    for t in np.unique(d.team[d.team >= 0]):
        members = np.flatnonzero(d.team == t)
        u = int(d.unit_of[members[0]])
        for day in np.flatnonzero(d.working[u]):
            here = members[present[members, day]]
            if here.size < 2 or ((pm.value[here, day] == 1) & (pm.vid[here, day] < 0)).any():
                continue  # not a team day, or someone is WFH for sure
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
    return _objective(pm, [], [], extra, constant, MAXIMISE)


# ---- Q5 ---------------------------------------------------------------------------------
def objective_q5(pm: PartModel) -> Objective | None:
    """Q5: cells that differ from the published roster (all dates)."""
    d = pm.data
    if d.published is None:
        return None
    pub = d.published
    var = pm.vid >= 0
    known = pub >= 0  # staff the published roster lacks have nothing to keep
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
    return _objective(pm, ids, coeffs, [], constant, MINIMISE)


GOAL_BUILDERS: dict[str, GoalBuilder] = {
    "Q0": GoalBuilder(objective_q0, prepare=prepare_q0),
    "Q1": GoalBuilder(objective_q1, needs_solution=True),
    "Q2": GoalBuilder(objective_q2),
    "Q3": GoalBuilder(objective_q3),
    "Q4": GoalBuilder(objective_q4),
    "Q5": GoalBuilder(objective_q5),
}
"""One builder per soft goal ID."""
