"""What the engine hands the solver for one independent part, and what comes back.

Plain numpy data (picklable, no solver objects) so parts can travel to worker processes.
Indices are local to the part: rows ``0..E_p-1`` (employees, input order), units
``0..U_p-1``, dates ``0..D-1`` (every roster date), weeks ``0..W-1``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

DECIDE = -1
"""``fixed`` value of a decision cell."""

REASONS: tuple[str, ...] = ("", "C1", "C2", "S1", "L1", "F4", "F2", "F3", "S2", "E1", "PUB",
                            "K1")
"""Why a cell is fixed, by index: a rule ID, ``PUB`` (published, re-planning) or ``""``."""
R = {r: i for i, r in enumerate(REASONS)}

GOAL_FILL, GOAL_NONE, GOAL_WEEKLY = 0, 1, 2
"""``goal_kind`` values: Q0 ``fill``, ``none``, or a number of WFH days per ISO week."""



@dataclass(eq=False)
class Seats:
    """One B1 seat limit: the WFO of ``units`` together per date ≤ ``cap`` (−1 = off).

    ``name`` is the building; ``quota`` is True when the building's seats were split among
    its units and this is one unit's share.
    """

    name: str
    units: np.ndarray
    cap: np.ndarray
    quota: bool = False


@dataclass(eq=False)
class RoleNeed:
    """S3: at least ``need[d]`` of the ``holders`` (rows) in the office on date ``d``."""

    unit: int
    role: str
    holders: np.ndarray
    need: np.ndarray


@dataclass(eq=False)
class WeeklyLimit:
    """One weekly cap (:class:`~asn_scheduler.rules.weekly.WeeklyCap`) compiled: the days
    that count towards it, its limit per unit-week, and the staff it does not bind. Rows
    are units and staff of the whole problem in a context, of the part in a part."""

    rule: str
    counts: np.ndarray          # (U, D) bool: the day's policy sets a limit
    limit: np.ndarray           # (U, W) the week's smallest limit among counted days, -1 none
    exempt: np.ndarray          # (E,) bool

    def take(self, units: np.ndarray, rows: np.ndarray) -> WeeklyLimit:
        """The same cap restricted to ``units`` and staff ``rows``."""
        return WeeklyLimit(self.rule, self.counts[units], self.limit[units], self.exempt[rows])


@dataclass(eq=False)
class PartData:
    """One part's model data (see :class:`~asn_scheduler.engine.context.Context` for the
    meaning of each array; here restricted to the part)."""

    index: int
    unit_codes: tuple[str, ...]
    rows: np.ndarray            # (E_p,) global employee rows
    unit_of: np.ndarray         # (E_p,) local unit
    fixed: np.ndarray           # (E_p, D) int8 Code or DECIDE
    reason: np.ndarray          # (E_p, D) int8 index into context.REASONS
    preferred: np.ndarray       # (E_p, D) bool
    team: np.ndarray            # (E_p,) local team, -1 none
    field_duty: np.ndarray      # (E_p,) bool
    working: np.ndarray         # (U_p, D) bool
    active: np.ndarray          # (U_p, D)
    cap: np.ndarray             # (U_p, D)
    ceiling: np.ndarray         # (U_p, D) -1 none
    goal_kind: np.ndarray       # (U_p, D)
    goal_k: np.ndarray          # (U_p, D)
    week: np.ndarray            # (D,)
    pairs: tuple[tuple[int, int], ...]  # Q3b date pairs 14 days apart
    roles: list[RoleNeed]
    seats: list[Seats]
    pinned_day: np.ndarray      # (D,) bool
    goals: tuple[str, ...]
    max_consecutive: int
    published: np.ndarray | None = None  # (E_p, D) int8
    pinned_open: np.ndarray | None = None  # (E_p, D) bool: pinned, but open by the rules
    slot: np.ndarray | None = None  # (D,) place of each date in the fortnight (ordinal % 14)
    weekly: tuple[WeeklyLimit, ...] = ()  # every weekly cap, rules.weekly.WEEKLY_CAPS order

    def weekly_limit(self, rule: str) -> WeeklyLimit | None:
        """The weekly cap of ``rule`` (``None`` when the part has none)."""
        return next((w for w in self.weekly if w.rule == rule), None)

    @property
    def f1_limit(self) -> np.ndarray:
        """(U_p, W) F1's limit per unit-week, −1 none (its :attr:`weekly` entry)."""
        wl = self.weekly_limit("F1")
        n_weeks = int(self.week.max()) + 1 if self.week.size else 0
        return wl.limit if wl is not None else np.full((self.working.shape[0], n_weeks), -1)

    @property
    def f1_counts(self) -> np.ndarray:
        """(U_p, D) bool: the days that count towards F1 (its :attr:`weekly` entry)."""
        wl = self.weekly_limit("F1")
        return wl.counts if wl is not None else np.zeros(self.working.shape, dtype=bool)

    def open_cells(self) -> np.ndarray:
        """(E_p, D) bool: cells the rules leave open (decisions, and pinned cells that were
        decisions before re-planning pinned them): Q1's available days."""
        out = self.fixed == -1
        return out if self.pinned_open is None else out | self.pinned_open

    @property
    def n_decisions(self) -> int:
        return int(np.count_nonzero(self.fixed < 0))

    @property
    def staff(self) -> int:
        return int(self.rows.size)

    def unit_rows(self, u: int) -> np.ndarray:
        """Local rows of local unit ``u``."""
        return np.flatnonzero(self.unit_of == u)


class PartStatus(StrEnum):
    """How a part ended (a ``str``: it compares and prints as its name).

    ``OPTIMAL`` every stage proven; ``FEASIBLE`` a roster, some stage not proven;
    ``INFEASIBLE`` the hard rules cannot hold; ``TIME_LIMIT`` no roster in time;
    ``INVALID`` CP-SAT rejected the model (a bug); ``FIXED`` nothing to decide (no solve).
    """

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    TIME_LIMIT = "TIME_LIMIT"
    INVALID = "INVALID"
    FIXED = "FIXED"


@dataclass(frozen=True, slots=True)
class StageFigure:
    """One goal stage of one part: objective and bound in the goal's unit."""

    goal: str
    objective: float
    bound: float
    proven: bool
    seconds: float


@dataclass(eq=False)
class PartOutcome:
    """What the solver found for a part.

    ``status``: a :class:`PartStatus` (``OPTIMAL`` every stage proven, ``FEASIBLE``,
    ``INFEASIBLE``, ``TIME_LIMIT`` no solution in time, or ``INVALID``). ``wfh`` (E_p, D)
    bool holds the decision cells' choice (True = WFH) when a solution exists. ``cut``: the run's
    wall-clock time limit stopped a stage (the roster may then differ from run to run).
    """

    status: PartStatus
    wfh: np.ndarray | None = None
    stages: list[StageFigure] = field(default_factory=list)
    variables: int = 0
    constraints: int = 0
    seconds: float = 0.0
    core: list[CoreGroup] = field(default_factory=list)
    cut: bool = False


@dataclass(frozen=True, slots=True)
class CoreGroup:
    """A (rule, place, dates) group of hard constraints found in an infeasible core.

    ``unit`` is a local unit index or −1; ``building`` a building name or ``""``;
    ``days`` are date indices (an ISO week's dates for F1).
    """

    rule: str
    unit: int
    building: str
    days: tuple[int, ...]
