"""The printed layout shared by the workbook's print sheet and the PDF: which rows and
dates go on which page, short codes, day headers, titles, legend and signature block.

A printed roster is one block per unit; a unit with more staff than fit on a page
continues on the next page with its headers repeated. Periods of up to 31 dates print
in one block (every date a column, ≥ 7 pt on A4 landscape thanks to the short codes);
longer periods print one block per calendar month. Indonesian day and month names come
from Babel (CLDR), so ``Sen 2`` and ``Maret 2026`` are spelled as Indonesians write them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import groupby

from babel.dates import format_date

from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.roster import Roster
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.publish.model import Imprint, Publication, UnitInfo

MAX_DATES_PER_BLOCK = 31

#: The text printed in a roster cell: full codes where a column is narrow need short ones.
SHORT: dict[Code, str] = {Code.WFO: "WFO", Code.WFH: "WFH", Code.LIBUR: "L", Code.CUTI: "C",
                          Code.DL: "DL", Code.DIKLAT: "DIK"}

LEGEND: tuple[tuple[str, Msg], ...] = (
    ("WFO", Msg("di kantor", "in the office")),
    ("WFH", Msg("kerja fleksibel/rumah", "flexible/home")),
    ("L", Msg("libur", "day off")),
    ("C", Msg("cuti", "leave")),
    ("DL", Msg("dinas luar", "official travel")),
    ("DIK", Msg("diklat", "training")),
)

FULL_CODES = ("WFO", "WFH", "LIBUR", "CUTI", "DL", "DIKLAT")

TEXT: dict[str, Msg] = {
    "roster": Msg("Jadwal Kerja WFO/WFH", "WFO/WFH Work Roster"),
    "unit": Msg("Unit", "Unit"),
    "continued": Msg("lanjutan {k}/{n}", "continued {k}/{n}"),
    "no": Msg("No", "No"),
    "name": Msg("Nama", "Name"),
    "nip": Msg("NIP", "NIP"),
    "legend": Msg("Keterangan", "Legend"),
    "page": Msg("Halaman {p} dari {n}", "Page {p} of {n}"),
    "holidays": Msg("Hari libur", "Holidays"),
    "scenario": Msg("Dasar", "Basis"),
    "mine": Msg("Jadwal Saya", "My Roster"),
    "days": Msg("hari", "days"),
}


def locale(lang: Lang) -> str:
    """Babel's locale for ``lang``."""
    return "en" if lang == "en" else "id"


def short_code(roster: Roster, row: int, col: int) -> str:
    """A cell's printed text: :data:`SHORT`, or a hand-typed absence cut to 3 letters."""
    c = Code(int(roster.codes[row, col]))
    if c is Code.ABSEN:
        return roster.label(row, col)[:3]
    return SHORT[c]


@cache
def day_header(day: date, lang: Lang) -> tuple[str, str]:
    """The weekday abbreviation and day of month of a date column: ``("Sen", "2")``."""
    return format_date(day, "EEE", locale=locale(lang)).rstrip("."), str(day.day)


def month_title(dates: Sequence[date], lang: Lang) -> str:
    """``Maret 2026`` for dates within one month; ``28 Agustus 2023 – 7 September 2023``
    for a span over several months."""
    if not dates:
        return ""
    first, last = dates[0], dates[-1]
    loc = locale(lang)
    if (first.year, first.month) == (last.year, last.month):
        return format_date(first, "LLLL yyyy", locale=loc)
    return (f"{format_date(first, 'd MMMM yyyy', locale=loc)} – "
            f"{format_date(last, 'd MMMM yyyy', locale=loc)}")


@cache
def long_date(day: date, lang: Lang) -> str:
    """``Senin, 2 Maret 2026``."""
    return format_date(day, "EEEE, d MMMM yyyy", locale=locale(lang))


def date_blocks(dates: Sequence[date]) -> list[tuple[date, ...]]:
    """The date columns of each printed block: all dates when there are at most 31,
    otherwise one block per calendar month (a month never exceeds 31)."""
    if len(dates) <= MAX_DATES_PER_BLOCK:
        return [tuple(dates)] if dates else []
    return [tuple(g) for _, g in groupby(dates, key=lambda d: (d.year, d.month))]


