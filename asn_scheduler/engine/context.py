"""Compile a problem, a scenario and dates into arrays (numpy only, no solver).

Every employee × date cell is either **fixed** (a code decided by a rule, with the rule's
ID kept for explanations) or a **decision** (WFO or WFH is the solver's choice):

- ``LIBUR`` on the unit's non-working days (C1);
- the absence code (:attr:`AbsenceKind.code`) on an absent working day (C2);
- ``WFO`` where a rule keeps the person out of WFH: the unit-day is outside the scenario's
  window or region and the regime in force allows no WFH (E1), else
  :func:`~asn_scheduler.rules.data.wfh_block` (S1, L1, F4, F2, F3, or S2 for a 0% cap), a
  compulsory office day (K1), or the day's cap rounds down to 0 people (S2);
- in re-planning, the published code on pinned dates (``PUB``).

Per unit × date: active staff (present on a working day, seniors included), the S2 cap,
the P1 ceiling, role needs (S3), the policy in force (E1). Per building × date: the seats
(B1). Per unit × ISO week: the F1 limit. What each rule means comes from
:mod:`asn_scheduler.rules.data`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from asn_scheduler.domain.calendar import Calendar
from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.model import MAX_PERIOD_DAYS, Employee, Problem
from asn_scheduler.engine.blocks import block_reasons
from asn_scheduler.engine.seniors import hold_one_per_level
from asn_scheduler.i18n import Msg
from asn_scheduler.parts.data import DECIDE as DECIDE
from asn_scheduler.parts.data import GOAL_FILL as GOAL_FILL
from asn_scheduler.parts.data import GOAL_NONE as GOAL_NONE
from asn_scheduler.parts.data import GOAL_WEEKLY as GOAL_WEEKLY
from asn_scheduler.parts.data import REASONS as REASONS
from asn_scheduler.parts.data import R as R
from asn_scheduler.parts.data import RoleNeed, WeeklyLimit
from asn_scheduler.rules.data import (
    office_day,
    role_need,
    senior_levels,
    wfh_cap,
    wfo_ceiling,
)
from asn_scheduler.rules.weekly import (
    WEEKLY_CAPS,
    WeeklyCap,
    exempt_rows,
    policy_limits,
    week_limits,
)
from asn_scheduler.scenario.model import Policy, Scenario


class PeriodError(ValueError):
    """No roster dates: neither the command line, the workbook nor the scenario gives them."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(msg.en)


MSG_NO_PERIOD = Msg(
    "Tanggal jadwal tidak diketahui: beri --start dan --end, atau isi lembar Periode "
    "(skenario {s} tidak punya rentang tanggal tetap).",
    "No roster dates: give --start and --end, or fill in sheet Periode (scenario {s} has "
    "no fixed date window).")
MSG_BAD_PERIOD = Msg("Tanggal akhir {end} sebelum tanggal mulai {start}.",
                     "End date {end} is before start date {start}.")

MSG_LONG_PERIOD = Msg("Periode {start}..{end} terlalu panjang ({n} hari; paling lama "
                      f"{MAX_PERIOD_DAYS} hari). Buat jadwal per tahun.",
                      "The period {start}..{end} is too long ({n} days; at most "
                      f"{MAX_PERIOD_DAYS} days). Make the roster one year at a time.")


def resolve_dates(problem: Problem, scenario: Scenario, start: date | None = None,
                  end: date | None = None) -> tuple[date, ...]:
    """The roster dates: command-line dates > ``problem.period`` > the scenario's
    ``default_period`` > :class:`PeriodError`.

    With only one of ``start``/``end`` given, the other comes from the next source that
    has a period (a lone ``start`` with no other source runs to itself).
    """
    fallback = problem.period or scenario.default_period
    if start is None and end is None:
        if fallback is None:
            raise PeriodError(MSG_NO_PERIOD.format(s=scenario.id))
        start, end = fallback.start, fallback.end
    else:
        start = start or (fallback.start if fallback else end)
        end = end or (fallback.end if fallback else start)
    if end < start:  # type: ignore[operator]
        raise PeriodError(MSG_BAD_PERIOD.format(start=start, end=end))
    n = (end - start).days + 1  # type: ignore[operator]
    if n > MAX_PERIOD_DAYS:
        raise PeriodError(MSG_LONG_PERIOD.format(start=start, end=end, n=n))
    return tuple(date.fromordinal(start.toordinal() + i) for i in range(n))  # type: ignore[union-attr]


