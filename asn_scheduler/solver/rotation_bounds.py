"""Bounds on rotation (Q3, minimised) and teams (Q4, maximised) from the goals held before
them, so that a part whose roster meets its bound needs no solve and a skipped stage
reports an honest gap (issue 22).

**Count ranges** (:func:`count_ranges`). Every roster the Q3/Q4 stage may return meets the
hard rules and holds the earlier goals at their values. Three facts follow for each
person ``p`` and ``n_p``, their WFH days on decision cells:

- ``n_p ≤ M_p = Σ_w min(limit_pw, decision days of p in week w)`` with ``limit_pw``
  from :func:`~asn_scheduler.parts.weekly.person_week_limits` (a relaxation of the weekly
  rules, so ``M_p`` is an upper bound).
- Q0 held at ``V0`` with every decision cell counted +1 (no ``none`` cell): ``Σ n_q ≥ V0``
  and ``n_q ≤ M_q`` give ``n_p ≥ V0 − Σ_{q≠p} M_q = M_p − (Σ M − V0)``.
- Q1 held at ``V1``: Q1 fixed each unit's WFH total ``T_u`` on decision cells (its stage
  adds that equality) and bounds the days outside each fair band ``[lo_p, hi_p]`` (the
  shares :func:`~asn_scheduler.solver.goals.fair_targets` gives on any roster with those
  totals, so on the current one) by ``V1`` in sum, hence by ``V1`` for each person:
  ``lo_p − V1 ≤ n_p + pinned_p ≤ hi_p + V1``. ``Σ_{p∈u} n_p = T_u`` then bounds each
  ``n_p`` by ``T_u`` less the others' range.

**Q3** (:func:`q3_lower_bound`). Q3 is a sum over persons of terms that read only that
person's cells: an all-WFH run window (a term of :func:`~asn_scheduler.solver.goals.
q3_windows`) and a pattern change (a pair of dates 14 days apart, both present). Its
minimum over the rosters allowed is therefore at least the sum over persons of each
person's own minimum subject only to their own constraints — the weekly limits and the
count range above — dropping every coupling between persons (day caps, role cover, seats,
unit totals beyond the range). Each person's minimum is exact by a dynamic programme over
ISO weeks: a state is the choice made in the last two weeks and the count so far
(a pair links weeks ``w`` and ``w+2``; a run window spans at most three weeks, and a
window spanning more is dropped, which only lowers the minimum); fixed cells count as
given. People alike (same cells, limits, pairs, windows) share one programme, which gives
the least terms for every count at once (cached per process by its whole input). The
programme is skipped (the person contributes its fixed pairs only) when a week offers
more choices than :data:`MAX_STATES` allows.

**Q4** (:func:`q4_upper_bound`). A team day counts when every present member is WFO. If
person ``p`` must take at least ``m_pw = n_p^min − Σ_{w'≠w} M_pw'`` WFH days in week
``w`` among their decision days ``D_pw`` there, the all-WFO days ``O`` of their team in
that week meet ``|O ∩ D_pw| ≤ |D_pw| − m_pw``; so ``|O| ≤ min_p (|D_pw| − m_pw + |C_w ∖
D_pw|)`` for the week's candidate days ``C_w``.

The bounds are valid whatever the held values; they are strong where the held goals force
structure (Q0 at its ceiling, Q1 at zero: narrow count ranges), and provably not tight
where only the day caps couple people (e.g. a short holiday week every person would like
whole at home but the cap shares out).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

import numpy as np

from asn_scheduler.domain.enums import Code
from asn_scheduler.parts.data import GOAL_NONE
from asn_scheduler.parts.weekly import person_week_limits
from asn_scheduler.rules.quality_defs import fair_bands
from asn_scheduler.solver.goals import fair_targets, q3_windows
from asn_scheduler.solver.model import PartModel

MAX_STATES = 200_000
"""Largest (choices two weeks back × last week × this week × counts) one step of the
programme may hold; beyond it the person is bounded by their fixed pairs only."""

_INF = np.iinfo(np.int64).max // 4


def count_ranges(pm: PartModel, held: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """(E_p,) each person's least and most WFH days on decision cells in any roster that
    meets the hard rules and holds the goals of ``held`` (goal → held value) — see the
    module doc. Made from the current roster (``pm.solution``) only through the unit
    totals Q1 holds. Computed once per model and held values of Q0 and Q1."""
    key = f"count_ranges {held.get('Q0')} {held.get('Q1')} {pm.solution is None}"
    return pm.memo(key, lambda: _count_ranges(pm, held))


def _count_ranges(pm: PartModel, held: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`count_ranges`, computed."""
    d = pm.data
    dec = pm.vid >= 0
    n_dec = dec.sum(axis=1)
    limits = np.maximum(person_week_limits(d), 0)
    per_week = _week_counts(pm, dec)
    most = np.minimum(limits, per_week).sum(axis=1)
    lo = np.zeros_like(most)
    hi = np.minimum(most, n_dec)
    v0 = held.get("Q0")
    kinds = d.goal_kind[d.unit_of]
    if v0 is not None and np.isfinite(v0) and not (dec & (kinds == GOAL_NONE)).any():
        slack = int(hi.sum()) - round(v0)
        lo = np.maximum(lo, hi - max(slack, 0))
    v1 = held.get("Q1")
    if v1 is not None and np.isfinite(v1) and pm.solution is not None:
        wfh = pm.wfh_values()
        available, share = fair_targets(pm, wfh)
        b_lo, b_hi = fair_bands(share)
        pinned = (pm.value * (d.open_cells() & ~dec)).sum(axis=1)
        slack = round(v1)
        on = available > 0
        lo = np.where(on, np.maximum(lo, b_lo - slack - pinned), lo)
        hi = np.where(on, np.minimum(hi, b_hi + slack - pinned), hi)
        for u in range(d.working.shape[0]):  # Q1 holds each unit's total
            rows = pm.unit_rows(u)
            total = int((wfh[rows] & dec[rows]).sum())
            lo_u, hi_u = lo[rows].copy(), hi[rows].copy()
            lo[rows] = np.maximum(lo_u, total - (hi_u.sum() - hi_u))
            hi[rows] = np.minimum(hi_u, total - (lo_u.sum() - lo_u))
    return np.maximum(lo, 0), hi


