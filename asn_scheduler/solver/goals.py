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
  left open) capped by :func:`~asn_scheduler.rules.quality_defs.weekly_upper` and, for
  role holders, by their share of what role cover lets their group have
  (:func:`~asn_scheduler.rules.data.role_cover_uppers`).
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
from asn_scheduler.parts.data import DECIDE, GOAL_NONE, GOAL_WEEKLY
from asn_scheduler.parts.weekly import day_caps, goal_caps
from asn_scheduler.rules.data import fair_shares, role_cover_uppers
from asn_scheduler.rules.quality_defs import fair_band, weekly_upper
from asn_scheduler.solver.model import INT64_MIN, LinearExpr, PartModel

MAXIMISE, MINIMISE = 1, -1


@dataclass(frozen=True)
class Objective:
    """A stage objective ``expr`` (constants included) and its sense. ``terms``: the same
    sum as arrays — cell variables (indices into :attr:`PartModel.xs`) with their
    coefficients, then auxiliaries (proto indices) with theirs — to evaluate it on a
    roster without a solver (:mod:`asn_scheduler.solver.quality_bounds`)."""

    expr: LinearExpr
    sense: int
    has_terms: bool
    constant: int = 0
    terms: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
    figures: tuple[float, float] | None = None


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
    xs = pm.xs
    terms = [xs[i] for i in ids] + [v for v, _ in extra]
    weights = list(coeffs) + [c for _, c in extra]
    if not terms:
        return Objective(LinearExpr.constant(constant), sense, False, constant)
    arrays = (np.asarray(ids, dtype=np.int64), np.asarray(coeffs, dtype=np.int64),
              np.array([v.index for v, _ in extra], dtype=np.int64),
              np.array([c for _, c in extra], dtype=np.int64))
    return Objective(LinearExpr.weighted_sum(terms, weights) + constant, sense, True, constant,
                     arrays)


def _figures(pm: PartModel, ids: list[int], coeffs: list[int], constant: int, n_aux: int,
             aux_value: int, sense: int) -> Objective:
    """A goal evaluated without building it (``build=False``): the roster's value (cells
    ``ids`` with ``coeffs``; ``n_aux`` Boolean auxiliaries, ``aux_value`` of them 1 on
    the roster) and the box bound (each cell and auxiliary at its better end)."""
    c = np.asarray(coeffs, dtype=np.int64)
    ids_a = np.asarray(ids, dtype=np.int64)
    cells = pm.wfh_values()[pm.vid >= 0][np.argsort(pm.vid[pm.vid >= 0])]  # xs order
    value = float(c @ cells[ids_a].astype(np.int64)) + aux_value + constant
    best = np.maximum(c, 0) if sense == MAXIMISE else np.minimum(c, 0)
    bound = float(best.sum()) + (n_aux if sense == MAXIMISE else 0) + constant
    return Objective(LinearExpr.constant(0), sense, bool(ids) or n_aux > 0, constant, None,
                     (value, bound))


# ---- Q0 ---------------------------------------------------------------------------------
def _week_goal_caps(pm: PartModel) -> np.ndarray:
    """(U_p, D): per day, the smallest weekly k of its ISO week among days under k; −1.
    Computed once per model (read-only)."""
    return pm.memo("week_goal_caps", lambda: goal_caps(pm.data))


def prepare_q0(pm: PartModel) -> None:
    """Under ``wfh_goal = k``: at most k WFH days per person per ISO week (constraints in
    person-major, then week, order)."""
    d = pm.data
    if not (d.goal_kind == GOAL_WEEKLY).any():
        return
    caps = _week_goal_caps(pm)
    found = []  # (row, week, variable ids, right-hand side)
    for u in range(d.working.shape[0]):
        rows = pm.unit_rows(u)
        for k, w in enumerate(np.unique(d.week)):
            cols = np.flatnonzero((d.week == w) & (caps[u] >= 0))
            if not rows.size or not cols.size:
                continue
            cap = int(caps[u, cols[0]])
            ids, wfh = pm.block(rows, cols)
            const = wfh.sum(axis=1)
            for r in np.flatnonzero((ids >= 0).sum(axis=1) + const > cap):
                row = ids[r]
                found.append((int(rows[r]), k, row[row >= 0], max(0, cap - int(const[r]))))
    found.sort(key=lambda f: f[:2])
    for _, _, ids, hi in found:
        pm.add_sum(ids, INT64_MIN, hi)


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
    upper = _upper_bounds(pm)
    for u in range(d.working.shape[0]):
        rows = pm.unit_rows(u)
        if not rows.size:
            continue
        total = int((wfh[rows] & avail_cells[rows]).sum())
        share[rows] = fair_shares(total, available[rows], upper[rows].tolist())
    return available, share


