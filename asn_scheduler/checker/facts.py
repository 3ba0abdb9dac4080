"""What the checker counts a roster against: per-day facts derived from the problem, the
scenario and the dates, with the roster lined up to them.

Arrays are indexed ``(employee, date)`` in the problem's input order and the checked
dates, or ``(unit, date)`` in the problem's unit order. What each rule *means* comes from
:mod:`asn_scheduler.rules.data`, the policy in force from :meth:`Scenario.policy_for`
(rule E1), working days from :class:`~asn_scheduler.domain.calendar.Calendar` (C1) and
absences from the problem (C2); every count is made here from the roster's codes, never
from a solver object.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import NamedTuple

import numpy as np

from asn_scheduler.checker.report import RosterProblem
from asn_scheduler.checker.shape import UNKNOWN, align
from asn_scheduler.domain.calendar import Calendar
from asn_scheduler.domain.enums import (
    AbsenceKind,
    Code,
    Discipline,
    PositionLevel,
    ServiceCategory,
)
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import Roster
from asn_scheduler.rules.data import office_day, senior_levels, wfh_cap, wfo_ceiling
from asn_scheduler.rules.weekly import F1, WeeklyCap, policy_limits, week_limits
from asn_scheduler.scenario.model import OFFICE_POLICY, Policy, Scenario

BLOCK_RULES: tuple[str, ...] = ("S1", "L1", "F2", "F3", "F4", "K1")
"""Rules that keep a person out of WFH on a day, whatever the roster says."""

ABSENCE_KINDS: tuple[AbsenceKind, ...] = tuple(AbsenceKind)


def policy_sources(scenario: Scenario) -> tuple[tuple[str, Policy], ...]:
    """The policies that can be in force, each with its name: the scenario, its
    baselines in turn, and the built-in office regime ``kantor``."""
    out: list[tuple[str, Policy]] = []
    s: Scenario | None = scenario
    while s is not None:
        out.append((s.id, s.policy))
        s = s.baseline
    out.append(("kantor", OFFICE_POLICY))
    return tuple(out)


def checked_dates(problem: Problem, roster: Roster,
                  dates: Sequence[date] | None) -> tuple[date, ...]:
    """The dates a roster is checked on: ``dates`` if given, else the problem's period,
    else the roster's own dates."""
    if dates is not None:
        return tuple(sorted(set(dates)))
    if problem.period is not None:
        return tuple(problem.period.days())
    return tuple(roster.dates)


class RoleFacts(NamedTuple):
    """One unit's role with a minimum (S3) in a roster: the unit, the role, the minimum,
    the holders' rows, and per date the active holders and those in the office."""

    unit: int
    role: str
    minimum: int
    holders: np.ndarray
    active: np.ndarray
    wfo: np.ndarray

