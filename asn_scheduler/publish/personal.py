""""Jadwal saya": one portrait page per person with their own days.

Per month of the period a calendar (weeks × Monday–Sunday) whose day cells hold the
day number and the person's code in full (``WFO``, ``WFH``, ``LIBUR``, ``CUTI`` …) in the
roster's colours, days outside the period left blank; then the person's totals, the
period's holidays by name, and the signature block. Drawn with the roster PDF's writer
(:mod:`asn_scheduler.publish.pdf`), so fonts, escaping and atomic writing are the same.
"""

from __future__ import annotations

import calendar as _calendar
import os
from collections.abc import Iterable
from datetime import date
from functools import cache
from itertools import groupby
from pathlib import Path

from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.pagesizes import portrait
from reportlab.lib.utils import simpleSplit

from asn_scheduler.domain.enums import Code
from asn_scheduler.excel._atomic import atomic_path
from asn_scheduler.excel.styles import CODE_COLOURS, HEADER_FILL
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.publish import layout as lay
from asn_scheduler.publish.model import Publication
from asn_scheduler.publish.pdf import (
    MARGIN,
    PAGE_SIZES,
    Writer,
    colour,
    file_stem,
    fit,
    new_canvas,
)

CELL_H = 34.0
_TOTALS = Msg("Jumlah: WFO {o} hari · WFH {h} hari · libur {l} hari · tidak hadir {a} hari",
              "Totals: WFO {o} days · WFH {h} days · days off {l} · absent {a} days")


def draw_personal(w: Writer, r: int) -> None:
    """Draw person ``r``'s page on ``w``'s canvas (the caller ends the page)."""
    c, pub, lang = w.c, w.pub, w.lang
    person = pub.people[r]
    width, height = c._pagesize
    inner = width - 2 * MARGIN
    y = height - MARGIN - 12
    w.text(MARGIN, y, fit(pub.imprint.agency, w.bold, 12, inner), 12, True)
    y -= 18
    w.text(MARGIN, y, fit(f"{lay.TEXT['mine'].get(lang)} — {person.name}", w.bold, 11, inner),
           11, True)
    y -= 14
    unit = pub.unit_name(person.unit_code)
    w.text(MARGIN, y, fit(f"NIP {person.nip} · {lay.TEXT['unit'].get(lang)}: {unit}", w.font,
                          9, inner), 9)
    y -= 12
    line = " · ".join(s for s in (lay.month_title(pub.dates, lang), lay.scenario_line(pub, lang))
                      if s)
    for part in simpleSplit(line, w.font, 8, inner)[:2]:
        w.text(MARGIN, y, part, 8)
        y -= 10
    y -= 6
    col = {d: j for j, d in enumerate(pub.dates)}
    cell_w = inner / 7
    for (year, month), _days in groupby(pub.dates, key=lambda d: (d.year, d.month)):
        weeks = _calendar.Calendar(0).monthdatescalendar(year, month)
        need = 14 + 12 + CELL_H * len(weeks)
        if y - need < MARGIN + 130:
            c.showPage()
            y = height - MARGIN - 12
        w.text(MARGIN, y, _month(year, month, lang), 10, True)
        y -= 14
        c.setFillColor(colour(HEADER_FILL))
        c.rect(MARGIN, y - 12, inner, 12, stroke=0, fill=1)
        c.setFillColor(colors.white)
        for k in range(7):
            w.text(MARGIN + k * cell_w + cell_w / 2, y - 9, _weekday(k, lang), 7.5, True,
                   "center")
        y -= 12
        for week in weeks:
            for k, d in enumerate(week):
                _day_cell(w, r, d, col.get(d) if d.month == month else None,
                          MARGIN + k * cell_w, y, cell_w)
            y -= CELL_H
        y -= 12
    codes = pub.roster.codes[r]
    absent = int((codes >= int(Code.CUTI)).sum())
    counts = {k: int((codes == int(code)).sum()) for k, code in
              (("o", Code.WFO), ("h", Code.WFH), ("l", Code.LIBUR))}
    c.setFillColor(colors.black)
    w.text(MARGIN, y, _TOTALS.format(a=absent, **counts).get(lang), 8.5, True)
    y -= 14
    holidays = lay.holiday_lines(pub, range(len(pub.dates)), lang)
    if holidays:
        w.text(MARGIN, y, lay.TEXT["holidays"].get(lang) + ":", 8, True)
        y -= 11
        for line in holidays[:12]:
            w.text(MARGIN + 8, y, fit(line, w.font, 8, inner - 8), 8)
            y -= 10
    legend = simpleSplit(lay.legend_text(lang, full=True), w.font, 7, inner - 200)
    for k, line in enumerate(legend[:3]):
        w.text(MARGIN, MARGIN + 10 + 9 * (len(legend[:3]) - 1 - k), line, 7)
    yy = MARGIN + 80
    for line in lay.signature_lines(pub.imprint, lang):
        w.text(width - MARGIN - 180, yy, fit(line, w.font, 8, 180), 8)
        yy -= 11


