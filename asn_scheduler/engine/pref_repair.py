"""Preference repair: move WFH days onto preferred weekdays within each ISO week (Q2).

After the WFH allowance (Q0) and fairness (Q1) are settled, preferences (Q2) ask for the
WFH days to fall on each person's ``Hari WFH Pilihan``. At 65,000 staff the time shared
among two thousand parts leaves many Q2 stages with little or no solve, and their roster
stays the one of Q1. Most of what is missing is local: someone is home on a Monday while
their preferred Tuesday has room, or two colleagues each hold the day the other prefers.

Per unit and ISO week this is a transportation problem — each person keeps their number
of WFH days, each day holds at most its cap (S2) and at least what P1/B1 ask — and the
repair solves it by **cycle cancelling**: on a graph whose nodes are the week's days, an
edge i → j is one person moving a WFH day from i to j (gain: +1 onto a preferred day, −1
off one), and an edge t → s with gain 0 says that day t has room and day s may lose a WFH
day. A cycle of positive gain is applied (Bellman–Ford finds one; a chain A → B → room is
a path closed by such an edge, a swap a 2-cycle); none left means the week is optimal for
the rules the graph holds. Of the people who could make a move, the one whose fortnight
pattern (Q3) it keeps is chosen.

Every move stays on decision cells of one person in one ISO week whose Q0 sign (``none``
or not) is the same, so every person's WFH count per week — hence Q0, Q1 and each weekly
cap on the same days — is unchanged; a weekly cap counting only some days is checked, as
are role cover (S3) on the day entered and the day caps (S2) and floors (P1, B1) on the
days whose totals change. The result is checked with
:func:`~asn_scheduler.engine.part_check.broken_rules` and dropped if anything broke.
Deterministic: fixed scan orders, no clock.

A roster repaired to Q2's max-flow bound (:func:`~asn_scheduler.solver.quality_bounds.
q2_upper_bound`) needs no Q2 solve; otherwise it is the solve's hint.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from asn_scheduler.domain.enums import Code
from asn_scheduler.engine.context import DECIDE, GOAL_NONE
from asn_scheduler.engine.part_check import broken_rules
from asn_scheduler.parts.data import PartData
from asn_scheduler.parts.weekly import week_onehot, weekly_rules

_BIG = np.iinfo(np.int64).max // 4
_NO_EDGE = -(1 << 30)
_TIE = 16  # a preference outweighs any pattern difference of one move (at most 4)


@dataclass
class _Days:
    """Per unit-day totals the moves change: WFH count, and the floors' slack."""

    count: np.ndarray        # (U, D) WFH per unit-day, fixed included
    room: np.ndarray         # (U, D) the cap (S2) less the count; huge where no cap
    p1_need: np.ndarray      # (U, D) WFH P1 asks for (0 where none)
    seats: list[tuple[np.ndarray, np.ndarray, np.ndarray]]  # (units, need (D,), count (D,))

    def surplus(self, u: int, d: int) -> int:
        """WFH days unit ``u`` may lose on day ``d`` under P1 and B1."""
        s = int(self.count[u, d] - self.p1_need[u, d])
        for units, need, cnt in self.seats:
            if u in units and need[d] > 0:
                s = min(s, int(cnt[d] - need[d]))
        return s

    def shift(self, u: int, into: int, out_of: int) -> None:
        """One WFH day of unit ``u`` moved from day ``out_of`` to day ``into``."""
        self.count[u, into] += 1
        self.count[u, out_of] -= 1
        self.room[u, into] -= 1
        self.room[u, out_of] += 1
        for units, _, cnt in self.seats:
            if u in units:
                cnt[into] += 1
                cnt[out_of] -= 1


def preferred_value(data: PartData, wfh: np.ndarray) -> int:
    """Q2 of ``wfh``: WFH days on preferred weekdays, decision cells only."""
    return int((wfh & data.preferred & (data.fixed == DECIDE)).sum())


