"""Rule L1 in its SE 19/2020 form: at least one official of each senior level in the office
on every working day, across the agency.

The rule couples units (the officials of one level sit in many units), which the
decomposition into independent parts cannot see; so the engine decides it before the
parts are built: per level and day, if no official of the level is already held in the
office by another rule, the one present official held least often so far (input order
breaking ties) is fixed WFO with reason L1. The burden rotates evenly, and every other
official stays free for WFH. The checker verifies the rule on the finished roster with its
own count (``checker/hard.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from asn_scheduler.domain.enums import Code, PositionLevel
from asn_scheduler.domain.model import Problem
from asn_scheduler.rules.data import holds_one_per_level
from asn_scheduler.scenario.model import Policy

DECIDE = -1  # context.DECIDE (context imports this module, so it cannot be imported here)


def hold_one_per_level(problem: Problem, policies: Sequence[Policy], policy_idx: np.ndarray,
                       seniors: Mapping[int, frozenset[PositionLevel]], emp_unit: np.ndarray,
                       fixed: np.ndarray) -> np.ndarray:
    """``(E, D)`` bool: the cells to fix WFO so that every senior level under a
    ``one_per_level`` policy has an official in the office on each date.

    Parameters
    ----------
    policies, policy_idx
        The policies in force and, per unit and date, the index of the one in force.
    seniors
        Per policy index, the senior levels (:func:`~asn_scheduler.rules.data.senior_levels`).
    emp_unit
        ``(E,)`` unit index of each employee.
    fixed
        ``(E, D)`` codes fixed so far (``DECIDE`` = open); not modified. A person is
        present on a date when the cell is open or WFO.
    """
    hold = np.zeros(fixed.shape, dtype=bool)
    if not any(holds_one_per_level(p) for p in policies):
        return hold
    level = np.array([e.position_type.rank for e in problem.employees], dtype=np.int64)
    pol_ed = policy_idx[emp_unit]
    open_ = fixed == DECIDE
    wfo = fixed == int(Code.WFO)
    for k, p in enumerate(policies):
        if not holds_one_per_level(p):
            continue
        for lv in sorted(seniors[k], key=lambda x: x.rank):
            officials = np.flatnonzero(level == lv.rank)
            if not officials.size:
                continue
            held = np.zeros(officials.size, dtype=np.int64)
            under = pol_ed[officials] == k
            for d in range(fixed.shape[1]):
                here = under[:, d]
                if (here & wfo[officials, d]).any():
                    continue
                free = np.flatnonzero(here & open_[officials, d])
                if not free.size:
                    continue  # nobody of the level present: nothing the roster can do
                pick = free[np.argmin(held[free])]  # argmin: the first in input order on ties
                held[pick] += 1
                hold[officials[pick], d] = True
    return hold