@dataclass(eq=False)
class Context:
    """A compiled problem. ``E`` employees (input order), ``U`` units, ``D`` dates,
    ``B`` buildings, ``W`` ISO weeks. Arrays are read-only by convention."""

    problem: Problem
    scenario: Scenario
    dates: tuple[date, ...]
    policies: tuple[Policy, ...]
    emp_unit: np.ndarray        # (E,) unit index
    fixed: np.ndarray           # (E, D) int8 Code or DECIDE
    reason: np.ndarray          # (E, D) int8 index into REASONS
    working: np.ndarray         # (U, D) bool (C1)
    policy_idx: np.ndarray      # (U, D) index into ``policies`` (E1)
    in_scope: np.ndarray        # (U, D) bool: the scenario's own policy applies
    active: np.ndarray          # (U, D) present staff on a working day
    cap: np.ndarray             # (U, D) most WFH (S2); 0 on non-working days
    ceiling: np.ndarray         # (U, D) P1 most WFO, -1 when no table
    goal_kind: np.ndarray       # (U, D) GOAL_FILL / GOAL_NONE / GOAL_WEEKLY
    goal_k: np.ndarray          # (U, D) k of GOAL_WEEKLY, else -1
    week: np.ndarray            # (D,) ISO-week index
    field_duty: np.ndarray      # (E,) bool: exempt from F1 in the plan (see _field_duty)
    preferred: np.ndarray       # (E, D) bool: a preferred WFH weekday
    team: np.ndarray            # (E,) team index (unit-scoped), -1 = none
    roles: list[RoleNeed]       # S3, with the unit and holder rows of the whole problem
    building_units: list[np.ndarray]   # (B,) unit indices housed in each building
    b1_cap: np.ndarray          # (B, D) seats, -1 where B1 is off that day
    pinned_day: np.ndarray      # (D,) bool: every cell of the date is pinned (re-planning)
    published: np.ndarray | None = None  # (E, D) int8 published codes (Q5), or None
    pinned_open: np.ndarray | None = None  # (E, D) pinned cells the rules left open (Q1)
    unit_rows: list[np.ndarray] = field(default_factory=list)
    weekly: tuple[WeeklyLimit, ...] = ()  # every weekly cap (rules.weekly), F1 among them

    @property
    def f1_limit(self) -> np.ndarray:
        """(U, W) F1's weekly limit, −1 = none (its :attr:`weekly` entry)."""
        return next(w for w in self.weekly if w.rule == "F1").limit

    @property
    def f1_counts(self) -> np.ndarray:
        """(U, D) WFH that day counts towards F1 (its :attr:`weekly` entry)."""
        return next(w for w in self.weekly if w.rule == "F1").counts


def per_unit(ctx: Context, mask: np.ndarray) -> np.ndarray:
    """``(U, D)`` counts of an ``(E, D)`` mask per unit and date."""
    n_units, n_days = ctx.working.shape
    flat = (ctx.emp_unit[:, None] * n_days + np.arange(n_days)).ravel()
    counts = np.bincount(flat, weights=mask.ravel(), minlength=n_units * n_days)
    return counts.reshape(n_units, n_days).astype(np.int64)


