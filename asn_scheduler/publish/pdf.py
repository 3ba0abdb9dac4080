"""Printable PDF rosters with ReportLab: per-unit pages and a "jadwal saya" per person.

Pages are drawn directly on a ReportLab canvas from the shared layout
(:mod:`asn_scheduler.publish.layout`): per page the agency, unit, month and scenario
title; a grid with one row per person (number, name, NIP, one short code per date, WFO
and WFH totals) whose cells keep the workbook's colours and carry the code as text, so
a black-and-white print reads the same; and at the foot of every page the period's
holidays, the legend, the page number and the signature block.

A TrueType font is embedded (DejaVu Sans Condensed when the system has it, else the Bitstream
Vera that ships with ReportLab), so text is searchable and names outside Latin-1
render. Text is drawn with ``drawString``, which takes no markup: nothing a planner
typed is interpreted. Files are written atomically and are byte-for-byte reproducible
(ReportLab's ``invariant`` mode: no time stamps or random IDs).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from asn_scheduler.domain.enums import Code
from asn_scheduler.excel._atomic import atomic_path
from asn_scheduler.excel.styles import CODE_COLOURS, HEADER_FILL, shade
from asn_scheduler.i18n import Lang
from asn_scheduler.publish import layout as lay
from asn_scheduler.publish.model import Publication

MM = 72 / 25.4
PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "F4": (216 * MM, 330 * MM)}
MARGIN = 10 * MM
CODE_PT = 7.0        # the smallest text on a roster page (the issue asks for ≥ 7 pt)
NAME_PT = 7.5
ROW_H = 11.0
HEADER_H = 20.0
TITLE_H = 52.0
FOOT_H = 92.0
SIGN_W = 190.0
_GRID = colors.HexColor("#808080")

# condensed: 31 date columns of 7 pt codes, a name and an 18-digit NIP fit A4 landscape
_SYSTEM_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
                 "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf")


@cache
def fonts() -> tuple[str, str]:
    """Register and return the (regular, bold) embedded font names."""
    import reportlab

    regular, bold = _SYSTEM_FONTS
    if not (os.path.exists(regular) and os.path.exists(bold)):
        here = Path(reportlab.__file__).parent / "fonts"
        regular, bold = str(here / "Vera.ttf"), str(here / "VeraBd.ttf")
    pdfmetrics.registerFont(TTFont("Roster", regular))
    pdfmetrics.registerFont(TTFont("Roster-Bold", bold))
    return "Roster", "Roster-Bold"


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so it fits ``width`` points."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


@dataclass(frozen=True)
class Grid:
    """Column x positions and widths of the roster grid on a page of ``width``."""

    x: float
    no: float
    name: float
    nip: float
    day: float
    total: float
    n_days: int

    @classmethod
    def for_page(cls, width: float, n_days: int) -> Grid:
        """Day columns as wide as 7 pt codes need (up to 30 pt), the name the rest."""
        no, nip, total = 16.0, 76.0, 22.0
        room = width - 2 * MARGIN - no - nip - 2 * total
        day = max(16.5, min(30.0, (room - 136.0) / max(n_days, 1)))
        name = min(230.0, room - day * n_days)
        return cls(MARGIN, no, name, nip, day, total, n_days)

    @property
    def day_x(self) -> float:
        return self.x + self.no + self.name + self.nip

    @property
    def right(self) -> float:
        return self.day_x + self.day * self.n_days + 2 * self.total


def rows_per_page(paper: str = "A4") -> int:
    """How many people fit on one landscape roster page of ``paper``."""
    height = landscape(PAGE_SIZES[paper])[1]
    return int((height - 2 * MARGIN - TITLE_H - HEADER_H - FOOT_H) // ROW_H)


@cache
def colour(hex_colour: str) -> colors.Color:
    """A ReportLab colour from ``#RRGGBB`` (parsed once)."""
    return colors.HexColor(hex_colour)


@cache
def cell_fill(code: int, shaded: bool) -> str:
    """The fill of a roster cell: the code's colour, darker in weekend/holiday columns."""
    fill = CODE_COLOURS[Code(code)][0]
    return shade(fill) if shaded else fill


