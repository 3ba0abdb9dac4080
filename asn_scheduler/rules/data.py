"""What the rules mean, as data: who may be WFH on which day, the caps in force, fair
shares. The solver adapter turns these into constraints; the checker counts a finished
roster against them with its own code. Both therefore agree on *what* a rule asks
while neither reuses the other's arithmetic.

All counts round as ``spec/rules.md`` decides: "WFH at most X%" allows ``floor(X·N)``,
"WFO at most X%" allows ``floor(X·N)``, "WFO *sebanyak* X%" (the PPKM tables' non-essential
rows) the nearest whole number, halves up (:func:`pct_nearest`); ``N`` is the unit's
active (not absent) staff that day, senior officials included.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from asn_scheduler.domain.enums import Discipline, PositionLevel, ServiceCategory
from asn_scheduler.domain.model import Employee, Problem, Unit
from asn_scheduler.scenario.model import Policy
from asn_scheduler.scenario.office_days import is_office_day


def pct_of(pct: float, n: int) -> int:
    """``floor(pct/100 × n)`` computed exactly for percentages with up to two decimals."""
    return (round(pct * 100) * n) // 10000


def senior_levels(problem: Problem, n: int, named: Sequence[PositionLevel] = ()
                  ) -> frozenset[PositionLevel]:
    """The senior levels of rule L1: the levels the agency ``named`` (policy
    ``senior_levels``), else the ``n`` highest structural levels present in the agency.
    ``n = 0`` turns L1 off whatever is named."""
    if n <= 0:
        return frozenset()
    if named:
        return frozenset(named)
    present = sorted({e.position_type for e in problem.employees if e.position_type.structural},
                     key=lambda p: p.rank)
    return frozenset(present[:n])


def holds_every_senior(policy: Policy) -> bool:
    """Whether L1 keeps *every* senior official in the office under ``policy`` (else, with
    ``senior_rule = one_per_level``, at least one per level and day, agency-wide)."""
    return policy.senior_levels_wfo > 0 and policy.senior_rule == "every"


def holds_one_per_level(policy: Policy) -> bool:
    """Whether L1 asks for at least one WFO official of each senior level per working day
    (SE 19/2020's reading) under ``policy``."""
    return policy.senior_levels_wfo > 0 and policy.senior_rule == "one_per_level"


def wfh_block(
    emp: Employee, unit: Unit, day: date, policy: Policy, seniors: frozenset[PositionLevel]
) -> str | None:
    """The ID of the rule that keeps ``emp`` out of WFH on ``day``, or ``None``.

    Checked in this order: S1 (direct-service unit), L1 (senior official), F4 (not allowed
    flexible work), F2 (discipline), F3 (new in position), then S2 (the unit's cap is 0%
    under this policy). ``seniors`` is :func:`senior_levels` for ``policy``.
    """
    if policy.direct_service_wfo and unit.category is ServiceCategory.LAYANAN_LANGSUNG:
        return "S1"
    if holds_every_senior(policy) and emp.position_type in seniors:
        return "L1"
    if "F4" in policy.eligibility and not emp.flex_eligible:
        return "F4"
    if "F2" in policy.eligibility and emp.discipline is not Discipline.TIDAK:
        return "F2"
    if "F3" in policy.eligibility and is_new_employee(emp, day, policy.new_employee_days):
        return "F3"
    if policy.cap_pct(unit) <= 0:
        return "S2"
    return None


def is_new_employee(emp: Employee, day: date, new_employee_days: int) -> bool:
    """Fewer than ``new_employee_days`` days in the current position on ``day`` (F3).
    Without a TMT Jabatan the person is not new."""
    return emp.position_start is not None and (day - emp.position_start).days < new_employee_days


def wfh_cap(unit: Unit, policy: Policy, active: int) -> int:
    """Most WFH allowed in ``unit`` on a day with ``active`` staff (S2)."""
    return pct_of(policy.cap_pct(unit), active)


def pct_nearest(pct: float, n: int) -> int:
    """``X·n`` rounded to the nearest whole person, halves up, computed exactly.

    For figures worded "WFO *sebanyak* X%" (X% of staff in the office): the circular names
    a share of the staff to be present, so the count is the whole number of people nearest
    to it (regulations §3.6 reads it as a target near X%), not the floor a ceiling
    ("*maksimal* X%") takes; floor would send a one-person unit home every day at 75%.
    """
    return (2 * round(pct * 100) * n + 10000) // 20000


def wfo_ceiling(unit: Unit, policy: Policy, active: int, day: date | None = None) -> int | None:
    """Most WFO allowed in ``unit`` on ``day`` by the pandemic table (P1), or ``None`` if
    no table. The PPKM level is the one in force for the unit's region on ``day``;
    figures worded "sebanyak" round with :func:`pct_nearest`, the others down."""
    if policy.wfo_max is None:
        return None
    pct = policy.wfo_max.pct(unit, day)
    if policy.wfo_max.rounds_nearest(unit):
        return pct_nearest(pct, active)
    return pct_of(pct, active)


def office_day(policy: Policy, day: date) -> bool:
    """Whether ``day`` is a compulsory office day under ``policy`` (rule K1: every present
    person of the unit is WFO)."""
    return is_office_day(policy.office_days, day)


def role_need(unit: Unit, role: str, active_holders: int) -> int:
    """In-office holders of ``role`` required (S3): the minimum, or all active holders
    when fewer are present (the shortfall is reported, not infeasible)."""
    return min(unit.role_minimums.get(role, 0), active_holders)


def role_cover_uppers(upper: np.ndarray, available: np.ndarray,
                      groups: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Each person's upper bound for the fair share (Q1), lowered where role cover (S3)
    holds a group of role holders in the office: fair shares that account for the role
    limit (rules.md, fair role cover).

    A role group can have at most ``Σ_d min(available holders_d, room_d)`` WFH days
    between them, ``room_d`` = active holders less the in-office need that day. That
    total is shared among the holders as :func:`fair_shares` shares a unit's (in
    proportion to their available days, within their own uppers), and each holder's upper
    becomes at most their share. So three operators of whom two must be in (one WFH a day
    over 21 days) get 7, 7 and 7, and the rest of the unit shares what they cannot take.
    A holder of several roles takes the smallest.

    Parameters
    ----------
    upper
        ``(n,)`` the most WFH days each person can have under the weekly caps.
    available
        ``(n, D)`` bool: the cell could be WFH.
    groups
        Per role with a minimum: ``(member rows, room per date)``; ``room`` is ``(D,)`` int,
        at least the number of members on dates without a need.
    """
    out = np.asarray(upper, dtype=float).copy()
    days = available.sum(axis=1)
    for members, room in groups:
        if not members.size:
            continue
        free = available[members].sum(axis=0)
        cap = int(np.minimum(free, np.maximum(room, 0)).sum())
        if cap >= int(np.minimum(out[members], days[members]).sum()):
            continue  # the role does not limit them
        share = fair_shares(cap, days[members], out[members])
        out[members] = np.minimum(out[members], share)
    return out


def fair_shares(total: float, available: Sequence[float], upper: Sequence[float]) -> np.ndarray:
    """Fair WFH days per person (Q1): proportional to the days each was available,
    capped by what the hard rules let each have, the rest shared among the others.

    Finds λ with ``Σ min(upper_i, λ·available_i) = total`` (water filling). If the uppers
    cannot absorb ``total`` everyone gets their upper bound.

    Parameters
    ----------
    total
        WFH days the unit uses over the period.
    available
        Days each person could be WFH (≥ 0).
    upper
        The most WFH days each person can have under the hard rules (≥ 0).
    """
    a = np.asarray(available, dtype=float)
    u = np.minimum(np.asarray(upper, dtype=float), a)
    if a.size == 0 or total <= 0:
        return np.zeros_like(a)
    if u.sum() <= total:
        return u
    pos = a > 0
    ratios = np.full_like(a, np.inf)
    ratios[pos] = u[pos] / a[pos]
    order = [i for i in np.argsort(ratios, kind="stable") if pos[i]]
    remaining, rest_avail = float(total), float(a[pos].sum())
    share = np.zeros_like(a)
    for k, i in enumerate(order):
        lam = remaining / rest_avail
        if lam * a[i] >= u[i]:
            share[i] = u[i]
            remaining -= u[i]
            rest_avail -= a[i]
        else:
            # sorted by upper/available: everyone after i is unconstrained at this λ too
            rest = order[k:]
            share[rest] = lam * a[rest]
            break
    return share
