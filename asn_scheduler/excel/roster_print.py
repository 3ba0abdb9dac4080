"""The roster workbook's print sheet (``Cetak`` / ``Print``): the roster as people pin it
up, laid out by :mod:`asn_scheduler.publish.layout` exactly like the PDF.

One block per unit (a unit longer than a page continues on the next with its titles
repeated), each starting on a new page: agency, unit, month and scenario title; a
header with Indonesian weekday and day (``Sen`` / ``2``), weekend and holiday columns
marked (holidays with ``*`` and named under the block); one row per person (number,
name, NIP for periods of up to 20 dates) with the short code of each day in the roster's
colours, and WFO/WFH totals. A4 (or F4)
landscape, fitted to the page width, 8 pt text in the usual 15 pt rows (rows keep the
default height so they can be streamed like ``Jadwal``) (≥ 7 pt after fitting for a 31-day
month). The legend, the page number and the signature block are in the footer, so
every printed page has them. ``Jadwal`` itself stays the machine-readable contract.

A roster over :data:`MAX_PRINT_PAGES` pages (about 7,000 staff; Excel allows at most
1,023 manual page breaks anyway) gets a note pointing to ``asn-scheduler publish``
instead, which has no such limit and writes one PDF per unit.
"""

from __future__ import annotations

from typing import Any

from asn_scheduler.domain.enums import Code
from asn_scheduler.excel.row_stream import RowStream
from asn_scheduler.excel.styles import CODE_COLOURS, HEADER_FILL, SHADED_HEADER_FILL, shade
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.publish import layout as lay
from asn_scheduler.publish.model import Publication

SHEET = Msg("Cetak", "Print")
ROWS_PER_PAGE = 24          # people per printed page (A4/F4 landscape, 15 pt rows)
# beyond ~7,000 staff nobody prints the whole roster from Excel; the sheet would cost
# seconds per save (10,000 staff: +4 s on a 1.5 s workbook), so a note points to the PDFs
MAX_PRINT_PAGES = 300
FOOTER_CHARS = 255          # Excel's limit for a header or footer
PT = 8
NIP_MAX_DAYS = 20        # beyond, the NIP column leaves room for the dates
_TOO_BIG = Msg("Jadwal ini terlalu besar untuk dicetak dari Excel ({n} halaman). Buat PDF "
               "per unit: asn-scheduler publish JADWAL.xlsx --per-unit FOLDER",
               "This roster is too large to print from Excel ({n} pages). Make one PDF per "
               "unit: asn-scheduler publish ROSTER.xlsx --per-unit FOLDER")
_COMPACT_LEGEND = Msg("WFO kantor · WFH fleksibel · L libur · C cuti · DL dinas luar · "
                      "DIK diklat", "WFO office · WFH flexible · L off · C leave · "
                      "DL travel · DIK training")


class _Formats:
    """The print sheet's cell formats (8 pt), made once per workbook."""

    def __init__(self, wb: Any):
        self.wb = wb
        self._cache: dict[tuple, Any] = {}

    def get(self, key: tuple, props: dict[str, Any]) -> Any:
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._cache[key] = self.wb.add_format({"font_size": PT, **props})
        return fmt

    def code(self, code: Code, shaded: bool) -> Any:
        fill, font = CODE_COLOURS[code]
        return self.get(("code", code, shaded), {
            "bg_color": shade(fill) if shaded else fill, "font_color": font,
            "align": "center", "border": 1, "border_color": "#808080"})

    def head(self, shaded: bool = False) -> Any:
        return self.get(("head", shaded), {
            "bold": True, "font_color": "#FFFFFF", "text_wrap": True, "align": "center",
            "valign": "vcenter", "border": 1, "border_color": "#808080",
            "bg_color": SHADED_HEADER_FILL if shaded else HEADER_FILL})

    def cell(self, align: str = "left") -> Any:
        return self.get(("cell", align), {"border": 1, "border_color": "#808080",
                                          "align": align})

    def title(self, size: int) -> Any:
        return self.get(("title", size), {"bold": size > PT, "font_size": size})


def _hf(text: str) -> str:
    """Text safe in an Excel header/footer: ``&`` starts a control code."""
    return text.replace("&", "&&")


def footer(pub: Publication, lang: Lang) -> str:
    """The footer of every page: legend (left), page ``p / n`` (centre), signature block
    (right), kept within Excel's 255 characters (a compact legend, then a shorter
    signatory title, when needed)."""
    page = _hf(lay.TEXT["page"].get(lang)).format(p="&P", n="&N")
    sign = lay.signature_lines(pub.imprint, lang)
    # the legend on two lines, so it stays clear of the page number on narrow pages
    full = lay.legend_text(lang).split(" · ")
    half = (len(full) + 1) // 2
    two_lines = " · ".join(full[:half]) + "\n" + " · ".join(full[half:])
    for legend in (two_lines, _COMPACT_LEGEND.get(lang)):
        text = f"&L&7{_hf(legend)}&C&8{page}&R&8{_hf(chr(10).join(sign))}"
        if len(text) <= FOOTER_CHARS:
            return text
    head = f"&L&7{_hf(_COMPACT_LEGEND.get(lang))}&C&8{page}&R&8"
    room = FOOTER_CHARS - len(head) - len(_hf("\n".join(sign[:1] + sign[2:]))) - 1
    sign[1] = sign[1][:max(room, 0)]
    return (head + _hf("\n".join(sign)))[:FOOTER_CHARS]


