"""What a run does when the plan leaves a part without a roster.

- Field duty (PermenPANRB 4/2025 Ps 13): the plan holds field-duty staff to their
  colleagues' weekly allowance (rules.md, field duty); where that leaves a part
  infeasible, the part is solved again with the law's exemption.
- Best effort (``solve --best-effort``): whether every part in conflict has a
  least-excess roster (:mod:`asn_scheduler.engine.exact`) to write instead.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from asn_scheduler.engine.context import Context
from asn_scheduler.parts.data import PartData, PartOutcome, PartStatus, WeeklyLimit


def free_field_duty(ctx: Context, datas: list[PartData], outcomes: dict[int, PartOutcome]
                     ) -> list[int]:
    """The infeasible parts whose field-duty staff the plan held to their colleagues'
    weekly allowance, made again with the law's exemption (F1 does not bind them, PermenPANRB
    4/2025 Ps 13): the allowance is what the plan *asks* of them (rules.md, field duty),
    never a reason to leave an office without a roster. ``datas`` is updated in place;
    returns the parts to solve again."""
    field = np.array([e.field_duty for e in ctx.problem.employees], dtype=bool)
    out = []
    for i, o in outcomes.items():
        d = datas[i]
        if o.status is not PartStatus.INFEASIBLE or not (field[d.rows] & ~d.field_duty).any():
            continue
        law = field[d.rows]
        weekly = tuple(WeeklyLimit(w.rule, w.counts, w.limit, w.exempt | law)
                       if w.rule == "F1" else w for w in d.weekly)
        datas[i] = dataclasses.replace(d, field_duty=d.field_duty | law, weekly=weekly)
        out.append(i)
    return out


def can_relax(outcomes: dict[int, PartOutcome], conflicts: dict[int, list],
               relaxed: dict) -> bool:
    """Whether a best-effort roster exists: every part in conflict has its least-excess
    roster, and every other part a roster of its own."""
    return (all(i in relaxed for i in conflicts)
            and all(o.wfh is not None for i, o in outcomes.items() if i not in conflicts))
