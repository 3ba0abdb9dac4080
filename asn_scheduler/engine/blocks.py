"""Which working-day cells the eligibility rules keep out of WFH, compiled for the
whole problem (:func:`~asn_scheduler.engine.context.compile_problem`): the reason
index of :func:`~asn_scheduler.rules.data.wfh_block` per employee and date."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np

from asn_scheduler.domain.model import Employee, Problem
from asn_scheduler.parts.data import R
from asn_scheduler.rules.data import is_new_employee, wfh_block
from asn_scheduler.scenario.model import Policy


def block_reasons(problem: Problem, dates: tuple[date, ...], policies: tuple[Policy, ...],
                  policy_idx: np.ndarray, working: np.ndarray, unit_rows: list[np.ndarray],
                  seniors: Mapping[int, frozenset]) -> np.ndarray:
    """(E, D) reason index of :func:`wfh_block` on working days (0 = may be WFH).

    ``wfh_block`` depends on the day only through F3 (new in position), so it is called on
    one representative day per (employee, policy, new-or-not) group; and on the person
    only through the fields of ``_block_key``, so within a unit people alike share one
    call and are written together (65,000 staff: 130,000 calls became 26,000).
    """
    emps = problem.employees
    ords = np.array([d.toordinal() for d in dates], dtype=np.int64)
    begun = np.array([e.position_start.toordinal() if e.position_start is not None else 0
                      for e in emps], dtype=np.int64)
    dated = np.array([e.position_start is not None for e in emps], dtype=bool)
    out = np.zeros((len(emps), len(dates)), dtype=np.int8)
    for u, unit in enumerate(problem.units):
        rows = unit_rows[u]
        seen: dict[tuple, int] = {}
        for k in np.unique(policy_idx[u][working[u]]).tolist():
            policy, sen = policies[k], seniors[k]
            cols = np.flatnonzero(working[u] & (policy_idx[u] == k))
            first = dates[cols[0]]
            # new in position on some of the dates but not all: one call per part
            since = ords[cols][:, None] - begun[rows][None, :] < policy.new_employee_days
            f3 = "F3" in policy.eligibility
            mixed = (dated[rows] & since.any(axis=0) & ~since.all(axis=0)) if f3 else None
            alike: dict[int, list[int]] = {}
            for j, i in enumerate(rows.tolist()):
                emp = emps[i]
                parts = [cols]
                if mixed is not None and mixed[j]:
                    parts = [cols[since[:, j]], cols[~since[:, j]]]
                for part in parts:
                    if not part.size:
                        continue
                    day = first if len(parts) == 1 else dates[part[0]]
                    key = _block_key(emp, k, day, policy)
                    if key not in seen:
                        r = wfh_block(emp, unit, day, policy, sen)
                        seen[key] = R[r] if r else 0
                    if len(parts) == 1:
                        alike.setdefault(seen[key], []).append(i)
                    else:
                        out[i, part] = seen[key]
            for value, same in alike.items():
                if value:
                    out[np.ix_(same, cols)] = value
    return out


def _block_key(emp: Employee, group: int, day: date, policy: Policy) -> tuple:
    """What :func:`wfh_block` reads of ``emp`` on ``day`` within one unit and policy
    group: equal keys give equal answers (keep it in step with ``wfh_block``)."""
    new = "F3" in policy.eligibility and is_new_employee(emp, day, policy.new_employee_days)
    return (group, emp.position_type, emp.flex_eligible, emp.discipline, new)