def compile_problem(problem: Problem, scenario: Scenario, dates: tuple[date, ...],
                    pinned: np.ndarray | None = None) -> Context:
    """Compile ``problem`` under ``scenario`` on ``dates``.

    ``pinned`` (re-planning) is an ``(E, D)`` int8 array of codes to keep, ``DECIDE``
    elsewhere; pinned cells are fixed with reason ``PUB`` whatever the rules say (they are
    what was published).
    """
    units = problem.units
    emps = problem.employees
    n_emp, n_units, n_days = len(emps), len(units), len(dates)
    unit_pos = {u.code: i for i, u in enumerate(units)}
    emp_unit = np.array([unit_pos[e.unit_code] for e in emps], dtype=np.intp)
    order = np.argsort(emp_unit, kind="stable")
    bounds = np.searchsorted(emp_unit[order], np.arange(n_units + 1))
    unit_rows = [order[bounds[u]:bounds[u + 1]] for u in range(n_units)]

    weekday = np.array([d.weekday() for d in dates], dtype=np.int8)
    working = Calendar(dates, problem.overrides).working_matrix(units)

    policies, policy_idx, in_scope = _policies(problem, scenario, dates)

    # C1, C2
    fixed = np.full((n_emp, n_days), DECIDE, dtype=np.int8)
    reason = np.zeros((n_emp, n_days), dtype=np.int8)
    work_ed = working[emp_unit]
    ords = np.array([d.toordinal() for d in dates], dtype=np.int64)
    index = problem.employee_index
    for a in problem.absences:  # later rows win where absences overlap
        cols = (ords >= a.start.toordinal()) & (ords <= a.end.toordinal())
        i = index[a.nip]
        fixed[i, cols & work_ed[i]] = int(a.kind.code)
        reason[i, cols & work_ed[i]] = R["C2"]
    fixed[~work_ed] = int(Code.LIBUR)
    reason[~work_ed] = R["C1"]
    present = fixed == DECIDE
    active = np.zeros((n_units, n_days), dtype=np.int64)
    np.add.at(active, emp_unit, present.astype(np.int64))

    # WFH blocks (S1, L1, F2–F4, S2 at 0%, E1) and the per unit-day figures
    cap = np.zeros((n_units, n_days), dtype=np.int64)
    ceiling = np.full((n_units, n_days), -1, dtype=np.int64)
    for u, unit in enumerate(units):
        caps: dict[tuple[int, int], int] = {}  # by (policy, active): few over the dates
        for d, k, a in zip(*(x.tolist() for x in (np.flatnonzero(working[u]),
                                                   policy_idx[u][working[u]],
                                                   active[u][working[u]])), strict=True):
            p = policies[k]
            if (k, a) not in caps:
                caps[k, a] = wfh_cap(unit, p, a)
            cap[u, d] = caps[k, a]
            if p.wfo_max is not None:  # else wfo_ceiling is None: no table
                c = wfo_ceiling(unit, p, a, dates[d])
                ceiling[u, d] = -1 if c is None else c
    seniors = _seniors(problem, policies)
    block = block_reasons(problem, dates, policies, policy_idx, working, unit_rows, seniors)
    pct = np.array([[p.cap_pct(unit) for p in policies] for unit in units], dtype=float)
    pct_ud = np.take_along_axis(pct.reshape(n_units, len(policies)), policy_idx, axis=1)
    e1_ud = working & ~in_scope & (pct_ud <= 0)
    block[e1_ud[emp_unit]] = R["E1"]
    office = np.array([[office_day(p, day) for day in dates] for p in policies],
                      dtype=bool).reshape(len(policies), n_days)
    k1_ud = working & office[policy_idx, np.arange(n_days)[None, :]]
    block[(block == 0) & k1_ud[emp_unit]] = R["K1"]
    block[(block == 0) & (cap == 0)[emp_unit]] = R["S2"]
    hold = present & (block > 0)
    fixed[hold] = int(Code.WFO)
    reason[hold] = block[hold]
    one = hold_one_per_level(problem, policies, policy_idx, seniors, emp_unit, fixed)
    fixed[one] = int(Code.WFO)
    reason[one] = R["L1"]

    pinned_day = np.zeros(n_days, dtype=bool)
    pinned_open = None
    if pinned is not None:
        pin = pinned != DECIDE
        pinned_open = pin & (fixed == DECIDE)
        fixed[pin] = pinned[pin]
        reason[pin] = R["PUB"]
        pinned_day = pin.all(axis=0) if n_emp else pinned_day

    week = _weeks(dates)
    goal_kind, goal_k = _goal(policies, policy_idx)
    weekly = tuple(_weekly_limit(cap, policies, policy_idx, week, emps) for cap in WEEKLY_CAPS)
    weekly, plan_exempt = _field_duty(fixed, emp_unit, week, weekly)
    roles = _roles(problem, policies, policy_idx, working, present, unit_rows)
    building_units, b1_cap = _buildings(problem, policies, policy_idx,
                                        working & ~e1_ud & ~k1_ud)
    preferred = np.zeros((n_emp, n_days), dtype=bool)
    team = np.full(n_emp, -1, dtype=np.int64)
    teams: dict[tuple[int, str], int] = {}
    liked: dict[frozenset, np.ndarray] = {}  # few distinct weekday sets among many staff
    for i, e in enumerate(emps):
        if e.preferred_wfh_days:
            days = frozenset(e.preferred_wfh_days)
            if days not in liked:
                liked[days] = np.isin(weekday, sorted(days))
            preferred[i] = liked[days]
        if e.team:
            team[i] = teams.setdefault((int(emp_unit[i]), e.team.strip().lower()), len(teams))
    return Context(
        problem=problem, scenario=scenario, dates=tuple(dates), policies=policies,
        emp_unit=emp_unit, fixed=fixed, reason=reason, working=working,
        policy_idx=policy_idx, in_scope=in_scope, active=active, cap=cap, ceiling=ceiling,
        goal_kind=goal_kind, goal_k=goal_k, week=week, field_duty=plan_exempt,
        preferred=preferred, team=team, roles=roles, building_units=building_units,
        b1_cap=b1_cap, pinned_day=pinned_day, unit_rows=unit_rows, pinned_open=pinned_open,
        weekly=weekly,
    )


