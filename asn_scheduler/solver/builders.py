"""One CP-SAT builder per hard rule ID, listed once in :data:`HARD_BUILDERS`.

A builder has up to two steps. ``fix`` claims the cells the rule decides by itself (C1
``LIBUR``, C2 absence, and the WFO of S1, L1, F2–F4, a 0% cap (S2), a unit-day outside
the scenario (E1) or a compulsory office day (K1)); the engine's compile step computed
which cells those are, from :mod:`asn_scheduler.rules.data`. ``constrain`` adds the rule's
linear constraints over the decision cells. ``x`` = 1 means WFH; a unit's WFO on a date
is its active staff less its WFH.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from asn_scheduler.parts.data import R
from asn_scheduler.solver.model import PartModel

Step = Callable[[PartModel], None]


@dataclass(frozen=True)
class HardBuilder:
    """The model steps of one hard rule (either may be ``None``)."""

    fix: Step | None = None
    constrain: Step | None = None


def _claim(rule: str) -> Step:
    def fix(pm: PartModel) -> None:
        pm.claim(pm.data.reason == R[rule])

    fix.__name__ = f"fix_{rule.lower()}"
    fix.__doc__ = f"{rule}: claim the cells the rule fixes (not WFO, not WFH)."
    return fix


def _hold(rule: str) -> Step:
    def fix(pm: PartModel) -> None:
        pm.hold_out(rule, pm.data.reason == R[rule])

    fix.__name__ = f"hold_{rule.lower()}"
    fix.__doc__ = f"{rule}: the cells the rule holds in the office are WFO."
    return fix


def _open_days(pm: PartModel, u: int) -> np.ndarray:
    return np.flatnonzero(pm.data.working[u] & ~pm.data.pinned_day)


def constrain_s2(pm: PartModel) -> None:
    """S2: per unit-day, Σ WFH ≤ cap (``wfh_cap``: floor of the % of active staff)."""
    d = pm.data
    for u in range(d.working.shape[0]):
        days = _open_days(pm, u)
        ids, wfh = pm.block(pm.unit_rows(u), days)
        const, cap = wfh.sum(axis=0), d.cap[u, days]
        for j in np.flatnonzero((ids >= 0).sum(axis=0) + const > cap):  # the rest cannot bind
            col = ids[:, j]
            pm.at_most(("S2", u, "", (int(days[j]),)), col[col >= 0], int(const[j]),
                       int(cap[j]))


def constrain_s3(pm: PartModel) -> None:
    """S3: per unit-day-role, in-office holders ≥ need, i.e.
    Σ x(holders) ≤ (variable holders + holders fixed WFO) − need."""
    d = pm.data
    for rn in d.roles:
        if not rn.holders.size:
            continue
        days = _open_days(pm, rn.unit)
        days = days[rn.need[days] > 0]
        ids = pm.vid[np.ix_(rn.holders, days)]
        wfo = np.count_nonzero((d.fixed[np.ix_(rn.holders, days)] == 0) & (ids < 0), axis=0)
        need = rn.need[days]
        for j in np.flatnonzero(wfo < need):  # enough fixed WFO holders: cannot bind
            col = ids[:, j]
            col = col[col >= 0]
            pm.at_most(("S3", rn.unit, "", (int(days[j]),)), col, 0,
                       col.size + int(wfo[j]) - int(need[j]))


def constrain_weekly(rule: str) -> Callable[[PartModel], None]:
    """A weekly cap (:mod:`asn_scheduler.rules.weekly`, e.g. F1): per person (those it
    does not exempt) per ISO week, Σ WFH on the days that count ≤ the week's limit."""

    def constrain(pm: PartModel) -> None:
        d = pm.data
        wl = d.weekly_limit(rule)
        if wl is None:
            return
        for w in range(wl.limit.shape[1]):
            in_week = d.week == w
            days_w = tuple(int(x) for x in np.flatnonzero(in_week))
            for u in range(d.working.shape[0]):
                limit = int(wl.limit[u, w])
                cols = np.flatnonzero(in_week & wl.counts[u])
                if limit < 0 or not cols.size:
                    continue
                rows = pm.unit_rows(u)
                ids, wfh = pm.block(rows[~wl.exempt[rows]], cols)
                const = wfh.sum(axis=1)
                key = (rule, u, "", days_w)
                for r in np.flatnonzero((ids >= 0).sum(axis=1) + const > limit):
                    row = ids[r]
                    pm.at_most(key, row[row >= 0], int(const[r]), limit)

    constrain.__name__ = f"constrain_{rule.lower()}"
    return constrain


def constrain_b1(pm: PartModel) -> None:
    """B1: per building (or a unit's seat quota) per day, WFO ≤ seats, i.e.
    Σ WFH ≥ active − seats."""
    d = pm.data
    for seats in d.seats:
        rows = np.flatnonzero(np.isin(d.unit_of, seats.units))
        days = np.flatnonzero((seats.cap >= 0) & ~d.pinned_day)
        need = d.active[seats.units][:, days].sum(axis=0) - seats.cap[days]
        days, need = days[need > 0], need[need > 0]
        ids, wfh = pm.block(rows, days)
        const = wfh.sum(axis=0)
        for j in np.flatnonzero(const < need):  # the rest cannot bind
            col = ids[:, j]
            pm.at_least(("B1", -1, seats.name, (int(days[j]),)), col[col >= 0],
                        int(const[j]), int(need[j]))


def constrain_p1(pm: PartModel) -> None:
    """P1: per unit-day under a pandemic table, WFO ≤ ceiling, i.e.
    Σ WFH ≥ active − ceiling."""
    d = pm.data
    for u in range(d.working.shape[0]):
        days = _open_days(pm, u)
        ceiling = d.ceiling[u, days]
        days = days[(ceiling >= 0) & (d.active[u, days] > ceiling)]
        need = d.active[u, days] - d.ceiling[u, days]
        ids, wfh = pm.block(pm.unit_rows(u), days)
        const = wfh.sum(axis=0)
        for j in np.flatnonzero(const < need):  # the rest cannot bind
            col = ids[:, j]
            pm.at_least(("P1", u, "", (int(days[j]),)), col[col >= 0], int(const[j]),
                        int(need[j]))


HARD_BUILDERS: dict[str, HardBuilder] = {
    "C1": HardBuilder(fix=_claim("C1")),
    "C2": HardBuilder(fix=_claim("C2")),
    "S1": HardBuilder(fix=_hold("S1")),
    "S2": HardBuilder(fix=_hold("S2"), constrain=constrain_s2),
    "S3": HardBuilder(constrain=constrain_s3),
    "L1": HardBuilder(fix=_hold("L1")),
    "F1": HardBuilder(constrain=constrain_weekly("F1")),
    "F2": HardBuilder(fix=_hold("F2")),
    "F3": HardBuilder(fix=_hold("F3")),
    "F4": HardBuilder(fix=_hold("F4")),
    "B1": HardBuilder(constrain=constrain_b1),
    "P1": HardBuilder(constrain=constrain_p1),
    "E1": HardBuilder(fix=_hold("E1")),
    "K1": HardBuilder(fix=_hold("K1")),
}
"""One builder per hard rule ID, in the registry's order."""


def build_hard(pm: PartModel) -> None:
    """Every hard rule: fixes first, then the decision variables, then the constraints."""
    for b in HARD_BUILDERS.values():
        if b.fix is not None:
            b.fix(pm)
    pm.make_decisions()
    for b in HARD_BUILDERS.values():
        if b.constrain is not None:
            b.constrain(pm)
