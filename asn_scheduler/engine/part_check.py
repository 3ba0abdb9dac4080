"""Does a roster of one part meet its hard rules? The solver model's constraints, in numpy.

The engine uses it to take a constructive roster (:mod:`asn_scheduler.engine.rotation`)
as it is where that is enough, without a CP-SAT call: to share a huge building's seats out
among its units (:func:`asn_scheduler.engine.decompose.split_building`) a roster that
meets every hard rule is all that is needed. The rules are those the solver's builders
constrain (``solver/builders.py``: S2, S3, F1, B1, P1, and the weekly ``wfh_goal`` cap
of Q0), on the same dates; the rules that fix cells (C1, C2, S1, L1, F2–F4, E1, K1) are met
by construction, since only decision cells vary. The independent checker still judges
every roster the engine returns.
"""

from __future__ import annotations

import numpy as np

from asn_scheduler.domain.enums import Code
from asn_scheduler.engine.context import DECIDE, GOAL_NONE
from asn_scheduler.parts.data import PartData, RoleNeed
from asn_scheduler.parts.weekly import RowLimits, week_onehot, weekly_rules
from asn_scheduler.parts.weekly import goal_caps as goal_caps
from asn_scheduler.parts.weekly import person_week_limits as person_week_limits
from asn_scheduler.rules.weekly import WEEKLY_CAPS


def part_wfh(data: PartData, choice: np.ndarray) -> np.ndarray:
    """(E_p, D) bool: WFH on every cell: ``choice`` on decision cells, the fixed code
    elsewhere."""
    return np.where(data.fixed == DECIDE, choice, data.fixed == int(Code.WFH))


def broken_rules(data: PartData, choice: np.ndarray) -> list[str]:
    """The hard rules ``choice`` breaks in ``data``, in rule order (empty: it meets them
    all, as the solver's model would accept it).

    Parameters
    ----------
    data
        The part, as the solver gets it.
    choice
        (E_p, D) bool: WFH on the decision cells (other cells are ignored).

    Returns
    -------
    list[str]
        Rule IDs among S2, S3, the hard weekly caps (F1), B1, P1 and the caps goals set
        (``Q0``: a ``wfh_goal`` of k days per week), each once.
    """
    wfh = part_wfh(data, choice)
    n_units = data.working.shape[0]
    unit_day = np.zeros((n_units, wfh.shape[1]), dtype=np.int64)
    np.add.at(unit_day, data.unit_of, wfh.astype(np.int64))
    open_day = data.working & ~data.pinned_day[None, :]
    out = []
    if (open_day & (unit_day > data.cap)).any():
        out.append("S2")
    if any((_office_row(data, wfh, rn) < rn.need)[
            data.working[rn.unit] & ~data.pinned_day & (rn.need > 0)].any()
           for rn in data.roles if rn.holders.size):
        out.append("S3")
    onehot = week_onehot(data)
    over = {wk.rule for wk in weekly_rules(data)
            if (((wfh & wk.counted).astype(np.int64) @ onehot) > wk.limit).any()}
    out += [c.rule for c in WEEKLY_CAPS if c.hard and c.rule in over]
    if _seats_short(data, unit_day):
        out.append("B1")
    ceiling = data.ceiling
    need = np.where(open_day & (ceiling >= 0), data.active - ceiling, 0)
    if (unit_day < need).any():
        out.append("P1")
    out += [c.rule for c in WEEKLY_CAPS if not c.hard and c.rule in over]  # Q0's weekly cap
    return out


def _office_row(data: PartData, wfh: np.ndarray, rn: RoleNeed) -> np.ndarray:
    """(D,) holders of ``rn`` in the office on each date (fixed WFO, or open and not WFH)."""
    fixed = data.fixed[rn.holders]
    return ((fixed == int(Code.WFO)) | ((fixed == DECIDE) & ~wfh[rn.holders])).sum(axis=0)


def _seats_short(data: PartData, unit_day: np.ndarray) -> bool:
    for seats in data.seats:
        days = (seats.cap >= 0) & ~data.pinned_day
        need = data.active[seats.units].sum(axis=0) - seats.cap
        if (days & (unit_day[seats.units].sum(axis=0) < need)).any():
            return True
    return False


