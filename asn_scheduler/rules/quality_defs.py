"""What the soft-goal figures *are*, as pure functions over roster codes.

The solver optimises these figures and the checker recomputes them from a finished roster,
so both must count the same thing. This module is the one definition both read; it uses
only numpy and :class:`~asn_scheduler.domain.enums.Code` values (``int``), never solver
objects.

Definitions (``spec/rules.md`` Q1–Q4):

- **Working days of a person** are the days their unit works (rule C1); a roster writes
  ``LIBUR`` on every other day, so by default ``codes != LIBUR`` marks them.
- **A WFH run** (Q3a) is a maximal sequence of WFH cells among a person's working days,
  consecutive in that sequence: non-working days are skipped (Friday then Monday is a run
  of two), while any other code on a working day (WFO, or an absence such as CUTI) ends the
  run. **Days beyond the limit** = Σ over runs of ``max(0, length − limit)``.
- **A pattern change** (Q3b) is a pair of cells of one person exactly 14 calendar days
  apart, both dates in the roster, both cells WFO or WFH, with different codes. A pattern
  that repeats every fortnight has none (a 50% cap cannot give the same weekdays every
  week, A/B cohorts alternating fortnightly can).
- **A team day** (Q4) is a working day of the unit on which at least two members of the
  team are present (WFO or WFH); it is **shared** when every present member is WFO. Teams
  are counted per unit: a ``Tim`` tag used in two units is two teams.
- **Fair band** (Q1): a person with fair share ``f`` (:func:`asn_scheduler.rules.data.fair_shares`)
  is within band with ``floor(f)`` to ``ceil(f)`` WFH days; the penalty is the days outside
  the band. ``f`` is rounded to 1e-9 first so float noise does not widen or shift the band.
- **Upper** (Q1): the most WFH days a person can have under the weekly caps (rule F1 and a
  per-person weekly ``wfh_goal``), :func:`weekly_upper`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np

WFO, WFH, LIBUR = 0, 1, 2  # Code.WFO, Code.WFH, Code.LIBUR (kept as ints: no imports needed)
PATTERN_LAG_DAYS = 14
_EPS = 1e-9


def _working(codes_row: np.ndarray, working_row: np.ndarray | None) -> np.ndarray:
    return codes_row != LIBUR if working_row is None else np.asarray(working_row, dtype=bool)


def wfh_runs(codes_row: Sequence[int], working_row: Sequence[bool] | None = None) -> list[int]:
    """Lengths of the person's WFH runs, in date order (see the module docstring)."""
    codes = np.asarray(codes_row)
    runs: list[int] = []
    n = 0
    for c in codes[_working(codes, working_row)]:
        if c == WFH:
            n += 1
        elif n:
            runs.append(n)
            n = 0
    if n:
        runs.append(n)
    return runs


def longest_run(codes_row: Sequence[int], working_row: Sequence[bool] | None = None) -> int:
    """The longest WFH run of one person (0 without WFH)."""
    return max(wfh_runs(codes_row, working_row), default=0)


def run_excess(codes_row: Sequence[int], limit: int,
               working_row: Sequence[bool] | None = None) -> int:
    """Days beyond ``limit`` in the person's WFH runs: Σ ``max(0, length − limit)``.

    Equals the number of windows of ``limit + 1`` consecutive working days that are all WFH,
    which is how the solver counts it.
    """
    return sum(max(0, n - limit) for n in wfh_runs(codes_row, working_row))


def pattern_pairs(dates: Sequence[date]) -> list[tuple[int, int]]:
    """Column pairs ``(earlier, later)`` of dates exactly 14 days apart, later ascending."""
    pos = {d: i for i, d in enumerate(dates)}
    lag = timedelta(days=PATTERN_LAG_DAYS)
    return [(pos[d - lag], j) for j, d in enumerate(dates) if d - lag in pos]


def pattern_changes(codes: np.ndarray, dates: Sequence[date]) -> np.ndarray | int:
    """Pattern changes per person (Q3b).

    ``codes`` is one person's row (returns an ``int``) or a staff × dates matrix (returns
    one count per row).
    """
    arr = np.asarray(codes)
    pairs = pattern_pairs(dates)
    matrix = arr if arr.ndim == 2 else arr[None, :]
    total = np.zeros(matrix.shape[0], dtype=np.int64)
    if pairs:
        a = matrix[:, [i for i, _ in pairs]]
        b = matrix[:, [j for _, j in pairs]]
        both = (a <= WFH) & (b <= WFH)  # WFO = 0, WFH = 1: the two present codes
        total = np.count_nonzero(both & (a != b), axis=1)
    return int(total[0]) if arr.ndim == 1 else total