def _week_counts(pm: PartModel, mask: np.ndarray) -> np.ndarray:
    """(E_p, W) cells of ``mask`` per person-week."""
    week = pm.data.week
    n_weeks = int(week.max()) + 1 if week.size else 0
    onehot = np.zeros((week.size, n_weeks), dtype=np.int64)
    onehot[np.arange(week.size), week] = 1
    return mask.astype(np.int64) @ onehot


_CACHE: dict[bytes, tuple[int, np.ndarray]] = {}
"""Each person's minimum by its programme's whole input (the calendar, the person's cells,
limits, pairs, windows and range): people alike across the parts one process solves share
it. A pure function of its key, so the roster and the figures never depend on it."""
_CACHE_MAX = 200_000


def q3_lower_bound(pm: PartModel, held: Mapping[str, float]) -> int:
    """A lower bound on Q3 (the whole objective, constants included) over the rosters
    that meet the hard rules and hold ``held`` — see the module doc."""
    d = pm.data
    lo, hi = count_ranges(pm, held)
    limits = np.maximum(person_week_limits(d), 0)
    dec = pm.vid >= 0
    present = dec | (d.fixed == int(Code.WFO)) | (d.fixed == int(Code.WFH))
    pairs = np.array(d.pairs, dtype=np.int64).reshape(-1, 2)
    both = present[:, pairs[:, 0]] & present[:, pairs[:, 1]]
    size = d.max_consecutive + 1
    win = {u: (days, w) for u, _, days, w in q3_windows(pm)}
    calendar = d.week.tobytes() + np.array([size]).tobytes()
    all_most = np.minimum(limits, _week_counts(pm, dec)).sum(axis=1)
    # people alike (calendar, cells, limits, pairs, windows) share one programme, which
    # gives the least terms for every count at once; each person then takes its range
    groups: dict[bytes, list[int]] = {}
    where: dict[bytes, tuple[int, np.ndarray, np.ndarray]] = {}
    for u in range(d.working.shape[0]):
        rows = pm.unit_rows(u)
        if not rows.size:
            continue
        days, w = win.get(u, (np.zeros(0, np.int64), np.zeros((rows.size, 0), dtype=bool)))
        table = np.concatenate([dec[rows], pm.value[rows], limits[rows], both[rows], w],
                               axis=1).astype(np.int64)
        head = calendar + days.tobytes()
        for r, e in enumerate(rows.tolist()):
            key = head + table[r].tobytes()
            if key not in groups:
                groups[key] = []
                where[key] = (e, days, w[r])
            groups[key].append(e)
    total = 0
    for key, people in groups.items():
        if key not in _CACHE:
            if len(_CACHE) >= _CACHE_MAX:
                _CACHE.clear()
            e, days, w_row = where[key]
            starts = np.flatnonzero(w_row)
            wins = (days[starts[:, None] + np.arange(size)] if starts.size
                    else np.zeros((0, size), np.int64))
            _CACHE[key] = _per_count(pm, e, limits[e], int(all_most[e]), pairs[both[e]], wins)
        floor, per_count = _CACHE[key]
        members = np.array(people)
        if not per_count.size:
            total += floor * members.size
            continue
        # least over each member's range [a, b]: a table of range minima
        n = per_count.size
        a = np.maximum(lo[members], 0)
        b = np.minimum(hi[members], n - 1)
        ranges = np.minimum.accumulate(
            np.where(np.arange(n)[None, :] >= np.arange(n)[:, None], per_count[None, :], _INF),
            axis=1)
        got = ranges[np.minimum(a, n - 1), np.maximum(b, 0)]
        total += int(np.where((a <= b) & (got < _INF), got, floor).sum())
    return total


