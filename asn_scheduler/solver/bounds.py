"""A lower bound on fairness (Q1) by min-cost flow, to prove a repaired roster optimal.

After the fairness repair (:mod:`asn_scheduler.engine.fair_repair`) most parts that still
deviate from the fair bands are already optimal: the deviation is forced by the weekly
limits and the daily caps (e.g. field-duty staff, exempt from F1, must take the WFH days
their capped colleagues cannot). The Q1 stage holds each unit's WFH total ``T`` and
minimises the days outside each person's band ``[lo, hi]``; without role cover (S3) and
the rules that ask for more WFH (B1, P1) that is a convex-cost flow per unit: ``T`` units
from a source to each person (``lo`` of them at cost 0, ``hi − lo`` at 1, the rest at 2),
on through the person's ISO weeks (their weekly limits) to the open days they may take
(the day's cap). Its optimum, shifted back (Σ lo + cost − T), bounds Q1 from below; when
the repaired roster reaches it, Q1 is proven without a CP-SAT solve.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from asn_scheduler.domain.enums import Code
from asn_scheduler.parts.data import DECIDE, PartData
from asn_scheduler.parts.weekly import person_week_limits
from asn_scheduler.rules.quality_defs import fair_bands


def q1_lower_bound(data: PartData, wfh: np.ndarray, share: np.ndarray,
                   available: np.ndarray) -> int:
    """A lower bound on Q1 (days outside the fair bands, people with available days) over
    every roster of ``data`` with the same unit WFH totals as ``wfh``.

    Parameters
    ----------
    data
        The part (a fresh solve: no pinned or published cells).
    wfh
        (E_p, D) bool, a roster meeting the hard rules; only its unit totals are used.
    share, available
        (E_p,) fair shares and available days, as the Q1 stage computes them.

    Returns
    -------
    int
        The exact optimum of the relaxation without S3, B1 and P1 (≥ 0).
    """
    lo, hi = fair_bands(share)
    counted = available > 0
    lo, hi = np.where(counted, lo, 0), np.where(counted, hi, 0)
    dec = data.fixed == DECIDE
    fixed_wfh = data.fixed == int(Code.WFH)
    open_day = data.working & ~data.pinned_day[None, :]
    limits = person_week_limits(data)
    n_days = dec.shape[1]
    total = 0
    for u in range(data.working.shape[0]):
        rows = data.unit_rows(u)
        rows = rows[dec[rows].any(axis=1)]
        t = int((wfh[rows] & dec[rows]).sum())
        if not rows.size or not t:
            continue
        total += int(lo[rows].sum()) + _min_cost(data, u, rows, t, lo, hi, dec, fixed_wfh,
                                                  open_day, limits, n_days) - t
    return total


def _min_cost(data: PartData, u: int, rows: np.ndarray, t: int, lo: np.ndarray,
              hi: np.ndarray, dec: np.ndarray, fixed_wfh: np.ndarray, open_day: np.ndarray,
              limits: np.ndarray, n_days: int) -> int:
    """The least cost of routing ``t`` WFH days through unit ``u``'s flow network."""
    big = t
    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []

    def arc(a: int, b: int, cap: int, cost: int) -> None:
        if cap > 0:
            tails.append(a)
            heads.append(b)
            caps.append(cap)
            costs.append(cost)

    source, sink = 0, 1
    day0 = 2  # nodes day0 + d, then people, then person-weeks
    person0 = day0 + n_days
    pw = person0 + rows.size
    all_rows = data.unit_rows(u)
    for d in range(n_days):
        room = big
        if open_day[u, d]:
            room = int(data.cap[u, d]) - int(fixed_wfh[all_rows, d].sum())
        arc(day0 + d, sink, min(max(room, 0), big), 0)
    for i, e in enumerate(rows.tolist()):
        node = person0 + i
        arc(source, node, int(lo[e]), 0)
        arc(source, node, int(hi[e] - lo[e]), 1)
        arc(source, node, big, 2)
        for w in np.unique(data.week[dec[e]]).tolist():
            cols = np.flatnonzero(data.week == w)
            days = cols[dec[e, cols]]
            arc(node, pw, min(max(int(limits[e, w]), 0), days.size, big), 0)
            for d in days.tolist():
                arc(pw, day0 + d, 1, 0)
            pw += 1
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(np.array(tails), np.array(heads),
                                              np.array(caps), np.array(costs))
    flow.set_node_supply(source, t)
    flow.set_node_supply(sink, -t)
    if flow.solve() != flow.OPTIMAL:  # cannot route t: no bound from this unit
        return t - int(lo[rows].sum())
    return int(flow.optimal_cost())
