"""Tiny hand-built worlds with human names, for rule tests.

``nip(i)`` makes a structurally valid, unique 18-digit NIP; ``person`` and ``office``
build employees and units with sensible defaults; ``world`` assembles a Problem.
"""

from __future__ import annotations

from datetime import date, timedelta

from asn_scheduler.domain import (
    Absence,
    AbsenceKind,
    Building,
    Employee,
    Period,
    PositionLevel,
    Problem,
    ServiceCategory,
    Unit,
)

# A Monday-to-Friday fortnight with no Indonesian holiday: 2026-03-02 .. 2026-03-13.
MON = date(2026, 3, 2)
FORTNIGHT = Period(MON, MON + timedelta(days=11))
WEEK = Period(MON, MON + timedelta(days=4))


def nip(i: int, female: bool = False) -> str:
    """A valid NIP: born 1970-01-01 + (i mod 9000) days (so at least 15 at the 2010-01
    appointment), serial i % 999 + 1; unique for i below 999,000."""
    born = date(1970, 1, 1) + timedelta(days=i % 9000)
    return f"{born:%Y%m%d}201001{2 if female else 1}{i % 999 + 1:03d}"


def person(i: int, unit: str, name: str = "", level: PositionLevel = PositionLevel.FUNGSIONAL,
           **kw: object) -> Employee:
    """Employee number ``i`` of ``unit``."""
    return Employee(nip=nip(i), name=name or f"Pegawai {i}", unit_code=unit,
                    position_type=level, **kw)  # type: ignore[arg-type]


def office(code: str, category: ServiceCategory = ServiceCategory.ADMINISTRASI,
           **kw: object) -> Unit:
    """A unit named after its code."""
    return Unit(code=code, name=f"Unit {code}", category=category, **kw)  # type: ignore[arg-type]


def leave(e: Employee, start: date, end: date | None = None,
          kind: AbsenceKind = AbsenceKind.CUTI_TAHUNAN) -> Absence:
    """An absence of ``e``."""
    return Absence(e.nip, start, end or start, kind)


def world(employees: list[Employee], units: list[Unit], absences: list[Absence] = (),
          buildings: list[Building] = (), period: Period = FORTNIGHT, **kw: object) -> Problem:
    """A Problem from parts."""
    return Problem(tuple(employees), tuple(units), tuple(absences), tuple(buildings),
                   period=period, **kw)  # type: ignore[arg-type]


def admin_unit(code: str, n: int, start: int = 0, head: PositionLevel | None = None,
               **unit_kw: object) -> tuple[Unit, list[Employee]]:
    """An administration unit of ``n`` staff (the first one ``head`` level if given)."""
    staff = [person(start + k, code, level=head if (head and k == 0) else PositionLevel.FUNGSIONAL)
             for k in range(n)]
    return office(code, **unit_kw), staff
