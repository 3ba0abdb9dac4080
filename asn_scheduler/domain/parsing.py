"""Pure parsers for what planners type into the input workbook.

Each parser takes one cell value as the Excel edge hands it over (``str``, ``float``,
``int``, ``bool``, :class:`~datetime.date`, :class:`~datetime.datetime`, …) and returns
either the parsed value or an :class:`Invalid` carrying a bilingual reason and fix. They
never raise for bad input, so a reader can collect every problem of a workbook in one pass.

Blank cells are the caller's business (defaults and "required" live in the schema):
:func:`is_blank` tells them apart; a parser handed a blank value returns :class:`Invalid`.
"""

from __future__ import annotations

import calendar
import difflib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from asn_scheduler.domain.enums import LabelledEnum, Weekday, normalise
from asn_scheduler.i18n import Msg
from asn_scheduler.safety_text import terminal_text

E = TypeVar("E", bound=LabelledEnum)

MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True, slots=True)
class Invalid:
    """Why a cell could not be parsed (``problem``) and what to type instead (``fix``)."""

    problem: Msg
    fix: Msg


def is_blank(value: object) -> bool:
    """Whether a cell counts as empty: ``None``, ``""`` or only white space."""
    return value is None or (isinstance(value, str) and not value.strip())


def display(value: object, limit: int = 60) -> str:
    """The cell as short text for problem tables (dates as DD/MM/YYYY, whole floats
    without ``.0``, long floats in scientific form as Excel shows them)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        text = f"{value:%d/%m/%Y %H:%M}" if value.time() != time() else f"{value:%d/%m/%Y}"
    elif isinstance(value, date):
        text = f"{value:%d/%m/%Y}"
    elif isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, float):
        text = (f"{value:.15g}" if not (value.is_integer() and abs(value) < 1e15)
                else str(int(value)))
    else:
        text = str(value).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_of(value: object) -> str:
    """A text cell's content, stripped; whole numbers lose Excel's ``.0`` (a unit code typed
    as ``101`` arrives as ``101.0``). Control characters (an ESC that would drive a
    terminal, characters XML forbids) and bidi overrides become U+FFFD
    (:func:`~asn_scheduler.safety_text.terminal_text`), so no text read from a workbook
    carries them into a message, a log or an output."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (date, datetime, bool)):
        return display(value)
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text if text.isprintable() else terminal_text(text)


# --------------------------------------------------------------------------- yes / no

_YES = frozenset({"ya", "y", "yes", "true", "1", "benar", "iya"})
_NO = frozenset({"tidak", "t", "no", "n", "false", "0", "salah", "tdk"})

_YESNO_FIX = Msg("Isi Ya atau Tidak (juga diterima: Y/T, Yes/No, True/False, 1/0).",
                 "Type Ya or Tidak (also accepted: Y/T, Yes/No, True/False, 1/0).")


