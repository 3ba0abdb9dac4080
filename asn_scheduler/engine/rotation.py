"""A constructive rotation: each eligible person gets a fortnight pattern of WFH weekdays.

It is the solver's first hint (never a constraint): a roster in which people keep the
same weekdays every fortnight, spread so that each day's load stays near the unit's cap,
on their preferred weekdays where the caps allow (Q2), with team members on the same
pattern (so they share office days, Q4) and no WFH days back to back. CP-SAT repairs
what the hint gets wrong (caps on short weeks, absences, role cover) and keeps the rest,
so the lexicographic stages start from a stable rotation and Q3 (pattern changes, runs)
has little left to do.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from datetime import date

import numpy as np

from asn_scheduler.engine.context import DECIDE
from asn_scheduler.parts.data import PartData

FORTNIGHT = 14


def fortnight_slots(dates: Sequence[date]) -> np.ndarray:
    """(D,) each date's place in the fortnight that starts on the Monday of the first
    date's week: 0–6 the first week (Monday = 0), 7–13 the second."""
    if not dates:
        return np.zeros(0, dtype=np.int64)
    monday = dates[0].toordinal() - dates[0].weekday()
    return (np.array([d.toordinal() for d in dates], dtype=np.int64) - monday) % FORTNIGHT


def spread(k: int, m: int) -> np.ndarray:
    """``k`` of ``m`` positions spread as evenly as possible (Bresenham), starting at 0."""
    return np.unique((np.arange(k) * m) // k) if k > 0 else np.array([], dtype=np.int64)


def weekly_patterns(slots: np.ndarray, k: int, run_limit: int,
                    taken: np.ndarray) -> np.ndarray:
    """(n, k) positions in ``slots`` of the weekly patterns that are not rotations already
    in ``taken`` (rows of positions): the same ``k // 2`` weekdays in both weeks of the
    fortnight, with no run of WFH working days longer than ``run_limit`` (the week's last
    working day runs into the next week's first). Only when ``slots`` holds the same
    weekdays in both weeks and ``k`` is even; else an empty (0, k) array.

    These add what a spread rotation never gives, e.g. Monday and Friday, or two days
    side by side; :func:`rotation_hint` takes them only for a group's preferred weekdays.
    """
    none = np.zeros((0, k), dtype=np.int64)
    first, second = slots[slots < 7], slots[slots >= 7] - 7
    if k % 2 or not np.array_equal(first, second) or k // 2 > first.size:
        return none
    seen = {tuple(sorted(r)) for r in taken.tolist()}
    out = [p for p in _weekly_candidates(int(first.size), k, run_limit) if p not in seen]
    return np.array(out, dtype=np.int64) if out else none


@functools.lru_cache(maxsize=256)
def _weekly_candidates(n: int, k: int, run_limit: int) -> tuple[tuple[int, ...], ...]:
    """:func:`weekly_patterns` before the rotations are taken out: they depend only on
    the number of weekdays, ``k`` and the run limit (a thousand units share a few)."""
    out = []
    for days in itertools.combinations(range(n), k // 2):
        on = np.zeros(n, dtype=bool)
        on[list(days)] = True
        if on.all() or _longest_cyclic_run(on) > run_limit:
            continue
        out.append(tuple(sorted([*days, *(d + n for d in days)])))
    return tuple(out)


def _longest_cyclic_run(on: np.ndarray) -> int:
    twice = np.concatenate([on, on]).astype(np.int64)
    best = run = 0
    for x in twice.tolist():
        run = run + 1 if x else 0
        best = max(best, run)
    return min(best, int(on.size))


def rotation_hint(data: PartData, slot: np.ndarray) -> np.ndarray:
    """(E_p, D) bool: the constructive rotation on ``data``'s decision cells.

    ``slot`` (D,) is each date's place in the fortnight (:func:`fortnight_slots`). Per
    unit, ``m`` = the fortnight slots it works on; each eligible person gets ``k`` of
    them (at most the weekly limits allow, at most what the typical daily cap can carry
    when everyone has ``k``), as a rotation of one evenly spread base pattern. Groups
    (a team, else one person; the largest first) take, among the rotations and the
    :func:`weekly_patterns` that keep every slot within its smallest daily cap (else the
    least over), the one with the most of the members' preferred weekdays, then a rotation
    before a weekly pattern, then the least loaded so far.

    Measured (10,000 staff, PermenPANRB 4/2025, 2 workers): preferring weekdays among
    the rotations raised the preferences honoured from 6,163 to 9,252 of 12,351 with
    ``--effort 0`` and from 10,941 to 11,775 with the default effort, with pattern changes,
    runs and team days no worse; the weekly patterns then to 10,048 and 11,918 (65,000
    staff, default effort: 67,515 → 71,767 of 81,336), for a few more pattern changes and
    runs (Q3 ranks below Q2: 65,000 staff, +0.7% and +7%). Q0, Q1 and times the same.
    """
    decide = data.fixed == DECIDE
    out = np.zeros(decide.shape, dtype=bool)
    for u in range(data.working.shape[0]):
        rows = data.unit_rows(u)
        rows = rows[decide[rows].any(axis=1)]
        days = np.flatnonzero(data.working[u])
        if not rows.size or not days.size:
            continue
        slots = np.unique(slot[days])
        m = int(slots.size)
        pos = np.searchsorted(slots, slot)  # a date's index among the unit's slots
        caps = data.cap[u, days]
        typical = int(np.median(caps[caps > 0])) if (caps > 0).any() else 0
        k = min(m, (m * typical) // rows.size)
        # every weekly cap in force (F1, a weekly wfh_goal): the strictest bounds k
        weekly = [int(x) for wl in data.weekly for x in wl.limit[u][wl.limit[u] >= 0]]
        if weekly:
            k = min(k, 2 * min(weekly) * m // 10 if m >= 10 else min(weekly))
        if k <= 0:
            continue
        base = spread(k, m)
        load = np.zeros(m, dtype=np.int64)
        slot_cap = np.full(m, np.iinfo(np.int64).max // 4, dtype=np.int64)
        np.minimum.at(slot_cap, pos[days], caps)
        # (rows, m): the person prefers the weekday of that fortnight slot
        liked = np.zeros((rows.size, m), dtype=np.int64)
        liked[:, pos[days]] = data.preferred[np.ix_(rows, days)]
        offsets = (base[None, :] + np.arange(m)[:, None]) % m  # (m offsets, k slots)
        extra = weekly_patterns(slots, k, data.max_consecutive, offsets)
        offsets = np.vstack([offsets, extra]) if extra.size else offsets
        index = np.arange(offsets.shape[0])  # the m rotations first, then weekly patterns
        later = index >= m
        team = data.team[rows]
        groups: dict[int, list[int]] = {}
        for r, t in zip(rows.tolist(), team.tolist(), strict=True):
            groups.setdefault(t if t >= 0 else -1 - r, []).append(r)
        order = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
        sizes = np.array([len(g) for g in order], dtype=np.int64)
        at = np.searchsorted(rows, np.concatenate([np.array(g) for g in order]))
        # each group's preferred days per pattern, at once (they do not depend on the load)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        hits_all = -np.add.reduceat(liked[at], starts, axis=0)[:, offsets].sum(axis=2)
        caps_on = slot_cap[offsets]
        choice = np.empty(len(order), dtype=np.int64)
        for j, n in enumerate(sizes.tolist()):
            # rotations that keep every slot within its cap first, then the one on the
            # group's preferred weekdays (Q2), then the least loaded
            now = load[offsets]
            over = np.maximum(now + n - caps_on, 0).sum(axis=1)
            best = int(np.lexsort((index, now.sum(axis=1), later, hits_all[j], over))[0])
            load[offsets[best]] += n
            choice[j] = best
        mask = np.zeros((offsets.shape[0], m), dtype=bool)
        mask[index[:, None], offsets] = True
        out[rows[at][:, None], days[None, :]] = mask[np.repeat(choice, sizes)][:, pos[days]]
        out[rows] &= decide[rows]
        if weekly:
            _top_up(data, out, rows, days, min(weekly), decide)
    return out


def _top_up(data: PartData, out: np.ndarray, rows: np.ndarray, days: np.ndarray,
            limit: int, decide: np.ndarray) -> None:
    """In weeks where holidays or leave took pattern days, add open days (under the day's
    cap) up to the weekly ``limit``, so the WFH allowance is used (Q0): first days that
    make no run longer than the limit, then preferred weekdays (Q2), then days that keep
    the fortnight pattern (the same day 14 days away is WFH too), then the least loaded."""
    u = int(data.unit_of[rows[0]])
    # plain lists: the greedy below looks at single cells, which numpy indexing makes slow
    load = out[rows].sum(axis=0).tolist()
    cap = data.cap[u].tolist()
    partner = [-1] * out.shape[1]
    for i, j in data.pairs:
        partner[i], partner[j] = j, i
    dl = days.tolist()
    pos = {d: p for p, d in enumerate(dl)}
    run = data.max_consecutive
    week = data.week[days]
    for w in np.unique(week):
        wd_a = days[week == w]
        wd = wd_a.tolist()
        # only a row's own turn changes its cells: whether it is short of the limit and
        # has an open day left is known up front (the day's cap is checked as it goes)
        took = out[np.ix_(rows, wd_a)]
        have_all = took.sum(axis=1)
        short = (have_all < limit) & (decide[np.ix_(rows, wd_a)] & ~took).any(axis=1)
        for i in np.flatnonzero(short).tolist():
            r = int(rows[i])
            cells = out[r].tolist()
            liked = data.preferred[r].tolist()
            open_ = decide[r].tolist()
            # the days it may take: nothing else is changed by the scan below
            cand = [d for d in wd if open_[d] and not cells[d] and load[d] < cap[d]]
            if not cand:
                continue

            def score(d: int, cells: list[bool] = cells, liked: list[bool] = liked) -> tuple:
                p = pos[d]
                left = right = 0
                while p - left - 1 >= 0 and cells[dl[p - left - 1]]:
                    left += 1
                while p + right + 1 < len(dl) and cells[dl[p + right + 1]]:
                    right += 1
                keeps = partner[d] >= 0 and cells[partner[d]]
                return (left + right + 1 > run, not liked[d], not keeps, load[d] - cap[d], d)

            for d in sorted(cand, key=score)[:limit - int(have_all[i])]:
                out[r, d] = True
                load[d] += 1