class Writer:
    """Draws pages of one publication on one canvas."""

    def __init__(self, canvas: Canvas, pub: Publication, lang: Lang):
        self.c, self.pub, self.lang = canvas, pub, lang
        self.font, self.bold = fonts()

    def text(self, x: float, y: float, s: str, size: float, bold: bool = False,
             align: str = "left") -> None:
        self.c.setFont(self.bold if bold else self.font, size)
        if align == "center":
            self.c.drawCentredString(x, y, s)
        elif align == "right":
            self.c.drawRightString(x, y, s)
        else:
            self.c.drawString(x, y, s)

    def roster_page(self, page: lay.Page, number: int, count: int) -> None:
        c, pub, lang = self.c, self.pub, self.lang
        w, h = c._pagesize
        title = lay.page_title(pub, page, lang)
        top = h - MARGIN
        self.text(MARGIN, top - 11, fit(title[0], self.bold, 11, w - 2 * MARGIN), 11, True)
        self.text(MARGIN, top - 25, fit(title[1], self.bold, 9.5, w - 2 * MARGIN), 9.5, True)
        for k, line in enumerate(simpleSplit(title[2], self.font, 8, w - 2 * MARGIN)[:2]):
            self.text(MARGIN, top - 37 - 9 * k, line, 8)
        g = Grid.for_page(w, len(page.cols))
        y = top - TITLE_H
        self._header(g, page, y)
        y -= HEADER_H
        shaded = [self._shaded(pub.dates[j]) for j in page.cols]
        for k, r in enumerate(page.rows):
            self._row(g, page, r, k, y, shaded)
            y -= ROW_H
        self._grid(g, top - TITLE_H - HEADER_H, len(page.rows))
        self.footer(number, count, page.cols)

    def _shaded(self, d: date) -> bool:
        return d.weekday() >= 5 or d in self.pub.holidays

    def _header(self, g: Grid, page: lay.Page, y: float) -> None:
        c, lang = self.c, self.lang
        c.setStrokeColor(_GRID)
        c.setLineWidth(0.4)
        c.setFillColor(colour(HEADER_FILL))
        c.rect(g.x, y - HEADER_H, g.right - g.x, HEADER_H, stroke=1, fill=1)
        c.setFillColor(colors.white)
        mid = y - HEADER_H / 2 - 3
        self.text(g.x + g.no / 2, mid, lay.TEXT["no"].get(lang), CODE_PT, True, "center")
        self.text(g.x + g.no + 2, mid, lay.TEXT["name"].get(lang), NAME_PT, True)
        self.text(g.x + g.no + g.name + 2, mid, lay.TEXT["nip"].get(lang), NAME_PT, True)
        for k, j in enumerate(page.cols):
            d = self.pub.dates[j]
            x = g.day_x + k * g.day
            if self._shaded(d):
                c.setFillColor(colour("#7F0000"))
                c.rect(x, y - HEADER_H, g.day, HEADER_H, stroke=1, fill=1)
            c.setFillColor(colors.white)
            wd, day = lay.day_header(d, lang)
            self.text(x + g.day / 2, y - 8, wd, CODE_PT, False, "center")
            self.text(x + g.day / 2, y - 17, day + ("*" if d in self.pub.holidays else ""),
                      CODE_PT, True, "center")
        x = g.day_x + g.n_days * g.day
        for label in ("WFO", "WFH"):
            self.text(x + g.total / 2, mid, label, CODE_PT, True, "center")
            x += g.total
        c.setFillColor(colors.black)

    def _row(self, g: Grid, page: lay.Page, r: int, k: int, y: float,
             shaded: Sequence[bool]) -> None:
        """One person's row: fills in runs of one colour, then the texts in one text
        object (the grid lines are drawn once per page by :meth:`_grid`)."""
        c, pub = self.c, self.pub
        person = pub.people[r]
        codes = pub.roster.codes[r, list(page.cols)].tolist()
        fills = [cell_fill(code, s) for code, s in zip(codes, shaded, strict=True)]
        i = 0
        while i < len(fills):  # one rectangle per run of equal fills
            n = 1
            while i + n < len(fills) and fills[i + n] == fills[i]:
                n += 1
            c.setFillColor(colour(fills[i]))
            c.rect(g.day_x + i * g.day, y - ROW_H, g.day * n, ROW_H, stroke=0, fill=1)
            i += n
        t = c.beginText()
        t.setFont(self.font, CODE_PT)
        base = y - ROW_H + 3.3

        def put(x: float, s: str, size: float = CODE_PT, centre: bool = True) -> None:
            if centre:
                x -= pdfmetrics.stringWidth(s, self.font, size) / 2
            t.setTextOrigin(x, base)
            t.textOut(s)

        t.setFillColor(colors.black)
        put(g.x + g.no / 2, str(page.first + k + 1))
        t.setFont(self.font, NAME_PT)
        put(g.x + g.no + 2, fit(person.name, self.font, NAME_PT, g.name - 4), NAME_PT, False)
        t.setFont(self.font, CODE_PT)
        put(g.x + g.no + g.name + 2, person.nip, centre=False)
        ink = None
        for i, (code, j) in enumerate(zip(codes, page.cols, strict=True)):
            font = CODE_COLOURS[Code(code)][1]
            if font != ink:
                t.setFillColor(colour(font))
                ink = font
            put(g.day_x + (i + 0.5) * g.day, lay.short_code(pub.roster, r, j))
        t.setFillColor(colors.black)
        x = g.day_x + g.n_days * g.day
        for value in (codes.count(int(Code.WFO)), codes.count(int(Code.WFH))):
            put(x + g.total / 2, str(value))
            x += g.total
        c.drawText(t)

    def _grid(self, g: Grid, top: float, rows: int) -> None:
        """The table's lines below the header: one stroke for all of them."""
        bottom = top - rows * ROW_H
        xs = [g.x, g.x + g.no, g.x + g.no + g.name, g.day_x]
        xs += [g.day_x + i * g.day for i in range(1, g.n_days + 1)]
        xs += [g.day_x + g.n_days * g.day + g.total, g.right]
        lines = [(x, top, x, bottom) for x in xs]
        lines += [(g.x, top - i * ROW_H, g.right, top - i * ROW_H) for i in range(rows + 1)]
        self.c.setStrokeColor(_GRID)
        self.c.setLineWidth(0.4)
        self.c.lines(lines)

    def footer(self, number: int, count: int, cols: Sequence[int]) -> None:
        """Holidays, legend, page number and signature block at the foot of a page."""
        w, _h = self.c._pagesize
        lang = self.lang
        left_w = w - 2 * MARGIN - SIGN_W - 20
        y = MARGIN + FOOT_H - 8
        holidays = lay.holiday_lines(self.pub, cols, lang)
        if holidays:
            head = lay.TEXT["holidays"].get(lang) + " (*): "
            lines = simpleSplit(head + "; ".join(holidays), self.font, CODE_PT, left_w)
            for line in lines[:4]:
                self.text(MARGIN, y, line, CODE_PT)
                y -= 9
            y -= 3
        for line in simpleSplit(lay.legend_text(lang), self.font, CODE_PT, left_w)[:3]:
            self.text(MARGIN, y, line, CODE_PT)
            y -= 9
        self.text(MARGIN, MARGIN, lay.TEXT["page"].format(p=number, n=count).get(lang),
                  CODE_PT)
        x = w - MARGIN - SIGN_W
        y = MARGIN + FOOT_H - 8
        for line in lay.signature_lines(self.pub.imprint, lang):
            self.text(x, y, fit(line, self.font, 8, SIGN_W), 8)
            y -= 11


