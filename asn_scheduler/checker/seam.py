"""The seam between a roster and the published one before it (``check --previous``).

Each roster may obey every rule on its own days while the two together break one: the
ISO week they share can hold more WFH days than the weekly cap (F1), and a run of WFH
days can cross the boundary beyond ``max_consecutive_wfh`` (Q3). The audit checks the
carried days and the roster together with the same checker and reports what appears
only together, on the roster's own days (the previous roster's own faults are its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from asn_scheduler.checker import check
from asn_scheduler.checker.report import CheckReport
from asn_scheduler.checker.rotation import wfh_runs
from asn_scheduler.domain.chain import carried_span, join
from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import Roster
from asn_scheduler.i18n import Msg
from asn_scheduler.rules.violation import Violation
from asn_scheduler.scenario.model import Scenario

MSG_LONG_RUN = Msg("deret {n} hari WFH berturut-turut melintasi batas periode (mulai {d}), "
                   "paling banyak {limit}",
                   "a run of {n} WFH days crosses the period boundary (from {d}), at most "
                   "{limit}")


@dataclass(frozen=True)
class SeamAudit:
    """What the seam adds: ``carried`` dates, hard ``violations`` that appear only with
    them (on the roster's days), ``long_runs`` (Q3 runs over the limit that cross the
    boundary, as soft violations), and ``notes`` for the planner."""

    carried: tuple[date, ...]
    violations: tuple[Violation, ...]
    long_runs: tuple[Violation, ...]
    notes: tuple[Msg, ...]

    @property
    def compliant(self) -> bool:
        """No hard rule broken across the seam."""
        return not self.violations


def audit_seam(problem: Problem, scenario: Scenario, before: Roster, roster: Roster,
               own: CheckReport, horizon_days: int) -> SeamAudit:
    """Audit ``roster`` together with the days of ``before`` that end the day before it.

    ``before`` has the same rows as ``roster`` (a previous roster aligned with the
    problem's staff); ``own`` is the checker's report on ``roster`` alone.
    """
    span, notes = carried_span(before.dates, roster.dates, horizon_days)
    if not span:
        return SeamAudit((), (), (), tuple(notes))
    cols = [before.dates.index(d) for d in span]
    carried = Roster(before.nips, span, before.codes[:, cols],
                     {(i, cols.index(j)): lab for (i, j), lab in before.other_labels.items()
                      if j in cols})
    ext = join(carried, roster)
    together = check(problem, scenario, ext, dates=ext.dates)
    seen = {(v.rule, v.nip, v.unit, v.day) for v in own.hard_violations}
    first = roster.dates[0]
    new = tuple(v for v in together.hard_violations
                if v.day is not None and v.day >= first
                and (v.rule, v.nip, v.unit, v.day) not in seen)
    limit = scenario.max_consecutive_wfh
    k = len(span)
    runs = wfh_runs(ext.codes == int(Code.WFH), ext.codes != int(Code.LIBUR), limit)
    long_runs = []
    for row, start, length in runs.long_runs:
        if start >= k:
            continue
        # a run that starts in the carried days crosses when it reaches a roster day
        work = np.flatnonzero(ext.codes[row, start:] != int(Code.LIBUR))
        end = start + int(work[length - 1]) if length <= work.size else ext.codes.shape[1] - 1
        if end >= k:
            long_runs.append(Violation(
                "Q3", MSG_LONG_RUN.format(n=length, d=ext.dates[start].isoformat(), limit=limit),
                nip=ext.nips[row], day=ext.dates[start], amount=length - limit))
    return SeamAudit(span, new, tuple(long_runs), tuple(notes))
