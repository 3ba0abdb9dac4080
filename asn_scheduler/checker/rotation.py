"""Rotation and team figures (Q3, Q4) for all staff at once.

Same definitions as :mod:`asn_scheduler.rules.quality_defs` (runs skip non-working days;
a pattern change is a pair of present cells 14 days apart with different codes; a team
day has ≥ 2 members present and is shared when none of them is WFH), computed in one
numpy pass; the tests hold both equal on random rosters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from asn_scheduler.checker.facts import Facts
from asn_scheduler.checker.shape import UNKNOWN
from asn_scheduler.domain.enums import Code
from asn_scheduler.rules.quality_defs import pattern_changes


@dataclass(frozen=True)
class Runs:
    """Per person ``(E,)``: longest WFH run, runs over the limit, days beyond it; and each
    run over the limit as ``(row, first column, length)``."""

    longest: np.ndarray
    over: np.ndarray
    excess: np.ndarray
    long_runs: list[tuple[int, int, int]]


def wfh_runs(wfh: np.ndarray, work: np.ndarray, limit: int) -> Runs:
    """Scan the dates once: a WFH on a working day extends the run, any other code on a
    working day ends it, non-working days are skipped."""
    n_emp, n_days = wfh.shape
    run = np.zeros(n_emp, dtype=np.int64)
    start = np.zeros(n_emp, dtype=np.int64)
    longest = np.zeros(n_emp, dtype=np.int64)
    over = np.zeros(n_emp, dtype=np.int64)
    excess = np.zeros(n_emp, dtype=np.int64)
    long_runs: list[tuple[int, int, int]] = []

    def close(ending: np.ndarray) -> None:
        too_long = ending & (run > limit)
        over[too_long] += 1
        excess[too_long] += run[too_long] - limit
        long_runs.extend((int(i), int(start[i]), int(run[i])) for i in np.flatnonzero(too_long))

    for d in range(n_days):
        w, h = work[:, d], wfh[:, d]
        close(w & ~h & (run > 0))
        starting = w & h & (run == 0)
        start[starting] = d
        run = np.where(w, np.where(h, run + 1, 0), run)
        np.maximum(longest, run, out=longest)
    close(run > 0)
    long_runs.sort()
    return Runs(longest, over, excess, long_runs)


def present_codes(f: Facts) -> np.ndarray:
    """The roster codes with unknown cells as an absence, so no shared definition counts
    them as present."""
    return np.where(f.codes == UNKNOWN, int(Code.ABSEN), f.codes)


def person_pattern_changes(f: Facts) -> np.ndarray:
    """Pattern changes per person (Q3b), by :func:`quality_defs.pattern_changes`."""
    if not len(f.dates):
        return np.zeros(f.n_emp, dtype=np.int64)
    return np.asarray(pattern_changes(present_codes(f), f.dates), dtype=np.int64)


@dataclass(frozen=True)
class Teams:
    """Per team (a ``Tim`` tag within one unit, matched ignoring case and surrounding
    spaces): ``(unit, team)`` keys (the tag in lower case), team days counted, shared
    office days."""

    keys: list[tuple[str, str]]
    counted: np.ndarray
    shared: np.ndarray


def team_days(f: Facts) -> Teams:
    """Team days (Q4): a working day of the unit with ≥ 2 members present (WFO or WFH);
    shared when none of the present members is WFH."""
    emps = f.problem.employees
    keys: list[tuple[str, str]] = []
    index: dict[tuple[str, str], int] = {}
    team_of = np.full(f.n_emp, -1, dtype=np.int64)
    team_unit: list[int] = []
    for i, e in enumerate(emps):
        if e.team and e.team.strip():
            key = (e.unit_code, e.team.strip().lower())
            if key not in index:
                index[key] = len(keys)
                keys.append(key)
                team_unit.append(int(f.unit_idx[i]))
            team_of[i] = index[key]
    n_teams, n_days = len(keys), len(f.dates)
    if not n_teams or not n_days:
        z = np.zeros(n_teams, dtype=np.int64)
        return Teams(keys, z, z.copy())
    rows = np.flatnonzero(team_of >= 0)
    flat = (team_of[rows, None] * n_days + np.arange(n_days)).ravel()
    size = n_teams * n_days
    present = (f.wfo[rows] | f.wfh[rows]).ravel()
    n_present = np.bincount(flat, weights=present, minlength=size).reshape(n_teams, n_days)
    n_wfh = np.bincount(flat, weights=f.wfh[rows].ravel(), minlength=size).reshape(n_teams, n_days)
    counted = f.working_ud[np.array(team_unit)] & (n_present >= 2)
    shared = counted & (n_wfh == 0)
    return Teams(keys, counted.sum(axis=1), shared.sum(axis=1))
