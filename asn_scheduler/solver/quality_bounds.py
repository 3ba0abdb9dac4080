"""Cheap bounds for the goals after fairness (Q2–Q4), and a goal's value on the current
roster, so that a part whose stage is skipped (its budget spent, or ``effort`` 0) still
reports its goal with a bound, and a stage whose roster already meets its bound needs no
solve (issue 22).

- Q2 (preferred-day WFH, maximised): a max flow from each person-week (at most its
  weekly limit, :func:`~asn_scheduler.parts.weekly.person_week_limits`) through the
  person's preferred decision cells to the unit-days (at most the day's cap less its
  fixed WFH). It relaxes every other rule (role cover only lowers WFH, B1/P1 and the held
  goals only add demands), so it bounds Q2 from above.
- Q3 and Q4: the objective's box bound — every cell and auxiliary at its best end
  (:func:`box_bound`): Q3 ≥ its fixed part, Q4 ≤ every candidate team day — tightened by
  :func:`held_bound` from the goals held before them
  (:mod:`asn_scheduler.solver.rotation_bounds`: per-person count ranges, an exact
  per-person programme for Q3, forced WFH days per team-week for Q4).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from ortools.graph.python import max_flow

from asn_scheduler.domain.enums import Code
from asn_scheduler.parts.data import DECIDE, PartData
from asn_scheduler.parts.weekly import person_week_limits
from asn_scheduler.solver.goals import MAXIMISE, Objective
from asn_scheduler.solver.model import PartModel
from asn_scheduler.solver.rotation_bounds import q3_lower_bound, q4_upper_bound


def roster_value(pm: PartModel, obj: Objective) -> float:
    """``obj`` on the current roster (``pm.solution``), its auxiliaries at their hints
    (each goal hints them at the value the roster gives them: the goal's value)."""
    assert obj.terms is not None and pm.solution is not None
    ids, coeffs, aux, aux_c = obj.terms
    cells = pm.solution[pm.x_index[ids]]
    hints = np.array([pm.aux_hint[i] for i in aux.tolist()], dtype=np.int64)
    return float(coeffs @ cells + aux_c @ hints + obj.constant)


def box_bound(pm: PartModel, obj: Objective) -> float:
    """The best ``obj`` could be with every variable free within its domain (cells 0–1,
    auxiliaries their range)."""
    assert obj.terms is not None
    ids, coeffs, aux, aux_c = obj.terms
    rng = np.array([pm.aux_range[i] for i in aux.tolist()], dtype=np.int64).reshape(-1, 2)
    c = np.concatenate([coeffs, aux_c])
    lo = np.concatenate([np.zeros(ids.size, dtype=np.int64), rng[:, 0]])
    hi = np.concatenate([np.ones(ids.size, dtype=np.int64), rng[:, 1]])
    if obj.sense == MAXIMISE:  # each term at its larger end
        best = np.where(c > 0, c * hi, c * lo)
    else:
        best = np.where(c > 0, c * lo, c * hi)
    return float(best.sum() + obj.constant)


def held_bound(pm: PartModel, goal: str, bound: float, held: Mapping[str, float] | None
               ) -> float:
    """``bound`` (a valid bound on ``goal``), tightened for Q3 and Q4 by the goals
    ``held`` before them (goal → held value; only Q0 and Q1 are read, which every part
    holds) on rosters meeting the hard rules; ``None``: as it is."""
    if held is None:
        return bound
    if goal == "Q3":
        return max(bound, float(q3_lower_bound(pm, held)))
    if goal == "Q4":
        return min(bound, float(q4_upper_bound(pm, held)))
    return bound


def q2_upper_bound(data: PartData) -> int:
    """An upper bound on Q2 (WFH days on preferred weekdays, decision cells) by max flow:
    person-weeks (their weekly limit) → preferred decision cells → unit-days (the cap
    less the fixed WFH)."""
    dec = data.fixed == DECIDE
    pref = dec & data.preferred
    if not pref.any():
        return 0
    e, d = np.nonzero(pref)
    n_days = dec.shape[1]
    n_weeks = int(data.week.max()) + 1
    limits = person_week_limits(data)
    fixed_wfh = data.fixed == int(Code.WFH)
    u = data.unit_of[e]
    pw = e * n_weeks + data.week[d]
    ud = u * n_days + d
    pw_ids, pw_node = np.unique(pw, return_inverse=True)
    ud_ids, ud_node = np.unique(ud, return_inverse=True)
    n_pw = pw_ids.size
    source, sink = 0, 1
    pw0, ud0 = 2, 2 + n_pw
    # room per unit-day: the cap (S2) less its fixed WFH; days with no cap are unlimited
    uu, dd = ud_ids // n_days, ud_ids % n_days
    fixed_ud = np.zeros(data.working.shape, dtype=np.int64)
    np.add.at(fixed_ud, (data.unit_of, slice(None)), fixed_wfh.astype(np.int64))
    room = np.maximum(data.cap[uu, dd].astype(np.int64) - fixed_ud[uu, dd], 0)
    pref_per_pw = np.bincount(pw_node, minlength=n_pw)
    pe, pweek = pw_ids // n_weeks, pw_ids % n_weeks
    pw_cap = np.minimum(np.maximum(limits[pe, pweek], 0), pref_per_pw)
    room = np.minimum(room, np.bincount(ud_node, minlength=ud_ids.size))
    tails = np.concatenate([np.full(n_pw, source), pw0 + pw_node, ud0 + np.arange(ud_ids.size)])
    heads = np.concatenate([pw0 + np.arange(n_pw), ud0 + ud_node, np.full(ud_ids.size, sink)])
    caps = np.concatenate([pw_cap, np.ones(e.size, dtype=np.int64), room])
    flow = max_flow.SimpleMaxFlow()
    flow.add_arcs_with_capacity(tails.astype(np.int32), heads.astype(np.int32),
                                caps.astype(np.int64))
    if flow.solve(source, sink) != flow.OPTIMAL:  # pragma: no cover - a max flow always is
        return int(pref.sum())
    return int(flow.optimal_flow())
