"""One sheet of the input workbook → parsed rows, driven by :mod:`asn_scheduler.schema`.

What python-calamine hands over (checked against 0.9): a date-formatted cell is a
:class:`datetime.date` (a :class:`datetime.datetime` when it has a time of day, a
:class:`datetime.time` or :class:`datetime.timedelta` for time-only and duration formats);
every number is a ``float`` (whole numbers too: ``12.0``; an 18-digit NIP typed as a number
is already rounded); booleans are ``bool``; text is ``str`` with its spaces as typed; empty
cells and Excel error cells (``#N/A``) are ``""``. Formulas give their cached result (``""``
when none was saved); :mod:`~asn_scheduler.excel.sheet_scan` tells these apart from empty.

Each :class:`~asn_scheduler.schema.Kind` maps to one parser of
:mod:`asn_scheduler.domain.parsing` (or :func:`~asn_scheduler.domain.nip.parse_nip`).
A sheet is parsed column by column, each distinct cell of a column once, and a row whose
cells all parsed (blank optional ones aside) becomes its values in one step; only rows
with a problem go cell by cell. The result is what parsing every cell alone gives
(``tests/test_reader_columns.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from asn_scheduler.domain.enums import normalise
from asn_scheduler.domain.nip import parse_nip
from asn_scheduler.domain.parsing import (
    Invalid,
    display,
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
from asn_scheduler.domain.problems import InputProblem, Severity
from asn_scheduler.i18n import Msg
from asn_scheduler.schema import Column, Kind, SheetSpec

HEADER_SEARCH_ROWS = 10


class Collector:
    """Problems found so far, each with a sort key (sheet rank, row, column position)."""

    def __init__(self) -> None:
        self._items: list[tuple[tuple[int, int, int], int, InputProblem]] = []
        self.sheet_rank: dict[str | None, int] = {None: -1}

    def add(self, sheet: str | None, row: int | None, column: str | None, value: object,
            problem: Msg, fix: Msg, severity: Severity = "error", position: int = 0,
            cause: str = "") -> None:
        """Record one problem; ``value`` is the raw cell (shown shortened); ``cause`` the
        :meth:`~InputProblem.ref` of the problem it follows from."""
        text = value if isinstance(value, str) and len(value) <= 60 else display(value)
        key = (self.sheet_rank.get(sheet, 10_000), row or 0, position)
        self._items.append((key, len(self._items),
                            InputProblem(sheet, row, column, text, problem, fix, severity,
                                         cause)))

    def sorted(self) -> list[InputProblem]:
        """Every problem, by sheet (contract order), row, then column."""
        return [p for _, _, p in sorted(self._items, key=lambda t: (t[0], t[1]))]

    @property
    def has_errors(self) -> bool:
        """Whether any problem is an error (not a warning)."""
        return any(p.severity == "error" for _, _, p in self._items)


@dataclass
class Row:
    """A data row: Excel row number, parsed values by column key (blank optional cells are
    absent), the keys whose cell could not be parsed, and those cells as typed."""

    number: int
    values: dict[str, Any]
    failed: set[str] = field(default_factory=set)
    rejected: dict[str, Any] = field(default_factory=dict)  # the raw cells that failed


@dataclass
class Table:
    """A parsed sheet: its name as typed, the header row, each column's header as typed
    (contract header when missing), which columns are present, and the data rows."""

    spec: SheetSpec
    sheet: str
    header_row: int
    headers: dict[str, str]
    positions: dict[str, int]
    present: set[str]
    rows: list[Row]

    def usable(self, key: str) -> bool:
        """Whether column ``key`` was found in the sheet."""
        return key in self.present


def converter(col: Column, today: date) -> Callable[[Any], Any]:
    """The parser for cells of ``col`` (returns a value or :class:`Invalid`)."""
    kind = col.kind
    if kind is Kind.TEXT:
        return text_of
    if kind is Kind.NIP:
        return partial(parse_nip, today=today)
    if kind is Kind.ENUM:
        assert col.enum is not None
        return partial(parse_enum, enum=col.enum)
    return {
        Kind.DATE: parse_date, Kind.YESNO: parse_yes_no, Kind.INT: parse_int,
        Kind.NUMBER: parse_number, Kind.PERCENT: parse_percent, Kind.WEEKDAYS: parse_weekdays,
        Kind.ROLES: parse_roles, Kind.ROLE_MINIMUMS: parse_role_minimums,
    }[kind]


_EMPTY_REQUIRED = Msg("Sel wajib kosong.", "A required cell is empty.")
_MISSING_COLUMN = Msg("Kolom wajib tidak ada.", "A required column is missing.")
_FRACTION = Msg("Terlihat seperti pecahan dari sel berformat persen (0,4 = 0,4%).",
                "Looks like a fraction from a percent-formatted cell (0.4 = 0.4%).")


def _blank(v: object) -> bool:
    return v == "" or v is None or (type(v) is str and v.isspace())


def _row_blank(cells: Sequence[Any]) -> bool:
    # Most rows are decided by their first cell; an early exit keeps big sheets fast.
    for v in cells:
        if v != "" and v is not None and not (type(v) is str and v.isspace()):
            return False
    return True


def find_header(grid: Sequence[Sequence[Any]], spec: SheetSpec) -> int | None:
    """Index of the header row: among the first non-empty rows, the one naming the most of
    the sheet's columns (so a title row above the header is tolerated)."""
    names = {n for c in spec.columns for n in accepted_names(c)}
    best, best_hits, seen = None, 0, 0
    for i, row in enumerate(grid):
        if _row_blank(row):
            continue
        if best is None:
            best = i
        hits = sum(1 for v in row if isinstance(v, str) and normalise(v) in names)
        if hits > best_hits:
            best, best_hits = i, hits
        seen += 1
        if seen >= HEADER_SEARCH_ROWS:
            break
    return best