def write_print_sheet(wb: Any, pub: Publication, *, lang: Lang = "id",
                      paper_index: int = 9) -> None:
    """Add the print sheet of ``pub`` to the xlsxwriter workbook ``wb`` (written top to
    bottom, as ``constant_memory`` mode requires); ``paper_index`` is Excel's paper."""
    ws = wb.add_worksheet(SHEET.get(lang))
    f = _Formats(wb)
    plan = lay.pages(pub, ROWS_PER_PAGE)
    ws.set_landscape()
    ws.set_paper(paper_index)
    ws.set_margins(left=0.2, right=0.2, top=0.4, bottom=1.3)
    ws.set_footer(footer(pub, lang), {"margin": 0.2})
    if len(plan) > MAX_PRINT_PAGES:
        ws.write_string(0, 0, _TOO_BIG.format(n=len(plan)).get(lang), f.title(PT + 2))
        return
    cols = _Columns(max((len(p.cols) for p in plan), default=0))
    # widths for the widest usual fallback font (DejaVu Sans, as LibreOffice without
    # Calibri prints): a 31-day month stays ≥ 7 pt after fitting to A4 landscape
    ws.set_column(0, 0, 2.4)
    ws.set_column(1, 1, 17 if cols.n_days > 16 else 24)
    if cols.nip:
        ws.set_column(2, 2, 13)
    ws.set_column(cols.day, cols.day + cols.n_days - 1, 2.6)
    ws.set_column(cols.total, cols.total + 1, 2.9)
    ws.fit_to_pages(1, 0)
    stream = RowStream(ws)
    heads = {}
    for j, d in enumerate(pub.dates):
        wd, day = lay.day_header(d, lang)
        heads[j] = f"{wd}\n{day}{'*' if d in pub.holidays else ''}"
    cells = _Cells(f)
    breaks: list[int] = []
    row = 0
    for page in plan:
        if row:
            breaks.append(row)
        row = _block(ws, f, stream, pub, page, row, cols, heads, cells, lang)
    ws.set_h_pagebreaks(breaks)
    ws.print_area(0, 0, max(row - 1, 0), cols.last)  # overflowing text never widens a page
    ws.hide_gridlines(2)


class _Columns:
    """Where things go: No, Nama, NIP (for periods of up to :data:`NIP_MAX_DAYS` dates;
    the PDF always has it), one column per date, WFO and WFH totals."""

    def __init__(self, n_days: int):
        self.n_days = n_days
        self.nip = n_days <= NIP_MAX_DAYS
        self.day = 3 if self.nip else 2
        self.total = self.day + n_days
        self.last = self.total + 1


def _line(ws: Any, f: _Formats, row: int, cols: _Columns, text: str, size: int,
          per_line: int) -> None:
    """``text`` on one row at ``size`` pt; a text longer than the block is wide is merged
    across the block and wrapped, so it never runs past the print area."""
    if len(text) <= per_line:
        ws.set_row(row, size + 5)
        ws.write_string(row, 0, text, f.title(size))
        return
    ws.set_row(row, (size + 4) * -(-len(text) // per_line))
    ws.merge_range(row, 0, row, cols.last, text, f.get(("wrap", size), {
        "font_size": size, "bold": size > PT, "text_wrap": True, "valign": "top"}))


class _Cells:
    """What a code cell holds and looks like, per (shaded, code), made once."""

    def __init__(self, f: _Formats):
        self.fmt = [[f.code(c, s) for c in Code] for s in (False, True)]
        self.text = [lay.SHORT.get(c, "") for c in Code]


def _block(ws: Any, f: _Formats, stream: RowStream, pub: Publication, page: lay.Page,
           row: int, cols: _Columns, heads: dict[int, str], cells: _Cells, lang: Lang) -> int:
    """Write one page's block from ``row``; the row after it. ``heads`` holds each date
    column's header text."""
    per_line = 4 * cols.n_days + 40  # characters of 8 pt text across the block
    for k, line in enumerate(lay.page_title(pub, page, lang)):
        size = (12, 10, PT)[k]
        _line(ws, f, row, cols, line, size, per_line * PT // size)
        row += 1
    dates = [pub.dates[j] for j in page.cols]
    shaded = [d.weekday() >= 5 or d in pub.holidays for d in dates]
    ws.set_row(row, 22)
    ws.write_string(row, 0, lay.TEXT["no"].get(lang), f.head())
    ws.write_string(row, 1, lay.TEXT["name"].get(lang), f.head())
    if cols.nip:
        ws.write_string(row, 2, lay.TEXT["nip"].get(lang), f.head())
    for k, j in enumerate(page.cols):
        ws.write_string(row, cols.day + k, heads[j], f.head(shaded[k]))
    ws.write_string(row, cols.total, "WFO", f.head())
    ws.write_string(row, cols.total + 1, "WFH", f.head())
    row += 1
    roster = pub.roster
    codes = roster.codes
    absen = int(Code.ABSEN)
    left, centre = f.cell(), f.cell("center")
    col_fmt = [cells.fmt[s] for s in shaded]
    head_fmts = [centre, left] + [left] * cols.nip
    cols_list = list(page.cols)
    for k, r in enumerate(page.rows):
        person = pub.people[r]
        row_codes = codes[r, cols_list].tolist()
        values: list[Any] = [page.first + k + 1, person.name] + [person.nip] * cols.nip
        values += [cells.text[c] if c != absen else lay.short_code(roster, r, j)
                   for c, j in zip(row_codes, cols_list, strict=True)]
        values += [row_codes.count(int(Code.WFO)), row_codes.count(int(Code.WFH))]
        formats = head_fmts + [t[c] for t, c in zip(col_fmt, row_codes, strict=True)]
        stream.row(row, values, [*formats, centre, centre])
        row += 1
    holidays = lay.holiday_lines(pub, page.cols, lang)
    if holidays:
        text = f"{lay.TEXT['holidays'].get(lang)} (*): {'; '.join(holidays)}"
        _line(ws, f, row, cols, text, PT, per_line)
        row += 1
    return row + 1
