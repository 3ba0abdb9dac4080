"""The planner's data as plain, validated, immutable objects.

Nothing here knows about spreadsheets, DataFrames or solvers. The Excel reader turns
cells into these objects (reporting problems with sheet, row and column); the engine
reads them. :class:`Problem` checks its own referential integrity, so a problem built
in code (tests, the generator, notebooks) is held to the same contract.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType

from asn_scheduler.domain.enums import (
    AbsenceKind,
    Discipline,
    OverrideKind,
    PositionLevel,
    Sector,
    ServiceCategory,
)

MON_FRI: frozenset[int] = frozenset(range(5))


@dataclass(frozen=True, slots=True)
class Employee:
    """One civil servant (a row of sheet ``Pegawai``).

    ``preferred_wfh_days`` and ``roles`` are normalised (weekday ints 0=Monday; lower-case
    role tags). ``position_start`` (TMT Jabatan) drives the new-employee rule F3.
    """

    nip: str
    name: str
    unit_code: str
    position_type: PositionLevel
    position: str = ""
    flex_eligible: bool = True
    discipline: Discipline = Discipline.TIDAK
    position_start: date | None = None
    roles: frozenset[str] = frozenset()
    preferred_wfh_days: frozenset[int] = frozenset()
    team: str | None = None
    supervisor_nip: str | None = None
    field_duty: bool = False
    commute_km: float | None = None


@dataclass(frozen=True, slots=True)
class Unit:
    """One service unit (a row of sheet ``Unit``).

    ``role_minimums`` maps a role tag to the minimum in-office holders per working day.
    ``max_wfh_pct`` (0–100) is the unit's own cap, applied on top of the scenario's.
    ``open_on_holidays`` (``Buka Hari Libur``): the unit works national holidays and cuti
    bersama on its operating days; ``None`` = the default, :attr:`works_holidays`.
    """

    code: str
    name: str
    category: ServiceCategory
    sector: Sector | None = None
    region: str | None = None
    building: str | None = None
    max_wfh_pct: float | None = None
    role_minimums: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    operating_days: frozenset[int] = MON_FRI
    open_on_holidays: bool | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.role_minimums, MappingProxyType):
            object.__setattr__(self, "role_minimums", MappingProxyType(dict(self.role_minimums)))

    @property
    def works_holidays(self) -> bool:
        """Whether the unit works national holidays and cuti bersama (holiday duty, rule C1's
        exception): as ``open_on_holidays`` says, else yes exactly when its operating days
        include both Saturday and Sunday (a service that never closes: a hospital, the fire
        brigade, public order)."""
        if self.open_on_holidays is not None:
            return self.open_on_holidays
        return {5, 6} <= self.operating_days

    @property
    def effective_sector(self) -> Sector:
        """The PPKM sector; when not given, direct-service units count as Kritikal, others as
        Non-esensial (a documented decision: direct services are health, security, disaster
        handling and the like)."""
        if self.sector is not None:
            return self.sector
        if self.category is ServiceCategory.LAYANAN_LANGSUNG:
            return Sector.KRITIKAL
        return Sector.NON_ESENSIAL


@dataclass(frozen=True, slots=True)
class Absence:
    """A leave or duty absence of one employee, ``start`` to ``end`` inclusive."""

    nip: str
    start: date
    end: date
    kind: AbsenceKind


@dataclass(frozen=True, slots=True)
class Building:
    """An office building with its seats per day."""

    name: str
    capacity: int


@dataclass(frozen=True, slots=True)
class CalendarOverride:
    """A change to the national calendar (sheet ``Libur``): an extra day off, or a listed
    holiday that is worked. ``unit_code`` names the one unit it applies to; ``None`` = every
    unit of the agency."""

    date: date
    kind: OverrideKind
    note: str = ""
    unit_code: str | None = None


MAX_PERIOD_DAYS = 366
"""The longest roster: a year. Memory and solving time grow with the days; a longer plan is
made year by year."""


@dataclass(frozen=True, slots=True)
class Period:
    """The roster dates, ``start`` to ``end`` inclusive (a roster spans at most
    :data:`MAX_PERIOD_DAYS`; the reader and the engine refuse longer ones)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    def days(self) -> list[date]:
        """Every calendar date of the period, in order."""
        n = (self.end - self.start).days + 1
        return [date.fromordinal(self.start.toordinal() + i) for i in range(n)]


@dataclass(frozen=True)
class PpkmLevel:
    """A PPKM level set in the workbook (sheet ``Level PPKM``): ``region`` (a canonical
    region name), inclusive dates (``None``: open on that side), ``level`` 1..4, and the
    sheet ``row`` it came from (for messages)."""

    region: str
    start: date | None
    end: date | None
    level: int
    row: int | None = field(default=None, compare=False)