def read_table(grid: Sequence[Sequence[Any]], spec: SheetSpec, sheet: str, found: Collector,
               today: date, marks: Mapping[tuple[int, int], tuple[str, str]] | None = None
               ) -> Table | None:
    """Parse ``grid`` (rows of cells from A1) as sheet ``spec``; problems go to ``found``.

    ``marks``: cells the grid shows empty that hold an error value or a formula without a
    saved value (:class:`~asn_scheduler.excel.sheet_scan.SheetFacts`); each is an error in
    any column, never a blank. Returns ``None`` for a sheet with no content at all
    (reported here).
    """
    h = find_header(grid, spec)
    if h is None:
        found.add(sheet, None, None, "",
                  Msg("Lembar kosong.", "The sheet is empty."),
                  Msg(f"Isi baris judul kolom lalu datanya; lihat templat ({spec.name}).",
                      f"Add the header row and the data; see the template ({spec.name})."))
        return None
    header_row = h + 1
    table = Table(spec, sheet, header_row, {c.key: c.header for c in spec.columns},
                  {}, set(), [])
    mapping = _map_columns(grid[h], table, found)
    for col in spec.columns:
        if col.required and col.key not in table.present:
            found.add(sheet, header_row, col.header, "", _MISSING_COLUMN,
                      Msg(f"Tambahkan kolom '{col.header}' di baris judul. {col.help.id}",
                          f"Add the column '{col.header}' to the header row "
                          f"(English: '{col.aliases[0]}'). {col.help.en}"),
                      position=10_000)
    defaults: dict[str, Any] = {}
    for col in spec.columns:
        if col.default is not None:
            parsed = converter(col, today)(col.default)
            assert not isinstance(parsed, Invalid), col.key
            defaults[col.key] = parsed
    plan = [(idx, col, converter(col, today), table.headers[col.key], table.positions[col.key])
            for idx, col in mapping]
    absent_required = [c for c in spec.columns if c.required and c.key not in table.present]
    numbers = [r for r in range(h + 1, len(grid)) if not _row_blank(grid[r])]
    # Column by column: each distinct cell is parsed once (names, codes and dates repeat),
    # and most rows become their values in one step. A row with a required cell blank, a
    # refused or doubtful cell, or a marked cell goes cell by cell (_odd_row), as before.
    rows = [grid[r] for r in numbers]
    width = max((idx + 1 for idx, *_ in plan), default=0)
    if all(len(cells) >= width for cells in rows):
        by_column = list(zip(*rows, strict=False)) if rows else []
        cells_of = [by_column[idx] if rows else () for idx, *_ in plan]
    else:  # ragged rows (never from calamine): a missing cell is blank
        cells_of = [[c[idx] if idx < len(c) else "" for c in rows] for idx, *_ in plan]
    parsed = [_parse_column(cells, conv, col.kind is Kind.PERCENT,
                            defaults.get(col.key, _BLANK if col.required else _SKIP))
              for cells, (_, col, conv, _, _) in zip(cells_of, plan, strict=True)]
    odd = set().union(*(flagged for _, flagged, _ in parsed))
    if marks:
        at = {r: i for i, r in enumerate(numbers)}
        odd.update(at[r] for r, idx in marks if r in at and idx < width)
    skips = set().union(*(skipped for _, _, skipped in parsed))
    keys = [col.key for _, col, _, _, _ in plan]
    columns = [values for values, _, _ in parsed]
    for i, (r, row_values) in enumerate(zip(numbers, zip(*columns, strict=True)
                                            if columns else ((),) * len(numbers), strict=True)):
        if i in odd:
            row = Row(r + 1, {})
            _odd_row(row, grid[r], r, row_values, plan, defaults, sheet, found, marks)
        elif i in skips:
            row = Row(r + 1, {k: v for k, v in zip(keys, row_values, strict=True)
                              if v is not _SKIP})
        else:
            row = Row(r + 1, dict(zip(keys, row_values, strict=True)))
        for col in absent_required:
            row.failed.add(col.key)
        table.rows.append(row)
    return table