@dataclass(eq=False)
class Facts:
    """The roster (``codes``, :data:`UNKNOWN` where missing) and everything derived.

    Built by :func:`derive`; derived arrays are computed once on first use.
    """

    problem: Problem
    scenario: Scenario
    dates: tuple[date, ...]
    codes: np.ndarray                      # (E, D) int8 Code values or UNKNOWN
    unit_idx: np.ndarray                   # (E,) index into problem.units
    working_ud: np.ndarray                 # (U, D) bool: the unit works that day (C1)
    sources: tuple[tuple[str, Policy], ...]
    pol_ud: np.ndarray                     # (U, D) index into ``sources``
    in_scope_ud: np.ndarray                # (U, D) bool: the scenario's own policy applies
    cuti: np.ndarray                       # (E, D) int8: 0, or 1 + index in ABSENCE_KINDS
    roster_problems: list[RosterProblem] = field(default_factory=list)
    holiday_names: dict[date, str] = field(default_factory=dict)
    unit_holiday_names: dict[tuple[str, date], str] = field(default_factory=dict)

    # ---- shapes and lookups -------------------------------------------------------------
    @property
    def n_emp(self) -> int:
        return len(self.problem.employees)

    @property
    def n_units(self) -> int:
        return len(self.problem.units)

    def policy(self, u: int, d: int) -> Policy:
        """The policy in force for unit ``u`` on date ``d``."""
        return self.sources[int(self.pol_ud[u, d])][1]

    def policy_name(self, u: int, d: int) -> str:
        """Scenario ID (or ``kantor``) whose policy is in force for unit ``u`` on ``d``."""
        return self.sources[int(self.pol_ud[u, d])][0]

    @cached_property
    def unit_rows(self) -> list[np.ndarray]:
        """Employee rows of each unit, in input order."""
        order = np.argsort(self.unit_idx, kind="stable")
        bounds = np.searchsorted(self.unit_idx[order], np.arange(self.n_units + 1))
        return [order[bounds[u]:bounds[u + 1]] for u in range(self.n_units)]

    def per_unit(self, mask: np.ndarray) -> np.ndarray:
        """``(U, D)`` counts of an ``(E, D)`` boolean mask per unit and date."""
        n_days = len(self.dates)
        flat = (self.unit_idx[:, None] * n_days + np.arange(n_days)).ravel()
        counts = np.bincount(flat, weights=mask.ravel(), minlength=self.n_units * n_days)
        return counts.reshape(self.n_units, n_days).astype(np.int64)

    # ---- what the roster says -----------------------------------------------------------
    @cached_property
    def known(self) -> np.ndarray:
        return self.codes != UNKNOWN

    @cached_property
    def wfh(self) -> np.ndarray:
        return self.codes == int(Code.WFH)

    @cached_property
    def wfo(self) -> np.ndarray:
        return self.codes == int(Code.WFO)

    @cached_property
    def work(self) -> np.ndarray:
        """(E, D): a working day of the person's unit."""
        return self.working_ud[self.unit_idx]

    @cached_property
    def absent(self) -> np.ndarray:
        """(E, D): absent per sheet Cuti or per an absence code in the roster (C2)."""
        return (self.cuti > 0) | (self.codes >= int(Code.CUTI))

    @cached_property
    def active(self) -> np.ndarray:
        """(E, D): working day, cell known, not absent: the denominator of the caps."""
        return self.work & self.known & ~self.absent

    # ---- per unit-day -------------------------------------------------------------------
    @cached_property
    def active_ud(self) -> np.ndarray:
        return self.per_unit(self.active)

    @cached_property
    def wfh_ud(self) -> np.ndarray:
        return self.per_unit(self.wfh)

    @cached_property
    def wfo_ud(self) -> np.ndarray:
        return self.per_unit(self.wfo)

    @cached_property
    def absent_ud(self) -> np.ndarray:
        return self.per_unit(self.work & self.absent)

    @cached_property
    def cap_pct_ud(self) -> np.ndarray:
        """(U, D) float: the WFH cap in % under the policy in force (S2)."""
        table = np.array([[p.cap_pct(unit) for _, p in self.sources]
                          for unit in self.problem.units],
                         dtype=float).reshape(self.n_units, len(self.sources))
        return np.take_along_axis(table, self.pol_ud.astype(np.intp), axis=1)

    @cached_property
    def cap_ud(self) -> np.ndarray:
        """(U, D) int: most WFH allowed on a working day (:func:`wfh_cap`), 0 otherwise."""
        cap = np.zeros(self.working_ud.shape, dtype=np.int64)
        units = self.problem.units
        for u, d in zip(*np.nonzero(self.working_ud), strict=True):
            cap[u, d] = wfh_cap(units[u], self.policy(u, d), int(self.active_ud[u, d]))
        return cap

    @cached_property
    def ceiling_ud(self) -> np.ndarray:
        """(U, D) int: the P1 WFO ceiling on a working day, -1 where no table applies."""
        out = np.full(self.working_ud.shape, -1, dtype=np.int64)
        if all(p.wfo_max is None for _, p in self.sources):
            return out
        units = self.problem.units
        for u, d in zip(*np.nonzero(self.working_ud), strict=True):
            c = wfo_ceiling(units[u], self.policy(u, d), int(self.active_ud[u, d]),
                            self.dates[d])
            if c is not None:
                out[u, d] = c
        return out

    @cached_property
    def s1_ud(self) -> np.ndarray:
        """(U, D): a direct-service unit under a policy with ``direct_service_wfo`` (S1)."""
        direct = np.array([u.category is ServiceCategory.LAYANAN_LANGSUNG
                           for u in self.problem.units], dtype=bool)
        by_src = np.array([p.direct_service_wfo for _, p in self.sources], dtype=bool)
        return direct[:, None] & by_src[self.pol_ud]

    @cached_property
    def office_ud(self) -> np.ndarray:
        """(U, D): a working day that is a compulsory office day (K1) under the policy in
        force."""
        table = np.array([[office_day(p, d) for d in self.dates] for _, p in self.sources],
                         dtype=bool).reshape(len(self.sources), len(self.dates))
        return self.working_ud & table[self.pol_ud.astype(np.intp),
                                       np.arange(len(self.dates))[None, :]]

    @cached_property
    def e1_ud(self) -> np.ndarray:
        """(U, D): a working day outside the scenario's window or region on which the
        regime in force allows the unit no WFH (rule E1)."""
        return self.working_ud & ~self.in_scope_ud & (self.cap_pct_ud <= 0)

    # ---- who may not be WFH -------------------------------------------------------------
    @cached_property
    def blocks(self) -> dict[str, np.ndarray]:
        """Per rule of :data:`BLOCK_RULES`, ``(E, D)``: the rule, under the policy in force
        that day, keeps the person out of WFH (same meaning as
        :func:`asn_scheduler.rules.data.wfh_block`, computed for all cells at once)."""
        emps = self.problem.employees
        pol_ed = self.pol_ud[self.unit_idx]
        flex = np.array([e.flex_eligible for e in emps], dtype=bool)
        discipline = np.array([e.discipline is not Discipline.TIDAK for e in emps], dtype=bool)
        no_start = -(10 ** 9)
        start = np.array([e.position_start.toordinal() if e.position_start else no_start
                          for e in emps], dtype=np.int64)
        day_ord = np.array([d.toordinal() for d in self.dates], dtype=np.int64)
        tenure = day_ord[None, :] - start[:, None]
        out = {r: np.zeros(self.codes.shape, dtype=bool) for r in BLOCK_RULES}
        out["S1"] = self.s1_ud[self.unit_idx]
        for k, (_, p) in enumerate(self.sources):
            here = pol_ed == k
            if not here.any():
                continue
            if p.senior_levels_wfo > 0 and p.senior_rule == "every":
                senior = self.senior_mask(k)
                out["L1"] |= here & senior[:, None]
            if "F4" in p.eligibility:
                out["F4"] |= here & ~flex[:, None]
            if "F2" in p.eligibility:
                out["F2"] |= here & discipline[:, None]
            if "F3" in p.eligibility:
                out["F3"] |= here & (tenure < p.new_employee_days)
            if p.office_days:
                office = np.array([office_day(p, d) for d in self.dates], dtype=bool)
                out["K1"] |= here & office[None, :]
        return out

    def senior_mask(self, k: int) -> np.ndarray:
        """(E,) bool: the person holds a senior level (rule L1) of source policy ``k``."""
        _, p = self.sources[k]
        levels = senior_levels(self._one_per_level, p.senior_levels_wfo, p.senior_levels)
        return np.isin(self.level_rank, [level.rank for level in levels])  # one rank a level

    @cached_property
    def level_rank(self) -> np.ndarray:
        """(E,) int64: each person's position level rank (0 the highest)."""
        # by the level's identity: an enum member hashes in Python, 65,000 times
        rank = {id(level): level.rank for level in PositionLevel}
        return np.array([rank[id(e.position_type)] for e in self.problem.employees],
                        dtype=np.int64)

    @cached_property
    def _one_per_level(self) -> Problem:
        """The problem reduced to one employee per position level: :func:`senior_levels`
        reads only which levels are present, and this spares it 65,000 enum look-ups."""
        reps = {e.position_type: e for e in self.problem.employees}
        return Problem(tuple(replace(e, supervisor_nip=None) for e in reps.values()),
                       self.problem.units, buildings=self.problem.buildings)

    @cached_property
    def blocked(self) -> np.ndarray:
        """(E, D): some rule of :data:`BLOCK_RULES` keeps the person out of WFH."""
        acc = np.zeros(self.codes.shape, dtype=bool)
        for m in self.blocks.values():
            acc |= m
        return acc

    @cached_property
    def available(self) -> np.ndarray:
        """(E, D): days the person could have been WFH — a working day, present, no rule
        keeping them in the office, the unit's cap above 0 that day."""
        return self.active & ~self.blocked & (self.cap_ud > 0)[self.unit_idx]

    @cached_property
    def roles(self) -> list[RoleFacts]:
        """Per unit and role with a minimum (S3), a :class:`RoleFacts`. Role tags match
        ignoring case."""
        out = []
        emps = self.problem.employees
        for u, unit in enumerate(self.problem.units):
            if not unit.role_minimums:
                continue
            rows = self.unit_rows[u]
            for role, minimum in sorted(unit.role_minimums.items()):
                key = role.strip().lower()
                holders = np.array([r for r in rows
                                    if key in {x.strip().lower() for x in emps[r].roles}],
                                   dtype=np.intp)
                active = self.active[holders].sum(axis=0)
                wfo = (self.wfo[holders] & self.active[holders]).sum(axis=0)
                out.append(RoleFacts(u, role, int(minimum), holders, active, wfo))
        return out

    # ---- weeks --------------------------------------------------------------------------
    @cached_property
    def week_of(self) -> np.ndarray:
        """(D,) index of each date's ISO week among the checked weeks (dates ascending)."""
        keys = [d.isocalendar()[:2] for d in self.dates]
        index: dict[tuple[int, int], int] = {}
        return np.array([index.setdefault(k, len(index)) for k in keys], dtype=np.intp)

    @property
    def n_weeks(self) -> int:
        return int(self.week_of.max()) + 1 if len(self.dates) else 0

    def per_week(self, values: np.ndarray) -> np.ndarray:
        """Sum an ``(N, D)`` array over each ISO week: ``(N, W)``."""
        out = np.zeros((values.shape[0], self.n_weeks), dtype=np.int64)
        for w in range(self.n_weeks):
            out[:, w] = values[:, self.week_of == w].sum(axis=1)
        return out

    def weekly_limit_ud(self, cap: WeeklyCap) -> np.ndarray:
        """(U, D) the weekly limit ``cap`` (:mod:`asn_scheduler.rules.weekly`) sets under
        the policy of each unit-day; -1 where the day does not count."""
        return policy_limits(cap, [p for _, p in self.sources])[self.pol_ud]

    def weekly_limit_uw(self, cap: WeeklyCap) -> np.ndarray:
        """(U, W) ``cap``'s limit of each unit-week: the smallest among the policies in
        force that week whose days count towards it; -1 = none."""
        return week_limits(self.weekly_limit_ud(cap), self.week_of, self.n_weeks)

    @cached_property
    def flex_limit_uw(self) -> np.ndarray:
        """(U, W) the F1 limit of each unit-week (:meth:`weekly_limit_uw` of F1)."""
        return self.weekly_limit_uw(F1)

    @cached_property
    def flex_counts_ud(self) -> np.ndarray:
        """(U, D): WFH that day counts towards the unit's F1 weekly limit."""
        return self.weekly_limit_ud(F1) >= 0

    @cached_property
    def field_duty(self) -> np.ndarray:
        return np.array([e.field_duty for e in self.problem.employees], dtype=bool)


