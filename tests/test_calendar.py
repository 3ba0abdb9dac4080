"""Working days (rule C1 data): holidays package, operating days, Libur overrides."""

from __future__ import annotations

from datetime import date

from worlds import office

from asn_scheduler.domain import CalendarOverride, Period
from asn_scheduler.domain.calendar import Calendar, estimated_holidays, national_holidays
from asn_scheduler.domain.enums import OverrideKind


def test_2026_cuti_bersama_and_holidays_come_from_the_package():
    # SKB 2026: Idul Fitri 20-21 Mar (holiday), 18, 19(Nyepi), 23, 24 Mar around it
    days = Period(date(2026, 3, 16), date(2026, 3, 27)).days()
    hol = national_holidays(days)
    assert date(2026, 3, 19) in hol   # Nyepi (public)
    assert date(2026, 3, 20) in hol   # Idul Fitri (public)
    assert date(2026, 3, 18) in hol   # cuti bersama (government category)
    assert date(2026, 3, 16) not in hol and date(2026, 3, 25) not in hol


def test_working_days_of_a_weekday_unit_skip_weekends_and_holidays():
    cal = Calendar(Period(date(2026, 3, 16), date(2026, 3, 27)).days())
    unit = office("A")
    assert cal.working_days(unit) == [date(2026, 3, 16), date(2026, 3, 17),
                                      date(2026, 3, 25), date(2026, 3, 26), date(2026, 3, 27)]


def test_seven_day_unit_works_weekends_but_not_holidays():
    cal = Calendar(Period(date(2026, 3, 7), date(2026, 3, 8)).days())
    rsud = office("RSUD", operating_days=frozenset(range(7)))
    assert cal.is_working_day(rsud, date(2026, 3, 7)) and cal.is_working_day(rsud, date(2026, 3, 8))
    assert not cal.is_working_day(office("A"), date(2026, 3, 7))


def test_overrides_add_a_day_off_and_restore_a_holiday():
    days = Period(date(2026, 3, 16), date(2026, 3, 18)).days()
    cal = Calendar(days, [
        CalendarOverride(date(2026, 3, 16), OverrideKind.LIBUR, "HUT Kota"),
        CalendarOverride(date(2026, 3, 18), OverrideKind.MASUK, "tetap masuk"),
    ])
    unit = office("A")
    assert cal.working_days(unit) == [date(2026, 3, 17), date(2026, 3, 18)]
    assert cal.holidays[date(2026, 3, 16)] == "HUT Kota"


def test_estimated_holidays_are_flagged_for_years_not_yet_decreed():
    # the package estimates lunar holidays beyond decreed years (reference §8.4)
    days = Period(date(2030, 1, 1), date(2030, 12, 31)).days()
    est = estimated_holidays(days)
    assert est, "expected at least one estimated lunar holiday in 2030"
    assert all(("perkiraan" in n.lower() or "estimated" in n.lower()) for n in est.values())