_BLANK = object()  # a blank cell in a required column
_SKIP = object()  # a blank cell in an optional column without a default
_UNSEEN = object()


def _parse_column(cells: Sequence[Any], conv: Callable[[Any], Any], percent: bool,
                  blank: Any) -> tuple[list[Any], list[int], list[int]]:
    """``cells`` (one column) parsed: each a value, an :class:`Invalid`, or ``blank`` for a
    blank cell (the column's default, ``_SKIP`` for none, ``_BLANK`` when required).

    Also returns the positions that need :func:`_odd_row` (``_BLANK``, refused, or with
    ``percent`` a fraction) and those holding ``_SKIP``. A column of one type parses each
    distinct cell once (the parsers are pure); floats only without a zero (``-0.0 ==
    0.0``, yet they differ).
    """
    kinds = set(map(type, cells))
    one = next(iter(kinds)) if len(kinds) == 1 else None
    if one is str or one is date or (one is float and 0.0 not in (distinct := set(cells))):
        by_cell = {v: blank if _blank(v) else conv(v)
                   for v in (distinct if one is float else set(cells))}
        values = list(map(by_cell.__getitem__, cells))
        seen = by_cell.values()
    else:  # mixed or unusual cells: one by one, text still parsed once per distinct text
        cache: dict[str, Any] = {}
        values = []
        for v in cells:
            p = cache.get(v, _UNSEEN) if type(v) is str else _UNSEEN
            if p is _UNSEEN:
                p = blank if _blank(v) else conv(v)
                if type(v) is str:
                    cache[v] = p
            values.append(p)
        seen = values
    flagged: list[int] = []
    if any(p is _BLANK or type(p) is Invalid for p in seen):
        flagged = [i for i, p in enumerate(values) if p is _BLANK or type(p) is Invalid]
    if percent and float in kinds:
        flagged += [i for i, v in enumerate(cells) if type(v) is float and 0 < v < 1]
    skipped = [i for i, p in enumerate(values) if p is _SKIP] if blank is _SKIP else []
    return values, flagged, skipped