def _policies(problem: Problem, scenario: Scenario, dates: tuple[date, ...]
              ) -> tuple[tuple[Policy, ...], np.ndarray, np.ndarray]:
    """Distinct policies in force (by identity, first seen first) and, per unit-day, the
    index of the one in force and whether the scenario's own window covers it."""
    policies: list[Policy] = []
    seen: dict[int, int] = {}
    n_units = len(problem.units)
    idx = np.zeros((n_units, len(dates)), dtype=np.intp)
    scope = np.zeros((n_units, len(dates)), dtype=bool)
    by_region: dict[str | None, tuple[np.ndarray, np.ndarray]] = {}
    for u, unit in enumerate(problem.units):
        got = by_region.get(unit.region)
        if got is None:
            row = np.zeros(len(dates), dtype=np.intp)
            for d, day in enumerate(dates):
                p = scenario.policy_for(unit.region, day)
                if id(p) not in seen:
                    seen[id(p)] = len(policies)
                    policies.append(p)
                row[d] = seen[id(p)]
            srow = np.array([scenario.in_scope(unit.region, day) for day in dates], dtype=bool)
            got = by_region[unit.region] = (row, srow)
        idx[u], scope[u] = got
    return tuple(policies), idx, scope


def _seniors(problem: Problem, policies: tuple[Policy, ...]) -> dict[int, frozenset]:
    """Per policy index, L1's senior levels (policies alike share one scan of the staff)."""
    by: dict[tuple, frozenset] = {}
    out = {}
    for k, p in enumerate(policies):
        key = (p.senior_levels_wfo, tuple(p.senior_levels))
        if key not in by:
            by[key] = senior_levels(problem, p.senior_levels_wfo, p.senior_levels)
        out[k] = by[key]
    return out


def _weeks(dates: tuple[date, ...]) -> np.ndarray:
    keys: dict[tuple[int, int], int] = {}
    return np.array([keys.setdefault(tuple(d.isocalendar())[:2], len(keys)) for d in dates],
                    dtype=np.intp)


def _goal(policies: tuple[Policy, ...], policy_idx: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray]:
    """Q0 goal kind and k per unit-day."""
    kind = np.array([GOAL_FILL if p.wfh_goal == "fill" else GOAL_NONE if p.wfh_goal == "none"
                     else GOAL_WEEKLY for p in policies], dtype=np.int8)
    k = np.array([p.wfh_goal if isinstance(p.wfh_goal, int) else -1 for p in policies])
    return kind[policy_idx], k[policy_idx]


def _weekly_limit(cap: WeeklyCap, policies: tuple[Policy, ...], policy_idx: np.ndarray,
                  week: np.ndarray, employees: Sequence[Employee]) -> WeeklyLimit:
    """``cap`` compiled: the days that count per unit-day, the limit per unit-week (the
    smallest among the policies in force that week whose days count), whom it spares."""
    limit_ud = policy_limits(cap, policies)[policy_idx]
    return WeeklyLimit(cap.rule, limit_ud >= 0, week_limits(limit_ud, week),
                       exempt_rows(cap, employees))