def parse_yes_no(value: object) -> bool | Invalid:
    """``Ya/Tidak``, ``Y/T``, ``Yes/No``, ``True/False``, ``1/0`` in any case, real booleans
    and the numbers 1 and 0."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    key = str(value).strip().lower() if isinstance(value, str) else None
    if key in _YES:
        return True
    if key in _NO:
        return False
    return Invalid(Msg("Bukan Ya/Tidak.", "Not a yes/no value."), _YESNO_FIX)


# --------------------------------------------------------------------------- dates

def _numbered(names: str) -> dict[str, int]:
    return {m: i for i, m in enumerate(names.split(" "), 1)}


_MONTHS = {
    **_numbered("januari februari maret april mei juni juli agustus september oktober "
                "november desember"),
    **_numbered("january february march april may june july august september october "
                "november december"),
    **_numbered("jan feb mar apr mei jun jul agu sep okt nov des"),
    **_numbered("jan feb mar apr may jun jul aug sep oct nov dec"),
    "agt": 8, "ags": 8, "sept": 9, "nop": 11, "pebruari": 2, "peb": 2,
}
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d*)?)?)?")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?")
_D_MONTH_Y = re.compile(r"(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})")

_DATE_FIX = Msg("Ketik tanggal sebagai DD/MM/YYYY (mis. 02/03/2026 = 2 Maret 2026) atau "
                "YYYY-MM-DD, atau format sel sebagai Tanggal.",
                "Type the date as DD/MM/YYYY (e.g. 02/03/2026 = 2 March 2026) or YYYY-MM-DD, "
                "or format the cell as a Date.")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object) -> date | Invalid:
    """A date from a real Excel date, ``YYYY-MM-DD`` or Indonesian-order ``DD/MM/YYYY``,
    ``DD-MM-YYYY`` (one-digit day and month allowed; ``.`` also separates), or
    ``2 Maret 2026``.

    ``02/03/2026`` is 2 March 2026, never 3 February. An impossible date such as
    ``31/02/2026`` gets its own reason, distinct from text that is not a date. Years
    outside 1900–2100 are refused as typos.
    """
    if isinstance(value, datetime):
        return _year_checked(value.date())
    if isinstance(value, date):
        return _year_checked(value)
    if isinstance(value, (time, timedelta)):
        return Invalid(Msg("Berisi jam, bukan tanggal.", "Holds a time, not a date."), _DATE_FIX)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Invalid(_number_not_date(value), _DATE_FIX)
    text = str(value).strip()
    day_first = False
    if m := _ISO.fullmatch(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _DMY.fullmatch(text):
        d, mo, y = (int(g) for g in m.groups())
        day_first = True
    elif (m := _D_MONTH_Y.fullmatch(text.lower())) and m.group(2) in _MONTHS:
        d, mo, y = int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3))
    else:
        return Invalid(Msg("Bukan tanggal.", "Not a date."), _DATE_FIX)
    return _make_date(y, mo, d, day_first)


def _number_not_date(value: float) -> Msg:
    if 1 <= value < 80000 and float(value).is_integer():
        guess = _EXCEL_EPOCH + timedelta(days=int(value))
        return Msg(f"Berisi angka {int(value)}, bukan tanggal (jika maksudnya {guess:%d/%m/%Y}, "
                   "format sel sebagai Tanggal).",
                   f"Holds the number {int(value)}, not a date (if {guess:%d/%m/%Y} was meant, "
                   "format the cell as a Date).")
    return Msg("Berisi angka, bukan tanggal.", "Holds a number, not a date.")


def _make_date(y: int, mo: int, d: int, day_first: bool) -> date | Invalid:
    impossible = Msg("Tanggal tidak ada di kalender.", "The date does not exist.")
    if not 1 <= mo <= 12:
        if day_first and 1 <= d <= 12:
            return Invalid(
                Msg(f"Bulan {mo} tidak ada: tanggal dibaca hari/bulan/tahun.",
                    f"There is no month {mo}: dates are read day/month/year."),
                Msg(f"Tulis hari dulu, lalu bulan: {mo:02d}/{d:02d}/{y}.",
                    f"Put the day first, then the month: {mo:02d}/{d:02d}/{y}."))
        return Invalid(Msg(f"Bulan {mo} tidak ada.", f"There is no month {mo}."), _DATE_FIX)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return Invalid(Msg(f"Tahun {y} tidak masuk akal.", f"The year {y} is implausible."),
                       _DATE_FIX)
    last = calendar.monthrange(y, mo)[1]
    if not 1 <= d <= last:
        return Invalid(impossible, Msg(f"Bulan {mo:02d}/{y} hanya punya {last} hari.",
                                       f"Month {mo:02d}/{y} has only {last} days."))
    return date(y, mo, d)


def _year_checked(d: date) -> date | Invalid:
    if MIN_YEAR <= d.year <= MAX_YEAR:
        return d
    return Invalid(Msg(f"Tahun {d.year} tidak masuk akal.", f"The year {d.year} is implausible."),
                   _DATE_FIX)


# --------------------------------------------------------------------------- weekdays

_LIST_SPLIT = re.compile(r"[;,]|\s+(?:dan|and|&)\s+", re.IGNORECASE)
_RANGE = re.compile(
    r"(.+?)\s*(?:[-–—]|\s(?:s/d|s\.d\.?|sd|sampai|hingga|to|until|through)\s)\s*(.+)",
    re.IGNORECASE)
_WEEKDAY_FIX = Msg("Tulis nama hari dipisah titik koma, mis. Senin; Rabu; Jumat, atau rentang "
                   "Senin-Jumat.",
                   "List day names separated by semicolons, e.g. Senin; Rabu; Jumat (or Mon; "
                   "Wed; Fri), or a range Senin-Jumat.")


def _weekday(token: str) -> int | None:
    day = Weekday.parse(token.strip().rstrip("."))
    return None if day is None else int(day)  # type: ignore[arg-type]


def parse_weekdays(value: object) -> frozenset[int] | Invalid:
    """Weekdays (0 = Monday) from ``Senin; Rabu``, ``Mon, Wed``, ``Senin-Jumat``, ``Mon-Fri``.

    Names are Indonesian or English, full or three-letter (see
    :class:`~asn_scheduler.domain.enums.Weekday`); items are separated by ``;`` or ``,``;
    a range runs forwards from its first day to its last (``Jumat-Senin`` is refused as a
    likely slip rather than read as wrapping over the weekend).
    """
    if not isinstance(value, str) or not value.strip():
        return Invalid(Msg("Bukan daftar hari.", "Not a list of weekdays."), _WEEKDAY_FIX)
    days: set[int] = set()
    for part in _LIST_SPLIT.split(value):
        part = part.strip()
        if not part:
            continue
        single = _weekday(part)
        if single is not None:
            days.add(single)
            continue
        if m := _RANGE.fullmatch(part):
            first, last = _weekday(m.group(1)), _weekday(m.group(2))
            if first is not None and last is not None:
                if last < first:
                    return Invalid(
                        Msg(f"Rentang hari terbalik: {part}.", f"Reversed day range: {part}."),
                        Msg("Tulis rentang dari hari awal ke hari akhir, mis. Senin-Jumat.",
                            "Write the range from its first to its last day, e.g. Senin-Jumat."))
                days.update(range(first, last + 1))
                continue
        words = [_weekday(w) for w in part.split()]
        if all(w is not None for w in words):
            days.update(w for w in words if w is not None)
            continue
        return Invalid(Msg(f"Hari tidak dikenal: {part}.", f"Unknown weekday: {part}."),
                       _WEEKDAY_FIX)
    if not days:
        return Invalid(Msg("Daftar hari kosong.", "Empty list of weekdays."), _WEEKDAY_FIX)
    return frozenset(days)


# --------------------------------------------------------------------------- roles

_ITEM_SPLIT = re.compile(r"[;,\n]")
_ROLE_FIX = Msg("Tulis tag peran dipisah titik koma, mis. loket; bendahara.",
                "Write role tags separated by semicolons, e.g. loket; bendahara.")
_MINIMUM_FIX = Msg("Tulis peran=jumlah dipisah titik koma, mis. loket=2; bendahara=1.",
                   "Write role=count separated by semicolons, e.g. loket=2; bendahara=1.")
_MINIMUM_ITEM = re.compile(r"(.+?)\s*[=:]\s*(\S+)")


def role_tag(text: str) -> str:
    """The canonical form of a role tag (lower case; spaces, ``_`` and ``-`` alike)."""
    return normalise(text)


def parse_roles(value: object) -> frozenset[str] | Invalid:
    """Role tags from ``loket; bendahara`` (``,`` also separates), lower-cased and with
    spaces, ``_`` and ``-`` folded (see :func:`role_tag`)."""
    if not isinstance(value, str):
        return Invalid(Msg("Bukan daftar peran.", "Not a list of roles."), _ROLE_FIX)
    tags = {role_tag(t) for t in _ITEM_SPLIT.split(value) if t.strip()}
    bad = sorted(t for t in tags if "=" in t or ":" in t)
    if bad:
        return Invalid(Msg(f"Peran berisi '=' atau ':': {bad[0]}.",
                           f"A role holds '=' or ':': {bad[0]}."),
                       Msg("Jumlah minimal peran diisi di lembar Unit (Minimal Peran Hadir); di "
                           "sini cukup tag peran, mis. loket; bendahara.",
                           "Role minimums belong in sheet Unit (Minimal Peran Hadir); here list "
                           "the tags only, e.g. loket; bendahara."))
    if not tags:
        return Invalid(Msg("Daftar peran kosong.", "Empty list of roles."), _ROLE_FIX)
    return frozenset(tags)


def parse_role_minimums(value: object) -> dict[str, int] | Invalid:
    """``loket=2; bendahara=1`` (``:`` also works for ``=``; ``,`` also separates) →
    ``{"loket": 2, "bendahara": 1}``. Counts are whole numbers ≥ 0; a role may appear once."""
    if not isinstance(value, str):
        return Invalid(Msg("Bukan daftar peran=jumlah.", "Not a list of role=count."),
                       _MINIMUM_FIX)
    out: dict[str, int] = {}
    for part in _ITEM_SPLIT.split(value):
        if not part.strip():
            continue
        m = _MINIMUM_ITEM.fullmatch(part.strip())
        count = _whole(m.group(2)) if m else None
        if m is None or count is None or not role_tag(m.group(1)):
            return Invalid(Msg(f"Tidak terbaca: '{part.strip()}'.",
                               f"Cannot read '{part.strip()}'."), _MINIMUM_FIX)
        tag = role_tag(m.group(1))
        if tag in out:
            return Invalid(Msg(f"Peran '{tag}' disebut dua kali.", f"Role '{tag}' appears twice."),
                           Msg("Sebut setiap peran sekali.", "Name each role once."))
        out[tag] = count
    if not out:
        return Invalid(Msg("Daftar peran=jumlah kosong.", "Empty list of role=count."),
                       _MINIMUM_FIX)
    return out


def _whole(text: str) -> int | None:
    n = _number(text)
    return int(n) if n is not None and n >= 0 and float(n).is_integer() else None


# --------------------------------------------------------------------------- numbers

_PLAIN = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(?:[.,]\d{3})+")


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip().replace(" ", "")
    if _PLAIN.fullmatch(text) and not _THOUSANDS.fullmatch(text):
        return float(text.replace(",", "."))
    return None


def _number_problem(value: object) -> Invalid:
    text = str(value).strip().replace(" ", "")
    if isinstance(value, str) and _THOUSANDS.fullmatch(text):
        return Invalid(Msg("Angka dengan pemisah ribuan membingungkan (titik atau koma?).",
                           "A number with a thousands separator is ambiguous (dot or comma?)."),
                       Msg("Ketik angka tanpa pemisah ribuan, mis. 1500 atau 12,5.",
                           "Type the number without thousands separators, e.g. 1500 or 12.5."))
    return Invalid(Msg("Bukan angka.", "Not a number."),
                   Msg("Ketik sebuah angka, mis. 12 atau 12,5.", "Type a number, e.g. 12 or 12.5."))


MAX_NUMBER = 1_000_000
"""The largest number a workbook cell may hold (capacity, kilometres): far above any real
figure, far below what the solver's integer arithmetic overflows on."""