class ProblemError(ValueError):
    """A :class:`Problem` that breaks its own contract; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems[:10]) + (" …" if len(problems) > 10 else ""))


@dataclass(frozen=True)
class Problem:
    """An agency's roster problem: staff, units, absences, buildings, calendar overrides.

    Immutable and validated on construction: NIPs and unit codes are unique; every
    employee's unit, every unit's building, every supervisor and every absence's NIP exist;
    absences do not end before they start; capacities are ≥ 0. Violations raise
    :class:`ProblemError` listing all of them. Use :meth:`replace` for variants.

    Employees keep input order; the roster keeps it too.

    ``settings`` is the workbook's ``Pengaturan`` sheet: canonical key → the value as typed
    (``agency_name``, the signatory ``sign_place``/``sign_title``/``sign_name``/``sign_nip``,
    and scenario parameter keys, which apply as overrides); empty when the sheet is absent.
    ``settings_rows`` gives each key's sheet row. ``ppkm_levels`` is sheet ``Level PPKM``.
    """

    employees: tuple[Employee, ...]
    units: tuple[Unit, ...]
    absences: tuple[Absence, ...] = ()
    buildings: tuple[Building, ...] = ()
    overrides: tuple[CalendarOverride, ...] = ()
    period: Period | None = None
    name: str = ""
    settings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    settings_rows: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}),
                                             compare=False)
    ppkm_levels: tuple[PpkmLevel, ...] = ()

    def __post_init__(self) -> None:
        for name in ("employees", "units", "absences", "buildings", "overrides", "ppkm_levels"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))
        for name in ("settings", "settings_rows"):
            value = getattr(self, name)
            if not isinstance(value, MappingProxyType):
                object.__setattr__(self, name, MappingProxyType(dict(value)))
        problems: list[str] = []
        for kind, keys in (
            ("NIP", [e.nip for e in self.employees]),
            ("unit code", [u.code for u in self.units]),
            ("building", [b.name for b in self.buildings]),
        ):
            for key, n in Counter(keys).items():
                if n > 1:
                    problems.append(f"duplicate {kind} {key!r} ({n} times)")
        units = {u.code for u in self.units}
        buildings = {b.name for b in self.buildings}
        nips = {e.nip for e in self.employees}
        for e in self.employees:
            if e.unit_code not in units:
                problems.append(f"employee row {e.nip[-4:]}…: unknown unit {e.unit_code!r}")
            if e.supervisor_nip is not None and e.supervisor_nip not in nips:
                problems.append(f"employee {e.nip[-4:]}…: unknown supervisor NIP")
        for u in self.units:
            if u.building is not None and u.building not in buildings:
                problems.append(f"unit {u.code!r}: unknown building {u.building!r}")
            if u.max_wfh_pct is not None and not 0 <= u.max_wfh_pct <= 100:
                problems.append(f"unit {u.code!r}: max_wfh_pct {u.max_wfh_pct} not in 0..100")
        seen_overrides: set[tuple[date, str | None]] = set()
        for o in self.overrides:
            if o.unit_code is not None and o.unit_code not in units:
                problems.append(f"calendar override {o.date}: unknown unit {o.unit_code!r}")
            if (o.date, o.unit_code) in seen_overrides:
                problems.append(f"calendar override {o.date} given twice for "
                                f"{o.unit_code or 'the agency'}")
            seen_overrides.add((o.date, o.unit_code))
        for b in self.buildings:
            if b.capacity < 0:
                problems.append(f"building {b.name!r}: negative capacity")
        for a in self.absences:
            if a.nip not in nips:
                problems.append(f"absence of unknown NIP …{a.nip[-4:]}")
            if a.end < a.start:
                problems.append(f"absence …{a.nip[-4:]} ends before it starts")
        if problems:
            raise ProblemError(problems)

    def replace(self, **changes: object) -> Problem:
        """A validated copy with ``changes`` applied (fields as in the constructor)."""
        return dataclasses.replace(self, **changes)

    @cached_property
    def unit_by_code(self) -> Mapping[str, Unit]:
        """Units by code."""
        return MappingProxyType({u.code: u for u in self.units})

    @cached_property
    def employee_index(self) -> Mapping[str, int]:
        """Row index (input order) of each NIP."""
        return MappingProxyType({e.nip: i for i, e in enumerate(self.employees)})

    @cached_property
    def building_by_name(self) -> Mapping[str, Building]:
        """Buildings by name."""
        return MappingProxyType({b.name: b for b in self.buildings})

    @cached_property
    def senior_levels(self) -> frozenset[PositionLevel]:
        """The two highest structural levels present in the agency (rules.md, decisions)."""
        present = sorted({e.position_type for e in self.employees if e.position_type.structural},
                         key=lambda p: p.rank)
        return frozenset(present[:2])

    def __str__(self) -> str:
        by_cat: dict[ServiceCategory, list[int]] = {c: [0, 0] for c in ServiceCategory}
        size = Counter(e.unit_code for e in self.employees)
        for u in self.units:
            by_cat[u.category][0] += 1
            by_cat[u.category][1] += size[u.code]
        title = self.name or "Problem"
        lines = [
            f"{title}: {len(self.employees)} pegawai, {len(self.units)} unit, "
            f"{len(self.absences)} cuti, {len(self.buildings)} gedung"
        ]
        rows = [(c, n) for c, n in by_cat.items() if n[0]]
        for i, (cat, (n_units, n_staff)) in enumerate(rows):
            branch = "└─" if i == len(rows) - 1 else "├─"
            lines.append(f"{branch} {cat.label_id}: {n_units} unit, {n_staff} pegawai")
        return "\n".join(lines)
