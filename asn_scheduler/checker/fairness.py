"""Fairness and allowance figures (Q0, Q1) over all staff at once.

The definitions are those of :mod:`asn_scheduler.rules.quality_defs` (the solver optimises
the same figures); the functions here compute them for every person in one numpy pass,
and the tests hold them equal to the one-person reference functions on random rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from asn_scheduler.checker.facts import Facts
from asn_scheduler.rules.data import fair_shares, role_cover_uppers, role_need
from asn_scheduler.rules.quality_defs import weekly_upper
from asn_scheduler.rules.weekly import WEEKLY_CAPS

_BIG = np.iinfo(np.int64).max


def weekly_upper_matrix(available: np.ndarray, week_of: np.ndarray, *caps: np.ndarray
                        ) -> np.ndarray:
    """Per person and ISO week, the most WFH days the weekly caps allow.

    Row-wise the same as :func:`asn_scheduler.rules.quality_defs.weekly_upper` (which
    returns the sum over weeks): within a week each cap is the smallest among the person's
    available days it counts; with two caps or fewer, days under one cap fill first, then
    days under both; with more, the best subset of the week's days.

    Parameters
    ----------
    available
        ``(E, D)``: the cell could be WFH.
    week_of
        ``(D,)`` week index of each date (0 .. W−1).
    *caps
        ``(E, D)`` each, one per weekly cap (:func:`weekly_caps`): the cap the day counts
        towards, −1 where it does not (or the person is exempt).

    Returns
    -------
    ``(E, W)`` int array.
    """
    n_weeks = int(week_of.max()) + 1 if week_of.size else 0
    out = np.zeros((available.shape[0], n_weeks), dtype=np.int64)
    if len(caps) > 2:
        for i in range(available.shape[0]):
            for w in range(n_weeks):
                cols = week_of == w
                out[i, w] = weekly_upper(available[i, cols], week_of[cols],
                                         *[c[i, cols] for c in caps])
        return out
    f1_cap, goal_cap = (*caps, *[np.full(available.shape, -1)] * (2 - len(caps)))
    for w in range(n_weeks):
        cols = week_of == w
        m = available[:, cols]
        fa, ga = f1_cap[:, cols], goal_cap[:, cols]
        in_a, in_b = m & (fa >= 0), m & (ga >= 0)
        cap_a = np.where(in_a, fa, _BIG).min(axis=1, initial=_BIG)
        cap_a = np.where(in_a.any(axis=1), cap_a, 0)
        cap_b = np.where(in_b, ga, _BIG).min(axis=1, initial=_BIG)
        cap_b = np.where(in_b.any(axis=1), cap_b, 0)
        only_a = (in_a & ~in_b).sum(axis=1)
        only_b = (in_b & ~in_a).sum(axis=1)
        both = (in_a & in_b).sum(axis=1)
        free = (m & ~in_a & ~in_b).sum(axis=1)
        na, nb = np.minimum(only_a, cap_a), np.minimum(only_b, cap_b)
        out[:, w] = free + na + nb + np.minimum(both, np.minimum(cap_a - na, cap_b - nb))
    return out


def weekly_caps(f: Facts) -> tuple[np.ndarray, ...]:
    """One ``(E, D)`` array per weekly cap (:data:`~asn_scheduler.rules.weekly.WEEKLY_CAPS`
    order: F1, the weekly ``wfh_goal``), as :func:`weekly_upper_matrix` takes them: the
    limit the day's policy sets (−1 where its days do not count).

    Staff a cap exempts count under it here too: field duty's exemption from F1 permits
    more days (``check_f1`` accepts them) but the allowance the roster is *asked* to give
    them (Q0) and their fair share (Q1) are their colleagues' weekly allowance (rules.md,
    field duty)."""
    return tuple(f.weekly_limit_ud(cap)[f.unit_idx] for cap in WEEKLY_CAPS)


@dataclass(frozen=True)
class Fairness:
    """Per person (``(E,)`` arrays): days available, the upper bound under the weekly caps
    and role cover, WFH days (all, and on available days), fair share, deviation; the Q0
    goal; and who had their upper lowered by role cover (``role_limited``)."""

    available_days: np.ndarray
    upper: np.ndarray
    wfh_days: np.ndarray
    fair_share: np.ndarray
    deviation: np.ndarray
    goal_days: int | None
    role_limited: np.ndarray

    @property
    def eligible(self) -> np.ndarray:
        """Staff who could have had WFH on some day (``available_days > 0``)."""
        return self.available_days > 0


def fairness(f: Facts) -> Fairness:
    """Fair shares (Q1) and the WFH goal bound (Q0) of the roster in ``f``.

    Fair share: :func:`fair_shares` with the unit's total = its WFH days on available days
    (on a compliant roster, all of its WFH days), each person's available days, and their
    :func:`weekly_upper_matrix` bound, lowered for role holders by
    :func:`role_cover_uppers` over :func:`role_rooms` (and :func:`senior_rooms`: the
    engine holds those officials in by turns, fixed before the parts are solved).
    """
    caps = weekly_caps(f)
    avail = f.available
    weekly = weekly_upper_matrix(avail, f.week_of, *caps).sum(axis=1)
    upper = role_cover_uppers(weekly, avail, role_rooms(f) + senior_rooms(f))
    available_days = avail.sum(axis=1)
    wfh_days = (f.wfh & f.known).sum(axis=1)
    legit = (f.wfh & avail).sum(axis=1)
    share = np.zeros(f.n_emp, dtype=float)
    for rows in f.unit_rows:
        if rows.size:
            share[rows] = fair_shares(float(legit[rows].sum()), available_days[rows], upper[rows])
    return Fairness(available_days, upper, wfh_days, share, wfh_days - share,
                    goal_bound(f, caps), upper < weekly - 1e-9)


def role_rooms(f: Facts) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per role with a minimum (S3): ``(holder rows, room per date)``, room = active
    holders less the in-office need (:func:`role_need`, where the policy in force has role
    minimums), as :func:`role_cover_uppers` takes them."""
    on_src = np.array([p.role_minimums for _, p in f.sources], dtype=bool)
    out = []
    for u, _role, minimum, holders, active, _wfo in f.roles:
        if not holders.size:
            continue
        on = f.working_ud[u] & on_src[f.pol_ud[u]]
        need = np.where(on, np.minimum(minimum, active), 0)  # role_need, for every date
        out.append((holders, active - need))
    return out