def repair_preferences(data: PartData, wfh: np.ndarray, max_moves: int = 1_000_000
                       ) -> np.ndarray:
    """A roster with Q2 no lower than ``wfh``'s, by moves of WFH days within each person's
    ISO weeks.

    Parameters
    ----------
    data
        The part (fresh solves only: no pinned or published cells).
    wfh
        (E_p, D) bool, a roster that meets every hard rule (the Q1 stage's).
    max_moves
        Most positive cycles applied in all (a guard; each raises Q2 by at least one).

    Returns
    -------
    np.ndarray
        A new (E_p, D) bool roster: only decision cells differ; each person's WFH days per
        ISO week, and per Q0 sign, are as many as in ``wfh``; every hard rule
        :func:`~asn_scheduler.engine.part_check.broken_rules` checks still holds (else
        ``wfh`` itself is returned); Q2 is at least ``wfh``'s. Deterministic.
    """
    dec = data.fixed == DECIDE
    pref = data.preferred & dec
    x = wfh.copy()
    todo = _weeks_to_try(data, x, dec, pref)
    if not todo:
        return x
    days_state = _day_state(data, x)
    weekly = weekly_rules(data)
    partners = _partners(data)
    present = dec | (data.fixed == int(Code.WFO)) | (data.fixed == int(Code.WFH))
    left = max_moves
    for u, w in todo:
        left -= _repair_week(data, x, u, w, dec, pref, days_state, weekly, partners, present,
                             left)
        if left <= 0:
            break
    if (x == wfh).all():
        return x
    if broken_rules(data, x & dec):  # pragma: no cover - the moves are checked one by one
        return wfh.copy()
    return x


def _weeks_to_try(data: PartData, x: np.ndarray, dec: np.ndarray, pref: np.ndarray
                  ) -> list[tuple[int, int]]:
    """(unit, week) pairs, in order, where someone is home on a day they do not prefer
    while a preferred decision day of theirs in that week is free."""
    onehot = week_onehot(data)
    out_ok = (x & dec & ~pref).astype(np.int64) @ onehot
    in_ok = (~x & pref).astype(np.int64) @ onehot
    e, w = np.nonzero((out_ok > 0) & (in_ok > 0))
    pairs = np.unique(np.stack([data.unit_of[e], w], axis=1), axis=0)
    return [(int(u), int(k)) for u, k in pairs]


def _day_state(data: PartData, x: np.ndarray) -> _Days:
    n_units, n_days = data.working.shape
    wfh = np.where(data.fixed == DECIDE, x, data.fixed == int(Code.WFH))
    count = np.zeros((n_units, n_days), dtype=np.int64)
    np.add.at(count, data.unit_of, wfh.astype(np.int64))
    open_day = data.working & ~data.pinned_day[None, :]
    room = np.where(open_day, data.cap - count, _BIG)
    p1 = np.where(open_day & (data.ceiling >= 0), data.active - data.ceiling, 0)
    seats = []
    for s in data.seats:
        on = (s.cap >= 0) & ~data.pinned_day
        need = np.where(on, data.active[s.units].sum(axis=0) - s.cap, 0)
        seats.append((s.units, need, count[s.units].sum(axis=0)))
    return _Days(count, room, p1, seats)


def _partners(data: PartData) -> list[list[int]]:
    """Per day, the days 14 days away that Q3 compares it with."""
    out: list[list[int]] = [[] for _ in range(data.fixed.shape[1])]
    for i, j in data.pairs:
        out[i].append(j)
        out[j].append(i)
    return out


