"""One CP-SAT builder per hard rule ID, listed once in :data:`HARD_BUILDERS`.

A builder has up to two steps. ``fix`` claims the cells the rule decides by itself (C1
``LIBUR``, C2 absence, and the WFO of S1, L1, F2–F4, a 0% cap (S2) or a unit-day outside
the scenario (E1)); the engine's compile step computed which cells those are, from
:mod:`asn_scheduler.rules.data`. ``constrain`` adds the rule's linear constraints over
the decision cells. ``x`` = 1 means WFH; a unit's WFO on a date is its active staff
less its WFH.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from asn_scheduler.engine.context import R
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
        rows = pm.unit_rows(u)
        for day in _open_days(pm, u):
            ids, const = pm.cells(rows, int(day))
            pm.at_most(("S2", u, "", (int(day),)), ids, const, int(d.cap[u, day]))


def constrain_s3(pm: PartModel) -> None:
    """S3: per unit-day-role, in-office holders ≥ need, i.e.
    Σ x(holders) ≤ (variable holders + holders fixed WFO) − need."""
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


def constrain_f1(pm: PartModel) -> None:
    """F1: per person (field duty exempt) per ISO week, Σ WFH on counted days ≤ limit."""
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


def constrain_b1(pm: PartModel) -> None:
    """B1: per building (or a unit's seat quota) per day, WFO ≤ seats, i.e.
    Σ WFH ≥ active − seats."""
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


def constrain_p1(pm: PartModel) -> None:
    """P1: per unit-day under a pandemic table, WFO ≤ ceiling, i.e.
    Σ WFH ≥ active − ceiling."""
    d = pm.data
    for u in range(d.working.shape[0]):
        rows = pm.unit_rows(u)
        for day in _open_days(pm, u):
            ceiling = int(d.ceiling[u, day])
            if ceiling < 0 or d.active[u, day] <= ceiling:
                continue
            ids, const = pm.cells(rows, int(day))
            pm.at_least(("P1", u, "", (int(day),)), ids, const, int(d.active[u, day]) - ceiling)


HARD_BUILDERS: dict[str, HardBuilder] = {
    "C1": HardBuilder(fix=_claim("C1")),
    "C2": HardBuilder(fix=_claim("C2")),
    "S1": HardBuilder(fix=_hold("S1")),
    "S2": HardBuilder(fix=_hold("S2"), constrain=constrain_s2),
    "S3": HardBuilder(constrain=constrain_s3),
    "L1": HardBuilder(fix=_hold("L1")),
    "F1": HardBuilder(constrain=constrain_f1),
    "F2": HardBuilder(fix=_hold("F2")),
    "F3": HardBuilder(fix=_hold("F3")),
    "F4": HardBuilder(fix=_hold("F4")),
    "B1": HardBuilder(constrain=constrain_b1),
    "P1": HardBuilder(constrain=constrain_p1),
    "E1": HardBuilder(fix=_hold("E1")),
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