def _field_duty(fixed: np.ndarray, emp_unit: np.ndarray, week: np.ndarray,
                weekly: tuple[WeeklyLimit, ...]) -> tuple[tuple[WeeklyLimit, ...], np.ndarray]:
    """F1 as the plan applies it, and (E,) who the plan exempts from it.

    Field duty (Ps 13) *permits* more flexible days; it never sends anyone home. So the plan
    gives field-duty staff the weekly allowance of their colleagues (F1's limit, the Q0
    target under ``fill``), and ``check`` (which reads F1's own exemption) still accepts
    more. Only a field-duty person whose published, pinned days (re-planning, chaining)
    already exceed the allowance in some week stays exempt, so the plan can keep them.
    """
    f1 = next((w for w in weekly if w.rule == "F1"), None)
    if f1 is None:
        return weekly, np.zeros(fixed.shape[0], dtype=bool)
    field = f1.exempt
    over = np.zeros_like(field)
    if field.any() and (f1.limit >= 0).any():
        counted = (fixed == int(Code.WFH)) & f1.counts[emp_unit]
        for w in range(f1.limit.shape[1]):
            lim = f1.limit[emp_unit, w]
            over |= (lim >= 0) & (counted[:, week == w].sum(axis=1) > lim)
    plan = field & over
    out = tuple(WeeklyLimit(w.rule, w.counts, w.limit, plan) if w is f1 else w for w in weekly)
    return out, plan


def _roles(problem: Problem, policies: tuple[Policy, ...], policy_idx: np.ndarray,
           working: np.ndarray, present: np.ndarray, unit_rows: list[np.ndarray]
           ) -> list[RoleNeed]:
    """Per unit and role with a minimum: holders and the in-office need per date (S3)."""
    on = np.array([p.role_minimums for p in policies], dtype=bool)[policy_idx] & working
    out = []
    for u, unit in enumerate(problem.units):
        tags: list[frozenset[str]] | None = None  # the unit's staff's roles, normalised once
        for role, minimum in sorted(unit.role_minimums.items()):
            key = role.strip().lower()
            if minimum <= 0:
                continue
            if tags is None:
                tags = [frozenset(r.strip().lower() for r in problem.employees[i].roles)
                        for i in unit_rows[u].tolist()]
            holders = np.array([i for i, t in zip(unit_rows[u].tolist(), tags, strict=True)
                                if key in t], dtype=np.intp)
            act = present[holders].sum(axis=0) if holders.size else np.zeros(len(on[u]), int)
            needs: dict[int, int] = {}  # by active holders: a few values over the dates
            for a_ in set(act[on[u]].tolist()):
                needs[a_] = role_need(unit, role, a_)
            need = np.array([needs[a_] if o else 0 for o, a_ in
                             zip(on[u].tolist(), act.tolist(), strict=True)], dtype=np.int64)
            if need.any():
                out.append(RoleNeed(u, role, holders, need))
    return out


def _buildings(problem: Problem, policies: tuple[Policy, ...], policy_idx: np.ndarray,
               flexible: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Units per building and seats per date; B1 applies on a date when the policy in
    force for a unit housed there turns ``building_capacity`` on on a day a flexible-work
    regime applies to it (``flexible``: a working day that is not E1's, i.e. inside the
    scenario or under a baseline that allows the unit WFH). Seats are seats: every housed
    unit counts. On an ordinary office day (every housed unit under a regime without WFH)
    no roster can empty a seat, so an over-full building is reported by the checker
    instead (rules.md, decisions); nor on a compulsory office day (K1), when nobody can be
    sent home either."""
    on = np.array([p.building_capacity for p in policies], dtype=bool)[policy_idx] & flexible
    members = []
    caps = np.full((len(problem.buildings), policy_idx.shape[1]), -1, dtype=np.int64)
    for b, bld in enumerate(problem.buildings):
        us = np.array([u for u, unit in enumerate(problem.units) if unit.building == bld.name],
                      dtype=np.intp)
        members.append(us)
        if us.size:
            caps[b, on[us].any(axis=0)] = bld.capacity
    return members, caps