def _per_count(pm: PartModel, e: int, limits: np.ndarray, top: int, pairs: np.ndarray,
               windows: np.ndarray) -> tuple[int, np.ndarray]:
    """Person ``e``'s floor (fixed pairs) and, per count ``n`` of WFH decision days
    (0..``top``), its least Q3 terms (clipped below by the floor; empty when the
    programme is too large)."""
    prog = Programme(pm, e, limits, top, pairs, windows)
    if not prog.ok:
        return prog.floor, np.zeros(0, dtype=np.int64)
    per = prog.per_count()
    return prog.floor, np.where(np.isfinite(per), per, np.iinfo(np.int64).max // 4
                                ).astype(np.int64)


def _person_min(pm: PartModel, e: int, limits: np.ndarray, lo: int, hi: int,
                pairs: np.ndarray, windows: np.ndarray) -> int:
    """Person ``e``'s least Q3 terms (its ``pairs`` and run ``windows``) over the rows
    with at most ``limits[w]`` WFH decision days per week and ``lo``–``hi`` in all."""
    prog = Programme(pm, e, limits, hi, pairs, windows)
    if lo > hi or not prog.ok:
        return prog.floor
    tail = prog.per_count()[max(lo, 0):]
    value = float(tail.min()) if tail.size else np.inf
    return int(value) if np.isfinite(value) else prog.floor


