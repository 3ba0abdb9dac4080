"""Weekly caps as values: at most ``k`` WFH days per person per ISO week.

Two rules are weekly caps today: F1 (flexible days per week, field-duty staff exempt)
and the weekly cap a ``wfh_goal`` of k days per week sets (Q0's allowance, binding
everyone). Each is a :class:`WeeklyCap`: its rule, the limit a policy sets (``None``: days
under that policy do not count), and whom it does not bind. Everything that applies a
weekly cap — the compiled problem, the model builder, the numpy mirror of the hard rules,
the repairs, the rotation, the goals' bounds, the checker — reads :data:`WEEKLY_CAPS`
through :func:`policy_limits` and :func:`week_limits`, so a new cap is one entry here
(and its policy field, and where its staff come from).

Within a week the strictest limit among the week's counted days wins (a week that
straddles two policies takes the smaller); a day counts when the policy in force that day
sets a limit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from asn_scheduler.domain.model import Employee
from asn_scheduler.scenario.model import Policy

NO_LIMIT = -1
"""A limit array's value where no cap applies."""


def _flex_days(p: Policy) -> int | None:
    if p.counts_toward_flex_cap and p.max_flex_days_per_week is not None:
        return p.max_flex_days_per_week
    return None


def _goal_days(p: Policy) -> int | None:
    goal = p.wfh_goal
    return goal if isinstance(goal, int) and not isinstance(goal, bool) else None


def _field_duty(e: Employee) -> bool:
    return e.field_duty


def _nobody(e: Employee) -> bool:
    return False


@dataclass(frozen=True, slots=True)
class WeeklyCap:
    """A weekly cap on a person's WFH days.

    Attributes
    ----------
    rule
        The rule ID that states it (``spec/rules.md``): what a violation is filed under.
    limit
        The most WFH days per ISO week a policy allows, ``None`` when days under that policy
        do not count towards this cap.
    exempt
        Whom the cap does not bind (F1: field-duty staff).
    hard
        True for a hard rule (a violation makes the roster non-compliant); False for a cap
        a soft goal sets and the solver holds as a constraint (Q0's weekly ``wfh_goal``).
    """

    rule: str
    limit: Callable[[Policy], int | None]
    exempt: Callable[[Employee], bool]
    hard: bool


F1 = WeeklyCap("F1", _flex_days, _field_duty, hard=True)
GOAL_WEEKLY_CAP = WeeklyCap("Q0", _goal_days, _nobody, hard=False)

WEEKLY_CAPS: tuple[WeeklyCap, ...] = (F1, GOAL_WEEKLY_CAP)
"""Every weekly cap, in the order their checks, constraints and figures are listed."""


def cap_for(rule: str) -> WeeklyCap:
    """The weekly cap of ``rule`` (KeyError when the rule is not one)."""
    for cap in WEEKLY_CAPS:
        if cap.rule == rule:
            return cap
    raise KeyError(rule)


def policy_limits(cap: WeeklyCap, policies: Sequence[Policy]) -> np.ndarray:
    """(P,) int64: each policy's weekly limit under ``cap``, :data:`NO_LIMIT` where its
    days do not count."""
    return np.array([NO_LIMIT if (k := cap.limit(p)) is None else k for p in policies],
                    dtype=np.int64)


def week_limits(limit_ud: np.ndarray, week: np.ndarray, n_weeks: int | None = None
                ) -> np.ndarray:
    """(U, W): per row and ISO week, the smallest limit among the week's counted days
    (``limit_ud`` (U, D), :data:`NO_LIMIT` where a day does not count); :data:`NO_LIMIT`
    where none counts."""
    big = np.iinfo(np.int64).max
    n = (int(week.max()) + 1 if week.size else 0) if n_weeks is None else n_weeks
    src = np.where(limit_ud >= 0, limit_ud, big)
    out = np.full((limit_ud.shape[0], n), NO_LIMIT, dtype=np.int64)
    for w in range(n):
        m = src[:, week == w].min(axis=1, initial=big)
        out[:, w] = np.where(m == big, NO_LIMIT, m)
    return out


def exempt_rows(cap: WeeklyCap, employees: Sequence[Employee]) -> np.ndarray:
    """(E,) bool: the staff ``cap`` does not bind."""
    return np.array([cap.exempt(e) for e in employees], dtype=bool)