@dataclass(frozen=True)
class Page:
    """One printed page: ``rows`` (roster rows) of ``unit`` over ``cols`` (roster
    columns); ``part`` of ``parts`` when the unit continues over several pages, its
    first row being the unit's person number ``first + 1``."""

    unit: UnitInfo
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    part: int
    parts: int
    first: int


def pages(pub: Publication, rows_per_page: int) -> list[Page]:
    """Every page of the printed roster: units in :meth:`Publication.staffed_units`
    order, for each date block, the unit's staff ``rows_per_page`` at a time."""
    if rows_per_page < 1:
        raise ValueError("rows_per_page must be at least 1")
    col_of = {d: j for j, d in enumerate(pub.dates)}
    blocks = [tuple(col_of[d] for d in b) for b in date_blocks(pub.dates)]
    by_unit: dict[str, list[int]] = {}
    for i, p in enumerate(pub.people):
        by_unit.setdefault(p.unit_code, []).append(i)
    out: list[Page] = []
    for unit in pub.staffed_units():
        rows = by_unit[unit.code]
        starts = range(0, len(rows), rows_per_page)
        for cols in blocks:
            out += [Page(unit, tuple(rows[s:s + rows_per_page]), cols, k + 1, len(starts), s)
                    for k, s in enumerate(starts)]
    return out


def page_title(pub: Publication, page: Page, lang: Lang) -> list[str]:
    """The title lines of a page: agency; roster and unit; month and scenario title."""
    days = [pub.dates[j] for j in page.cols]
    unit = f"{TEXT['unit'].get(lang)}: {page.unit.name}"
    if page.unit.name != page.unit.code:
        unit += f" ({page.unit.code})"
    if page.parts > 1:
        unit += f" — {TEXT['continued'].format(k=page.part, n=page.parts).get(lang)}"
    return [pub.imprint.agency, f"{TEXT['roster'].get(lang)} — {unit}",
            " · ".join(s for s in (month_title(days, lang), scenario_line(pub, lang)) if s)]


def scenario_line(pub: Publication, lang: Lang) -> str:
    """``Title (basis)``, or whichever of the two is known."""
    title = pub.title.get(lang)
    if title and pub.basis:
        return f"{title} ({pub.basis})"
    return title or pub.basis or pub.scenario


def legend_text(lang: Lang, full: bool = False) -> str:
    """The one-line legend printed on every page; ``full`` names the codes as the
    personal page writes them (``LIBUR``, ``CUTI``, ``DIKLAT``)."""
    names = dict(zip([c for c, _ in LEGEND], FULL_CODES, strict=True)) if full else {}
    items = " · ".join(f"{names.get(code, code)} = {m.get(lang)}" for code, m in LEGEND)
    return f"{TEXT['legend'].get(lang)}: {items}"


def signature_lines(imprint: Imprint, lang: Lang) -> list[str]:
    """The signature block, top to bottom: place and date, the official's title, three
    blank lines for the signature and stamp, the name, the NIP. Blank fields are dotted
    lines to fill in by hand."""
    dots = "…………………"
    place = imprint.place or dots
    when = imprint.sign_date or dots
    title = imprint.title or Msg("Pejabat yang menyetujui", "Approving official").get(lang)
    name = imprint.name or "(" + dots * 2 + ")"
    nip = f"NIP {imprint.nip or dots}"
    return [f"{place}, {when}", title, "", "", "", name, nip]


def totals(roster: Roster, row: int, cols: Sequence[int]) -> tuple[int, int]:
    """WFO and WFH days of ``row`` among ``cols``."""
    codes = roster.codes[row, list(cols)]
    return int((codes == int(Code.WFO)).sum()), int((codes == int(Code.WFH)).sum())


def holiday_lines(pub: Publication, cols: Sequence[int], lang: Lang) -> list[str]:
    """``Jum 20: Hari Raya Idul Fitri`` for each holiday among ``cols``."""
    out = []
    for j in cols:
        d = pub.dates[j]
        if d in pub.holidays:
            wd, day = day_header(d, lang)
            out.append(f"{wd} {day}: {pub.holidays[d]}")
    return out
