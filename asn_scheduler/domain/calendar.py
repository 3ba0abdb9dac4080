"""Working days: Indonesian national holidays and cuti bersama, unit operating days,
and the agency's ``Libur`` overrides (rule C1)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

import holidays
import numpy as np

from asn_scheduler.domain.enums import OverrideKind
from asn_scheduler.domain.model import CalendarOverride, Unit


@lru_cache(maxsize=64)
def _national(year: int) -> dict[date, str]:
    cal = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return dict(cal.items())


def national_holidays(days: Iterable[date]) -> dict[date, str]:
    """National holidays and cuti bersama among ``days``, with their Indonesian names.

    From the ``holidays`` package (Indonesia, categories public and government). Names the
    package marks as estimated contain ``perkiraan``/``estimated``.
    """
    out: dict[date, str] = {}
    for d in days:
        name = _national(d.year).get(d)
        if name is not None:
            out[d] = name
    return out


def estimated_holidays(days: Iterable[date]) -> dict[date, str]:
    """The subset of :func:`national_holidays` that the package only estimates (lunar
    holidays of years not yet decreed): planners should confirm them."""
    return {
        d: n
        for d, n in national_holidays(days).items()
        if "perkiraan" in n.lower() or "estimated" in n.lower()
    }


class Calendar:
    """Which dates are working days for which unit (rule C1).

    A date is a working day of a unit when its weekday is among the unit's operating days
    and it is not a day off for the unit. Days off, strongest first:

    1. a ``Libur``/``Masuk`` override naming the unit (``Kode Unit``);
    2. an agency-wide ``Masuk`` (no ``Kode Unit``): a listed holiday every unit works;
    3. national holidays, cuti bersama and agency-wide ``Libur`` days (a regional holiday),
       except for a unit open on holidays
       (:attr:`~asn_scheduler.domain.model.Unit.works_holidays`: hospitals, fire brigade,
       public order work through them, regulations §8.1); such a unit closes only on a
       ``Libur`` that names it.

    ``holidays`` names the agency-wide days off (national ones after the agency-wide
    overrides), for calendars and column notes; ``unit_holidays`` a unit's own ``Libur``
    days, by ``(unit code, date)``.
    """

    def __init__(self, dates: Sequence[date], overrides: Iterable[CalendarOverride] = ()):
        self.dates: tuple[date, ...] = tuple(dates)
        self.national: dict[date, str] = national_holidays(self.dates)
        self.holidays: dict[date, str] = dict(self.national)
        self._off: set[date] = set(self.holidays)
        self._agency: dict[date, bool] = {}        # date → a day off (agency-wide override)
        self._unit: dict[tuple[str, date], bool] = {}  # (unit, date) → a day off
        self.unit_holidays: dict[tuple[str, date], str] = {}  # a unit's own Libur, named
        for o in overrides:
            off = o.kind is OverrideKind.LIBUR
            if o.unit_code is not None:
                self._unit[(o.unit_code, o.date)] = off
                if off:
                    self.unit_holidays[(o.unit_code, o.date)] = o.note or "Libur"
                continue
            self._agency[o.date] = off
            if off:
                self._off.add(o.date)
                self.holidays.setdefault(o.date, o.note or "Libur")
            else:
                self._off.discard(o.date)
                self.holidays.pop(o.date, None)
        self._unit_codes = frozenset(code for code, _ in self._unit)

    def is_holiday(self, day: date) -> bool:
        """National holiday, cuti bersama or an extra agency-wide ``Libur`` day (after the
        agency-wide overrides): the agency's own day off, whatever units open on holidays do."""
        return day in self._off

    def is_day_off(self, unit: Unit, day: date) -> bool:
        """Whether ``day`` is a day off for ``unit`` whatever its weekday (see the class)."""
        own = self._unit.get((unit.code, day))
        if own is not None:
            return own
        agency = self._agency.get(day)
        if agency is False:
            return False
        return (agency is True or day in self.national) and not unit.works_holidays

    def is_working_day(self, unit: Unit, day: date) -> bool:
        """Whether ``unit`` works on ``day`` (rule C1)."""
        return day.weekday() in unit.operating_days and not self.is_day_off(unit, day)

    def working_days(self, unit: Unit) -> list[date]:
        """The unit's working days among the calendar's dates."""
        return [d for d in self.dates if self.is_working_day(unit, d)]

    def pattern(self, unit: Unit) -> tuple[object, ...]:
        """A key that two units share exactly when they have the same working days here
        (callers compute a row once per key)."""
        own = unit.code if unit.code in self._unit_codes else None
        return (unit.operating_days, unit.works_holidays, own)

    def working_matrix(self, units: Sequence[Unit]) -> np.ndarray:
        """``(U, D)`` bool: :meth:`is_working_day` of each unit on each date."""
        out = np.zeros((len(units), len(self.dates)), dtype=bool)
        rows: dict[tuple[object, ...], np.ndarray] = {}
        for u, unit in enumerate(units):
            key = self.pattern(unit)
            row = rows.get(key)
            if row is None:
                row = rows[key] = np.array([self.is_working_day(unit, d) for d in self.dates],
                                           dtype=bool)
            out[u] = row
        return out