def team_days(codes: np.ndarray, working_row: Sequence[bool]) -> tuple[int, int]:
    """``(shared, counted)`` for one team: ``codes`` is members × dates, ``working_row``
    the unit's working days. ``counted`` = team days (≥ 2 members present), ``shared`` =
    those with every present member WFO."""
    arr = np.asarray(codes)
    present = arr <= WFH
    counted = np.asarray(working_row, dtype=bool) & (present.sum(axis=0) >= 2)
    shared = counted & ~np.any(arr == WFH, axis=0)
    return int(shared.sum()), int(counted.sum())


def fair_band(share: float) -> tuple[int, int]:
    """``(floor(share), ceil(share))`` after rounding ``share`` to 1e-9."""
    return math.floor(share + _EPS), math.ceil(share - _EPS)


def fair_bands(share: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(lo, hi) int arrays: each fair share's band, :func:`fair_band` vectorised (the same
    rounding constant)."""
    return (np.floor(share + _EPS).astype(np.int64), np.ceil(share - _EPS).astype(np.int64))


def band_distance(wfh_days: int, share: float) -> int:
    """WFH days outside the fair band of ``share`` (0 inside it)."""
    lo, hi = fair_band(share)
    return max(0, lo - wfh_days) + max(0, wfh_days - hi)


def weekly_upper(available: Sequence[bool], weeks: Sequence[int],
                 *caps: Sequence[int]) -> int:
    """The most WFH days one person can have under the weekly caps.

    Parameters
    ----------
    available
        Per date, whether the cell could be WFH (a decision for the solver).
    weeks
        Per date, an ISO-week key (dates of one week share it).
    *caps
        One per weekly cap (:data:`~asn_scheduler.rules.weekly.WEEKLY_CAPS`: F1, the
        weekly ``wfh_goal`` …): per date, the cap that day counts towards, or −1 when the
        day does not count (event window, an exempt person, no such cap in force).

    Within a week each cap is the smallest among its counted days (the stricter policy
    wins when a week straddles two). A day counted by several caps uses up each. With two
    caps or fewer, the greedy fill (days under one cap first, then days under both) is
    optimal; with more, the best subset of the week's available days is taken (a week has
    at most seven).
    """
    avail = np.asarray(available, dtype=bool)
    wk = np.asarray(weeks)
    arrays = [np.asarray(c) for c in caps]
    if len(arrays) <= 2:
        arrays += [np.full(avail.shape, -1)] * (2 - len(arrays))
        return _two_caps(avail, wk, arrays[0], arrays[1])
    total = 0
    for w in np.unique(wk[avail]):
        days = np.flatnonzero(avail & (wk == w))
        subsets = (np.arange(1 << days.size)[:, None] >> np.arange(days.size)) & 1
        ok = np.ones(len(subsets), dtype=bool)
        for c in arrays:
            on = c[days] >= 0
            if on.any():
                ok &= subsets[:, on].sum(axis=1) <= int(c[days][on].min())
        total += int(subsets[ok].sum(axis=1).max())
    return total


def _two_caps(avail: np.ndarray, wk: np.ndarray, fa: np.ndarray, ga: np.ndarray) -> int:
    total = 0
    for w in np.unique(wk[avail]):
        m = avail & (wk == w)
        in_a, in_b = m & (fa >= 0), m & (ga >= 0)
        cap_a = int(fa[in_a].min()) if in_a.any() else 0
        cap_b = int(ga[in_b].min()) if in_b.any() else 0
        only_a = int(np.count_nonzero(in_a & ~in_b))
        only_b = int(np.count_nonzero(in_b & ~in_a))
        both = int(np.count_nonzero(in_a & in_b))
        free = int(np.count_nonzero(m & ~in_a & ~in_b))
        na, nb = min(only_a, cap_a), min(only_b, cap_b)
        total += free + na + nb + min(both, cap_a - na, cap_b - nb)
    return total
