"""How few people the hard rules allow in the office, per unit and per building.

A quick, solver-free bound used to size building capacities in synthetic agencies and to
check the bundled samples: for each unit and working day, :func:`wfo_floor` counts who
must be in (S1 direct services, L1 senior officials, F2–F4 ineligible staff, a 0% cap,
S3 role minimums) and how many may be away (S2 cap, and F1's weekly allowance spread
evenly over the week's counted days). A capacity at or above a building's floor on
every day is then within reach; the P1 ceiling (pandemic WFO tables) must in turn lie at
or above the floor.

The F1 part is a bound, not an exact answer: it assumes each eligible person's weekly
allowance can be spread evenly over the week, so sizes built from it keep a margin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from asn_scheduler.domain.calendar import Calendar
from asn_scheduler.domain.enums import Discipline, PositionLevel, ServiceCategory
from asn_scheduler.domain.model import Period, Problem
from asn_scheduler.scenario.model import Policy, Scenario

_EPS = 1e-9
MARCH_2026 = Period(date(2026, 3, 1), date(2026, 3, 31))


@dataclass(frozen=True)
class WfoFloor:
    """Per unit (rows, ``problem.units`` order) and day (columns): ``active`` staff,
    ``forced`` WFO (compulsory staff plus role cover), the least WFO the hard rules allow
    (``floor``), the P1 ceiling (``-1`` where none applies) and ``away``, how many may be
    WFH on average (fractional where F1's weekly allowance spreads over the week). All are
    0 on a unit's non-working days."""

    scenario_id: str
    days: tuple[date, ...]
    unit_codes: tuple[str, ...]
    direct: np.ndarray
    working: np.ndarray
    active: np.ndarray
    forced: np.ndarray
    floor: np.ndarray
    ceiling: np.ndarray
    away: np.ndarray


    def building_floor(self, problem: Problem) -> dict[str, np.ndarray]:
        """Least WFO per building and day: its active staff less the WFH its units allow.

        Fractional allowances add up across units before rounding down: units can take
        turns (one unit's extra WFH day falls on another's short one), so a building of
        small units is not charged each unit's rounding.
        """
        names = [b.name for b in problem.buildings]
        act = {n: np.zeros(len(self.days), dtype=np.int64) for n in names}
        away = {n: np.zeros(len(self.days)) for n in names}
        for i, u in enumerate(problem.units):
            if u.building is not None:
                act[u.building] += self.active[i]
                away[u.building] += self.away[i]
        return {n: act[n] - np.floor(away[n] + _EPS).astype(np.int64) for n in names}

    def ceiling_conflicts(self) -> list[tuple[str, date, int, int]]:
        """(unit, day, floor, ceiling) where the P1 ceiling is below the floor."""
        bad = self.working & (self.ceiling >= 0) & (self.floor > self.ceiling)
        return [(self.unit_codes[u], self.days[d], int(self.floor[u, d]),
                 int(self.ceiling[u, d])) for u, d in zip(*np.nonzero(bad), strict=True)]


def check_periods(problem: Problem, scenarios: Sequence[Scenario],
                  fallback: Period | None = None) -> list[tuple[Scenario, Period]]:
    """The days on which each scenario governs: its own window (``default_period``), or,
    for an open-ended window, ``fallback`` (default: the problem's period, else March 2026)."""
    fallback = fallback or problem.period or MARCH_2026
    return [(s, s.default_period or fallback) for s in scenarios]


def _per_unit(x: np.ndarray, unit: np.ndarray, n_units: int) -> np.ndarray:
    if x.shape[0] == 0:
        return np.zeros((n_units, x.shape[1]), dtype=np.int64)
    return np.stack([np.bincount(unit, weights=x[:, d], minlength=n_units)
                     for d in range(x.shape[1])], axis=1).astype(np.int64)


def wfo_floor(problem: Problem, scenario: Scenario, period: Period) -> WfoFloor:
    """The least WFO per unit and day of ``period`` under ``scenario`` (see module doc)."""
    days = period.days()
    n_days, units, emps = len(days), problem.units, problem.employees
    n_units = len(units)
    code_idx = {u.code: i for i, u in enumerate(units)}
    unit = np.fromiter((code_idx[e.unit_code] for e in emps), np.int64, len(emps))
    working = Calendar(days, problem.overrides).working_matrix(units)

    absent = np.zeros((len(emps), n_days), dtype=bool)
    first = period.start.toordinal()
    for a in problem.absences:
        s, t = max(a.start.toordinal() - first, 0), min(a.end.toordinal() - first, n_days - 1)
        if s <= t:
            absent[problem.employee_index[a.nip], s:t + 1] = True
    active = working[unit] & ~absent

    # the policy of each (unit, day): few distinct objects, compared by identity
    policies: list[Policy] = []
    regions = list(dict.fromkeys(u.region for u in units))
    by_region = np.zeros((len(regions), n_days), dtype=np.int64)
    for r, region in enumerate(regions):
        for d, day in enumerate(days):
            p = scenario.policy_for(region, day)
            k = next((j for j, q in enumerate(policies) if q is p), None)
            if k is None:
                policies.append(p)
                k = len(policies) - 1
            by_region[r, d] = k
    pol = by_region[[regions.index(u.region) for u in units]] if units else by_region[:0]

    direct = np.array([u.category is ServiceCategory.LAYANAN_LANGSUNG for u in units])
    rank_of = {lv: r for r, lv in enumerate(PositionLevel)}   # ``.rank`` is slow at 65k
    level = np.array([rank_of[e.position_type] for e in emps], dtype=np.int64)
    # the same as rules.data.senior_levels, from the set of levels present (fast at 65k)
    structural = sorted(rank_of[lv] for lv in {e.position_type for e in emps} if lv.structural)
    flex = np.array([e.flex_eligible for e in emps], dtype=bool)
    disc = np.array([e.discipline is not Discipline.TIDAK for e in emps], dtype=bool)
    field = np.array([e.field_duty for e in emps], dtype=bool)
    tmt = np.array([e.position_start.toordinal() if e.position_start else -(10**9)
                    for e in emps], dtype=np.int64)
    day_ord = np.array([d.toordinal() for d in days], dtype=np.int64)

    forced = np.zeros_like(active)
    cap_pct = np.zeros((n_units, n_days))
    flex_days = np.zeros((n_units, n_days), dtype=np.int64)   # 0: no F1 on that day
    roles_on = np.zeros((n_units, n_days), dtype=bool)
    ceiling_pct = np.full((n_units, n_days), -1.0)
    for k, p in enumerate(policies):
        here = pol == k
        static = np.zeros(len(emps), dtype=bool)
        if p.direct_service_wfo:
            static |= direct[unit]
        if p.senior_levels_wfo > 0 and p.senior_rule == "every":
            named = [rank_of[lv] for lv in p.senior_levels]
            static |= np.isin(level, named or structural[: p.senior_levels_wfo])
        if "F4" in p.eligibility:
            static |= ~flex
        if "F2" in p.eligibility:
            static |= disc
        pct = np.array([p.cap_pct(u) for u in units])
        static |= (pct <= 0)[unit]
        f = np.repeat(static[:, None], n_days, axis=1)
        if "F3" in p.eligibility:
            f |= (day_ord[None, :] - tmt[:, None]) < p.new_employee_days
        forced |= here[unit] & f
        cap_pct[here] = np.repeat(pct[:, None], n_days, axis=1)[here]
        if p.max_flex_days_per_week is not None and p.counts_toward_flex_cap:
            flex_days[here] = p.max_flex_days_per_week
        roles_on[here] = p.role_minimums
        if p.wfo_max is not None:
            ceiling_pct[here] = np.repeat(np.array([p.wfo_max.pct(u) for u in units])[:, None],
                                          n_days, axis=1)[here]

    act = _per_unit(active, unit, n_units)
    forced &= active
    n_forced = _per_unit(forced, unit, n_units)
    eligible = active & ~forced
    n_elig_field = _per_unit(eligible & field[:, None], unit, n_units)
    n_elig = _per_unit(eligible, unit, n_units)

    extra = np.zeros((n_units, n_days), dtype=np.int64)
    holders: dict[tuple[int, str], list[int]] = {}
    for i, e in enumerate(emps):
        for r in sorted(e.roles):
            holders.setdefault((int(unit[i]), r), []).append(i)
    for u_i, u in enumerate(units):
        for role, minimum in u.role_minimums.items():
            who = holders.get((u_i, role), [])
            if not who or minimum <= 0:
                continue
            h = active[who].sum(axis=0)
            hf = forced[who].sum(axis=0)
            extra[u_i] += np.maximum(np.minimum(minimum, h) - hf, 0) * roles_on[u_i]

    allowed = ((np.round(cap_pct * 100).astype(np.int64) * act) // 10000).astype(float)
    allowed = np.minimum(allowed, n_elig - extra)
    counted = working & (flex_days > 0)
    if counted.any():
        week = np.array([iso_week_key(d) for d in days])
        n_counted = np.zeros_like(flex_days)
        for w in np.unique(week):
            cols = week == w
            n_counted[:, cols] = counted[:, cols].sum(axis=1, keepdims=True)
        share = np.where(counted, flex_days / np.maximum(n_counted, 1), 1.0)
        by_week = np.minimum(share, 1.0) * (n_elig - n_elig_field) + n_elig_field
        allowed = np.where(counted, np.minimum(allowed, by_week), allowed)
    allowed = np.where(working, np.maximum(allowed, 0.0), 0.0)
    floor = np.where(working, act - np.floor(allowed + _EPS).astype(np.int64), 0)
    ceiling = np.where(ceiling_pct >= 0,
                       (np.round(ceiling_pct * 100).astype(np.int64) * act) // 10000, -1)
    return WfoFloor(scenario.id, tuple(days), tuple(u.code for u in units), direct, working,
                    np.where(working, act, 0), np.where(working, n_forced + extra, 0), floor,
                    ceiling, allowed)


def iso_week_key(day: date) -> int:
    """A sortable key of ``day``'s ISO week (rules.md: weeks are ISO weeks)."""
    iso = day.isocalendar()
    return iso.year * 100 + iso.week