def _upper_bounds(pm: PartModel) -> np.ndarray:
    """(E_p,) each row's upper bound for its fair share, once per model:
    :func:`weekly_upper` (it depends only on the row's open cells, its unit and which
    caps exempt it, so people alike share one computation), lowered for role holders by
    :func:`~asn_scheduler.rules.data.role_cover_uppers`."""
    def make() -> np.ndarray:
        d = pm.data
        avail_cells = d.open_cells()
        caps = [(wl, day_caps(wl, d)) for wl in d.weekly]
        out = np.zeros(d.fixed.shape[0], dtype=np.int64)
        for u in range(d.working.shape[0]):
            none = np.full(d.week.shape, -1, dtype=np.int64)
            seen: dict[tuple[bytes, tuple[bool, ...]], int] = {}
            for e in pm.unit_rows(u).tolist():
                key = (avail_cells[e].tobytes(), tuple(bool(wl.exempt[e]) for wl, _ in caps))
                if key not in seen:
                    seen[key] = weekly_upper(avail_cells[e], d.week, *[
                        none if free else day[u] for free, (_, day) in zip(key[1], caps,
                                                                            strict=True)])
                out[e] = seen[key]
        if not d.roles:
            return out
        present = (d.fixed == DECIDE) | (d.fixed == int(Code.WFO)) | (d.fixed == int(Code.WFH))
        groups = [(rn.holders, present[rn.holders].sum(axis=0) - rn.need) for rn in d.roles
                  if rn.holders.size]
        return role_cover_uppers(out, avail_cells, groups)

    return pm.memo("weekly_upper", make)


