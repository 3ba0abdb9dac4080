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

from asn_scheduler.domain.chain import carried_span
from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import CellChange, Roster, roster_changes
from asn_scheduler.engine.chain import Carried, PreviousRoster, cut_carried, pinned_carry
from asn_scheduler.engine.context import DECIDE, compile_problem
from asn_scheduler.engine.parallel import Cancel
from asn_scheduler.engine.result import Result
from asn_scheduler.engine.settings import Settings, given
from asn_scheduler.engine.solve import Pins, run
from asn_scheduler.scenario.model import Scenario


@dataclass(frozen=True)
class ReplanResult(Result):
    """A :class:`Result` with the cells changed against the published roster (date
    order, then staff order); empty when there is no roster."""

    changes: tuple[CellChange, ...] = ()
    carried: Carried | None = None


@dataclass(frozen=True, slots=True)
class KeptMismatch:
    """A day before ``--from`` where the published roster (kept as it is) and the input's
    leave disagree: ``published`` is the kept code, ``input`` what the workbook's leave
    says (an absence code, or WFO/WFH when the input has no absence that day)."""

    nip: str
    day: date
    published: str
    input: str


def kept_mismatches(problem: Problem, scenario: Scenario, published: Roster,
                    from_date: date) -> list[KeptMismatch]:
    """Days before ``from_date`` whose kept code disagrees with the input's leave: an
    absence in sheet Cuti that the published roster shows as a working day, or an absence
    in the published roster that sheet Cuti does not have. Re-planning keeps the past as
    published, so these are worth a planner's look (a sick day entered after the fact is
    a common one). Date order, then staff order."""
    dates = tuple(d for d in published.dates if d < from_date)
    if not dates:
        return []
    fixed = compile_problem(problem, scenario, dates).fixed
    where = {nip: i for i, nip in enumerate(published.nips)}
    col = {d: j for j, d in enumerate(published.dates)}
    out: list[KeptMismatch] = []
    for j, day in enumerate(dates):
        for e, emp in enumerate(problem.employees):
            r = where.get(emp.nip)
            if r is None:
                continue
            kept = Code(int(published.codes[r, col[day]]))
            mine = int(fixed[e, j])
            mine_absent = mine >= 0 and Code(mine).is_absence
            if kept is Code.LIBUR or mine == int(Code.LIBUR) or kept.is_absence == mine_absent:
                continue
            out.append(KeptMismatch(emp.nip, day, published.label(r, col[day]),
                                    Code(mine).name if mine_absent else "WFO/WFH"))
    return out


def replan(problem: Problem, scenario: Scenario, published: Roster, *, from_date: date,
           time_limit: float | None = None, seed: int | None = None,
           workers: int | None = None, goals: Sequence[str] | None = None,
           settings: Settings | None = None, cancel: Cancel | None = None,
           previous: PreviousRoster | None = None) -> ReplanResult:
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

    ``previous``: the days the published roster carried (a chained roster's ``Jadwal
    Sebelumnya``, :mod:`asn_scheduler.engine.chain`): they stay pinned before the roster's
    dates, so the shared week, the WFH runs and the carried fairness balance hold in the
    re-plan too, and the new workbook carries them on.
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
    from asn_scheduler.scope import scope_notes

    span = carried_span(previous.roster.dates, dates, len(previous.roster.dates))[0] \
        if previous is not None else ()
    if span:
        codes, other = pinned_carry(problem, previous, span)  # type: ignore[arg-type]
        pinned = np.concatenate([codes, pinned], axis=1)
        pub = np.concatenate([codes, pub], axis=1)
    cfg = given(settings, time_limit=time_limit, seed=seed, workers=workers)
    solved = run(problem, scenario, (*span, *dates), cfg, goals=tuple(goals),
                 pins=Pins(pinned, pub, check_from=week_start), cancel=cancel,
                 scope=tuple(scope_notes(problem, scenario, dates)))
    result = ReplanResult(**{f.name: getattr(solved, f.name)
                             for f in dataclasses.fields(Result)})
    if result.roster is None:
        return dataclasses.replace(result, dates=dates)
    if span:
        result = cut_carried(result, problem, scenario, span, codes, other,
                             previous.present, ())  # type: ignore[union-attr]
        pub = pub[:, len(span):]
    result = dataclasses.replace(result, roster=_keep_labels(result.roster, published, rows))
    changes = tuple(roster_changes(published, result.roster))
    return dataclasses.replace(result, changes=changes)


def _keep_labels(roster: Roster, published: Roster, rows: Sequence[tuple[int, int]]
                 ) -> Roster:
    """``roster`` with the text of every hand-typed absence (``SAKIT``) the published
    roster had where the new roster still holds an absence: a pinned past date keeps
    exactly what was typed, never a generic ``ABSEN``. ``rows``: (new row, published row)."""
    if not published.other_labels:
        return roster
    mine_of = {theirs: mine for mine, theirs in rows}
    absen = int(Code.ABSEN)
    labels = dict(roster.other_labels)
    for (r, c), text in published.other_labels.items():
        i = mine_of.get(r)
        if i is not None and roster.codes[i, c] == absen:
            labels[(i, c)] = text
    return Roster(roster.nips, roster.dates, roster.codes, labels)
