"""The weekly limits of a part as numpy arrays, read by the engine (the hard-rule mirror,
the repairs, the flow bounds) and the solver (the builders, the goals) alike.

The weekly rules are F1 (flexible days per ISO week) and the weekly cap a ``wfh_goal`` of
k days per week sets (Q0); :func:`weekly_rules` gives each as a limit per person-week
and the days that count towards it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from asn_scheduler.domain.enums import Code
from asn_scheduler.parts.data import DECIDE, PartData, WeeklyLimit


def week_onehot(data: PartData) -> np.ndarray:
    """(D, W) 0/1: each date's ISO week."""
    n_weeks = int(data.week.max()) + 1 if data.week.size else 0
    onehot = np.zeros((data.week.size, n_weeks), dtype=np.int64)
    onehot[np.arange(data.week.size), data.week] = 1
    return onehot


class RowLimits(NamedTuple):
    """One weekly cap per row: ``limit`` (E_p, W), huge where none or the row is exempt,
    and ``counted`` (E_p, D), the days that count towards it."""

    rule: str
    limit: np.ndarray
    counted: np.ndarray


def goal_caps(data: PartData) -> np.ndarray:
    """(U_p, D): per day under ``wfh_goal`` = k, the smallest k of its ISO week (each
    person's WFH days there are capped by it); −1 on days not under k. Read-only."""
    out = day_caps(data.weekly_limit("Q0"), data)
    out.flags.writeable = False
    return out


def day_caps(wl: WeeklyLimit | None, data: PartData) -> np.ndarray:
    """(U_p, D): per counted day, the cap's limit for its week; −1 elsewhere (or for no
    cap)."""
    if wl is None:
        return np.full(data.working.shape, -1, dtype=np.int64)
    return np.where(wl.counts, wl.limit[:, data.week], -1)


def weekly_rules(data: PartData) -> list[RowLimits]:
    """Per weekly cap (:data:`~asn_scheduler.rules.weekly.WEEKLY_CAPS` order: F1, then the
    weekly ``wfh_goal``) with a counted day: each row's limit per week and the days that
    count."""
    big = np.iinfo(np.int64).max // 4
    out = []
    for wl in data.weekly:
        if wl.rule != "F1" and not wl.counts.any():
            continue
        on = wl.counts & (wl.limit[:, data.week] >= 0)
        lim = np.where(wl.limit >= 0, wl.limit, big)[data.unit_of]
        out.append(RowLimits(wl.rule, np.where(wl.exempt[:, None], big, lim), on[data.unit_of]))
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
    for _, lim, mask in weekly_rules(data):
        covers = ((dec & ~mask).astype(np.int64) @ onehot) == 0
        used = (fixed_wfh & mask).astype(np.int64) @ onehot
        out = np.where(covers & (lim < big), np.minimum(out, lim - used), out)
    return out
