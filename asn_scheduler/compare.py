"""Comparing rosters: cell changes between two rosters (re-planning) and scenarios side
by side (``asn-scheduler compare``, notebooks).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.roster import Roster


@dataclass(frozen=True, slots=True)
class CellChange:
    """One cell that differs between two rosters: ``before`` and ``after`` are the codes as
    written in the workbook (``WFH``, ``CUTI``, a hand-typed absence …)."""

    nip: str
    day: date
    before: str
    after: str


def roster_changes(before: Roster, after: Roster) -> list[CellChange]:
    """Cells of ``after`` whose code differs from ``before``, on the staff and dates both
    rosters have, in ``after``'s row order then date order.

    A hand-typed absence counts as changed when its text changes (``SAKIT`` → ``IZIN``).
    """
    row_b = {n: i for i, n in enumerate(before.nips)}
    col_b = {d: j for j, d in enumerate(before.dates)}
    rows_a = [i for i, n in enumerate(after.nips) if n in row_b]
    cols_a = [j for j, d in enumerate(after.dates) if d in col_b]
    if not rows_a or not cols_a:
        return []
    a = after.codes[np.ix_(rows_a, cols_a)]
    b = before.codes[np.ix_([row_b[after.nips[i]] for i in rows_a],
                            [col_b[after.dates[j]] for j in cols_a])]
    differ = a != b
    absen = int(Code.ABSEN)
    both_absen = (a == absen) & (b == absen)
    out: list[CellChange] = []
    for ri, cj in zip(*np.nonzero(differ | both_absen), strict=True):
        i, j = rows_a[ri], cols_a[cj]
        nip, day = after.nips[i], after.dates[j]
        old = before.label(row_b[nip], col_b[day])
        new = after.label(i, j)
        if old != new:
            out.append(CellChange(nip, day, old, new))
    return out
