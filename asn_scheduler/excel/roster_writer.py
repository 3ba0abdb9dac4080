"""The roster workbook (``spec/workbook.md``, "Roster workbook (output)").

The first sheet, ``Jadwal``, is the contract other tools read: one row per employee in
input order, ``NIP`` (text), ``Nama``, ``Kode Unit``, then one column per roster date
headed ``YYYY-MM-DD`` (text), one code per cell. It keeps its Indonesian name and
headers in every language, because it is a contract; the other sheets (daily summary,
compliance, violations, fairness, buildings, changes, run information, legend) follow
``lang``.

Written with xlsxwriter in ``constant_memory`` mode (rows are streamed to disk, so a
65,000-person roster needs little memory), its big sheets' rows rendered as ready-made XML
by :class:`~asn_scheduler.excel.row_stream.RowStream` (the same bytes xlsxwriter writes, a
few times faster), and atomically: a failed or interrupted write never leaves a
half-written file nor replaces a good one. Text from the input is always written as text,
never as a formula, number or link.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from asn_scheduler.checker.report import CheckReport
from asn_scheduler.domain.calendar import Calendar
from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import Roster
from asn_scheduler.excel import roster_about as about
from asn_scheduler.excel import roster_sheets as sheets
from asn_scheduler.excel._atomic import atomic_path
from asn_scheduler.excel.roster_carried import write_carried
from asn_scheduler.excel.roster_print import write_print_sheet
from asn_scheduler.excel.roster_publication import write_publication_sheet
from asn_scheduler.excel.row_stream import RowStream
from asn_scheduler.excel.styles import PAPER, Styles
from asn_scheduler.excel.xlsx_safe import new_workbook
from asn_scheduler.gc_pause import gc_paused
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.publish.build import publication
from asn_scheduler.publish.model import Imprint
from asn_scheduler.scenario.model import Scenario
from asn_scheduler.schema import ROSTER_FIXED_COLUMNS, ROSTER_SHEET

if TYPE_CHECKING:
    from asn_scheduler.compare import CellChange
    from asn_scheduler.engine.result import Result

Paper = Literal["A4", "F4"]

# Options that keep planner text as text: "=HYPERLINK(...)", "+62 812…", "-", "@x" and
# "1e5" stay strings (formula injection, phone numbers, NIP-like digits).
WORKBOOK_OPTIONS: dict[str, Any] = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}

MAX_COMMENTS = 1000  # cell notes are heavy for Excel; the rest are listed on their sheet

_MARK_VIOLATION = Msg("Melanggar", "Breaks")
_MARK_CHANGED = Msg("Sebelumnya: {old}", "Previously: {old}")


@dataclass(frozen=True)
class RosterBook:
    """Everything one roster workbook shows.

    ``report`` is the independent checker's report on ``roster`` (``None`` leaves out
    the report sheets); ``result`` adds the solver's run information; ``marks`` maps
    (row, column) of ``roster`` to a note and draws those cells with a red border
    (changed cells of a re-plan, offending cells of a check); ``changes`` adds the
    changes sheet; ``source`` names the audited roster file.
    """

    problem: Problem
    scenario: Scenario
    roster: Roster
    report: CheckReport | None = None
    result: Result | None = None
    marks: Mapping[tuple[int, int], str] = field(default_factory=lambda: MappingProxyType({}))
    changes: Sequence[CellChange] | None = None
    source: str = ""
    imprint: Imprint | None = None


def write_roster_workbook(
    result: Result,
    path: str | os.PathLike[str],
    *,
    lang: Lang = "id",
    published: Roster | None = None,
    paper: Paper = "A4",
    imprint: Imprint | None = None,
) -> Path:
    """Write the roster workbook of a solve (or a re-plan) to ``path``, atomically.

    Parameters
    ----------
    result
        A result whose ``status.has_roster``; its ``report`` fills the summary,
        compliance and fairness sheets.
    path
        Where to write (``.xlsx``); replaced only when the new file is complete.
    lang
        Language of every sheet except ``Jadwal`` (a contract, always Indonesian).
    published
        The roster this one re-plans: changed cells are marked (red border and a note
        with the old code) and listed on a ``Perubahan`` sheet.
    paper
        ``A4`` or ``F4`` (Folio 216 × 330 mm) for printing.
    imprint
        Agency name and signatory for the print sheet, over the input's ``Pengaturan``
        settings (the agency's name falls back to the input file's name).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ValueError
        The result has no roster (INFEASIBLE, TIME_LIMIT, INVALID).
    """
    if not result.status.has_roster or result.roster is None:
        raise ValueError(f"a {result.status.value} result has no roster to write")
    roster = result.roster
    changes = None
    marks: dict[tuple[int, int], str] = {}
    if published is not None:
        from asn_scheduler.compare import roster_changes

        changes = roster_changes(published, roster)
        row_of = {n: i for i, n in enumerate(roster.nips)}
        col_of = {d: j for j, d in enumerate(roster.dates)}
        for ch in changes:
            marks[(row_of[ch.nip], col_of[ch.day])] = _MARK_CHANGED.format(old=ch.before).get(lang)
    book = RosterBook(result.problem, result.scenario, roster, result.report, result,
                      MappingProxyType(marks), changes, imprint=imprint)
    return write_book(book, path, lang=lang, paper=paper)


def write_check_workbook(
    problem: Problem,
    scenario: Scenario,
    roster: Roster,
    report: CheckReport,
    path: str | os.PathLike[str],
    *,
    lang: Lang = "id",
    source: str = "",
    paper: Paper = "A4",
) -> Path:
    """Write the compliance report of an audited roster (``asn-scheduler check -o``).

    The same workbook as :func:`write_roster_workbook`, without solver information: the
    roster as read, cells where a hard rule is broken marked with the rule IDs, and the
    compliance, violations, fairness and summary sheets from ``report``. ``source`` is
    the audited file's name, recorded on the run information sheet.
    """
    notes: dict[tuple[int, int], list[str]] = {}
    row_of = {n: i for i, n in enumerate(roster.nips)}
    col_of = {d: j for j, d in enumerate(roster.dates)}
    for v in report.hard_violations:
        if v.nip in row_of and v.day in col_of:
            notes.setdefault((row_of[v.nip], col_of[v.day]), []).append(v.rule)
    head = _MARK_VIOLATION.get(lang)
    marks = {k: f"{head}: {', '.join(dict.fromkeys(r))}" for k, r in notes.items()}
    book = RosterBook(problem, scenario, roster, report, None, MappingProxyType(marks),
                      None, source)
    return write_book(book, path, lang=lang, paper=paper)


@gc_paused()
def write_book(book: RosterBook, path: str | os.PathLike[str], *, lang: Lang = "id",
               paper: Paper = "A4") -> Path:
    """Write ``book`` to ``path`` atomically (the two functions above build the book)."""
    if paper not in PAPER:
        raise ValueError(f"paper is one of {', '.join(PAPER)}, not {paper!r}")
    path = Path(path)
    with atomic_path(path) as tmp:
        wb = new_workbook(str(tmp), WORKBOOK_OPTIONS)
        try:
            styles = Styles(wb, PAPER[paper])
            calendar = Calendar(book.roster.dates, book.problem.overrides)
            write_jadwal(wb, styles, book, calendar, paper)
            pub = publication(book.problem, book.scenario, book.roster, book.imprint)
            write_print_sheet(wb, pub, lang=lang, paper_index=PAPER[paper])
            write_report_sheets(wb, styles, book, calendar, lang)
            write_publication_sheet(wb, pub, PAPER[paper])
            wb.set_properties({
                "title": f"Jadwal WFH/WFO — {book.scenario.id}",
                "subject": book.scenario.basis,
                "comments": "asn-scheduler",
            })
        finally:
            wb.close()
    return path


def write_report_sheets(wb: Any, styles: Styles, book: RosterBook, calendar: Calendar,
                        lang: Lang) -> None:
    """Every sheet after ``Jadwal``, in order: daily summary, compliance, violations,
    fairness, buildings (when there is a report), changes (a re-plan), run information,
    legend."""
    if book.report is not None:
        sheets.write_summary(wb, styles, book, lang)
        about.write_compliance(wb, styles, book, lang)
        sheets.write_violations(wb, styles, book, lang)
        sheets.write_fairness(wb, styles, book, lang)
        sheets.write_buildings(wb, styles, book, lang)
        write_carried(wb, styles, book, lang)
    if book.changes is not None:
        sheets.write_changes(wb, styles, book, lang)
    about.write_info(wb, styles, book, lang)
    about.write_legend(wb, styles, book, calendar, lang)


def _is_shaded(day: date, calendar: Calendar) -> bool:
    return day.weekday() >= 5 or calendar.is_holiday(day)


def write_jadwal(wb: Any, styles: Styles, book: RosterBook, calendar: Calendar,
                 paper: Paper = "A4") -> None:
    """The ``Jadwal`` sheet, exactly per the contract, plus its presentation: frozen
    header and name columns, a colour per code, weekend and holiday columns shaded
    (holiday names as header notes), marked cells, autofilter, a code dropdown for
    hand edits, and a landscape print set-up that repeats the header and names."""
    roster, problem = book.roster, book.problem
    ws = wb.add_worksheet(ROSTER_SHEET)
    n, m = len(roster.nips), len(roster.dates)
    fixed = len(ROSTER_FIXED_COLUMNS)
    shaded = [_is_shaded(d, calendar) for d in roster.dates]

    emp_by_nip = {e.nip: e for e in problem.employees}
    names = [emp_by_nip[nip].name if nip in emp_by_nip else "" for nip in roster.nips]
    units = [emp_by_nip[nip].unit_code if nip in emp_by_nip else "" for nip in roster.nips]
    name_width = min(40, max([len(s) for s in names[:5000]] + [12]) + 2)
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, name_width)
    ws.set_column(2, 2, 12)
    ws.set_column(fixed, fixed + m - 1, 11)

    header = styles.header()
    for j, (title, _aliases) in enumerate(ROSTER_FIXED_COLUMNS):
        ws.write_string(0, j, title, header)
    for j, d in enumerate(roster.dates):
        ws.write_string(0, fixed + j, d.isoformat(), styles.header(shaded[j]))
        if d in calendar.holidays:
            ws.write_comment(0, fixed + j, calendar.holidays[d])
    ws.set_row(0, 30)

    _jadwal_rows(ws, styles, book, names, units, shaded)

    last_row, last_col = max(n, 1), fixed + m - 1
    ws.freeze_panes(1, fixed)
    ws.autofilter(0, 0, last_row, last_col)
    if n and m:
        ws.data_validation(1, fixed, n, last_col, {
            "validate": "list", "source": [c.name for c in Code if c is not Code.ABSEN],
            # other absence texts (e.g. SAKIT) are valid roster codes: offer, never refuse
            "show_error": False,
        })
    if n:
        ws.ignore_errors({"number_stored_as_text": f"A2:A{n + 1}"})
    ws.set_landscape()
    ws.set_paper(PAPER[paper])
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.repeat_columns(0, fixed - 1)
    ws.set_header(f"&L&B{ROSTER_SHEET} WFH/WFO&R{_escape_hf(book.scenario.id)}")
    ws.set_footer("&C&P / &N")
    ws.activate()


def _jadwal_rows(ws: Any, styles: Styles, book: RosterBook, names: Sequence[str],
                 units: Sequence[str], shaded: Sequence[bool]) -> None:
    """The employee rows of ``Jadwal``: NIP, name and unit as text, then one code per date
    in its colour (darker when ``shaded``); a marked cell gets the red border and, for the
    first ``MAX_COMMENTS``, its note.

    Streamed as ready-made XML (:class:`RowStream`): the text and format of each (code,
    shaded) pair are rendered once per column, not once per cell. A row the stream cannot
    take (an unusual hand-typed absence, a name that needs escaping) is written cell by
    cell, with the same result.
    """
    roster = book.roster
    fixed = len(ROSTER_FIXED_COLUMNS)
    m = len(roster.dates)
    last_col = fixed + m - 1
    marks_by_row: dict[int, dict[int, str]] = {}
    for (r, c), note in book.marks.items():
        marks_by_row.setdefault(r, {})[c] = note
    text = styles.text
    stream = RowStream(ws)
    # '<c r="D' per date column and, per (shaded, code), the rest of the cell after the
    # row number; a tail is made on first use so formats are numbered in writing order
    heads = [f'<c r="{stream.col(fixed + j)}' for j in range(m)]
    tails: tuple[dict[int, str], dict[int, str]] = ({}, {})  # never ABSEN: its text varies
    col_tails = [tails[s] for s in shaded]
    comments = 0
    for r, codes in enumerate(roster.codes.tolist()):
        row = r + 1
        row_marks = marks_by_row.get(r)
        if row_marks is not None:
            # notes before the row is streamed: xlsxwriter refuses them for written rows
            for j in sorted(row_marks):
                if comments < MAX_COMMENTS:
                    ws.write_comment(row, fixed + j, row_marks[j])
                    comments += 1
        parts: list[str] | None = None
        if stream.begin(row):
            rs = str(row + 1)  # as Excel numbers it
            parts = [stream.cell(0, rs, roster.nips[r], text) or "",
                     stream.cell(1, rs, names[r], text) or "",
                     stream.cell(2, rs, units[r], text) or ""]
            if not all(parts):
                parts = None
            elif row_marks is None:
                try:  # the usual row: every tail known
                    parts += [h + rs + t[k] for h, t, k in zip(heads, col_tails, codes,
                                                                 strict=True)]
                except KeyError:  # a code not met yet in this shade, or ABSEN
                    parts = _code_cells(parts, stream, styles, roster, r, codes, None,
                                        shaded, heads, tails)
            else:
                parts = _code_cells(parts, stream, styles, roster, r, codes, row_marks,
                                    shaded, heads, tails)
        if parts is not None:
            stream.emit(row, "".join(parts), 0, last_col)
        else:
            _plain_row(ws, styles, roster, r, names[r], units[r], shaded, row_marks)


def _code_cells(parts: list[str], stream: RowStream, styles: Styles, roster: Roster, r: int,
                codes: Sequence[int], row_marks: Mapping[int, str] | None,
                shaded: Sequence[bool], heads: Sequence[str],
                tails: tuple[dict[int, str], dict[int, str]]) -> list[str] | None:
    """``parts`` and the code cells of row ``r``, column by column, making tails on first
    use; ``None`` when a cell cannot be streamed (a hand-typed absence to escape)."""
    rs = str(r + 2)
    absen = int(Code.ABSEN)
    for j, k in enumerate(codes):
        if k == absen or (row_marks is not None and j in row_marks):
            label = roster.label(r, j) if k == absen else Code(k).name
            tail = stream.tail(label, _cell_format(styles, k, shaded[j], row_marks, j))
        else:
            tail = tails[shaded[j]].get(k)
            if tail is None:
                tail = stream.tail(Code(k).name, styles.code(Code(k), shaded[j]))
                if tail is None:
                    return None
                tails[shaded[j]][k] = tail
        if tail is None:
            return None
        parts += (heads[j], rs, tail)
    return parts


def _cell_format(styles: Styles, k: int, shaded: bool, row_marks: Mapping[int, str] | None,
                 j: int) -> Any:
    return styles.code(Code(k), shaded, marked=row_marks is not None and j in row_marks)


def _plain_row(ws: Any, styles: Styles, roster: Roster, r: int, name: str, unit: str,
               shaded: Sequence[bool], row_marks: Mapping[int, str] | None) -> None:
    """One employee row written cell by cell through xlsxwriter's public calls."""
    fixed = len(ROSTER_FIXED_COLUMNS)
    row, text = r + 1, styles.text
    ws.write_string(row, 0, roster.nips[r], text)
    ws.write_string(row, 1, name, text)
    ws.write_string(row, 2, unit, text)
    for j, k in enumerate(roster.codes[r].tolist()):
        ws.write_string(row, fixed + j, roster.label(r, j),
                        _cell_format(styles, k, shaded[j], row_marks, j))


def _escape_hf(text: str) -> str:
    """Text safe inside an Excel header/footer (``&`` starts a control code)."""
    return text.replace("&", "&&")[:100]