def repair_hard(data: PartData, choice: np.ndarray, fill: bool = False) -> np.ndarray:
    """``choice`` moved towards the hard rules by greedy single-cell changes: WFH sent
    back to the office where role cover (S3), a weekly limit (F1, the weekly
    ``wfh_goal``) or a daily cap (S2) is exceeded, then office days sent home where seats
    (B1) or an office ceiling (P1) ask for more WFH and every other rule allows it.

    A heuristic, not a solver: the result may still break a rule (check it with
    :func:`broken_rules`). Deterministic (fixed scan orders); only decision cells change;
    returns a new (E_p, D) bool array.
    """
    x = choice & (data.fixed == DECIDE)
    fixed_wfh = data.fixed == int(Code.WFH)
    unit_rows = [data.unit_rows(u) for u in range(data.working.shape[0])]
    open_day = data.working & ~data.pinned_day[None, :]
    weekly = weekly_rules(data)

    def home_days(rows: np.ndarray) -> np.ndarray:
        return (x[rows] | fixed_wfh[rows]).sum(axis=1)

    def back_first(home: np.ndarray, d: int) -> np.ndarray:
        # the most WFH days first; of those, the ones who do not prefer the day (Q2)
        return home[np.lexsort((data.preferred[home, d], -home_days(home)))]

    for rn in data.roles:  # S3: holders back, the one with most WFH days first
        # a day's changes leave the other days' office counts as they were
        office = _office_row(data, x, rn)
        for d in np.flatnonzero(data.working[rn.unit] & ~data.pinned_day & (rn.need > 0)):
            short = int(rn.need[d]) - int(office[d])
            home = rn.holders[x[rn.holders, d]]
            if short > 0:
                x[back_first(home, d)[:short], d] = False
    for _, lim, mask in weekly:  # F1 and the weekly goal: the most loaded days go first
        for w in range(lim.shape[1]):
            cols = np.flatnonzero(data.week == w)
            over = ((x | fixed_wfh)[:, cols] & mask[:, cols]).sum(axis=1) - lim[:, w]
            for r in np.flatnonzero(over > 0):
                days = cols[x[r, cols] & mask[r, cols]]
                rows = unit_rows[data.unit_of[r]]
                room = data.cap[data.unit_of[r], days] - (x | fixed_wfh)[rows][:, days].sum(axis=0)
                # a day the person does not prefer first (Q2), then the fullest
                x[r, days[np.lexsort((room, data.preferred[r, days]))][:int(over[r])]] = False
    for u, rows in enumerate(unit_rows):  # S2: the most WFH days go back first
        days = np.flatnonzero(open_day[u])
        at = np.ix_(rows, days)
        # a day's changes leave the other days' counts as they were
        over = (x[at] | fixed_wfh[at]).sum(axis=0) - data.cap[u, days]
        for d, extra in zip(days[over > 0].tolist(), over[over > 0].tolist(), strict=True):
            home = rows[x[rows, d]]
            x[back_first(home, d)[:extra], d] = False
    need = np.where(open_day & (data.ceiling >= 0), data.active - data.ceiling, 0)
    wants = [(rows, need[u]) for u, rows in enumerate(unit_rows)]
    for seats in data.seats:
        on = (seats.cap >= 0) & ~data.pinned_day
        wants.append((np.flatnonzero(np.isin(data.unit_of, seats.units)),
                      np.where(on, data.active[seats.units].sum(axis=0) - seats.cap, 0)))
    for rows, want in wants:  # P1, then B1: send home where every rule allows
        for d in np.flatnonzero(want > 0):
            short = int(want[d]) - int((x[rows, d] | fixed_wfh[rows, d]).sum())
            if short > 0:
                _send_home(data, x, fixed_wfh, rows, d, short, weekly, open_day, unit_rows)
    if fill:
        _fill(data, x, fixed_wfh, unit_rows, weekly, open_day)
    return x


def _fill(data: PartData, x: np.ndarray, fixed_wfh: np.ndarray, unit_rows: list[np.ndarray],
          weekly: list[RowLimits], open_day: np.ndarray) -> None:
    """Use the WFH allowance the rotation left unused (days under ``fill`` or a weekly
    goal): per unit and week, the days with the fewest people who could still go home
    first, each filled up to its cap."""
    dec = data.fixed == DECIDE
    asks = data.goal_kind != GOAL_NONE
    for u, rows in enumerate(unit_rows):
        for w in np.unique(data.week):
            days = np.flatnonzero((data.week == w) & asks[u] & open_day[u]
                                  & dec[rows].any(axis=0))
            room = data.cap[u, days] - (x[rows][:, days] | fixed_wfh[rows][:, days]).sum(axis=0)
            could = (dec[rows][:, days] & ~x[rows][:, days]).sum(axis=0)
            for k in np.lexsort((days, could)):
                if room[k] > 0:
                    _send_home(data, x, fixed_wfh, rows, int(days[k]), int(room[k]), weekly,
                               open_day, unit_rows)


