"""Working days: Indonesian national holidays and cuti bersama, unit operating days,
and the agency's ``Libur`` overrides (rule C1)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

import holidays

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
    """Which dates are working days for which unit.

    A date is a working day of a unit when its weekday is among the unit's operating days,
    it is not a national holiday or cuti bersama, and the overrides do not make it a day off.
    An override ``Masuk`` turns a listed holiday back into a working day (if the weekday is
    an operating day); ``Libur`` adds a day off. Units whose operating days include the
    weekend (direct services) still observe national holidays unless overridden: the
    holiday duty of such units is arranged through ``Masuk`` overrides or leave.
    """

    def __init__(self, dates: Sequence[date], overrides: Iterable[CalendarOverride] = ()):
        self.dates: tuple[date, ...] = tuple(dates)
        self.holidays: dict[date, str] = national_holidays(self.dates)
        self._off: set[date] = set(self.holidays)
        for o in overrides:
            if o.kind is OverrideKind.LIBUR:
                self._off.add(o.date)
                self.holidays.setdefault(o.date, o.note or "Libur")
            else:
                self._off.discard(o.date)
                self.holidays.pop(o.date, None)

    def is_holiday(self, day: date) -> bool:
        """National holiday, cuti bersama or an extra ``Libur`` day (after overrides)."""
        return day in self._off

    def is_working_day(self, unit: Unit, day: date) -> bool:
        """Whether ``unit`` works on ``day`` (rule C1)."""
        return day.weekday() in unit.operating_days and day not in self._off

    def working_days(self, unit: Unit) -> list[date]:
        """The unit's working days among the calendar's dates."""
        return [d for d in self.dates if self.is_working_day(unit, d)]