def _pattern_cost(x: np.ndarray, present: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                  partners: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """(P, K) each: the change in Q3's pattern changes when a person leaves day k (WFH →
    WFO) and when they enter it. Partners are 14 days away, in other ISO weeks, so the
    week's own moves never change them."""
    leave = np.zeros((rows.size, cols.size), dtype=np.int64)
    for k, d in enumerate(cols.tolist()):
        for p in partners[d]:
            both = present[rows, p] & present[rows, d]
            leave[:, k] += np.where(both, np.where(x[rows, p], 1, -1), 0)
    return leave, -leave


def _repair_week(data: PartData, x: np.ndarray, u: int, w: int, dec: np.ndarray,
                 pref: np.ndarray, st: _Days, weekly: list, partners: list[list[int]],
                 present: np.ndarray, left: int) -> int:
    """Cancel positive cycles in unit ``u``'s week ``w`` (``x`` updated); returns the
    number applied."""
    rows = data.unit_rows(u)
    cols = np.flatnonzero((data.week == w) & dec[rows].any(axis=0))
    if cols.size < 2:
        return 0
    week_cols = np.flatnonzero(data.week == w)
    sub = x[np.ix_(rows, cols)]
    dsub = dec[np.ix_(rows, cols)]
    gain = pref[np.ix_(rows, cols)].astype(np.int64)
    gain3 = gain[:, None, :] - gain[:, :, None]  # [e, i, j]: moving i → j
    none = data.goal_kind[u, cols] == GOAL_NONE
    same = none[:, None] == none[None, :]
    np.fill_diagonal(same, False)
    leave, enter = _pattern_cost(x, present, rows, cols, partners)
    tie = leave[:, :, None] + enter[:, None, :]
    base = gain3 * _TIE - tie
    # weekly caps that count only some days of the week: a move onto a counted day from
    # an uncounted one needs room under the cap
    caps = []
    wfh_rows = np.where(dec[rows], x[rows], data.fixed[rows] == int(Code.WFH))
    for rl in weekly:
        counted = rl.counted[np.ix_(rows, cols)]
        if counted.all(axis=1).all() and rl.counted[np.ix_(rows, week_cols)].all():
            continue  # counts every day: a move within the week never changes the count
        used = (wfh_rows[:, week_cols] & rl.counted[np.ix_(rows, week_cols)]).sum(axis=1)
        adds = counted[:, None, :] & ~counted[:, :, None]  # [e, i, j]
        caps.append((rl.limit[rows, w], used, counted, adds))
    roles = []
    local = {int(r): k for k, r in enumerate(rows)}
    for rn in data.roles:
        if rn.unit == u and rn.holders.size:
            idx = np.array([local[int(h)] for h in rn.holders], dtype=np.intp)
            fixed_out = (data.fixed[np.ix_(rn.holders, cols)] == int(Code.WFO)).sum(axis=0)
            office = fixed_out + (dsub[idx] & ~sub[idx]).sum(axis=0)
            roles.append((idx, rn.need[cols].astype(np.int64), office.astype(np.int64)))
    banned = np.zeros(gain3.shape, dtype=bool)
    n_cols = cols.size
    applied = 0
    while applied < left:
        out_ok = sub & dsub
        in_ok = ~sub & dsub
        valid = out_ok[:, :, None] & in_ok[:, None, :] & same[None, :, :] & ~banned
        for lim, used, _, adds in caps:
            valid &= ~adds | (used < lim)[:, None, None]
        for idx, need, office in roles:
            tight = (need > 0) & (office <= need)
            if tight.any():
                valid[np.ix_(idx, np.arange(n_cols), np.flatnonzero(tight))] = False
        score = np.where(valid, base, _NO_EDGE)
        who = score.argmax(axis=0)  # [i, j]: the first person with the best score
        best = np.take_along_axis(score, who[None], axis=0)[0]
        edge_gain = np.take_along_axis(gain3, who[None], axis=0)[0]
        edges = [(i, j, int(edge_gain[i, j]), int(who[i, j]))
                 for i, j in zip(*np.nonzero(best > _NO_EDGE), strict=True)]
        room = st.room[u, cols]
        for t in np.flatnonzero(room > 0).tolist():
            for s in range(n_cols):
                if same[t, s] and st.surplus(u, int(cols[s])) > 0:
                    edges.append((t, s, 0, -1))
        cycle = _positive_cycle(n_cols, edges)
        if cycle is None:
            break
        moves = [(e, i, j) for i, j, _, e in cycle if e >= 0]
        for e, i, j in moves:
            sub[e, i], sub[e, j] = False, True
        bad = False
        for lim, used, counted, _ in caps:
            for e, i, j in moves:
                used[e] += int(counted[e, j]) - int(counted[e, i])
            bad |= bool((used > lim).any())
        if bad:  # one person twice in the cycle, past a partial weekly cap: undo, ban
            for _, used, counted, _ in caps:
                for e, i, j in moves:
                    used[e] -= int(counted[e, j]) - int(counted[e, i])
            for e, i, j in moves:
                sub[e, i], sub[e, j] = True, False
                banned[e, i, j] = True
            continue
        for idx, _, office in roles:
            for e, i, j in moves:
                if e in idx:
                    office[i] += 1
                    office[j] -= 1
        for i, j, _, e in cycle:
            if e < 0:  # room used on day i, a WFH day given up on day j
                st.shift(u, int(cols[i]), int(cols[j]))
        applied += 1
    x[np.ix_(rows, cols)] = sub
    return applied


def _positive_cycle(n: int, edges: list[tuple[int, int, int, int]]
                    ) -> list[tuple[int, int, int, int]] | None:
    """A cycle of positive total gain among ``edges`` (tail, head, gain, tag) on nodes
    ``0..n-1``, in order, or None (Bellman–Ford for the longest path, from every node at
    once)."""
    if not edges:
        return None
    dist = [0] * n
    pred: list[tuple[int, int, int, int] | None] = [None] * n
    last = -1
    for _ in range(n + 1):
        last = -1
        for edge in edges:
            a, b, g, _ = edge
            if dist[a] + g > dist[b]:
                dist[b] = dist[a] + g
                pred[b] = edge
                last = b
        if last < 0:
            return None
    v = last
    for _ in range(n):  # walk back into the cycle
        v = pred[v][0]  # type: ignore[index]
    cycle = []
    node = v
    while True:
        edge = pred[node]
        assert edge is not None
        cycle.append(edge)
        node = edge[0]
        if node == v:
            break
    cycle.reverse()
    return cycle if sum(e[2] for e in cycle) > 0 else None
