"""What publishing needs, carried by the roster workbook, and read back from it.

The roster workbook gets a hidden sheet ``Terbit`` (alias ``Publication``) with three
columns ``Jenis | Kunci | Nilai``: ``info`` rows (agency name, signatory, scenario ID,
title in both languages, legal basis), one ``unit`` row per unit (code → name) and one
``libur`` row per holiday of the period (date → name). :func:`read_publication` reads a
roster workbook on its own — sheet ``Jadwal`` (NIP, Nama, Kode Unit, dates, codes) and,
when present, ``Terbit`` — so ``asn-scheduler publish`` needs no input workbook. A roster
made by another tool (no ``Terbit`` sheet) still publishes: the agency is the file's
name, units are named by their codes, holidays are the national calendar's.

Planner text is written as text cells, never as formulas (the workbook's options).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from asn_scheduler.domain.calendar import national_holidays
from asn_scheduler.domain.enums import Code, normalise
from asn_scheduler.domain.parsing import Invalid, display, is_blank, parse_date
from asn_scheduler.domain.problems import InputError
from asn_scheduler.domain.roster import Roster
from asn_scheduler.excel import roster_reader as rr
from asn_scheduler.excel.reader_table import Collector
from asn_scheduler.excel.safety import check_workbook_file
from asn_scheduler.i18n import Msg
from asn_scheduler.publish.model import Imprint, Person, Publication, UnitInfo

PUBLICATION_SHEET = "Terbit"
PUBLICATION_ALIASES = ("Publication",)
_INFO_KEYS = ("agency_name", "sign_place", "sign_date", "sign_title", "sign_name", "sign_nip",
              "scenario", "title_id", "title_en", "basis")


def write_publication_sheet(wb: Any, pub: Publication, paper_index: int = 9) -> None:
    """Add the hidden ``Terbit`` sheet holding ``pub``'s imprint, scenario, units and
    holidays to the xlsxwriter workbook ``wb`` (``paper_index``: the workbook's paper)."""
    ws = wb.add_worksheet(PUBLICATION_SHEET)
    ws.hide()
    ws.set_paper(paper_index)
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 16)
    ws.set_column(2, 2, 60)
    rows: list[tuple[str, str, str]] = [("Jenis", "Kunci", "Nilai")]
    info = {**pub.imprint.as_settings(), "scenario": pub.scenario, "title_id": pub.title.id,
            "title_en": pub.title.en, "basis": pub.basis}
    rows += [("info", k, info[k]) for k in _INFO_KEYS]
    rows += [("unit", u.code, u.name) for u in pub.units]
    rows += [("libur", d.isoformat(), name) for d, name in sorted(pub.holidays.items())]
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            ws.write_string(r, c, v)


def read_publication(path: str | os.PathLike[str]) -> Publication:
    """The publication of the roster workbook at ``path``, read from the workbook alone.

    Raises
    ------
    InputError
        The file is not a workbook, has no ``Jadwal`` sheet, or the sheet has errors
        (every one listed, with sheet, row, column, value and fix).
    OSError
        The file cannot be opened.
    """
    path = Path(path)
    check_workbook_file(path)
    found = Collector()
    sheet, grid = rr._load(path, found)
    if sheet is None:
        raise InputError(found.sorted())
    found.sheet_rank[sheet] = 0
    header = grid[0] if grid else []
    columns, dated = rr._read_header(header, sheet, found)
    if "nip" not in columns or not dated:
        raise InputError(found.sorted())
    order = sorted(dated, key=lambda cd: cd[1])
    people, rows = _people(grid, columns, order, sheet, found)
    if found.has_errors:
        raise InputError(found.sorted())
    dates = tuple(d for _, d in order)
    codes = np.array([r[0] for r in rows], dtype=np.int8).reshape(len(rows), len(dates))
    other = {(i, j): label for i, (_, labels) in enumerate(rows) for j, label in labels.items()}
    roster = Roster(tuple(p.nip for p in people), dates, codes, other)
    return _with_info(_info_rows(path), roster, tuple(people), path)


