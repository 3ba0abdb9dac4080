"""Parsers of planner-typed cells: yes/no, dates, weekdays, roles, numbers, enums."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_scheduler.domain.enums import AbsenceKind, PositionLevel, Weekday
from asn_scheduler.domain.parsing import (
    Invalid,
    display,
    is_blank,
    parse_date,
    parse_enum,
    parse_int,
    parse_number,
    parse_percent,
    parse_role_minimums,
    parse_roles,
    parse_weekdays,
    parse_yes_no,
    text_of,
)

# ----------------------------------------------------------------- yes / no


@pytest.mark.parametrize("value", ["Ya", "ya", "YA", "Y", "y", "Yes", "TRUE", "true", "1", " ya ",
                                   True, 1, 1.0])
def test_yes_values_are_true(value):
    assert parse_yes_no(value) is True


@pytest.mark.parametrize("value", ["Tidak", "TIDAK", "t", "T", "No", "n", "False", "0", False, 0,
                                   0.0])
def test_no_values_are_false(value):
    assert parse_yes_no(value) is False


@pytest.mark.parametrize("value", ["mungkin", "2", 2.0, "", "yaa"])
def test_other_values_are_not_yes_no(value):
    result = parse_yes_no(value)
    assert isinstance(result, Invalid)
    assert "Ya" in result.fix.id and "Yes" in result.fix.en


# ----------------------------------------------------------------- dates


@pytest.mark.parametrize("text", ["02/03/2026", "2/3/2026", "02-03-2026", "2-3-2026", "02.03.2026",
                                  "2026-03-02", "2026-3-2", "2026/03/02", "2026-03-02 00:00:00",
                                  "2 Maret 2026", "2 march 2026", " 02/03/2026 "])
def test_dates_in_every_accepted_form(text):
    # Indonesian order: day first. 02/03/2026 is 2 March, never 3 February.
    assert parse_date(text) == date(2026, 3, 2)


def test_real_excel_dates_and_datetimes_are_accepted():
    assert parse_date(date(2026, 3, 2)) == date(2026, 3, 2)
    assert parse_date(datetime(2026, 3, 2, 10, 30)) == date(2026, 3, 2)


def test_impossible_date_differs_from_unparseable_text():
    impossible = parse_date("31/02/2026")
    garbled = parse_date("besok")
    assert isinstance(impossible, Invalid) and isinstance(garbled, Invalid)
    assert impossible.problem != garbled.problem
    # February 2026 is not in a leap year: 28 days, and the fix says so.
    assert "28" in impossible.fix.en


def test_month_13_with_small_day_suggests_day_first():
    # 03/13/2026 is an American-order date; the fix shows the Indonesian order.
    result = parse_date("03/13/2026")
    assert isinstance(result, Invalid)
    assert "13/03/2026" in result.fix.en


@pytest.mark.parametrize("value", [46083.0, 46083, time(9, 0), "02/03/26", "2026", "29/02/2025",
                                   "01/01/1850", True])
def test_non_dates_are_refused(value):
    assert isinstance(parse_date(value), Invalid)


def test_serial_number_message_names_the_date_it_would_be():
    # 46083 days after 1899-12-30 is 2026-03-02: the hint helps a planner whose date
    # column lost its format.
    result = parse_date(46083.0)
    assert isinstance(result, Invalid) and "02/03/2026" in result.problem.en


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_any_date_written_day_first_parses_back(d):
    assert parse_date(f"{d:%d/%m/%Y}") == d
    assert parse_date(f"{d.day}-{d.month}-{d.year}") == d
    assert parse_date(d.isoformat()) == d


@given(st.integers(2000, 2099), st.integers(1, 12), st.integers(29, 31))
def test_day_beyond_month_end_is_impossible(y, m, d):
    try:
        date(y, m, d)
    except ValueError:
        assert isinstance(parse_date(f"{d:02d}/{m:02d}/{y}"), Invalid)
    else:
        assert parse_date(f"{d:02d}/{m:02d}/{y}") == date(y, m, d)


# ----------------------------------------------------------------- weekdays

WEEKDAY_CASES = [
    ("Senin", {0}),
    ("Senin; Rabu; Jumat", {0, 2, 4}),
    ("mon, wed,FRI", {0, 2, 4}),
    ("Senin-Jumat", {0, 1, 2, 3, 4}),
    ("Mon-Fri", {0, 1, 2, 3, 4}),
    ("Senin - Sabtu", {0, 1, 2, 3, 4, 5}),
    ("Senin s/d Kamis", {0, 1, 2, 3}),
    ("Monday to Wednesday", {0, 1, 2}),
    ("Senin-Jumat; Minggu", {0, 1, 2, 3, 4, 6}),
    ("Jum'at", {4}),
    ("Selasa Kamis", {1, 3}),
    ("Sabtu dan Minggu", {5, 6}),
]


@pytest.mark.parametrize(("text", "days"), WEEKDAY_CASES)
def test_weekday_lists(text, days):
    assert parse_weekdays(text) == frozenset(days)


@pytest.mark.parametrize("text", ["Funday", "Senin; Libur", "Jumat-Senin", ";", ""])
def test_garbled_weekdays_are_refused(text):
    assert isinstance(parse_weekdays(text), Invalid)


@given(st.sets(st.sampled_from(list(Weekday)), min_size=1),
       st.sampled_from(["id", "en", "short"]), st.sampled_from(["; ", ",", " ; "]))
def test_any_set_of_named_days_round_trips(days, style, sep):
    def name(d):
        return {"id": d.label_id, "en": d.label_en, "short": d.label_en[:3]}[style]

    text = sep.join(name(d) for d in sorted(days, key=int))
    assert parse_weekdays(text) == frozenset(int(d) for d in days)


@given(st.integers(0, 6), st.integers(0, 6))
def test_any_forward_range_covers_its_days(a, b):
    first, last = min(a, b), max(a, b)
    days = list(Weekday)
    text = f"{days[first].label_id}-{days[last].label_id}"
    assert parse_weekdays(text) == frozenset(range(first, last + 1))


# ----------------------------------------------------------------- roles


def test_roles_are_lower_cased_and_folded():
    assert parse_roles(" Loket ; BENDAHARA, petugas_arsip") == {"loket", "bendahara",
                                                               "petugas arsip"}


def test_roles_with_counts_point_to_the_unit_sheet():
    result = parse_roles("loket=2")
    assert isinstance(result, Invalid) and "Unit" in result.fix.en


@pytest.mark.parametrize(("text", "expected"), [
    ("loket=2; bendahara=1", {"loket": 2, "bendahara": 1}),
    ("Loket : 2, Bendahara:1", {"loket": 2, "bendahara": 1}),
    ("loket = 0", {"loket": 0}),
    ("petugas_arsip=1;", {"petugas arsip": 1}),
])
def test_role_minimums(text, expected):
    assert parse_role_minimums(text) == expected


@pytest.mark.parametrize("text", ["loket", "loket=dua", "loket=-1", "loket=1.5", "=2",
                                  "loket=1; loket=2", ";", 2.0])
def test_garbled_role_minimums_are_refused(text):
    assert isinstance(parse_role_minimums(text), Invalid)


# ----------------------------------------------------------------- numbers


@pytest.mark.parametrize(("value", "expected"), [(12, 12.0), (12.5, 12.5), ("12", 12.0),
                                                 ("12,5", 12.5), ("12.5", 12.5), ("0,125", 0.125)])
def test_numbers(value, expected):
    assert parse_number(value) == expected


@pytest.mark.parametrize("value", ["1.500", "1,500", "dua", "-3", -0.5, True, float("nan")])
def test_bad_numbers(value):
    assert isinstance(parse_number(value), Invalid)


def test_whole_numbers():
    assert parse_int("120") == 120 and parse_int(120.0) == 120
    assert isinstance(parse_int(12.5), Invalid)
    assert isinstance(parse_int(-1), Invalid)


@pytest.mark.parametrize(("value", "expected"), [("40%", 40.0), (40, 40.0), ("0", 0.0),
                                                 (100, 100.0), ("12,5 %", 12.5)])
def test_percent(value, expected):
    assert parse_percent(value) == expected


@pytest.mark.parametrize("value", [101, -1, "empat puluh", "140%"])
def test_bad_percent(value):
    assert isinstance(parse_percent(value), Invalid)


# ----------------------------------------------------------------- enums and cells


def test_enum_by_label_alias_and_legacy_name():
    assert parse_enum("jpt pratama", PositionLevel) is PositionLevel.JPT_PRATAMA
    assert parse_enum("Eselon II", PositionLevel) is PositionLevel.JPT_PRATAMA
    assert parse_enum("Annual leave", AbsenceKind) is AbsenceKind.CUTI_TAHUNAN


def test_unknown_enum_value_lists_the_choices():
    result = parse_enum("Direktur", PositionLevel)
    assert isinstance(result, Invalid)
    for label in PositionLevel.choices():
        assert label in result.fix.id and label in result.fix.en


def test_blank_and_text_helpers():
    assert is_blank(None) and is_blank("  ") and not is_blank(0) and not is_blank("x")
    # A unit code typed as a number arrives as a float from Excel.
    assert text_of(101.0) == "101"
    assert text_of("  Dinas   Kesehatan ") == "Dinas Kesehatan"
    assert display(1.98609262015051e17) == "1.98609262015051e+17"
    assert display(date(2026, 3, 2)) == "02/03/2026"
