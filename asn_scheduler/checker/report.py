"""What the independent checker reports about a roster."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.rules.registry import HARD_RULE_IDS
from asn_scheduler.rules.violation import Violation

RosterProblemKind = Literal[
    "unknown_nip", "duplicate_nip", "missing_employee", "date_outside_period", "missing_date",
    "invalid_code", "unrecorded_absence",
]


@dataclass(frozen=True, slots=True)
class RosterProblem:
    """The roster's shape does not match the problem (not a rule breach).

    Kinds: ``unknown_nip`` (a roster row whose NIP is not in the staff list),
    ``duplicate_nip`` (a NIP on two rows; the first is checked), ``missing_employee``
    (a staff member without a row), ``date_outside_period`` (a date column outside the
    period; not checked), ``missing_date`` (a period date without a column),
    ``invalid_code`` (a cell value that is no roster code), ``unrecorded_absence`` (an
    absence code on a working day the sheet ``Cuti`` does not record: allowed, treated as
    absent, a warning). Cells the roster does not give are not counted by any rule.
    ``severity="error"`` makes the roster non-compliant; warnings do not.
    """

    kind: RosterProblemKind
    message: Msg
    nip: str | None = None
    day: date | None = None
    severity: Literal["error", "warning"] = "error"

    def text(self, lang: Lang = "id") -> str:
        """One line: kind, where, message."""
        where = ", ".join(x for x in (self.nip and f"NIP {self.nip}",
                                      self.day and self.day.isoformat()) if x)
        return f"[{self.kind}] {where}: {self.message.get(lang)}" if where else (
            f"[{self.kind}] {self.message.get(lang)}")


@dataclass(frozen=True, slots=True)
class PersonFigures:
    """Per employee over the roster period (the fairness sheet).

    ``available_days``: days the person could have been WFH (a working day, present, no
    rule keeping them in the office, the unit's cap above 0). ``fair_share``: their share of
    the unit's WFH days under :func:`asn_scheduler.rules.data.fair_shares`.
    ``deviation = wfh_days - fair_share``. ``reason`` explains a shortfall where cheap
    (e.g. "cuti 5 hari", "dipertahankan di kantor oleh minimal peran loket");
    ``reason_en`` is the same in English.
    """

    nip: str
    name: str
    unit: str
    working_days: int
    absent_days: int
    available_days: int
    wfh_days: int
    wfo_days: int
    fair_share: float
    deviation: float
    preferred_days: int          # working days on a preferred weekday that were available
    preferred_honoured: int      # of which WFH
    longest_wfh_run: int
    pattern_changes: int
    reason: str = ""
    reason_en: str = ""


@dataclass(frozen=True, slots=True)
class UnitDay:
    """One unit on one roster date (the daily summary sheet).

    ``cap`` is the most WFH allowed (S2) and ``wfo_ceiling`` the P1 ceiling, ``None`` when
    not applicable; ``policy`` names the regime in force (scenario ID or ``kantor``).
    """

    unit: str
    day: date
    working: bool
    active: int
    wfo: int
    wfh: int
    absent: int
    cap: int | None
    cap_pct: float | None
    wfo_ceiling: int | None
    in_scope: bool
    policy: str

    @property
    def wfh_share(self) -> float:
        """WFH / active (0 when nobody is active)."""
        return self.wfh / self.active if self.active else 0.0


@dataclass(frozen=True, slots=True)
class BuildingDay:
    """Office occupancy of one building on one date against its capacity (B1)."""

    building: str
    day: date
    wfo: int
    capacity: int


@dataclass(frozen=True, slots=True)
class Quality:
    """Soft-goal figures over the whole roster (Q0–Q4) and the commute figures.

    ``wfh_goal_days`` is what the scenario's goal asks for where the hard rules allow it
    (``None`` under goal ``none``). Fairness: ``max_abs_deviation`` and
    ``mean_abs_deviation`` over eligible staff; ``max_unit_spread`` is the largest per-unit
    (max − min) of deviation. ``commute_km_avoided`` counts both directions.

    As the checker computes them (definitions shared with the solver in
    :mod:`asn_scheduler.rules.quality_defs`): ``wfh_goal_days`` is an upper bound — per unit
    and ISO week, the smaller of Σ min(cap, available − held by role minimums) and Σ of each
    person's weekly cap — and ``None`` when every working unit-day is under goal ``none``.
    Eligible staff are those with an available day; ``within_one_day_share`` is 1.0 when
    there are none. ``runs_over_limit`` counts WFH runs longer than ``max_consecutive_wfh``
    (the Q3 findings' amounts sum the days beyond it). ``team_days`` counts (team, working
    day) pairs with ≥ 2 members present; ``team_shared_days`` those with no member WFH.
    """

    wfh_days: int
    wfo_days: int
    wfh_goal_days: int | None
    max_abs_deviation: float
    mean_abs_deviation: float
    max_unit_spread: float
    within_one_day_share: float
    preferred_days: int
    preferred_honoured: int
    longest_wfh_run: int
    runs_over_limit: int
    pattern_changes: int
    team_shared_days: int
    team_days: int
    commute_trips_avoided: int
    commute_km_avoided: float


@dataclass(frozen=True)
class CheckReport:
    """Every finding of the checker on one roster.

    ``violations`` holds hard-rule breaches and notable soft losses alike (see
    :attr:`Violation.hard`); ``rule_counts`` counts hard breaches per rule ID (0 for a rule
    that holds). ``shortfalls`` are reported, not violations: e.g. a role minimum larger
    than the holders present (S3 says all active holders are then WFO).
    ``roster_problems`` are mismatches between the roster and the problem (missing or
    unknown rows, dates, invalid cells): errors make the roster non-compliant.
    """

    violations: tuple[Violation, ...]
    persons: tuple[PersonFigures, ...]
    unit_days: tuple[UnitDay, ...]
    building_days: tuple[BuildingDay, ...]
    quality: Quality
    shortfalls: tuple[Violation, ...] = ()
    rule_counts: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    roster_problems: tuple[RosterProblem, ...] = ()

    def __post_init__(self) -> None:
        if not self.rule_counts:
            counts = Counter(v.rule for v in self.violations if v.hard)
            object.__setattr__(self, "rule_counts",
                               MappingProxyType({r: counts.get(r, 0) for r in HARD_RULE_IDS}))

    @property
    def hard_violations(self) -> tuple[Violation, ...]:
        """Breaches of hard rules only."""
        return tuple(v for v in self.violations if v.hard)

    @property
    def complete(self) -> bool:
        """The roster covers every employee and date with valid codes (no roster problem of
        severity ``error``)."""
        return not any(p.severity == "error" for p in self.roster_problems)

    @property
    def compliant(self) -> bool:
        """No hard rule is broken and the roster is :attr:`complete`."""
        return not self.hard_violations and self.complete
