"""Rosters that chain from the published one (``solve --previous``).

A roster is solved together with the days of the published roster(s) before it: those
days are *pinned* to their published codes (they happened, or are promised) and the
period's days are decided. Every rule then sees both, with no special case per rule:

- a weekly cap (F1) counts the published days of the ISO week the two periods share;
- runs of WFH days (``max_consecutive_wfh``, Q3) continue across the boundary, and so
  does the fortnight pattern's phase;
- fairness (Q1) is measured over the whole horizon, so someone short-changed last month
  by role cover or leave is evened out this month, within the caps.

Only the period's days are written; what was carried is recorded in the roster workbook
(``Jadwal Sebelumnya``) so the next month chains from the published workbook alone.
People who joined since the previous roster carry nothing (their carried days are
absences of kind ``BARU``: no fairness debt either way); people who left are named.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import TypeVar

import numpy as np

from asn_scheduler.checker.report import CheckReport
from asn_scheduler.domain.chain import carried_span
from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import Roster
from asn_scheduler.engine.context import DECIDE
from asn_scheduler.engine.parallel import Cancel
from asn_scheduler.engine.result import Result
from asn_scheduler.engine.settings import Settings
from asn_scheduler.engine.solve import Pins, Progress, run
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario.model import Scenario

R = TypeVar("R", bound=Result)

HORIZON_DAYS = 92
"""Default fairness horizon: about three months of published days before the period."""

JOINED_CODE = "BARU"
"""The absence label of a carried day of someone not in the previous roster."""

MSG_CARRIED = Msg(
    "Dilanjutkan dari jadwal sebelumnya: {n} hari ({a}..{b}) untuk {p} pegawai; minggu "
    "bersama, deret WFH dan keadilan dihitung bersama hari-hari itu.",
    "Chained from the previous roster: {n} days ({a}..{b}) for {p} staff; the shared week, "
    "WFH runs and fairness are counted together with those days.")
MSG_SHARED_WEEK = Msg(
    "Hari yang sudah terbit di minggu bersama ({a}..{b}) ikut dihitung dalam batas mingguan: "
    "bila jadwal sebelumnya sudah memakai jatah WFH minggu itu, sisa minggu mulai {start} bisa "
    "tidak cukup untuk kapasitas gedung atau batas unit. Bila minggu itu belum berjalan, "
    "susun ulang jadwal sebelumnya sampai Minggu {sun} dan mulai periode ini Senin {mon}; bila "
    "sudah berjalan, rencanakan ulang jadwal sebelumnya untuk hari yang belum terjadi "
    "(asn-scheduler replan).",
    "The published days of the shared week ({a}..{b}) count towards the weekly limit: when "
    "the previous roster already used that week's WFH allowance, the rest of the week from "
    "{start} may not leave enough for the building's seats or the unit caps. If that week has "
    "not begun, make the previous roster again up to Sunday {sun} and start this period on "
    "Monday {mon}; if it has, re-plan the previous roster for the days still to come "
    "(asn-scheduler replan).")
MSG_JOINED = Msg(
    "{n} pegawai tidak ada di jadwal sebelumnya (pegawai baru atau pindahan): tidak ada "
    "saldo yang dibawa untuk mereka.",
    "{n} staff are not in the previous roster (new or transferred in): nothing is carried "
    "for them.")
MSG_LEFT = Msg(
    "{n} NIP di jadwal sebelumnya tidak ada lagi di lembar Pegawai (keluar atau pindah); "
    "hari mereka tidak dibawa.",
    "{n} NIPs of the previous roster are no longer in sheet Pegawai (left or moved out); "
    "their days are not carried.")
MSG_OTHER_SCENARIO = Msg(
    "Jadwal sebelumnya dibuat dengan skenario {old}, jadwal ini dengan {new}: hari-hari "
    "sebelumnya tetap dihitung dengan aturan {new} untuk minggu bersama dan keadilan.",
    "The previous roster was made under scenario {old}, this one under {new}: its days still "
    "count under {new}'s rules for the shared week and fairness.")


@dataclass(frozen=True)
class PreviousRoster:
    """A published roster before the period, aligned with a problem's staff.

    ``roster`` has one row per employee of the problem (input order) and its dates
    ascending; ``present[i]`` says whether employee ``i`` had a row in it. ``left`` counts
    the rows whose NIP the problem no longer has; ``scenario_id`` is the scenario it was
    made under when the workbook records it.
    """

    roster: Roster
    present: np.ndarray
    left: int = 0
    scenario_id: str | None = None


@dataclass(frozen=True)
class Carried:
    """What a chained roster carried from its predecessors.

    ``dates``: the carried days (ascending, ending the day before the period).
    ``codes``: (E, len(dates)) the carried codes, ``other`` their absence labels.
    ``present``: (E,) who was in the previous roster. ``brought_forward`` and
    ``carried_on``: per employee, WFH days minus fair share over the carried days, and
    over the carried days and the period together (the independent checker's figures;
    NaN for someone with nothing carried).
    """

    dates: tuple[date, ...]
    codes: np.ndarray
    other: dict[tuple[int, int], str]
    present: np.ndarray
    brought_forward: np.ndarray
    carried_on: np.ndarray
    notes: tuple[Msg, ...]
    nips: tuple[str, ...]

    @property
    def roster(self) -> Roster:
        """The carried days as a roster (rows of the problem's staff)."""
        return _roster(self.nips, self.dates, self.codes, self.other)


@dataclass(frozen=True)
class ChainedResult(Result):
    """A :class:`Result` for the period alone, with what it carried."""

    carried: Carried | None = None


def merge_previous(problem: Problem, previous: Sequence[PreviousRoster]) -> PreviousRoster:
    """One previous roster from several: every date any of them covers, a later file's code
    winning where two cover the same date (a re-published month replaces the first)."""
    if len(previous) == 1:
        return previous[0]
    days = sorted({d for p in previous for d in p.roster.dates})
    col = {d: j for j, d in enumerate(days)}
    n = len(problem.employees)
    codes = np.full((n, len(days)), DECIDE, dtype=np.int8)
    other: dict[tuple[int, int], str] = {}
    present = np.zeros(n, dtype=bool)
    for p in previous:
        cols = np.array([col[d] for d in p.roster.dates], dtype=np.intp)
        rows = np.flatnonzero(p.present)
        codes[np.ix_(rows, cols)] = p.roster.codes[rows]
        present |= p.present
        other.update({(i, int(cols[k])): lab for (i, k), lab in p.roster.other_labels.items()
                      if p.present[i]})
    codes[codes == DECIDE] = int(Code.ABSEN)
    ids = {p.scenario_id for p in previous if p.scenario_id}
    return PreviousRoster(_roster(tuple(e.nip for e in problem.employees), tuple(days), codes,
                                  other), present, max(p.left for p in previous),
                          ids.pop() if len(ids) == 1 else None)


def solve_chained(problem: Problem, scenario: Scenario, previous: Sequence[PreviousRoster],
                  dates: tuple[date, ...], settings: Settings, *,
                  horizon_days: int = HORIZON_DAYS,
                  progress: Callable[[Progress], None] | None = None,
                  cancel: Cancel | None = None, **run_kw: object) -> ChainedResult:
    """A roster for ``dates`` that chains from ``previous`` (see the module docstring).

    Without usable previous days (none, or not ending the day before the period) this is
    a plain solve with a note saying why. ``horizon_days`` bounds how far back published
    days count; ``run_kw`` goes to :func:`~asn_scheduler.engine.solve.run` (scope,
    best effort).
    """
    prev = merge_previous(problem, previous)
    carried_dates, notes = carried_span(prev.roster.dates, dates, horizon_days)
    kw = dict(goals=tuple(scenario.goals), progress=progress, cancel=cancel, **run_kw)
    if not carried_dates:
        res = _chained(run(problem, scenario, dates, settings, **kw))
        return dataclasses.replace(res, warnings=(*notes, *res.warnings))

    n = len(problem.employees)
    codes, other = pinned_carry(problem, prev, carried_dates)
    ext = (*carried_dates, *dates)
    pinned = np.full((n, len(ext)), DECIDE, dtype=np.int8)
    pinned[:, :len(carried_dates)] = codes
    res = _chained(run(problem, scenario, ext, settings,
                       pins=Pins(pinned, None, check_from=dates[0]), **kw))

    notes.append(MSG_CARRIED.format(n=len(carried_dates), a=carried_dates[0].isoformat(),
                                    b=carried_dates[-1].isoformat(), p=int(prev.present.sum())))
    if (~prev.present).any():
        notes.append(MSG_JOINED.format(n=int((~prev.present).sum())))
    if prev.left:
        notes.append(MSG_LEFT.format(n=prev.left))
    if prev.scenario_id and prev.scenario_id != scenario.id:
        notes.append(MSG_OTHER_SCENARIO.format(old=prev.scenario_id, new=scenario.id))
    if not res.status.has_roster:
        shared = [d for d in carried_dates if d.isocalendar()[:2] == dates[0].isocalendar()[:2]]
        if shared:
            sun = shared[0] + timedelta(days=6 - shared[0].weekday())
            notes.append(MSG_SHARED_WEEK.format(
                a=shared[0].isoformat(), b=shared[-1].isoformat(), start=dates[0].isoformat(),
                sun=sun.isoformat(), mon=(sun + timedelta(days=1)).isoformat()))
    if res.roster is None:
        return dataclasses.replace(res, dates=tuple(dates), warnings=(*notes, *res.warnings))

    return cut_carried(res, problem, scenario, carried_dates, codes, other, prev.present,
                       notes)


def _chained(res: Result) -> ChainedResult:
    return ChainedResult(**{f.name: getattr(res, f.name) for f in dataclasses.fields(Result)})


def pinned_carry(problem: Problem, prev: PreviousRoster, carried_dates: Sequence[date]
                 ) -> tuple[np.ndarray, dict[tuple[int, int], str]]:
    """The codes to pin on ``carried_dates`` (``ABSEN`` labelled :data:`JOINED_CODE` for
    staff without a row in ``prev``) and their absence labels."""
    col = {d: j for j, d in enumerate(prev.roster.dates)}
    take = np.array([col[d] for d in carried_dates], dtype=np.intp)
    codes = prev.roster.codes[:, take].copy()
    codes[~prev.present] = int(Code.ABSEN)
    back = {int(j): k for k, j in enumerate(take)}
    other = {(i, back[j]): lab for (i, j), lab in prev.roster.other_labels.items() if j in back}
    other.update({(int(i), k): JOINED_CODE for i in np.flatnonzero(~prev.present)
                  for k in range(len(carried_dates))})
    return codes, other


def cut_carried(res: R, problem: Problem, scenario: Scenario, carried_dates: Sequence[date],
                codes: np.ndarray, other: dict[tuple[int, int], str], present: np.ndarray,
                notes: Sequence[Msg]) -> R:
    """``res`` (solved over the carried days and the period) cut back to the period: its
    roster and the checker's report on the period alone, with :class:`Carried` recording
    the carried days and the fairness balances. ``res`` must have a ``carried`` field."""
    from asn_scheduler.checker import check

    assert res.roster is not None
    nips = tuple(e.nip for e in problem.employees)
    k = len(carried_dates)
    whole = res.roster
    dates = whole.dates[k:]
    mine = _roster(nips, dates, whole.codes[:, k:],
                   {(i, j - k): lab for (i, j), lab in whole.other_labels.items() if j >= k})
    report = check(problem, scenario, mine, dates=dates)
    before = check(problem, scenario, _roster(nips, tuple(carried_dates), codes, other),
                   dates=carried_dates)
    carried = Carried(tuple(carried_dates), codes, other, present.copy(),
                      _balance(before, present), _balance(res.report, present), tuple(notes),
                      nips)
    return dataclasses.replace(res, dates=dates, roster=mine, report=report,  # type: ignore[type-var]
                               carried=carried, warnings=(*notes, *res.warnings))


def _balance(report: CheckReport | None, present: np.ndarray) -> np.ndarray:
    """WFH days minus fair share per employee (NaN for those not ``present``)."""
    rows = report.persons if isinstance(report, CheckReport) else ()
    out = np.array([p.deviation for p in rows], dtype=float) if rows else np.full(
        present.shape, np.nan)
    out[~present] = np.nan
    return out


def _roster(nips: tuple[str, ...], dates: tuple[date, ...], codes: np.ndarray,
            other: dict[tuple[int, int], str]) -> Roster:
    return Roster(nips, dates, np.ascontiguousarray(codes, dtype=np.int8),
                  MappingProxyType(dict(other)))