def new_canvas(path: Path, size: tuple[float, float], pub: Publication, title: str) -> Canvas:
    regular, _bold = fonts()
    # the embedded font from the first page on: no unembedded Helvetica reference
    c = Canvas(str(path), pagesize=size, invariant=1, pageCompression=1,
               initialFontName=regular, initialFontSize=8)
    c.setTitle(title)
    c.setAuthor(pub.imprint.agency)
    c.setCreator("asn-scheduler")
    c.setSubject(pub.basis)
    return c


def write_roster_pdf(pub: Publication, path: str | os.PathLike[str], *, lang: Lang = "id",
                     paper: str = "A4", units: Iterable[str] | None = None) -> Path:
    """Write the per-unit roster pages of ``pub`` to ``path`` (atomically).

    Parameters
    ----------
    pub
        The publication.
    path
        The ``.pdf`` to write; replaced only when complete.
    lang
        Language of the page furniture (names and codes are as typed).
    paper
        ``A4`` or ``F4``, landscape.
    units
        Unit codes to include (default: every unit with staff).

    Returns
    -------
    Path
        ``path``.
    """
    if paper not in PAGE_SIZES:
        raise ValueError(f"paper is one of {', '.join(PAGE_SIZES)}, not {paper!r}")
    keep = None if units is None else set(units)
    plan = [p for p in lay.pages(pub, rows_per_page(paper))
            if keep is None or p.unit.code in keep]
    path = Path(path)
    with atomic_path(path) as tmp:
        c = new_canvas(tmp, landscape(PAGE_SIZES[paper]), pub,
                    f"{lay.TEXT['roster'].get(lang)} — {pub.imprint.agency}")
        writer = Writer(c, pub, lang)
        for k, page in enumerate(plan, 1):
            writer.roster_page(page, k, len(plan))
            c.showPage()
        if not plan:
            c.showPage()
        c.save()
    return path


_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def file_stem(text: str) -> str:
    """``text`` as a safe file name stem (letters, digits, ``_ . -``)."""
    return _UNSAFE.sub("_", text).strip("._") or "unit"


def write_unit_pdfs(pub: Publication, folder: str | os.PathLike[str], *, lang: Lang = "id",
                    paper: str = "A4") -> list[Path]:
    """One roster PDF per unit with staff, ``<unit code>.pdf`` in ``folder`` (created
    when missing); the paths written, in unit order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out, used = [], set()
    for unit in pub.staffed_units():
        stem = file_stem(unit.code)
        while stem.lower() in used:
            stem += "_"
        used.add(stem.lower())
        out.append(write_roster_pdf(pub, folder / f"{stem}.pdf", lang=lang, paper=paper,
                                    units=[unit.code]))
    return out
