"""Read a roster workbook in the contract's form, whoever made it (this tool, another
tool, or a planner typing by hand): sheet ``Jadwal`` (alias ``Roster``), columns ``NIP``,
``Nama``, ``Kode Unit`` and one column per date.

Matching follows ``spec/workbook.md``: sheet and column names in any case, with spaces,
``_`` and ``-`` alike; date headers as text ``YYYY-MM-DD``, real Excel dates, or
Indonesian-order ``DD/MM/YYYY`` / ``DD-MM-YYYY``; codes in any case with surrounding
spaces ignored (:meth:`Code.parse`); any other non-empty text is an absence and its text
is kept. Rows are matched to the staff list by NIP and returned in input order.

Every problem is collected and raised together as an
:class:`~asn_scheduler.domain.problems.InputError`: rows whose NIP Excel rounded, NIPs not
in ``Pegawai`` or given twice, staff without a row, empty or non-text code cells, date
headers that are not dates or repeat. Extra columns are ignored with a warning.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from python_calamine import CalamineWorkbook

from asn_scheduler.domain.enums import Code, normalise
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.nip import parse_nip
from asn_scheduler.domain.parsing import Invalid, display, is_blank, nearest, parse_date
from asn_scheduler.domain.problems import InputError, InputProblem
from asn_scheduler.domain.roster import Roster
from asn_scheduler.excel.reader import unreadable_workbook as _unreadable
from asn_scheduler.excel.reader_table import Collector, marked_cell
from asn_scheduler.excel.safety import check_workbook_file
from asn_scheduler.excel.sheet_scan import scan_workbook
from asn_scheduler.i18n import Msg
from asn_scheduler.safety_text import terminal_text
from asn_scheduler.schema import ROSTER_FIXED_COLUMNS, ROSTER_SHEET, ROSTER_SHEET_ALIASES

MAX_PER_KIND = 100  # problems of one kind listed one by one; the rest are summarised

_SHEET_NAMES = frozenset(normalise(n) for n in (ROSTER_SHEET, *ROSTER_SHEET_ALIASES))
_FIXED = {normalise(n): key for key, (n, aliases) in zip(("nip", "name", "unit"),
                                                         ROSTER_FIXED_COLUMNS, strict=True)
          for n in (n, *aliases)}
_WORKING_CODES = ("WFO", "WFH", "LIBUR")
_TYPO = Msg("Kode '{c}' tidak dikenal dan mirip kode kerja; tidak ditebak.",
            "Code '{c}' is unknown and looks like a working code; it is not guessed.")
_TYPO_FIX = Msg("Mungkin maksudnya '{c}'? Tulis salah satu: WFO, WFH, LIBUR, CUTI, DL, DIKLAT.",
                "Did you mean '{c}'? Write one of: WFO, WFH, LIBUR, CUTI, DL, DIKLAT.")
_UNKNOWN = Msg(
    "Kode '{c}' ({n} sel) bukan kode baku: disimpan apa adanya, tidak ditebak. Sesuai "
    "kontrak buku kerja ia dibaca sebagai "
    "ketidakhadiran: orangnya tidak dihitung hadir hari itu (C2, S2, S3 dan B1 "
    "memperlakukannya begitu).",
    "Code '{c}' ({n} cell(s)) is not a standard code: kept as typed, not guessed. As the "
    "workbook contract says, it is "
    "read as an absence: the person does not count as present that day (C2, S2, S3 and B1 "
    "treat it so).")
_UNKNOWN_FIX = Msg(
    "Bila '{c}' memang ketidakhadiran, catat di lembar Cuti masukan dan tulis CUTI, DL atau "
    "DIKLAT; bila orangnya bekerja, tulis WFO atau WFH.",
    "If '{c}' is an absence, record it in the input's sheet Cuti and write CUTI, DL or "
    "DIKLAT; if the person works, write WFO or WFH.")
_FAST_CODES = {c.name: c for c in Code if c is not Code.ABSEN}
_SPACES = re.compile(r"[\s\u00a0\u200b]+")
_DIGIT = re.compile(r"\d")

_CODES_FIX = Msg("Isi WFO, WFH, LIBUR, CUTI, DL atau DIKLAT (atau kode ketidakhadiran lain).",
                 "Type WFO, WFH, LIBUR, CUTI, DL or DIKLAT (or another absence code).")


@dataclass(frozen=True)
class RosterRead:
    """A roster read from a workbook: the roster (rows in input order, dates ascending),
    the sheet it came from, and warnings worth showing (ignored columns, unit codes that
    differ from ``Pegawai``)."""

    roster: Roster
    sheet: str
    warnings: list[InputProblem] = field(default_factory=list)
    present: np.ndarray | None = None
    left: int = 0


def read_roster_workbook(path: str | os.PathLike[str], problem: Problem) -> Roster:
    """The roster of the workbook at ``path`` for ``problem``'s staff.

    Returns
    -------
    Roster
        One row per employee of ``problem`` in input order; one column per date header
        of the sheet, ascending.

    Raises
    ------
    InputError
        Any error in the roster sheet; ``problems`` lists every one (and the warnings).
    OSError
        The file cannot be opened.
    """
    return read_roster(path, problem).roster


def read_roster(path: str | os.PathLike[str], problem: Problem, *, previous: bool = False,
                sheet_names: frozenset[str] = _SHEET_NAMES, required: bool = True
                ) -> RosterRead:
    """As :func:`read_roster_workbook`, also returning the sheet name and the warnings.

    ``previous``: the roster is a published one before the period (``solve
    --previous``): rows whose NIP ``problem`` no longer has are counted in ``left`` and
    staff without a row are marked in ``present``, neither an error. ``sheet_names``
    (normalised) chooses the sheet; with ``required`` false a workbook without it gives
    a roster with no dates.
    """
    path = Path(path)
    check_workbook_file(path)
    facts = scan_workbook(path)  # refuses sheets calamine would blow up on
    found = Collector()
    sheet, grid = _load(path, found, sheet_names, required)
    if sheet is None and not required:
        return RosterRead(Roster.empty([e.nip for e in problem.employees], []), "",
                          present=np.zeros(len(problem.employees), dtype=bool))
    if sheet is None:
        raise InputError(found.sorted())
    marks = facts[sheet].marks if sheet in facts else {}
    found.sheet_rank[sheet] = 0
    header = grid[0] if grid else []
    columns, dates = _read_header(header, sheet, found)
    if "nip" not in columns or not dates:
        raise InputError(found.sorted())
    n_emp, n_days = len(problem.employees), len(dates)
    codes = np.full((n_emp, n_days), int(Code.WFO), dtype=np.int8)
    other: dict[tuple[int, int], str] = {}
    seen: dict[str, int] = {}
    left = 0
    counts: dict[str, int] = {}
    unknown: dict[str, list] = {}  # hand-typed absence code → [cells, first row, column, col]
    emp_units = [e.unit_code for e in problem.employees]
    index = problem.employee_index
    nip_col, unit_col = columns["nip"], columns.get("unit")
    order = sorted(range(n_days), key=lambda k: dates[k][1])  # file columns by date
    date_cols = [dates[k][0] for k in order]
    nip_header = display(header[nip_col])

    def add(kind: str, row: int | None, column: str | None, value: object, problem_: Msg,
            fix: Msg, severity: str = "error", position: int = 0) -> None:
        counts[kind] = counts.get(kind, 0) + 1
        if counts[kind] <= MAX_PER_KIND:
            found.add(sheet, row, column, value, problem_, fix, severity,  # type: ignore[arg-type]
                      position)

    for r in range(1, len(grid)):
        cells = grid[r]
        if all(is_blank(v) for v in cells):
            continue
        excel_row = r + 1
        raw = cells[nip_col] if nip_col < len(cells) else ""
        nip = _nip(raw)
        if isinstance(nip, Invalid):
            if (r, nip_col) in marks:
                nip = Invalid(*marked_cell(marks[r, nip_col]))
                raw = marks[r, nip_col][1]
            add("nip", excel_row, nip_header, raw, nip.problem, nip.fix, position=nip_col)
            continue
        i = index.get(nip)
        if i is None and previous:
            left += 1
            continue
        if i is None:
            add("unknown", excel_row, nip_header, nip,
                Msg("NIP tidak ada di lembar Pegawai buku kerja masukan.",
                    "The NIP is not in sheet Pegawai of the input workbook."),
                Msg("Periksa NIP-nya, atau tambahkan pegawai ke lembar Pegawai, atau hapus "
                    "baris ini.", "Check the NIP, add the employee to sheet Pegawai, or delete "
                    "this row."), position=nip_col)
            continue
        if nip in seen:
            add("duplicate", excel_row, nip_header, nip,
                Msg(f"NIP sudah ada di baris {seen[nip]}.",
                    f"The NIP is already on row {seen[nip]}."),
                Msg("Sisakan satu baris per pegawai.", "Keep one row per employee."),
                position=nip_col)
            continue
        seen[nip] = excel_row
        if unit_col is not None and unit_col < len(cells) and not is_blank(cells[unit_col]):
            typed = display(cells[unit_col])
            if typed != emp_units[i]:
                add("unit", excel_row, display(header[unit_col]), typed,
                    Msg(f"Kode Unit berbeda dengan lembar Pegawai ({emp_units[i]}); yang "
                        "dipakai adalah lembar Pegawai.",
                        f"Unit code differs from sheet Pegawai ({emp_units[i]}); sheet Pegawai "
                        "is used."),
                    Msg("Samakan Kode Unit dengan lembar Pegawai.",
                        "Make the unit code match sheet Pegawai."), "warning", unit_col)
        row_codes = codes[i]
        for k, col in enumerate(date_cols):
            value = cells[col] if col < len(cells) else ""
            code = _FAST_CODES.get(value) if isinstance(value, str) else None
            if code is None:
                code = _code(value)
                if isinstance(code, Invalid) and (r, col) in marks:
                    value = marks[r, col][1]
                    code = Invalid(*marked_cell(marks[r, col]))
                if isinstance(code, Invalid):
                    add("cell", excel_row, display(header[col]), value, code.problem, code.fix,
                        position=col)
                    continue
                if code is Code.ABSEN:
                    typed = terminal_text(" ".join(str(value).split()).upper())
                    near = nearest(typed, _WORKING_CODES, cutoff=0.5)
                    if near is not None and len(typed) <= 6:
                        add("cell", excel_row, display(header[col]), value, _TYPO.format(c=typed),
                            _TYPO_FIX.format(c=near), position=col)
                        continue
                    other[(i, k)] = typed
                    first = unknown.setdefault(typed, [0, excel_row, display(header[col]), col])
                    first[0] += 1
            row_codes[k] = int(code)

    for typed, (n, row, column, col) in unknown.items():
        add("absent", row, column, typed, _UNKNOWN.format(c=typed, n=n),
            _UNKNOWN_FIX.format(c=typed), "warning", col)
    missing = [] if previous else [e for e in problem.employees if e.nip not in seen]
    for e in missing:
        add("missing", None, nip_header, e.nip,
            Msg("Pegawai di lembar Pegawai tidak punya baris di jadwal.",
                "An employee of sheet Pegawai has no row in the roster."),
            Msg("Tambahkan satu baris untuknya dengan kode per tanggal.",
                "Add a row for them with a code per date."))
    for kind, n in counts.items():
        if n > MAX_PER_KIND:
            found.add(sheet, None, None, "",
                      Msg(f"… dan {n - MAX_PER_KIND} masalah serupa lainnya.",
                          f"… and {n - MAX_PER_KIND} more problems of the same kind."),
                      Msg("Perbaiki yang di atas lalu baca ulang.",
                          "Fix the ones above and read the file again."),
                      "warning" if kind in ("unit", "code") else "error", position=10**6)
    if found.has_errors:
        raise InputError(found.sorted())
    roster = Roster(tuple(e.nip for e in problem.employees), tuple(d for _, d in
                    (dates[k] for k in order)), codes, other)
    present = np.array([e.nip in seen for e in problem.employees], dtype=bool)
    return RosterRead(roster, sheet, found.sorted(), present, left)


def _load(path: Path, found: Collector, sheet_names: frozenset[str] = _SHEET_NAMES,
          required: bool = True) -> tuple[str | None, list[list[Any]]]:
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except Exception as exc:  # any parser failure on a user's file is an input problem
        raise InputError([_unreadable(path, exc)]) from None
    match = [n for n in names if normalise(n) in sheet_names]
    if not match and not required:
        return None, []
    if not match:
        found.add(None, None, None, ", ".join(names)[:60],
                  Msg("Tidak ada lembar Jadwal (atau Roster) di buku kerja.",
                      "The workbook has no sheet Jadwal (or Roster)."),
                  Msg("Beri nama lembar jadwal 'Jadwal': NIP, Nama, Kode Unit, lalu satu kolom "
                      "per tanggal.", "Name the roster sheet 'Jadwal': NIP, Nama, Kode Unit, "
                      "then one column per date."))
        return None, []
    try:
        grid = book.get_sheet_by_name(match[0]).to_python(skip_empty_area=False)
    except Exception as exc:  # as above
        raise InputError([_unreadable(path, exc)]) from None
    return match[0], grid


def _read_header(header: list[Any], sheet: str,
                 found: Collector) -> tuple[dict[str, int], list[tuple[int, date]]]:
    """Fixed columns by key, and (column, date) of every date column in file order."""
    columns: dict[str, int] = {}
    dates: list[tuple[int, date]] = []
    seen_dates: dict[date, int] = {}
    for j, value in enumerate(header):
        if is_blank(value):
            continue
        text = display(value)
        key = _FIXED.get(normalise(value)) if isinstance(value, str) else None
        if key is not None:
            if key in columns:
                found.add(sheet, 1, text, value,
                          Msg("Kolom ganda; yang pertama dipakai.",
                              "Duplicate column; the first one is used."),
                          Msg("Hapus kolom yang ganda.", "Delete the duplicate column."),
                          "warning", j)
            else:
                columns[key] = j
            continue
        day = parse_date(value)
        if isinstance(day, Invalid):
            if isinstance(value, str) and not _DIGIT.search(value):
                found.add(sheet, 1, text, value,
                          Msg("Kolom tambahan bukan tanggal; diabaikan.",
                              "Extra column that is not a date; ignored."),
                          Msg("Biarkan jika memang catatan Anda.", "Leave it if it is yours."),
                          "warning", j)
            else:
                found.add(sheet, 1, text, value, Msg(
                    f"Judul kolom tanggal tidak terbaca: {day.problem.id}",
                    f"Date column header cannot be read: {day.problem.en}"), day.fix,
                    position=j)
            continue
        if day in seen_dates:
            found.add(sheet, 1, text, value,
                      Msg(f"Tanggal {day.isoformat()} sudah ada di kolom lain.",
                          f"The date {day.isoformat()} already has a column."),
                      Msg("Sisakan satu kolom per tanggal.", "Keep one column per date."),
                      position=j)
            continue
        seen_dates[day] = j
        dates.append((j, day))
    if "nip" not in columns:
        found.add(sheet, 1, "NIP", "", Msg("Kolom NIP tidak ada di baris 1.",
                                           "Column NIP is missing from row 1."),
                  Msg("Baris 1 berisi judul: NIP, Nama, Kode Unit, lalu tanggal (YYYY-MM-DD).",
                      "Row 1 holds the headers: NIP, Nama, Kode Unit, then the dates "
                      "(YYYY-MM-DD)."))
    for key, (title, _aliases) in zip(("name", "unit"), ROSTER_FIXED_COLUMNS[1:], strict=True):
        if key not in columns:
            found.add(sheet, 1, title, "", Msg("Kolom tidak ada (tidak wajib untuk dibaca).",
                                               "Column missing (not needed to read)."),
                      Msg(f"Tambahkan kolom {title} agar jadwal mudah dibaca orang.",
                          f"Add column {title} so people can read the roster."), "warning")
    if not dates and "nip" in columns:
        found.add(sheet, 1, None, "", Msg("Tidak ada kolom tanggal.", "No date columns."),
                  Msg("Tambahkan satu kolom per tanggal berjudul YYYY-MM-DD.",
                      "Add one column per date headed YYYY-MM-DD."))
    return columns, dates


def _nip(value: object) -> str | Invalid:
    """The NIP of a row as text. Digits typed as text are looked up as they are (the
    input reader has already judged the staff list's NIPs); a number cell, whose digits
    Excel has rounded, or other text gets :func:`parse_nip`'s reason and fix."""
    if is_blank(value):
        return Invalid(Msg("NIP kosong pada baris yang berisi data.",
                           "Empty NIP on a row with data."),
                       Msg("Isi NIP 18 digit sebagai teks, atau hapus baris ini.",
                           "Type the 18-digit NIP as text, or delete this row."))
    if isinstance(value, str):
        text = _SPACES.sub("", value).lstrip("'")
        if text.isdigit():
            return text
    nip = parse_nip(value)
    assert isinstance(nip, Invalid)  # neither digits-only text nor a blank: never a NIP
    return nip


def _code(value: object) -> Code | Invalid:
    if is_blank(value):
        return Invalid(Msg("Sel kode kosong.", "Empty code cell."), _CODES_FIX)
    if not isinstance(value, str):
        return Invalid(Msg(f"Bukan kode jadwal: {display(value)}.",
                           f"Not a roster code: {display(value)}."), _CODES_FIX)
    code = Code.parse(value)
    assert code is not None  # blank handled above
    return code
