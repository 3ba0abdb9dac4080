"""The least a part's seats (B1) and WFO ceilings (P1) must give for its hard rules to hold,
and the roster that breaks them least.

Every hard rule but B1 and P1 only *limits* WFH (S2 caps, S3 role cover, F1 weekly days,
fixed WFO cells), so with an integer slack on each B1 building-day and P1 unit-day
(``Σ WFH + slack ≥ need``) the model always has a solution (all WFO at worst). Minimising,
in this order, the seats or places to add per building or unit (the largest slack over its
days) and then the total slack gives:

- the **exact** smallest capacity per building that admits a roster meeting every other
  hard rule (``capacity + extra``): a roster is the witness, and the optimum proves no
  smaller one exists (per building when the part has one; the smallest total otherwise);
- the **best-effort** roster: every other hard rule holds, and the excess over the named
  conflicts is the least possible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from asn_scheduler.parts.data import PartData
from asn_scheduler.solver.builders import HARD_BUILDERS, _open_days
from asn_scheduler.solver.model import PartModel

RELAXED = ("B1", "P1")


@dataclass(frozen=True, slots=True)
class Excess:
    """One relaxed limit: ``rule`` B1 (``place`` = building, ``unit`` −1) or P1 (``place``
    = the unit's code). ``limit`` is the smallest seats/ceiling it had on a day it overflowed;
    ``extra`` how many more it needs on its worst day (exact when ``proven``);
    ``excess_days`` the person-days over it in the best-effort roster, on ``days``."""

    rule: str
    place: str
    unit: int
    limit: int
    extra: int
    excess_days: int
    days: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Relaxation:
    """The outcome: ``wfh`` (E_p, D) of the best-effort roster, the limits it exceeds, and
    whether the minimum is proven (else the best found in the budget)."""

    wfh: np.ndarray
    excess: tuple[Excess, ...]
    proven: bool


def least_excess(data: PartData, budget: float, seed: int = 0) -> Relaxation | None:
    """Solve ``data`` with B1 and P1 relaxed (module doc) within ``budget`` deterministic
    seconds (a wall-clock guard behind it); ``None`` when no solution was found (cannot
    happen short of a time-out: all WFO is one)."""
    pm = PartModel(data)
    for b in HARD_BUILDERS.values():
        if b.fix is not None:
            b.fix(pm)
    pm.make_decisions()
    for rule, b in HARD_BUILDERS.items():
        if b.constrain is not None and rule not in RELAXED:
            b.constrain(pm)
    m = pm.model
    groups: list[tuple[str, str, int, cp_model.IntVar, list[tuple]]] = []
    for s in data.seats:
        rows = np.flatnonzero(np.isin(data.unit_of, s.units))
        days = np.flatnonzero((s.cap >= 0) & ~data.pinned_day)
        need = data.active[s.units][:, days].sum(axis=0) - s.cap[days]
        _relax(pm, groups, "B1", s.name, -1, rows, days, need, s.cap[days])
    if (data.ceiling >= 0).any():
        for u in range(data.working.shape[0]):
            days = _open_days(pm, u)
            days = days[data.ceiling[u, days] >= 0]
            need = data.active[u, days] - data.ceiling[u, days]
            _relax(pm, groups, "P1", data.unit_codes[u], u, pm.unit_rows(u), days, need,
                   data.ceiling[u, days])
    if not groups:
        return None
    big = sum(short for *_, cells in groups for *_, short in cells) + 1
    m.minimize(big * sum(g[3] for g in groups)
               + sum(sl for *_, cells in groups for _, _, sl, _ in cells))
    solver, status = _solve(m, budget, seed)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    values = np.array([solver.value(x) for x in pm.xs], dtype=np.int64)
    pm.solution = np.zeros(max((x.index for x in pm.xs), default=-1) + 1, dtype=np.int64)
    pm.solution[pm.x_index] = values
    wfh = pm.wfh_values()
    out = []
    for rule, place, unit, extra, cells in groups:
        over = [(d, int(solver.value(sl)), lim) for d, lim, sl, _ in cells
                if solver.value(sl) > 0]
        if not over:
            continue
        out.append(Excess(rule, place, unit, min(lim for _, _, lim in over),
                          int(solver.value(extra)), sum(v for _, v, _ in over),
                          tuple(d for d, _, _ in over)))
    return Relaxation(wfh, tuple(out), status == cp_model.OPTIMAL)


def _relax(pm: PartModel, groups: list, rule: str, place: str, unit: int, rows: np.ndarray,
           days: np.ndarray, need: np.ndarray, limit: np.ndarray) -> None:
    """``Σ WFH + slack ≥ need`` on each of ``days`` where the limit can bind; one ``extra``
    ≥ every slack of the group."""
    keep = need > 0
    days, need, limit = days[keep], need[keep], limit[keep]
    if days.size == 0:
        return
    m = pm.model
    ids, wfh = pm.block(rows, days)
    const = wfh.sum(axis=0)
    cells = []
    top = int(need.max())
    extra = m.new_int_var(0, top, "")
    for j in np.flatnonzero(const < need):
        col = ids[:, j]
        short = int(need[j] - const[j])
        slack = m.new_int_var(0, short, "")
        m.add(pm.wfh_sum(col[col >= 0]) + slack >= short)
        m.add(extra >= slack)
        cells.append((int(days[j]), int(limit[j]), slack, short))
    if cells:
        groups.append((rule, place, unit, extra, cells))


@dataclass(frozen=True, slots=True)
class RoleCut:
    """How far a role minimum (S3) must come down for the part's other hard rules to hold:
    unit ``unit`` (local index), ``role``, its minimum ``need`` (the largest on a working
    day) and the smallest ``cut`` that works (exact when ``proven``)."""

    unit: int
    role: str
    need: int
    cut: int
    proven: bool


def least_role_cut(data: PartData, budget: float, seed: int = 0) -> list[RoleCut] | None:
    """The smallest total cut of the role minimums (S3) that lets every other hard rule
    hold, per (unit, role) the largest shortfall over its days; ``None`` when even no role
    minimum at all would not help (the conflict is elsewhere) or nothing was found in
    ``budget`` deterministic seconds."""
    if not data.roles:
        return None
    pm = PartModel(data)
    for b in HARD_BUILDERS.values():
        if b.fix is not None:
            b.fix(pm)
    pm.make_decisions()
    for rule, b in HARD_BUILDERS.items():
        if b.constrain is not None and rule != "S3":
            b.constrain(pm)
    m = pm.model
    cuts: list[tuple[int, str, int, cp_model.IntVar]] = []
    for rn in data.roles:
        if not rn.holders.size:
            continue
        days = _open_days(pm, rn.unit)
        days = days[rn.need[days] > 0]
        if days.size == 0:
            continue
        ids = pm.vid[np.ix_(rn.holders, days)]
        wfo = np.count_nonzero((data.fixed[np.ix_(rn.holders, days)] == 0) & (ids < 0), axis=0)
        need = rn.need[days]
        top = int(need.max())
        cut = m.new_int_var(0, top, "")
        for j in np.flatnonzero(wfo < need):
            col = ids[:, j]
            col = col[col >= 0]
            m.add(pm.wfh_sum(col) <= col.size + int(wfo[j]) - int(need[j]) + cut)
        cuts.append((rn.unit, rn.role, top, cut))
    if not cuts:
        return None
    m.minimize(sum(c[3] for c in cuts))
    solver, status = _solve(m, budget, seed)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    proven = status == cp_model.OPTIMAL
    return [RoleCut(u, role, top, int(solver.value(c)), proven)
            for u, role, top, c in cuts if solver.value(c) > 0]


def _solve(m: cp_model.CpModel, budget: float, seed: int) -> tuple[cp_model.CpSolver, int]:
    """One single-worker CP-SAT call within ``budget`` deterministic seconds (deterministic
    time only: the same input gives the same fixes under any load)."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = budget
    return solver, solver.solve(m)
