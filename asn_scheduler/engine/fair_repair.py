"""Fairness repair: same-day moves of WFH days between people of one unit (Q1).

After the WFH allowance (Q0) is settled, fairness (Q1) asks each person's WFH days to lie
in the band of their fair share, with every unit's total held. Most of what is wrong
after Q0 is local: someone holds a day too many while a colleague of the same unit is a
day short. Moving a WFH day from the first to the second **on the same date** keeps every
unit-day total, so S2 (the daily cap), B1 (seats), P1 (the office ceiling) and Q0 (its
sign is per unit-day) are unchanged; the move is made only when the receiver's weekly
caps (F1, and a weekly ``wfh_goal``) and role cover (S3) allow it. Only decision cells
move. Among equally fair moves, preferred weekdays (Q2) are kept: a giver gives first the
days it does not prefer and a colleague with room does, and of equally short receivers
the one who prefers the day takes it (10,000 staff, PermenPANRB, ``--effort 0``: 10,048 →
10,348 of 12,351 preferences honoured, Q1 the same).

A roster repaired to zero deviation needs no Q1 solve at all: zero is a proven optimum;
nor does one repaired to the lower bound of ``solver/bounds.py``.
Otherwise the repaired roster is a better first hint for the solver's Q1 stage. The
repair never makes Q1 worse: every move lowers the deviation (module tests check both).
Measured with ``asn-scheduler bench`` (issue 5): at 65,000 staff the Q1 stage was the
one left unproven when the time was shared among two thousand parts.
"""

from __future__ import annotations

import numpy as np

from asn_scheduler.engine.context import DECIDE
from asn_scheduler.parts.data import PartData
from asn_scheduler.rules.quality_defs import fair_bands

_NO_CAP = np.iinfo(np.int64).max


def band_deviation(wfh: np.ndarray, open_cells: np.ndarray, share: np.ndarray,
                   available: np.ndarray) -> int:
    """Q1 of ``wfh``: Σ over people with available days of the days outside
    ``[floor(share), ceil(share)]`` (the checker's definition, vectorised)."""
    lo, hi = fair_bands(share)
    w = (wfh & open_cells).sum(axis=1)
    dev = np.maximum(lo - w, 0) + np.maximum(w - hi, 0)
    return int(dev[available > 0].sum())


def repair_fairness(data: PartData, wfh: np.ndarray, share: np.ndarray,
                    available: np.ndarray) -> np.ndarray:
    """A roster with Q1 no worse than ``wfh``'s, by same-day moves within each unit.

    Parameters
    ----------
    data
        The part (fresh solves only: no pinned or published cells).
    wfh
        (E_p, D) bool, a roster that meets every hard rule (the Q0 stage's).
    share, available
        (E_p,) each person's fair share and available days for ``wfh`` (the Q1 stage's
        targets; unit totals are unchanged by the moves, so the targets stay valid).

    Returns
    -------
    np.ndarray
        A new (E_p, D) bool roster. Every unit-day total equals ``wfh``'s, only decision
        cells differ, weekly caps and role cover hold, and each move lowered the
        deviation from the fair bands; deterministic (fixed scan order).
    """
    out = wfh.copy()
    for u in range(data.working.shape[0]):
        rows = data.unit_rows(u)
        if rows.size >= 2:
            _repair_unit(data, u, rows, out, share, available)
    return out