def objective_q1(pm: PartModel) -> Objective | None:
    """Q1: Σ over people with available days of the days outside their fair band."""
    d = pm.data
    wfh = pm.wfh_values()
    available, share = fair_targets(pm, wfh)
    open_cells = d.open_cells()
    decide = d.fixed == DECIDE
    m = pm.model
    for u in range(d.working.shape[0]):  # the unit's WFH total stays what the shares assume
        rows = pm.unit_rows(u)
        vid = pm.vid[rows]
        ids = vid[(vid >= 0) & decide[rows]]
        if ids.size:
            total = int((wfh[rows] & decide[rows]).sum())
            pm.add_sum(ids, total, total)
    var = pm.vid >= 0
    pinned = (pm.value * (open_cells & ~var)).sum(axis=1)
    now = (wfh & open_cells).sum(axis=1)
    flat = pm.vid[var].tolist()  # row-major: row e's variables are flat[starts[e]:ends[e]]
    ends = np.cumsum(var.sum(axis=1)).tolist()
    starts = [0, *ends[:-1]]
    xs = pm.xs
    # cells made in one batch have increasing proto indices, below every auxiliary's: the
    # rows below can then be written as model.add writes them (variables in index order)
    cells = pm.x_index
    direct = bool((np.diff(cells) > 0).all())
    index = cells[pm.vid[var]].tolist() if direct else []
    devs = []
    for e in np.flatnonzero(available > 0).tolist():
        lo, hi = fair_band(float(share[e]))
        n = int(now[e])
        dev = pm.new_aux(0, int(available[e]), max(0, lo - n) + max(0, n - hi))
        p = int(pinned[e])
        if direct:  # dev ≥ lo − (Σ x + p) and dev ≥ (Σ x + p) − hi
            row = index[starts[e]:ends[e]]
            pm.add_row([*row, dev.index], [1] * (len(row) + 1), lo - p)
            pm.add_row([*row, dev.index], [-1] * len(row) + [1], p - hi)
        else:
            w = LinearExpr.sum([xs[i] for i in flat[starts[e]:ends[e]]]) + p
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
def objective_q3(pm: PartModel, build: bool = True) -> Objective | None:
    """Q3: days beyond the run limit (one per all-WFH window of limit+1 working days)
    plus pattern changes (pairs 14 days apart, both WFO/WFH, that differ).

    ``build=False``: nothing is added to the model; the returned objective has no
    expression, only :attr:`Objective.figures` (the roster's value, the box bound)."""
    d = pm.data
    m = pm.model
    xs = pm.xs
    size = d.max_consecutive + 1
    wfh = pm.wfh_values()
    extra: list = []
    ids_lin: list[int] = []
    coeffs: list[int] = []
    constant = 0
    n_aux = aux_value = 0  # build=False: the auxiliaries counted, and their roster values
    for _u, rows, days, windows in q3_windows(pm):
        vid, fixed_wfh = pm.block(rows, days)
        const = sliding_window_view(fixed_wfh, size, axis=1).sum(axis=2)
        hint = sliding_window_view(wfh[np.ix_(rows, days)], size, axis=1).all(axis=2)
        if not build:
            n_aux += int(windows.sum())
            aux_value += int((windows & hint).sum())
            continue
        vrows, hints, consts = vid.tolist(), hint.tolist(), (const - (size - 1)).tolist()
        for r, s in np.argwhere(windows).tolist():  # person-major, then window start
            y = pm.new_aux(0, 1, int(hints[r][s]))
            # y ≥ Σ x + const − limit
            m.add(y >= LinearExpr.sum([xs[i] for i in vrows[r][s:s + size] if i >= 0])
                  + consts[r][s])
            pm.n_constraints += 1
            extra.append((y, 1))
    present = (pm.vid >= 0) | (d.fixed == int(Code.WFO)) | (d.fixed == int(Code.WFH))
    for i, j in d.pairs:
        a, b = pm.vid[:, i], pm.vid[:, j]
        both = present[:, i] & present[:, j]
        two = np.flatnonzero(both & (a >= 0) & (b >= 0))
        if not build:
            n_aux += two.size
            aux_value += int(np.count_nonzero(wfh[two, i] != wfh[two, j]))
            two = two[:0]
        for ai, bj, diff in zip(a[two].tolist(), b[two].tolist(),
                                (wfh[two, i] != wfh[two, j]).tolist(), strict=True):
            z = pm.new_aux(0, 1, int(diff))
            m.add(z >= xs[ai] - xs[bj])
            m.add(z >= xs[bj] - xs[ai])
            pm.n_constraints += 2
            extra.append((z, 1))
        one = np.flatnonzero(both & ((a >= 0) != (b >= 0)))
        first = a[one] >= 0
        c = np.where(first, pm.value[one, j], pm.value[one, i])
        ids_lin += np.where(first, a[one], b[one]).tolist()
        coeffs += np.where(c == 0, 1, -1).tolist()  # |x - c| = x if c == 0 else 1 - x
        constant += int(c.sum())
        none = np.flatnonzero(both & (a < 0) & (b < 0))
        constant += int(np.count_nonzero(pm.value[none, i] != pm.value[none, j]))
    if not build:
        if not n_aux and not ids_lin:
            return None
        return _figures(pm, ids_lin, coeffs, constant, n_aux, aux_value, MINIMISE)
    if not extra and not ids_lin:
        return None
    return _objective(pm, ids_lin, coeffs, extra, constant, MINIMISE)


def q3_windows(pm: PartModel) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
    """Q3's run windows per unit ``u`` with staff and enough working days: ``(u, rows,
    days, windows)``, ``days`` the unit's working dates and ``windows`` (rows, starts)
    bool — the windows of ``max_consecutive + 1`` consecutive working days that get a
    term: every cell may be WFH (a variable or a fixed WFH, and the weekly caps allow
    it) and one at least is a variable. Computed once per model (read-only)."""
    def make() -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
        d = pm.data
        size = d.max_consecutive + 1
        caps = [(wl, day_caps(wl, d)) for wl in d.weekly]
        out = []
        for u in range(d.working.shape[0]):
            days = np.flatnonzero(d.working[u])
            rows = pm.unit_rows(u)
            if days.size < size or not rows.size:
                continue
            may = np.ones((rows.size, days.size - size + 1), dtype=bool)
            for wl, day in caps:  # each cap a row is bound by must let the window be all WFH
                may &= wl.exempt[rows, None] | _windows_may_all_be_wfh(days, size, d.week,
                                                                       day[u])
            vid = pm.vid[np.ix_(rows, days)]
            can = (vid >= 0) | (pm.value[np.ix_(rows, days)] == 1)
            windows = (sliding_window_view(can, size, axis=1).all(axis=2)
                       & sliding_window_view(vid >= 0, size, axis=1).any(axis=2) & may)
            windows.flags.writeable = False
            out.append((u, rows, days, windows))
        return out

    return pm.memo("q3_windows", make)