def derive(problem: Problem, scenario: Scenario, roster: Roster,
           dates: Sequence[date] | None = None) -> Facts:
    """The :class:`Facts` of ``roster`` for ``problem`` under ``scenario`` on ``dates``
    (see :func:`checked_dates`)."""
    days = checked_dates(problem, roster, dates)
    units = problem.units
    n_units, n_days = len(units), len(days)

    calendar = Calendar(days, problem.overrides)
    working_ud = np.zeros((n_units, n_days), dtype=bool)
    by_days: dict[tuple[object, ...], np.ndarray] = {}
    for u, unit in enumerate(units):
        key = calendar.pattern(unit)
        row = by_days.get(key)
        if row is None:
            row = np.array([calendar.is_working_day(unit, d) for d in days], dtype=bool)
            by_days[key] = row
        working_ud[u] = row

    sources = policy_sources(scenario)
    pol_ud = np.zeros((n_units, n_days), dtype=np.int8)
    scope_ud = np.zeros((n_units, n_days), dtype=bool)
    by_region: dict[str | None, tuple[np.ndarray, np.ndarray]] = {}
    for u, unit in enumerate(units):
        got = by_region.get(unit.region)
        if got is None:
            idx = np.array([_source_index(sources, scenario.policy_for(unit.region, d))
                            for d in days], dtype=np.int8)
            scope = np.array([scenario.in_scope(unit.region, d) for d in days], dtype=bool)
            got = by_region[unit.region] = (idx, scope)
        pol_ud[u], scope_ud[u] = got

    unit_pos = {unit.code: u for u, unit in enumerate(units)}
    unit_idx = np.array([unit_pos[e.unit_code] for e in problem.employees], dtype=np.intp)

    cuti = np.zeros((len(problem.employees), n_days), dtype=np.int8)
    ords = np.array([d.toordinal() for d in days], dtype=np.int64)
    kind_pos = {k: i + 1 for i, k in enumerate(ABSENCE_KINDS)}
    index = problem.employee_index
    for a in problem.absences:
        lo = np.searchsorted(ords, a.start.toordinal(), side="left")
        hi = np.searchsorted(ords, a.end.toordinal(), side="right")
        if lo < hi:
            cuti[index[a.nip], lo:hi] = kind_pos[a.kind]

    codes, problems = align(problem, roster, days, working_ud.any(axis=0))
    return Facts(problem, scenario, days, codes, unit_idx, working_ud, sources, pol_ud,
                 scope_ud, cuti, problems, dict(calendar.holidays),
                 dict(calendar.unit_holidays))


def _source_index(sources: tuple[tuple[str, Policy], ...], policy: Policy) -> int:
    for k, (_, p) in enumerate(sources):
        if p is policy:
            return k
    raise ValueError("scenario.policy_for returned a policy outside its baseline chain")
