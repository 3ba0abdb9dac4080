"""Read the planner's input workbook into a validated :class:`~asn_scheduler.domain.Problem`.

The contract is ``spec/workbook.md``, held as data in :mod:`asn_scheduler.schema`. Sheet
and column names match under :func:`~asn_scheduler.domain.enums.normalise` (case, spaces,
``_`` and ``-`` ignored; English aliases accepted). Every problem is collected: the
reader never stops at the first one. Values are read with python-calamine (fast,
read-only); openpyxl is not needed on this path. The input file is never written.

Pipeline: :func:`~asn_scheduler.excel.safety.check_workbook_file` (refuse unsafe files) →
:func:`~asn_scheduler.excel.sheet_scan.scan_workbook` (refuse sheets beyond the limits, find
error cells and formulas without a value) → calamine grid per sheet →
:func:`~asn_scheduler.excel.reader_table.read_table` (cells → values) →
:func:`~asn_scheduler.excel.reader_build.cross_check` (keys and references) →
:func:`~asn_scheduler.excel.reader_build.build_problem`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from python_calamine import CalamineWorkbook

from asn_scheduler.domain.enums import normalise
from asn_scheduler.domain.model import Problem, ProblemError
from asn_scheduler.domain.problems import InputError, InputProblem
from asn_scheduler.excel.reader_build import build_problem, cross_check
from asn_scheduler.excel.reader_table import Collector, Table, read_table
from asn_scheduler.excel.safety import check_workbook_file
from asn_scheduler.excel.sheet_scan import scan_workbook
from asn_scheduler.gc_pause import gc_paused
from asn_scheduler.i18n import Msg
from asn_scheduler.schema import INSTRUCTIONS_SHEET, REGIONS_SHEET, SHEETS, SheetSpec

#: Sheets the project itself writes that carry no data to read (template instructions).
IGNORED_SHEETS = frozenset(normalise(n) for n in (INSTRUCTIONS_SHEET, "Instructions",
                                                  REGIONS_SHEET))


@dataclass(frozen=True)
class ReadResult:
    """A workbook that can be used: the problem, and warnings worth showing the planner."""

    problem: Problem
    warnings: list[InputProblem] = field(default_factory=list)


@gc_paused()
def read_workbook(path: str | os.PathLike[str]) -> ReadResult:
    """Read and validate the input workbook at ``path``.

    Raises
    ------
    InputError
        When the workbook has any error; ``problems`` lists every error *and* warning, in
        sheet (contract order), row and column order. Unsafe or non-xlsx files are refused
        before parsing with one workbook-level problem.
    OSError
        When the file cannot be opened (missing, no permission).
    """
    path = Path(path)
    check_workbook_file(path)
    facts = scan_workbook(path)  # refuses sheets calamine would blow up on
    found = Collector()
    grids = _load_grids(path, found)
    tables: dict[str, Table] = {}
    today = date.today()
    for spec, (sheet, grid) in grids.items():
        marks = facts[sheet].marks if sheet in facts else None
        table = read_table(grid, spec, sheet, found, today, marks)
        if table is not None:
            tables[spec.key] = table
    cross_check(tables, found)
    if found.has_errors:
        raise InputError(found.sorted())
    try:
        problem = build_problem(tables, path.stem)
    except ProblemError as exc:  # pragma: no cover - the checks above are meant to be complete
        raise InputError([InputProblem(None, None, None, path.name,
                                       Msg(f"Data tidak konsisten: {exc}",
                                           f"Inconsistent data: {exc}"),
                                       Msg("Laporkan berkas ini ke pengembang.",
                                           "Report this file to the developers."))]) from None
    return ReadResult(problem, found.sorted())


def _load_grids(path: Path, found: Collector) -> dict[SheetSpec, tuple[str, list[list]]]:
    """Sheets matched to the contract with their cells from A1; unmatched sheets warned."""
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except Exception as exc:  # any parser failure on a user's file is an input problem
        raise InputError([unreadable_workbook(path, exc)]) from None
    by_name = {n: spec for spec in SHEETS for n in spec.names}
    chosen: dict[SheetSpec, str] = {}
    for rank, spec in enumerate(SHEETS):
        found.sheet_rank[spec.name] = rank
    for i, name in enumerate(names):
        spec = by_name.get(normalise(name))
        if spec is not None and spec not in chosen:
            chosen[spec] = name
            found.sheet_rank[name] = SHEETS.index(spec)
            continue
        found.sheet_rank.setdefault(name, len(SHEETS) + i)
        if spec is not None:
            found.add(name, None, None, name,
                      Msg(f"Lembar ganda: '{chosen[spec]}' sudah dibaca sebagai {spec.name}.",
                          f"Duplicate sheet: '{chosen[spec]}' is already read as {spec.name}."),
                      Msg("Gabungkan datanya ke satu lembar dan hapus atau ganti nama lembar "
                          "ini.", "Merge the data into one sheet and delete or rename this one."))
        elif normalise(name) not in IGNORED_SHEETS:
            found.add(name, None, None, name,
                      Msg("Lembar tambahan tidak dikenal; diabaikan.",
                          "Unknown extra sheet; ignored."),
                      Msg("Biarkan jika memang catatan Anda; jika maksudnya lembar kontrak, "
                          "perbaiki namanya (Pegawai, Unit, Cuti, Gedung, Periode, Libur).",
                          "Leave it if it is your own; if a contract sheet was meant, correct "
                          "its name (Pegawai, Unit, Cuti, Gedung, Periode, Libur)."),
                      severity="warning")
    for spec in SHEETS:
        if spec.required and spec not in chosen:
            english = spec.aliases[0] if spec.aliases else spec.name
            found.add(spec.name, None, None, "",
                      Msg("Lembar wajib tidak ada.", "A required sheet is missing."),
                      Msg(f"Tambahkan lembar '{spec.name}' ({spec.help.id}) atau ganti nama "
                          "lembar yang ada; lihat templat.",
                          f"Add sheet '{spec.name}' (or '{english}'; {spec.help.en}) or rename "
                          "an existing sheet; see the template."))
    grids: dict[SheetSpec, tuple[str, list[list]]] = {}
    for spec in SHEETS:
        if spec in chosen:
            name = chosen[spec]
            try:
                grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except Exception as exc:  # as above
                raise InputError([unreadable_workbook(path, exc)]) from None
            grids[spec] = (name, grid)
    return grids


def unreadable_workbook(path: Path, exc: Exception) -> InputProblem:
    """The problem reported for a workbook the spreadsheet library cannot parse."""
    detail = (str(exc) or type(exc).__name__).splitlines()[0][:80]
    return InputProblem(None, None, None, path.name,
                        Msg(f"Buku kerja tidak dapat dibaca ({detail}).",
                            f"The workbook cannot be read ({detail})."),
                        Msg("Buka di Excel, simpan ulang sebagai .xlsx, lalu coba lagi.",
                            "Open it in Excel, save it again as .xlsx, and try again."))