class Programme:
    """One person's Q3 terms as a dynamic programme over ISO weeks (module doc): per week
    the person's choices and the terms each triple of choices (two weeks back, last
    week, this week) adds. ``ok`` is False when a step exceeds :data:`MAX_STATES`;
    ``floor`` is then the bound (the fixed pairs)."""

    def __init__(self, pm: PartModel, e: int, limits: np.ndarray, hi: int,
                 pairs: np.ndarray, windows: np.ndarray):
        week = pm.data.week
        self.hi = hi
        self.floor = int(np.count_nonzero((pm.vid[e, pairs[:, 0]] < 0)
                                          & (pm.vid[e, pairs[:, 1]] < 0)
                                          & (pm.value[e, pairs[:, 0]] != pm.value[e, pairs[:, 1]])))
        n_weeks = int(week.max()) + 1
        self.opts = [_options(pm, e, np.flatnonzero(week == w), int(limits[w]), max(hi, 0))
                     for w in range(n_weeks)]
        self.costs: list[np.ndarray] = []
        self.ok = hi >= 0
        dummy = (np.zeros(0, np.int64), np.zeros((1, 0), np.int64), np.zeros(1, np.int64))
        for w in range(n_weeks if self.ok else 0):
            ka = self.opts[w - 2] if w >= 2 else dummy
            kb = self.opts[w - 1] if w >= 1 else dummy
            kc = self.opts[w]
            na, nb, nc = ka[1].shape[0], kb[1].shape[0], kc[1].shape[0]
            if na * nb * nc * (hi + 1) > MAX_STATES:
                self.ok = False
                return
            cost = np.zeros((na, nb, nc), dtype=np.int64)
            here = pairs[(week[pairs[:, 1]] == w) & (week[pairs[:, 0]] == w - 2)]
            if here.size:  # pattern changes: week w−2 against week w
                a = ka[1][:, here[:, 0] - ka[0][0]]
                c = kc[1][:, here[:, 1] - kc[0][0]]
                cost += (a[:, None, :] != c[None, :, :]).sum(axis=2)[:, None, :]
            last = week[windows[:, -1]] if windows.size else np.zeros(0, np.int64)
            # a window spanning more than three weeks is dropped (only lowers the bound)
            mine = windows[(last == w) & (week[windows[:, 0]] >= w - 2)]
            if mine.size:
                cost += np.einsum("ak,bk,ck->abc", _all_wfh(ka, mine), _all_wfh(kb, mine),
                                  _all_wfh(kc, mine))
            self.costs.append(cost)

    def per_count(self) -> np.ndarray:
        """(hi+1,) the least terms for each count of WFH decision days (inf: none)."""
        hi = self.hi
        # state[b, c, n]: the least terms with choice b last week, c this week, n WFH days
        state = np.full((1, 1, hi + 1), np.inf)
        state[0, 0, 0] = 0.0
        for w, cost in enumerate(self.costs):
            counts = self.opts[w][2]
            step = (state[:, :, None, :] + cost[:, :, :, None]).min(axis=0)  # (b, c, n)
            state = np.full((*step.shape[:2], hi + 1), np.inf)
            for k in np.unique(counts).tolist():
                sel = counts == k
                if k <= hi:
                    state[:, sel, k:] = step[:, sel, :hi + 1 - k]
        return state.reshape(-1, state.shape[2]).min(axis=0)


_OPTIONS: dict[bytes, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}