def parse_number(value: object) -> float | Invalid:
    """A number ≥ 0: a numeric cell, or text like ``12``, ``12.5`` or ``12,5``
    (Indonesian decimal comma). ``1.500`` is refused as ambiguous."""
    n = _number(value)
    if n is None:
        return _number_problem(value)
    if n < 0:
        return Invalid(Msg("Angka negatif.", "A negative number."),
                       Msg("Isi angka 0 atau lebih.", "Type a number of 0 or more."))
    if not n <= MAX_NUMBER:  # also NaN
        return Invalid(Msg(f"Angka {display(n)} terlalu besar (batas "
                           f"{MAX_NUMBER:,}).".replace(",", "."),
                           f"The number {display(n)} is too large (the limit is "
                           f"{MAX_NUMBER:,})."),
                       Msg("Isi angka yang sebenarnya (kursi gedung, kilometer).",
                           "Type the real figure (seats in a building, kilometres)."))
    return n


def parse_int(value: object) -> int | Invalid:
    """A whole number ≥ 0 (``12``, ``12.0`` or text ``12``)."""
    n = parse_number(value)
    if isinstance(n, Invalid):
        return n
    if not n.is_integer():
        return Invalid(Msg("Bukan bilangan bulat.", "Not a whole number."),
                       Msg("Isi bilangan bulat 0 atau lebih, mis. 120.",
                           "Type a whole number of 0 or more, e.g. 120."))
    return int(n)


