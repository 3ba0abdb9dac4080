"""The weekly limits of a part as numpy arrays, read by the engine (the hard-rule mirror,
the repairs, the flow bounds) and the solver (the builders, the goals) alike.

The weekly rules are F1 (flexible days per ISO week) and the weekly cap a ``wfh_goal`` of
k days per week sets (Q0); :func:`weekly_rules` gives each as a limit per person-week
and the days that count towards it.
"""

from __future__ import annotations

import numpy as np

from asn_scheduler.domain.enums import Code
from asn_scheduler.parts.data import DECIDE, GOAL_WEEKLY, PartData


def week_onehot(data: PartData) -> np.ndarray:
    """(D, W) 0/1: each date's ISO week."""
    n_weeks = int(data.week.max()) + 1 if data.week.size else 0
    onehot = np.zeros((data.week.size, n_weeks), dtype=np.int64)
    onehot[np.arange(data.week.size), data.week] = 1
    return onehot


def goal_caps(data: PartData) -> np.ndarray:
    """(U_p, D): per day under ``wfh_goal`` = k, the smallest k of its ISO week (each
    person's WFH days there are capped by it); −1 on days not under k. Read-only."""
    out = np.full(data.goal_k.shape, -1, dtype=np.int64)
    big = np.iinfo(np.int64).max
    for w in np.unique(data.week):
        cols = data.week == w
        counted = data.goal_kind[:, cols] == GOAL_WEEKLY
        k = np.where(counted, data.goal_k[:, cols], big).min(axis=1)
        out[:, cols] = np.where(counted, k[:, None], -1)
    out.flags.writeable = False
    return out


def weekly_rules(data: PartData) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per weekly rule (F1, then the weekly ``wfh_goal``): each row's limit per week
    (E_p, W), huge where none or exempt, and the days that count towards it (E_p, D)."""
    big = np.iinfo(np.int64).max // 4
    n_weeks = int(data.week.max()) + 1 if data.week.size else 0
    f1_on = data.f1_counts & (data.f1_limit[:, data.week] >= 0)
    f1_lim = np.where(data.f1_limit >= 0, data.f1_limit, big)[data.unit_of]
    out = [(np.where(data.field_duty[:, None], big, f1_lim), f1_on[data.unit_of])]
    if (data.goal_kind == GOAL_WEEKLY).any():
        caps = goal_caps(data)
        lim = np.full((data.working.shape[0], n_weeks), big, dtype=np.int64)
        for w in range(n_weeks):
            cols = data.week == w
            if cols.any():
                lim[:, w] = np.where(caps[:, cols] >= 0, caps[:, cols], big).min(axis=1)
        out.append((lim[data.unit_of], (caps >= 0)[data.unit_of]))
    return out


def person_week_limits(data: PartData) -> np.ndarray:
    """(E_p, W): the most WFH days each person may still take on decision cells in each ISO
    week under the weekly rules (F1, the weekly ``wfh_goal``), less the fixed WFH days
    that count; huge where no rule limits. A rule whose counted days leave out some of
    the person's decision cells that week is left out for that person-week, so the
    figure is a relaxation (the flow bounds rely on that)."""
    big = np.iinfo(np.int64).max // 4
    dec = data.fixed == DECIDE
    fixed_wfh = data.fixed == int(Code.WFH)
    onehot = week_onehot(data)
    out = np.full((dec.shape[0], onehot.shape[1]), big, dtype=np.int64)
    for lim, mask in weekly_rules(data):
        covers = ((dec & ~mask).astype(np.int64) @ onehot) == 0
        used = (fixed_wfh & mask).astype(np.int64) @ onehot
        out = np.where(covers & (lim < big), np.minimum(out, lim - used), out)
    return out