def _windows_may_all_be_wfh(days: np.ndarray, size: int, week: np.ndarray, cap: np.ndarray
                            ) -> np.ndarray:
    """Per window of ``size`` consecutive ``days``: whether the weekly cap (per day: the
    week's cap, −1 where the day does not count) lets every cell of the window be WFH;
    windows that cannot need no variable. A window fails when, in some ISO week, it has
    more counted days than that week's smallest cap."""
    wk = sliding_window_view(week[days], size)
    c = sliding_window_view(cap[days], size)
    counted = c >= 0
    # same[s, i, j]: days i and j of window s are both counted and in one week
    same = (wk[:, :, None] == wk[:, None, :]) & counted[:, :, None] & counted[:, None, :]
    lowest = np.where(same, c[:, None, :], np.iinfo(np.int64).max).min(axis=2)
    return ~(counted & (same.sum(axis=2) > lowest)).any(axis=1)


# ---- Q4 ---------------------------------------------------------------------------------
def objective_q4(pm: PartModel, build: bool = True) -> Objective | None:
    """Q4: team days (≥ 2 members present) with every present member WFO.
    ``build=False``: as :func:`objective_q3`."""
    d = pm.data
    m = pm.model
    if not (d.team >= 0).any():
        return None
    xs = pm.xs
    extra: list = []
    constant = 0
    n_aux = aux_value = 0
    wfh = pm.wfh_values()
    present = (pm.vid >= 0) | (d.fixed == int(Code.WFO)) | (d.fixed == int(Code.WFH))
    for t in np.unique(d.team[d.team >= 0]):
        members = np.flatnonzero(d.team == t)
        days = np.flatnonzero(d.working[int(d.unit_of[members[0]])])
        here = present[np.ix_(members, days)]
        vid, fixed_wfh = pm.block(members, days)
        # a team day with nobody WFH for sure
        open_day = (here.sum(axis=0) >= 2) & ~(here & (fixed_wfh == 1)).any(axis=0)
        for k in np.flatnonzero(open_day).tolist():
            ids = vid[here[:, k], k]
            ids = ids[ids >= 0]
            if not ids.size:
                constant += 1
                continue
            y_hint = int(not wfh[members[here[:, k]], days[k]].any())
            if not build:
                n_aux += 1
                aux_value += y_hint
                continue
            y = pm.new_aux(0, 1, y_hint)
            for i in ids.tolist():
                m.add_implication(y, xs[i].Not())
            pm.n_constraints += int(ids.size)
            extra.append((y, 1))
    if not build:
        return _figures(pm, [], [], constant, n_aux, aux_value, MAXIMISE)
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
    constant = int(np.count_nonzero(~var & known & (d.fixed != pub)))
    p = pub[var & known]  # row-major
    kept = (p == int(Code.WFO)) | (p == int(Code.WFH))
    ids = pm.vid[var & known][kept]
    coeffs = np.where(p[kept] == int(Code.WFO), 1, -1)  # WFH published: 1 - x
    constant += int(np.count_nonzero(p[kept] == int(Code.WFH))) + int(np.count_nonzero(~kept))
    return _objective(pm, ids.tolist(), coeffs.tolist(), [], constant, MINIMISE)


GOAL_BUILDERS: dict[str, GoalBuilder] = {
    "Q0": GoalBuilder(objective_q0, prepare=prepare_q0),
    "Q1": GoalBuilder(objective_q1, needs_solution=True),
    "Q2": GoalBuilder(objective_q2),
    "Q3": GoalBuilder(objective_q3),
    "Q4": GoalBuilder(objective_q4),
    "Q5": GoalBuilder(objective_q5),
}
"""One builder per soft goal ID."""