@cache
def _month(year: int, month: int, lang: Lang) -> str:
    return format_date(date(year, month, 1), "LLLL yyyy", locale=lay.locale(lang))


@cache
def _weekday(k: int, lang: Lang) -> str:
    """Monday (0) … Sunday (6) in full."""
    return format_date(date(2024, 1, 1 + k), "EEEE", locale=lay.locale(lang))


def _day_cell(w: Writer, r: int, d: date, j: int | None, x: float, top: float,
              cell_w: float) -> None:
    c, pub = w.c, w.pub
    c.setStrokeColor(colour("#808080"))
    c.setLineWidth(0.4)
    if j is None:  # outside the month or the roster period
        c.setFillColor(colour("#F2F2F2"))
        c.rect(x, top - CELL_H, cell_w, CELL_H, stroke=1, fill=1)
        return
    code = Code(int(pub.roster.codes[r, j]))
    fill, font = CODE_COLOURS[code]
    c.setFillColor(colour(fill))
    c.rect(x, top - CELL_H, cell_w, CELL_H, stroke=1, fill=1)
    c.setFillColor(colors.black)
    mark = "*" if d in pub.holidays else ""
    w.text(x + 3, top - 10, f"{d.day}{mark}", 8, True)
    c.setFillColor(colour(font))
    w.text(x + cell_w / 2, top - 25, fit(pub.roster.label(r, j), w.bold, 9, cell_w - 4), 9,
           True, "center")


def write_personal_pdf(pub: Publication, path: str | os.PathLike[str], *, lang: Lang = "id",
                       paper: str = "A4", rows: Iterable[int] | None = None) -> Path:
    """Write a "jadwal saya" page per person (roster order, or only ``rows``) to one
    portrait PDF at ``path``, atomically. A period longer than two months may take a
    person more than one page."""
    if paper not in PAGE_SIZES:
        raise ValueError(f"paper is one of {', '.join(PAGE_SIZES)}, not {paper!r}")
    path = Path(path)
    chosen = list(range(len(pub.people))) if rows is None else list(rows)
    with atomic_path(path) as tmp:
        c = new_canvas(tmp, portrait(PAGE_SIZES[paper]), pub,
                    f"{lay.TEXT['mine'].get(lang)} — {pub.imprint.agency}")
        writer = Writer(c, pub, lang)
        for r in chosen:
            draw_personal(writer, r)
            c.showPage()
        if not chosen:
            c.showPage()
        c.save()
    return path


def write_personal_pdfs(pub: Publication, folder: str | os.PathLike[str], *,
                        lang: Lang = "id", paper: str = "A4") -> list[Path]:
    """One "jadwal saya" PDF per person in ``folder`` (created when missing), named
    ``<unit code>-<NIP>.pdf``; the paths written, in roster order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_personal_pdf(pub, folder / f"{file_stem(p.unit_code)}-{file_stem(p.nip)}.pdf",
                               lang=lang, paper=paper, rows=[r])
            for r, p in enumerate(pub.people)]