def _people(grid: list[list[Any]], columns: dict[str, int], order: list[tuple[int, date]],
            sheet: str, found: Collector
            ) -> tuple[list[Person], list[tuple[list[int], dict[int, str]]]]:
    """Every row of ``Jadwal`` with a NIP: the person, and (codes, hand-typed labels)."""
    people: list[Person] = []
    rows: list[tuple[list[int], dict[int, str]]] = []
    seen: set[str] = set()
    nip_col = columns["nip"]
    name_col, unit_col = columns.get("name"), columns.get("unit")

    def text(cells: list[Any], col: int | None) -> str:
        if col is None or col >= len(cells):
            return ""
        return _cell_text(cells[col])

    for r in range(1, len(grid)):
        cells = grid[r]
        if all(is_blank(v) for v in cells):
            continue
        raw = cells[nip_col] if nip_col < len(cells) else ""
        nip = rr._nip(raw)
        if isinstance(nip, Invalid):
            found.add(sheet, r + 1, display(grid[0][nip_col]), raw, nip.problem, nip.fix,
                      position=nip_col)
            continue
        if nip in seen:
            found.add(sheet, r + 1, display(grid[0][nip_col]), nip,
                      Msg("NIP ganda di jadwal.", "Duplicate NIP in the roster."),
                      Msg("Sisakan satu baris per pegawai.", "Keep one row per employee."),
                      position=nip_col)
            continue
        seen.add(nip)
        codes: list[int] = []
        labels: dict[int, str] = {}
        for k, (col, _day) in enumerate(order):
            value = cells[col] if col < len(cells) else ""
            code = rr._code(value)
            if isinstance(code, Invalid):
                found.add(sheet, r + 1, display(grid[0][col]), value, code.problem, code.fix,
                          position=col)
                code = Code.WFO
            elif code is Code.ABSEN:
                labels[k] = " ".join(str(value).split()).upper()
            codes.append(int(code))
        people.append(Person(nip, text(cells, name_col), text(cells, unit_col)))
        rows.append((codes, labels))
    return people, rows


def _info_rows(path: Path) -> list[list[Any]] | None:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = {normalise(n): n for n in book.sheet_names}
        for name in (PUBLICATION_SHEET, *PUBLICATION_ALIASES):
            if normalise(name) in names:
                return book.get_sheet_by_name(names[normalise(name)]).to_python()
    except Exception:  # unreadable extras never stop publishing: the roster itself was read
        return None
    return None


def _cell_text(value: Any) -> str:
    """A cell as full text (``display`` shortens long values for messages)."""
    if is_blank(value):
        return ""
    return value.strip() if isinstance(value, str) else display(value).strip()


def _with_info(grid: list[list[Any]] | None, roster: Roster, people: tuple[Person, ...],
               path: Path) -> Publication:
    info: dict[str, str] = {}
    units: list[UnitInfo] = []
    holidays: dict[date, str] = {}
    for row in (grid or [])[1:]:
        kind, key, value = ([_cell_text(v) for v in row] + ["", "", ""])[:3]
        if kind == "info":
            info[key] = value
        elif kind == "unit" and key:
            units.append(UnitInfo(key, value or key))
        elif kind == "libur":
            day = parse_date(key)
            if not isinstance(day, Invalid):
                holidays[day] = value
    if grid is None:
        holidays = national_holidays(roster.dates)
    imprint = Imprint.from_settings(info)
    if not imprint.agency:
        imprint = Imprint(agency=path.stem).over(imprint)
    title = Msg(info.get("title_id", ""), info.get("title_en") or info.get("title_id", ""))
    in_roster = set(roster.dates)
    return Publication(imprint, info.get("scenario", ""), title, info.get("basis", ""), roster,
                       people, tuple(units),
                       {d: n for d, n in holidays.items() if d in in_roster})
