"""Reference (a): the A/B rotation a planner makes by hand.

The roster most offices actually publish when a circular says "at most half may work from
home": every unit is split into two halves that alternate. Per unit, staff in the order
of the staff list; group A is the first ``ceil(n/2)``, group B the rest. Counting the
unit's working days in the period (1, 2, 3, …), A works from home on the odd ones and B
on the even ones.

What it honours — the cells any planner knows without a rule book:

- non-working days and holidays are ``LIBUR`` (C1), recorded leave keeps its code (C2);
- direct-service units (S1) and the two top structural levels (L1) are always WFO;
- outside the circular's dates or region everybody is in the office (E1): a planner knows
  when the circular is in force.

What it does not: the exact cap arithmetic (an odd-sized unit puts ``ceil(n/2)`` at home,
and absences shrink the denominator: S2), role minimums (a unit's two cashiers may share a
half: S3), the weekly limit (alternate days give three WFH days in some weeks: F1), personal
eligibility (F2 discipline, F3 new in position, F4 job not suited), building seats (B1),
preferences, fairness to people on leave and teams. The checker scores it exactly like a
solver roster, so the comparison is like for like.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import Roster
from asn_scheduler.engine.context import R, compile_problem
from asn_scheduler.scenario.model import Scenario

KEPT_CODES = ("C1", "C2")
"""Rules whose fixed code (``LIBUR``, the absence code) the hand split keeps."""
KEPT_WFO = ("S1", "L1", "E1")
"""Rules whose WFO the hand split keeps."""


def hand_split(problem: Problem, scenario: Scenario, dates: Sequence[date]) -> Roster:
    """The A/B rotation of ``problem`` on ``dates`` (see the module docstring).

    Rows follow ``problem.employees`` (input order), columns ``dates``. Which cells are
    holidays, absences, direct-service, senior or out-of-window comes from
    :func:`~asn_scheduler.engine.context.compile_problem` (the same facts the engine
    starts from); nothing else of the rules is applied. Deterministic: no randomness.
    """
    ctx = compile_problem(problem, scenario, tuple(dates))
    ordinal = np.cumsum(ctx.working, axis=1)          # (U, D) unit's working-day number
    odd = ctx.working & (ordinal % 2 == 1)
    even = ctx.working & (ordinal % 2 == 0)
    wfh = np.zeros(ctx.fixed.shape, dtype=bool)
    for u, rows in enumerate(ctx.unit_rows):
        # unit_rows come from a stable sort by unit: the staff list's order within the unit
        half = (len(rows) + 1) // 2
        wfh[rows[:half]] = odd[u]
        wfh[rows[half:]] = even[u]
    codes = np.full(ctx.fixed.shape, int(Code.WFO), dtype=np.int8)
    kept = np.isin(ctx.reason, [R[r] for r in KEPT_CODES])
    codes[kept] = ctx.fixed[kept]
    office = kept | np.isin(ctx.reason, [R[r] for r in KEPT_WFO])
    codes[wfh & ~office] = int(Code.WFH)
    return Roster(tuple(e.nip for e in problem.employees), tuple(dates), codes)