_PERCENT_FIX = Msg("Isi angka 0 sampai 100, mis. 40.", "Type a number from 0 to 100, e.g. 40.")


def parse_percent(value: object) -> float | Invalid:
    """A percentage 0–100 (``40``, ``40%``, ``40,5``). A cell Excel formatted as a percentage
    arrives as a fraction (``0.4``) and is taken as it stands (0.4 %); the reader warns."""
    text = value.strip().removesuffix("%") if isinstance(value, str) else value
    n = _number(text)
    if n is None:
        return Invalid(Msg("Bukan persentase.", "Not a percentage."),
                       _PERCENT_FIX)
    if not 0 <= n <= 100:
        return Invalid(Msg(f"Persentase {display(n)} di luar 0–100.",
                           f"Percentage {display(n)} is outside 0–100."),
                       _PERCENT_FIX)
    return n


# --------------------------------------------------------------------------- enums


def parse_enum(value: object, enum: type[E]) -> E | Invalid:
    """A member of ``enum`` by any of its labels or aliases (workbook matching rules); the
    fix lists the allowed values."""
    member = enum.parse(text_of(value)) if not isinstance(value, bool) else None
    if member is not None:
        return member  # type: ignore[return-value]
    allowed = ", ".join(enum.choices())
    names = {normalise(n): m.label_id for m in enum  # type: ignore[attr-defined]
             for n in (m.label_id, m.label_en, *m.aliases)}
    guess = nearest(text_of(value), names)
    hint = did_you_mean(guess)
    return Invalid(Msg("Nilai tidak dikenal.", "Unknown value."),
                   Msg(f"{hint.id}Pilih salah satu: {allowed}.",
                       f"{hint.en}Choose one of: {allowed}."))


def nearest(text: str, names: Mapping[str, str] | Sequence[str], cutoff: float = 0.6
            ) -> str | None:
    """The valid value closest to ``text`` (difflib ratio ≥ ``cutoff``, compared in
    :func:`normalise`-d form), or ``None``. ``names`` maps a normalised spelling to the value
    to suggest, or is a plain list of values."""
    table = names if isinstance(names, Mapping) else {normalise(n): n for n in names}
    got = difflib.get_close_matches(normalise(text), list(table), n=1, cutoff=cutoff)
    return table[got[0]] if got else None


def did_you_mean(guess: str | None) -> Msg:
    """``Mungkin maksudnya 'X'? `` (empty when there is no guess), to open a fix."""
    if guess is None:
        return Msg("", "")
    return Msg(f"Mungkin maksudnya '{guess}'? ", f"Did you mean '{guess}'? ")

