"""Re-planning a published roster after something changed (a sick day, a new absence).

Dates before ``from_date`` keep their published codes (they happened); later dates are
solved again with goal Q5 — change as few cells as possible against the published
roster.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import Roster
from asn_scheduler.engine.context import DECIDE, compile_problem
from asn_scheduler.engine.parallel import Cancel
from asn_scheduler.engine.result import Result
from asn_scheduler.engine.settings import Settings, given
from asn_scheduler.engine.solve import Pins, run
from asn_scheduler.scenario.model import Scenario


@dataclass(frozen=True, slots=True)
class CellChange:
    """One cell whose code differs from the published roster."""

    nip: str
    day: date
    before: Code
    after: Code


@dataclass(frozen=True)
class ReplanResult(Result):
    """A :class:`Result` with the cells changed against the published roster (date
    order, then staff order); empty when there is no roster."""

    changes: tuple[CellChange, ...] = ()


def replan(problem: Problem, scenario: Scenario, published: Roster, *, from_date: date,
           time_limit: float | None = None, seed: int | None = None,
           workers: int | None = None, goals: Sequence[str] | None = None,
           settings: Settings | None = None, cancel: Cancel | None = None) -> ReplanResult:
    """Re-solve ``published`` from ``from_date`` on, changing as few cells as possible.

    The dates are the published roster's. Before ``from_date`` every cell keeps its
    published code (staff missing from it keep what the rules fix, else WFO). From
    ``from_date`` on the roster is solved again; goal Q5 counts the cells that differ from
    the published roster.

    ``goals`` defaults to the scenario's order with Q5 last: the plan stays as good as a
    fresh one on Q0–Q4, and among equally good plans the one closest to the published
    roster wins. A planner may put Q5 earlier — e.g. ``("Q0", "Q1", "Q5", "Q2", "Q3",
    "Q4")`` — when staff have already arranged their week around the published days
    (childcare, commuting, meetings): then only the WFH allowance and fairness are worth
    changing a published day for, not preferences, rotation or team days.

    Violations the checker finds before the week of ``from_date`` (in what was published)
    are reported in ``result.report``, not treated as a solver bug. ``settings``,
    ``time_limit``, ``seed``, ``workers`` and ``cancel``: as for
    :func:`~asn_scheduler.engine.solve.solve`.
    """
    dates = tuple(published.dates)
    if goals is None:
        goals = (*[g for g in scenario.goals if g != "Q5"], "Q5")
    shape = (len(problem.employees), len(dates))
    pub = np.full(shape, DECIDE, dtype=np.int8)
    where = {nip: i for i, nip in enumerate(published.nips)}
    rows = [(i, where[e.nip]) for i, e in enumerate(problem.employees) if e.nip in where]
    if rows:
        mine, theirs = (np.array(x, dtype=np.intp) for x in zip(*rows, strict=True))
        pub[mine] = published.codes[theirs]
    past = np.array([d < from_date for d in dates], dtype=bool)
    pinned = np.full(shape, DECIDE, dtype=np.int8)
    pinned[:, past] = pub[:, past]
    if (pinned[:, past] == DECIDE).any():  # staff the published roster lacks
        fixed = compile_problem(problem, scenario, dates).fixed
        fallback = np.where(fixed == DECIDE, int(Code.WFO), fixed).astype(np.int8)
        pinned[:, past] = np.where(pub[:, past] != DECIDE, pub[:, past], fallback[:, past])
    week_start = from_date - timedelta(days=from_date.weekday())
    cfg = given(settings, time_limit=time_limit, seed=seed, workers=workers)
    solved = run(problem, scenario, dates, cfg, goals=tuple(goals),
                 pins=Pins(pinned, pub, check_from=week_start), cancel=cancel)
    result = ReplanResult(**{f.name: getattr(solved, f.name)
                             for f in dataclasses.fields(Result)})
    if result.roster is None:
        return result
    new = result.roster.codes
    diff = (pub != DECIDE) & (new != pub)
    changes = tuple(CellChange(problem.employees[e].nip, dates[d], Code(int(pub[e, d])),
                               Code(int(new[e, d])))
                    for d, e in sorted(zip(*np.nonzero(diff.T), strict=True)))
    return dataclasses.replace(result, changes=changes)