def _odd_row(row: Row, cells: Sequence[Any], r: int, parsed: Sequence[Any],
             plan: Sequence[tuple[int, Column, Any, str, int]], defaults: Mapping[str, Any],
             sheet: str, found: Collector,
             marks: Mapping[tuple[int, int], tuple[str, str]] | None) -> None:
    """Fill ``row`` (grid row ``r``) cell by cell from its ``parsed`` cells, reporting
    each blank required, marked, refused or doubtful cell to ``found``."""
    number = row.number
    for (idx, col, _, header, pos), p in zip(plan, parsed, strict=True):
        v = cells[idx] if idx < len(cells) else ""
        if p is _BLANK or p is _SKIP or (col.key in defaults and _blank(v)):
            if marks and (r, idx) in marks:
                row.failed.add(col.key)
                found.add(sheet, number, header, marks[r, idx][1],
                          *marked_cell(marks[r, idx]), position=pos)
                continue
            if col.key in defaults:
                row.values[col.key] = defaults[col.key]
            elif col.required:
                row.failed.add(col.key)
                found.add(sheet, number, header, "", _EMPTY_REQUIRED,
                          Msg(f"Isi kolom '{header}'. {col.help.id}",
                              f"Fill in '{header}'. {col.help.en}"), position=pos)
            continue
        if type(p) is Invalid:
            row.failed.add(col.key)
            row.rejected[col.key] = v
            found.add(sheet, number, header, v, p.problem, p.fix, position=pos)
            continue
        if col.kind is Kind.PERCENT and type(v) is float and 0 < v < 1:
            found.add(sheet, number, header, v, _FRACTION,
                      Msg(f"Jika maksudnya {v * 100:g}%, ketik {v * 100:g}.",
                          f"If {v * 100:g}% was meant, type {v * 100:g}."),
                      severity="warning", position=pos)
        row.values[col.key] = p


def marked_cell(mark: tuple[str, str]) -> tuple[Msg, Msg]:
    """Problem and fix for a cell :mod:`~asn_scheduler.excel.sheet_scan` marked: an error
    value or a formula saved without its value."""
    kind, value = mark
    if kind == "error":
        return (Msg(f"Sel berisi galat Excel {value}, bukan nilai.",
                    f"The cell holds the Excel error {value}, not a value."),
                Msg("Perbaiki rumus atau referensinya (atau ketik nilainya langsung), simpan, "
                    "lalu coba lagi.",
                    "Fix the formula or its reference (or type the value itself), save, and "
                    "try again."))
    return (Msg("Sel berisi rumus tanpa nilai tersimpan (berkas dibuat program yang tidak "
                "menghitung rumus).",
                "The cell holds a formula saved without its value (the file was made by a "
                "program that does not calculate)."),
            Msg("Buka di Excel atau LibreOffice agar rumus dihitung, simpan, lalu coba lagi; "
                "atau ketik nilainya langsung.",
                "Open it in Excel or LibreOffice so the formula is calculated, save, and try "
                "again; or type the value itself."))


_UNIT_SUFFIX = re.compile(r"\s*(\([^)]*\))\s*$")


def accepted_names(col: Column) -> tuple[str, ...]:
    """``col.names`` plus each alias with the unit the contract header carries, so
    ``Commute (km)`` and ``Max WFH (%)`` match like ``Jarak Rumah (km)``."""
    m = _UNIT_SUFFIX.search(col.header)
    if m is None:
        return col.names
    return tuple(dict.fromkeys((*col.names, *(normalise(f"{n} {m.group(1)}") for n in col.names))))


def _map_columns(header: Sequence[Any], table: Table, found: Collector) -> list[tuple[int, Column]]:
    by_name = {n: c for c in table.spec.columns for n in accepted_names(c)}
    mapping: list[tuple[int, Column]] = []
    for idx, cell in enumerate(header):
        if _blank(cell):
            continue
        typed = text_of(cell)
        col = by_name.get(normalise(typed))
        if col is None:
            found.add(table.sheet, table.header_row, typed, typed,
                      Msg("Kolom tambahan tidak dikenal; diabaikan.",
                          "Unknown extra column; ignored."),
                      Msg("Biarkan jika memang catatan Anda; jika maksudnya kolom kontrak, "
                          "perbaiki judulnya (lihat lembar Petunjuk di templat).",
                          "Leave it if it is your own note; if a contract column was meant, "
                          "correct its header (see sheet Petunjuk in the template)."),
                      severity="warning", position=idx)
            continue
        if col.key in table.present:
            found.add(table.sheet, table.header_row, typed, typed,
                      Msg(f"Kolom '{table.headers[col.key]}' muncul dua kali.",
                          f"Column '{table.headers[col.key]}' appears twice."),
                      Msg("Hapus atau ganti nama salah satu kolom.",
                          "Delete or rename one of the two columns."), position=idx)
            continue
        table.present.add(col.key)
        table.headers[col.key] = typed
        table.positions[col.key] = idx
        mapping.append((idx, col))
    for col in table.spec.columns:
        table.positions.setdefault(col.key, 10_000)
    return mapping
