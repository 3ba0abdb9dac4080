"""NIP / NI PPPK structure checks (regulations.md §7.2–7.3)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from asn_scheduler.domain.nip import nip_layouts, parse_nip
from asn_scheduler.domain.parsing import Invalid

TODAY = date(2026, 11, 24)
EXAMPLE = "198609262015051001"  # the regulation's own example: 19860926 201505 1 001


def test_the_regulation_example_is_valid():
    assert parse_nip(EXAMPLE, TODAY) == EXAMPLE
    assert nip_layouts(EXAMPLE, TODAY) == {"pns", "pppk"}


def test_spaces_and_apostrophe_are_stripped():
    assert parse_nip("19860926 201505 1 001", TODAY) == EXAMPLE
    assert parse_nip(" '198609262015051001 ", TODAY) == EXAMPLE


def test_pppk_layout_with_a_non_month_code_is_accepted():
    # NI PPPK: digits 12–14 are an agreement code (21, 24 …), not a month.
    nip = "199001012023241001"
    assert parse_nip(nip, TODAY) == nip
    assert nip_layouts(nip, TODAY) == {"pppk"}


@pytest.mark.parametrize(("value", "reason_word"), [
    (1.98609262015051e17, "number"),        # a numeric cell: Excel already rounded it
    (198609262015051001, "number"),         # even an exact int is a number cell
    ("1.98609E+17", "rounded"),             # text copied from a rounded cell
    ("1,98609E+17", "rounded"),             # the same in an Indonesian-locale Excel
    ("198609262015051001.0", "rounded"),
])
def test_numeric_nips_say_format_as_text(value, reason_word):
    result = parse_nip(value, TODAY)
    assert isinstance(result, Invalid)
    assert reason_word in result.problem.en
    assert "Text" in result.fix.en and "Teks" in result.fix.id


@pytest.mark.parametrize(("nip", "reason_word"), [
    ("19860926201505100", "17 digits"),
    ("1986092620150510011", "19 digits"),
    ("19860926-201505-1-001", "digits only"),
    ("198602302015051001", "birth date"),     # 30 February
    ("203001012050051001", "birth date"),     # born in the future
    ("198609262015053001", "Digit 15"),       # gender 3
    ("198609262015050001", "Digit 15"),       # gender 0
    ("198609262015051000", "serial"),         # serial 000
    ("198609261995051001", "appointment"),    # appointed at 8
    ("198609262035051001", "appointment"),    # appointed after next year
])
def test_structural_errors(nip, reason_word):
    result = parse_nip(nip, TODAY)
    assert isinstance(result, Invalid)
    assert reason_word in result.problem.en


def _nip(born: date, year: int, month: int, gender: int, serial: int) -> str:
    return f"{born:%Y%m%d}{year:04d}{month:02d}{gender}{serial:03d}"


valid_nips = st.builds(
    lambda born, offset, month, gender, serial: _nip(born, born.year + offset, month, gender,
                                                     serial),
    st.dates(date(1950, 1, 1), date(2005, 12, 31)),
    st.integers(15, 40), st.integers(1, 12), st.sampled_from([1, 2]), st.integers(1, 999),
)


@given(valid_nips)
def test_any_generated_valid_nip_validates(nip):
    assume(int(nip[8:12]) <= TODAY.year + 1)
    assert parse_nip(nip, TODAY) == nip
    assert "pns" in nip_layouts(nip, TODAY)


@given(valid_nips, st.sampled_from("034789"))
def test_changing_the_gender_digit_fails(nip, digit):
    assume(int(nip[8:12]) <= TODAY.year + 1)
    broken = nip[:14] + digit + nip[15:]
    assert isinstance(parse_nip(broken, TODAY), Invalid)
    assert nip_layouts(broken, TODAY) == frozenset()


@given(valid_nips)
def test_typed_with_spaces_validates(nip):
    assume(int(nip[8:12]) <= TODAY.year + 1)
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert parse_nip(spaced, TODAY) == nip


impossible_birth_dates = st.tuples(st.integers(1950, 2000), st.integers(1, 12)).flatmap(
    lambda ym: st.tuples(st.just(ym[0]), st.just(ym[1]),
                         st.integers(calendar.monthrange(*ym)[1] + 1, 99)))


@given(impossible_birth_dates)
def test_impossible_birth_dates_fail(ymd):
    year, month, day = ymd  # a day past the end of its month
    nip = f"{year}{month:02d}{day:02d}2015051001"
    result = parse_nip(nip, TODAY)
    assert isinstance(result, Invalid) and "birth date" in result.problem.en


def test_the_default_today_accepts_this_year_appointments():
    this_year = date.today().year
    born = date.today() - timedelta(days=365 * 25)
    assert isinstance(parse_nip(_nip(born, this_year, 1, 2, 7)), str)