def _repair_unit(data: PartData, u: int, rows: np.ndarray, out: np.ndarray,
                 share: np.ndarray, available: np.ndarray) -> None:
    dec = data.fixed[rows] == DECIDE
    lo, hi = fair_bands(share[rows])
    counted = available[rows] > 0
    lo = np.where(counted, lo, 0)
    hi = np.where(counted, hi, _NO_CAP)
    sub = out[rows]  # a copy, written back at the end
    w = (sub & dec).sum(axis=1)
    if not ((w > hi) | (w < lo)).any():
        return
    week = data.week
    n_weeks = int(week.max()) + 1 if week.size else 0
    onehot = np.zeros((week.size, n_weeks), dtype=np.int64)
    onehot[np.arange(week.size), week] = 1
    # weekly caps (F1, the weekly wfh_goal): per cap, the days that count, each row's
    # count and limit per week (the exempt without one)
    caps = []
    for wl in data.weekly:
        day = wl.counts[u] & (wl.limit[u][week] >= 0)
        if not day.any():
            continue
        lim = np.where(wl.limit[u] >= 0, wl.limit[u], _NO_CAP)
        caps.append((day, (sub & day).astype(np.int64) @ onehot,
                     np.where(wl.exempt[rows][:, None], _NO_CAP, lim[None, :])))
    # S3: per role need, office holders per day
    local = {int(r): i for i, r in enumerate(rows)}
    roles = []
    for rn in data.roles:
        if rn.unit != u or not rn.holders.size:
            continue
        idx = np.array([local[int(h)] for h in rn.holders], dtype=np.intp)
        fixed = data.fixed[rn.holders]
        office = ((fixed == DECIDE) & ~sub[idx]).sum(axis=0) + (fixed == 0).sum(axis=0)
        roles.append((idx, np.asarray(rn.need, dtype=np.int64), office.astype(np.int64)))
    holds = np.zeros((rows.size, len(roles)), dtype=bool)
    for k, (idx, _, _) in enumerate(roles):
        holds[idx, k] = True
    partner = np.full(week.size, -1, dtype=np.int64)
    for i, j in data.pairs:
        partner[i], partner[j] = j, i
    liked = data.preferred[rows]

    def receivers(d: int, giver: int) -> np.ndarray:
        wk = week[d]
        ok = dec[:, d] & ~sub[:, d] & (w < hi)
        for day, cnt, lim in caps:
            if day[d]:
                ok &= cnt[:, wk] < lim[:, wk]
        for k, (_, need, office) in enumerate(roles):
            if need[d] > 0 and office[d] + int(holds[giver, k]) - 1 < need[d]:
                ok &= ~holds[:, k]
        ok[giver] = False
        return np.flatnonzero(ok)

    def receives(b: int, d: int, giver: int) -> bool:
        """``b in receivers(d, giver)``, for one row."""
        if b == giver or not (dec[b, d] and not sub[b, d] and w[b] < hi[b]):
            return False
        wk = week[d]
        if any(day[d] and cnt[b, wk] >= lim[b, wk] for day, cnt, lim in caps):
            return False
        return not any(holds[b, k] and need[d] > 0
                       and office[d] + int(holds[giver, k]) - 1 < need[d]
                       for k, (_, need, office) in enumerate(roles))

    def move(a: int, b: int, d: int) -> None:
        sub[a, d], sub[b, d] = False, True
        w[a] -= 1
        w[b] += 1
        wk = week[d]
        for day, cnt, _ in caps:
            if day[d]:
                cnt[a, wk] -= 1
                cnt[b, wk] += 1
        for k, (_, _, office) in enumerate(roles):
            office[d] += int(holds[a, k]) - int(holds[b, k])

    for _ in range(4):  # each pass only lowers the deviation; a few passes settle it
        moved = False
        # people above their band give days: to people below theirs first, else to
        # anyone with room; then people below their band take days from anyone above
        # their band's floor
        # (Q2 before Q3: a day someone prefers is given last and taken first, then the
        # fortnight pattern is kept)
        for a in np.flatnonzero(w > hi):
            days = np.flatnonzero(sub[a] & dec[a])
            wanted = (liked & (w < hi)[:, None]).any(axis=0)  # someone with room likes it
            for d in days[np.lexsort((days, ~wanted[days], liked[a, days]))]:
                if w[a] <= hi[a]:
                    break
                cand = receivers(int(d), int(a))
                if not cand.size:
                    continue
                keep = partner[d] >= 0
                key = np.lexsort((cand,
                                  ~sub[cand, partner[d]] if keep else np.zeros(cand.size),
                                  ~liked[cand, d], w[cand] - lo[cand]))
                move(int(a), int(cand[key[0]]), int(d))
                moved = True
        for b in np.flatnonzero(w < lo):
            days = np.flatnonzero(dec[b] & ~sub[b])
            for d in days[np.argsort(~liked[b, days], kind="stable")]:
                if w[b] >= lo[b]:
                    break
                donors = np.flatnonzero(sub[:, d] & dec[:, d] & (w > lo))
                donors = donors[donors != b]
                if not donors.size:
                    continue
                for a in donors[np.lexsort((donors, liked[donors, d],
                                            -(w[donors] - hi[donors])))]:
                    if receives(int(b), int(d), int(a)):
                        move(int(a), int(b), int(d))
                        moved = True
                        break
        if not moved:
            break
    out[rows] = sub