def _office(data: PartData, x: np.ndarray, rn: RoleNeed, d: int) -> int:
    """Holders of ``rn`` in the office on day ``d``."""
    fixed = data.fixed[rn.holders, d]
    return int(((fixed == int(Code.WFO)) | ((fixed == DECIDE) & ~x[rn.holders, d])).sum())


def _send_home(data: PartData, x: np.ndarray, fixed_wfh: np.ndarray, rows: np.ndarray,
               d: int, short: int, weekly: list[RowLimits],
               open_day: np.ndarray, unit_rows: list[np.ndarray]) -> None:
    """Send up to ``short`` of ``rows`` home on day ``d``, fewest WFH days first (of
    those, the ones who prefer the day), where no weekly limit, daily cap or role cover
    objects. ``unit_rows``: each unit's rows."""
    cand = rows[(data.fixed[rows, d] == DECIDE) & ~x[rows, d]]
    if not cand.size:
        return
    cols = np.flatnonzero(data.week == data.week[d])
    w = int(data.week[d])
    ok = np.ones(cand.size, dtype=bool)
    for _, lim, mask in weekly:
        at = np.ix_(cand, cols)
        used = ((x[at] | fixed_wfh[at]) & mask[at]).sum(axis=1)
        ok &= ~mask[cand, d] | (used < lim[cand, w])
    cand = cand[ok]
    days_home = (x[cand] | fixed_wfh[cand]).sum(axis=1)
    for r in cand[np.lexsort((~data.preferred[cand, d], days_home))].tolist():
        if short <= 0:
            return
        u = int(data.unit_of[r])
        rows_u = unit_rows[u]
        if open_day[u, d] and (x[rows_u, d] | fixed_wfh[rows_u, d]).sum() >= data.cap[u, d]:
            continue
        if any(rn.need[d] > 0 and r in rn.holders and _office(data, x, rn, d) <= rn.need[d]
               for rn in data.roles):
            continue
        x[r, d] = True
        short -= 1


def wfh_upper_bound(data: PartData) -> int | None:
    """An upper bound on the WFH days the decision cells of ``data`` can have: the exact
    maximum of the relaxation that keeps the daily caps (S2) and each person's weekly
    limits (F1, the weekly ``wfh_goal``) and drops role cover (S3) and the rules that ask
    for more WFH (B1, P1). ``None`` when some decision cell is under ``wfh_goal = none``
    (Q0 then minimises).

    Each unit-week is a bipartite flow (people to days, ≤ 7 days); its maximum is the
    minimum cut, Σ caps of the days outside S + Σ over people of min(limit, open days in
    S), over every set S of days, with each person's limit from
    :func:`person_week_limits`.
    """
    dec = data.fixed == DECIDE
    if (dec & (data.goal_kind[data.unit_of] == GOAL_NONE)).any():
        return None
    fixed_wfh = data.fixed == int(Code.WFH)
    open_day = data.working & ~data.pinned_day[None, :]
    limits = person_week_limits(data)
    big = np.iinfo(np.int64).max // 4
    total = 0
    for u in range(data.working.shape[0]):
        rows = data.unit_rows(u)
        if not dec[rows].any():
            continue
        for w in np.unique(data.week):
            days = np.flatnonzero((data.week == w) & dec[rows].any(axis=0))
            if not days.size:
                continue
            room = data.cap[u, days] - fixed_wfh[np.ix_(rows, days)].sum(axis=0)
            room = np.where(open_day[u, days], np.maximum(room, 0), big)
            lim = limits[rows, w]
            subsets = (np.arange(1 << days.size)[:, None] >> np.arange(days.size)) & 1
            inside = dec[np.ix_(rows, days)].astype(np.int64) @ subsets.T  # (people, sets)
            cut = (room[None, :] * (1 - subsets)).sum(axis=1) + np.minimum(
                np.maximum(lim, 0)[:, None], inside).sum(axis=0)
            total += int(cut.min())
    return total
