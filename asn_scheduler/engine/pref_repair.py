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
_TIE = 64  # a preference outweighs the rest of a move's score (|4·Q3| + |Q4| ≤ 18)


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
                       ) -> tuple[np.ndarray, int]:
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
    roster : np.ndarray
        A new (E_p, D) bool roster: only decision cells differ; each person's WFH days per
        ISO week, and per Q0 sign, are as many as in ``wfh``; every hard rule
        :func:`~asn_scheduler.engine.part_check.broken_rules` checks still holds (else
        ``wfh`` itself is returned); Q2 is at least ``wfh``'s. Deterministic.
    work : int
        The work done, counted: unit-weeks examined plus moves made (the engine charges
        it to the part's deterministic budget).
    """
    dec = data.fixed == DECIDE
    pref = data.preferred & dec
    x = wfh.copy()
    todo = _weeks_to_try(data, x, dec, pref)
    if not todo:
        return x, 0
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
    work = len(todo) + max_moves - left
    if (x == wfh).all():
        return x, work
    if broken_rules(data, x & dec):  # pragma: no cover - the moves are checked one by one
        return wfh.copy(), work
    return x, work


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
    ks = [k for k, d in enumerate(cols.tolist()) for _ in partners[d]]
    if not ks:
        zero = np.zeros((rows.size, cols.size), dtype=np.int64)
        return zero, zero
    ps = [p for d in cols.tolist() for p in partners[d]]
    here = present[rows]
    both = here[:, ps] & here[:, cols[ks]]
    contrib = np.where(both, np.where(x[rows][:, ps], 1, -1), 0)
    onehot = np.zeros((len(ks), cols.size), dtype=np.int64)
    onehot[np.arange(len(ks)), ks] = 1
    leave = contrib @ onehot
    return leave, -leave


def _repair_week(data: PartData, x: np.ndarray, u: int, w: int, dec: np.ndarray,
                 pref: np.ndarray, st: _Days, weekly: list, partners: list[list[int]],
                 present: np.ndarray, left: int) -> int:
    """Cancel positive cycles in unit ``u``'s week ``w`` (``x`` updated): swaps and
    single moves in bulk first (the common cycles, without rebuilding the graph for
    each), then any cycle. Returns the number applied."""
    rows = data.unit_rows(u)
    cols = np.flatnonzero((data.week == w) & dec[rows].any(axis=0))
    if cols.size < 2:
        return 0
    wk = _Week(data, x, u, w, rows, cols, dec, pref, st, weekly, partners, present)
    applied = wk.swaps(left)
    applied += wk.direct(left - applied)
    applied += wk.cycles(left - applied)
    if applied:
        x[np.ix_(rows, cols)] = wk.sub
    return applied


class _Week:
    """One unit-week's state: its people's WFH on the week's decision days (``sub``,
    people × days), and what the moves must respect."""

    def __init__(self, data: PartData, x: np.ndarray, u: int, w: int, rows: np.ndarray,
                 cols: np.ndarray, dec: np.ndarray, pref: np.ndarray, st: _Days,
                 weekly: list, partners: list[list[int]], present: np.ndarray):
        self.u, self.cols, self.st = u, cols, st
        week_cols = np.flatnonzero(data.week == w)
        self.sub = x[rows][:, cols]
        self.dsub = dec[rows][:, cols]
        self.gain = pref[rows][:, cols].astype(np.int64)
        self.gain3 = self.gain[:, None, :] - self.gain[:, :, None]  # [e, i, j]: i → j
        none = data.goal_kind[u, cols] == GOAL_NONE
        self.same = none[:, None] == none[None, :]  # one Q0 sign
        np.fill_diagonal(self.same, False)
        leave, enter = _pattern_cost(x, present, rows, cols, partners)
        self.base = self.gain3 * _TIE - 4 * (leave[:, :, None] + enter[:, None, :])
        # Q4: the week's team days (every present member WFO) per local team and day
        team = data.team[rows]
        teams, self.team = np.unique(team, return_inverse=True)
        self.team = np.where(team >= 0, self.team, -1)
        here = present[rows][:, cols]
        fixed_home = (data.fixed[rows][:, cols] == int(Code.WFH)) & here
        n_t = teams.size
        count = np.zeros((n_t, cols.size), dtype=np.int64)
        np.add.at(count, self.team[team >= 0], here[team >= 0].astype(np.int64))
        home = np.zeros((n_t, cols.size), dtype=np.int64)
        np.add.at(home, self.team[team >= 0], fixed_home[team >= 0].astype(np.int64))
        self.team_on = (count >= 2) & (home == 0)  # a day that can be a team day
        self.team_wfh = np.zeros((n_t, cols.size), dtype=np.int64)
        np.add.at(self.team_wfh, self.team[team >= 0], (self.sub & self.dsub)[team >= 0]
                  .astype(np.int64))
        # weekly caps that count only some days of the week: a move onto a counted day
        # from an uncounted one needs room under the cap
        self.caps = []
        for rl in weekly:
            in_week = rl.counted[rows][:, week_cols]
            if in_week.all():
                continue  # counts every day: a move within the week never changes it
            counted = rl.counted[rows][:, cols]
            wfh_week = np.where(dec[rows][:, week_cols], x[rows][:, week_cols],
                                data.fixed[rows][:, week_cols] == int(Code.WFH))
            used = (wfh_week & in_week).sum(axis=1)
            adds = counted[:, None, :] & ~counted[:, :, None]  # [e, i, j]
            self.caps.append((rl.limit[rows, w], used, counted, adds))
        self.roles = []  # (holder mask, need per day, holders in the office per day)
        for rn in data.roles:
            if rn.unit == u and rn.holders.size:
                holder = np.zeros(data.fixed.shape[0], dtype=bool)
                holder[rn.holders] = True
                holder = holder[rows]
                fixed_out = (data.fixed[rn.holders][:, cols] == int(Code.WFO)).sum(axis=0)
                office = fixed_out + (self.dsub[holder] & ~self.sub[holder]).sum(axis=0)
                self.roles.append((holder, rn.need[cols].astype(np.int64),
                                   office.astype(np.int64)))

    def move(self, e: int, i: int, j: int, sign: int = 1) -> None:
        """Person ``e``'s WFH day from day ``i`` to day ``j`` (``sign`` −1: undone)."""
        if sign < 0:
            i, j = j, i
        self.sub[e, i], self.sub[e, j] = False, True
        t = self.team[e]
        if t >= 0:
            self.team_wfh[t, i] -= 1
            self.team_wfh[t, j] += 1
        for _, used, counted, _ in self.caps:
            used[e] += int(counted[e, j]) - int(counted[e, i])
        for holder, _, office in self.roles:
            if holder[e]:
                office[i] += 1
                office[j] -= 1

    def score(self, people: np.ndarray) -> np.ndarray:
        """(len(people), K, K) each move's score: its preference gain first, then its
        change in Q3's pattern changes (fewer first), then in Q4's team days (more
        first), on the week as it now is."""
        t = self.team[people]
        on = (self.team_on[t] & (t >= 0)[:, None])
        wfh = self.team_wfh[t]
        made = on & (wfh == 1)  # leaving day i: the last member home there
        lost = on & (wfh == 0)  # entering day j: a team day until now
        return (self.base[people] + made[:, :, None].astype(np.int64)
                - lost[:, None, :].astype(np.int64))

    def holds(self, people: list[int]) -> bool:
        """Role cover and the weekly caps hold (for ``people``'s caps)."""
        for holder, need, office in self.roles:
            if holder[people].any() and ((need > 0) & (office < need)).any():
                return False
        return all(used[e] <= lim[e] for lim, used, _, _ in self.caps for e in people)

    def swaps(self, left: int) -> int:
        """Two people trade days i and j where that honours more preferences (a 2-cycle;
        day totals unchanged). Best-kept patterns first."""
        done = 0
        sub, dsub, gain = self.sub, self.dsub, self.gain
        g3 = self.gain3
        on = sub & dsub
        off = ~sub & dsub
        can = on[:, :, None] & off[:, None, :] & self.same[None]  # [e, i, j]: i → j
        up = (can & (g3 > 0)).any(axis=0)
        some = (can & (g3 >= 0)).any(axis=0)
        pot = np.triu((up & some.T) | (some & up.T), 1)
        for i, j in zip(*np.nonzero(pot), strict=True):
            i, j = int(i), int(j)
            if done >= left:
                break
            both = dsub[:, i] & dsub[:, j]
            g = gain[:, j] - gain[:, i]
            a_side = np.flatnonzero(both & sub[:, i] & ~sub[:, j] & (g >= 0))  # i → j
            b_side = np.flatnonzero(both & sub[:, j] & ~sub[:, i] & (g <= 0))  # j → i
            # the one gaining most first; of equals, the pattern kept best
            a_key = self.score(a_side)[:, i, j]
            b_key = self.score(b_side)[:, j, i]
            a_side = a_side[np.lexsort((a_side, -a_key, -g[a_side]))].tolist()
            b_side = b_side[np.lexsort((b_side, -b_key, g[b_side]))].tolist()
            for a in a_side:
                if done >= left:
                    break
                for b in b_side:
                    if g[a] - g[b] <= 0:
                        break
                    self.move(a, i, j)
                    self.move(b, j, i)
                    if self.holds([a, b]):
                        b_side.remove(b)
                        done += 1
                        break
                    self.move(b, j, i, -1)
                    self.move(a, i, j, -1)
        return done

    def direct(self, left: int) -> int:
        """One person moves from a day they do not prefer to a free preferred day with
        room (a cycle closed by that room), the move keeping their pattern best first."""
        sub, dsub, gain, st, u, cols = (self.sub, self.dsub, self.gain, self.st, self.u,
                                        self.cols)
        wants = (sub & dsub & (gain == 0)).any(axis=1) & (~sub & dsub & (gain > 0)).any(axis=1)
        room = st.room[u, cols]
        if not wants.any() or not (room > 0).any():
            return 0
        moved = 0
        for e in np.flatnonzero(wants).tolist():
            while moved < left:
                best = None
                base = self.score(np.array([e]))[0]
                for i in np.flatnonzero(sub[e] & dsub[e] & (gain[e] == 0)).tolist():
                    if st.surplus(u, int(cols[i])) <= 0:
                        continue
                    for j in np.flatnonzero(~sub[e] & dsub[e] & (gain[e] > 0)).tolist():
                        if (self.same[i, j] and st.room[u, cols[j]] > 0
                                and (best is None or base[i, j] > base[best[0], best[1]])):
                            self.move(e, i, j)
                            if self.holds([e]):
                                best = (i, j)
                            self.move(e, i, j, -1)
                if best is None:
                    break
                self.move(e, *best)
                st.shift(u, int(cols[best[1]]), int(cols[best[0]]))
                moved += 1
        return moved

    def cycles(self, left: int) -> int:
        """Any positive cycle (chains through full days, longer trades), one at a time,
        until none is left."""
        sub, dsub, st, u, cols = self.sub, self.dsub, self.st, self.u, self.cols
        n = cols.size
        banned = np.zeros(self.gain3.shape, dtype=bool)
        ii, jj = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
        applied = 0
        while applied < left:
            valid = ((sub & dsub)[:, :, None] & (~sub & dsub)[:, None, :]
                     & self.same[None, :, :] & ~banned)
            for lim, used, _, adds in self.caps:
                valid &= ~adds | (used < lim)[:, None, None]
            for holder, need, office in self.roles:
                tight = (need > 0) & (office <= need)
                if tight.any():
                    valid &= ~(holder[:, None, None] & tight[None, None, :])
            score = np.where(valid, self.score(np.arange(sub.shape[0])), _NO_EDGE)
            who = score.argmax(axis=0)  # [i, j]: the first person with the best score
            best = score[who, ii, jj]
            edge_gain = self.gain3[who, ii, jj]
            edges = [(i, j, int(edge_gain[i, j]), int(who[i, j]))
                     for i, j in zip(*np.nonzero(best > _NO_EDGE), strict=True)]
            room = st.room[u, cols]
            for t in np.flatnonzero(room > 0).tolist():
                for s in range(n):
                    if self.same[t, s] and st.surplus(u, int(cols[s])) > 0:
                        edges.append((t, s, 0, -1))
            cycle = _positive_cycle(n, edges)
            if cycle is None:
                break
            moves = [(e, i, j) for i, j, _, e in cycle if e >= 0]
            for e, i, j in moves:
                self.move(e, i, j)
            if not self.holds(sorted({e for e, _, _ in moves})):
                # one person twice in the cycle, past a partial weekly cap: undo, ban
                for e, i, j in reversed(moves):
                    self.move(e, i, j, -1)
                    banned[e, i, j] = True
                continue
            for i, j, _, e in cycle:
                if e < 0:  # room used on day i, a WFH day given up on day j
                    st.shift(u, int(cols[i]), int(cols[j]))
            applied += 1
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