def senior_rooms(f: Facts) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per senior level under a ``one_per_level`` policy (L1 as SE 19/2020 reads it):
    ``(official rows, room per date)``, room = present officials less the one who must be
    in on dates that policy is in force. A level with one official leaves them no WFH; the
    duty of several is shared like a role's (:func:`role_cover_uppers`)."""
    out = []
    level = f.level_rank
    pol_ed = f.pol_ud[f.unit_idx]
    for k, (_, p) in enumerate(f.sources):
        if not (p.senior_levels_wfo > 0 and p.senior_rule == "one_per_level"):
            continue
        senior = f.senior_mask(k)
        for rank in sorted({int(r) for r in level[senior]}):
            rows = np.flatnonzero(senior & (level == rank))
            present = f.active[rows].sum(axis=0)
            duty = (f.active[rows] & (pol_ed[rows] == k)).any(axis=0)
            out.append((rows, present - duty))
    return out


def forced_office_ud(f: Facts) -> np.ndarray:
    """(U, D) a lower bound on available staff who must be WFO for role minimums (S3):
    per role, the need less the active holders who are not available anyway; the largest
    over the unit's roles."""
    out = np.zeros(f.working_ud.shape, dtype=np.int64)
    for u, role, minimum, holders, active, _wfo in f.roles:
        unit = f.problem.units[u]
        not_avail = (f.active[holders] & ~f.available[holders]).sum(axis=0)
        for d in np.flatnonzero((active > 0) & f.working_ud[u] & (minimum > not_avail)):
            if f.policy(u, d).role_minimums:
                need = role_need(unit, role, int(active[d]))
                out[u, d] = max(out[u, d], need - int(not_avail[d]))
    return out


def goal_bound(f: Facts, caps: tuple[np.ndarray, ...]) -> int | None:
    """WFH days the scenario's goal asks for where the hard rules allow it (Q0), a simple
    upper bound: per unit and ISO week, the smaller of Σ over goal days of
    ``min(cap, available − forced to the office by S3)`` and Σ over staff of their weekly
    upper bound on those days. Days under goal ``none`` ask for nothing; ``None`` when
    every working unit-day is under goal ``none``."""
    goal_src = np.array([p.wfh_goal != "none" for _, p in f.sources], dtype=bool)
    goal_ud = f.working_ud & goal_src[f.pol_ud]
    if not goal_ud.any():
        return None
    avail = f.available & goal_ud[f.unit_idx]
    n_avail = f.per_unit(avail)
    day_bound = np.clip(np.minimum(f.cap_ud, n_avail - forced_office_ud(f)), 0, None)
    day_bound[~goal_ud] = 0
    per_week_units = f.per_week(day_bound)                                  # (U, W)
    person = weekly_upper_matrix(avail, f.week_of, *caps)                   # (E, W)
    person_units = np.zeros_like(per_week_units)
    np.add.at(person_units, f.unit_idx, person)
    return int(np.minimum(per_week_units, person_units).sum())