def _options(pm: PartModel, e: int, dates: np.ndarray, limit: int, hi: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Person ``e``'s choices in one week: ``(dates, values, counts)`` — each choice's
    WFH (0/1) on every date of the week (fixed cells as given) and its WFH decision
    days; at most ``min(limit, hi)`` of them. Shared by weeks alike (read-only)."""
    free_mask = pm.vid[e, dates] >= 0
    base = pm.value[e, dates].astype(np.int64)
    top = min(limit, hi, int(free_mask.sum()))
    key = dates.tobytes() + free_mask.tobytes() + base.tobytes() + np.array([top]).tobytes()
    if key in _OPTIONS:
        return _OPTIONS[key]
    free = np.flatnonzero(free_mask)
    rows = [base]
    counts = [0]
    for k in range(1, top + 1):
        for pick in combinations(free.tolist(), k):
            v = base.copy()
            v[list(pick)] = 1
            rows.append(v)
            counts.append(k)
    out = (dates, np.array(rows, dtype=np.int64), np.array(counts, dtype=np.int64))
    for a in out:
        a.flags.writeable = False
    if len(_OPTIONS) >= _CACHE_MAX:
        _OPTIONS.clear()
    _OPTIONS[key] = out
    return out


def _all_wfh(opt: tuple[np.ndarray, np.ndarray, np.ndarray], windows: np.ndarray
             ) -> np.ndarray:
    """(choices, windows) 0/1: every cell of each window (rows of dates) that falls in
    the week of ``opt`` is WFH under the choice (1 when none falls in it)."""
    dates, values, _ = opt
    if not dates.size:
        return np.ones((values.shape[0], windows.shape[0]), dtype=np.int64)
    inside = (windows >= dates[0]) & (windows <= dates[-1])  # (k, size)
    idx = np.clip(windows - dates[0], 0, dates.size - 1)
    cell = values[:, idx]  # (choices, k, size)
    return (cell.astype(bool) | ~inside[None]).all(axis=2).astype(np.int64)


def q4_upper_bound(pm: PartModel, held: Mapping[str, float]) -> int:
    """An upper bound on Q4 (constants included) over the rosters that meet the hard
    rules and hold ``held`` — see the module doc: per team, the candidate days (as
    :func:`~asn_scheduler.solver.goals.objective_q4` counts them) less those each member's
    least WFH days must take, per ISO week and over the period."""
    d = pm.data
    if not (d.team >= 0).any():
        return 0
    lo, _ = count_ranges(pm, held)
    dec = pm.vid >= 0
    limits = np.maximum(person_week_limits(d), 0)
    most_w = np.minimum(limits, _week_counts(pm, dec))  # (E_p, W)
    present = dec | (d.fixed == int(Code.WFO)) | (d.fixed == int(Code.WFH))
    onehot = np.zeros((d.week.size, most_w.shape[1]), dtype=np.int64)
    onehot[np.arange(d.week.size), d.week] = 1
    total = 0
    for t in np.unique(d.team[d.team >= 0]).tolist():
        members = np.flatnonzero(d.team == t)
        days = np.flatnonzero(d.working[int(d.unit_of[members[0]])])
        here = present[np.ix_(members, days)]
        fixed_wfh = (pm.value[np.ix_(members, days)] == 1) & ~dec[np.ix_(members, days)]
        open_day = (here.sum(axis=0) >= 2) & ~(here & fixed_wfh).any(axis=0)
        var_day = (dec[np.ix_(members, days)] & here).any(axis=0)
        total += int((open_day & ~var_day).sum())
        cand = np.zeros(d.week.size, dtype=bool)
        cand[days[open_day & var_day]] = True
        if not cand.any():
            continue
        mine = dec[members]
        c_w = cand.astype(np.int64) @ onehot  # (W,)
        dec_pw = mine.astype(np.int64) @ onehot  # (m, W)
        inside = (mine & cand).astype(np.int64) @ onehot
        need = lo[members, None] - (most_w[members].sum(axis=1)[:, None] - most_w[members])
        per = np.where(need > 0, np.minimum(inside, dec_pw - need) + (c_w - inside), c_w)
        best_weeks = int(np.clip(per.min(axis=0), 0, c_w).sum())
        # over the period: each member's decision days less its least WFH
        inside_p = inside.sum(axis=1)
        n_cand = int(cand.sum())
        whole = int(np.clip((np.minimum(inside_p, dec_pw.sum(axis=1) - lo[members])
                             + (n_cand - inside_p)).min(), 0, n_cand))
        total += min(best_weeks, whole)
    return total
