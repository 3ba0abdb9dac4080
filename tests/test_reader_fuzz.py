"""Property: whatever plausible workbook a planner (or a broken export) hands over, the
reader ends in a valid :class:`Problem` or an :class:`InputError` — never anything else.

Hypothesis starts from the small valid agency and breaks it: cells replaced by hostile
values (huge, negative or fractional numbers, dates, booleans, error values, formulas,
markup, invisible and right-to-left characters, far-away cells), rows and columns dropped,
sheets renamed, hidden, duplicated or added.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from workbooks import NIP_BUDI, NIP_HEAD, NIP_SITI, valid_sheets

from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.problems import InputError
from asn_scheduler.excel.reader import read_workbook

TEXT = st.one_of(
    st.sampled_from(["", " ", "Ya", "Tidak", "SETDA", "DUKCAPIL", "Gedung Utama", "loket",
                     "loket=1", "Senin-Jumat", "Jumat", "50", "40%", "0,4", "1.500",
                     "02/03/2026", "31/02/2026", "2026-03-13", "#REF!", "#DIV/0!", "#N/A",
                     "=1/0", "=A1", "<r><t>x</t></r>", "\ufeffNIP", "\u202e" + NIP_SITI,
                     NIP_HEAD, NIP_SITI, NIP_BUDI, "1.98609E+17", "Fungsional", "JPT Pratama",
                     "Layanan Langsung", "Cuti Tahunan", "Libur"]),
    st.text(max_size=40),
)
VALUE = st.one_of(
    TEXT,
    st.integers(min_value=-10**25, max_value=10**25),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)),
    st.booleans(),
    st.none(),
)
SHEET_NAMES = ["Pegawai", "Unit", "Cuti", "Gedung", "Periode", "Libur", "pegawai ", "Staff",
               "Petunjuk", "Lain"]


@st.composite
def workbooks(draw: st.DrawFn) -> dict[str, Any]:
    sheets = valid_sheets()
    for _ in range(draw(st.integers(0, 8))):  # hostile cells
        name = draw(st.sampled_from(sorted(sheets)))
        rows = sheets[name]
        r = draw(st.integers(0, len(rows) + 2))
        while len(rows) <= r:
            rows.append([])
        c = draw(st.integers(0, 13))
        rows[r].extend([None] * (c + 1 - len(rows[r])))
        rows[r][c] = draw(VALUE)
    for _ in range(draw(st.integers(0, 2))):  # drop a row or a column
        name = draw(st.sampled_from(sorted(sheets)))
        rows = sheets[name]
        if draw(st.booleans()) and rows:
            del rows[draw(st.integers(0, len(rows) - 1))]
        else:
            c = draw(st.integers(0, 11))
            for row in rows:
                if c < len(row):
                    del row[c]
    if draw(st.booleans()):  # rename, drop or add a sheet
        name = draw(st.sampled_from(sorted(sheets)))
        new = draw(st.sampled_from(SHEET_NAMES))
        rows = sheets.pop(name)
        if draw(st.booleans()):
            sheets[new] = rows
    far = draw(st.one_of(st.none(), st.tuples(st.integers(1, 400_000), st.integers(1, 2000))))
    hidden = draw(st.sampled_from([None, *SHEET_NAMES[:6]]))
    return {"sheets": sheets, "far": far, "hidden": hidden}


def _save(path: Path, spec: dict[str, Any]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in spec["sheets"].items():
        if name in wb.sheetnames:
            continue
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v
                       for v in row])
        if name == spec["hidden"]:
            ws.sheet_state = "hidden"
    if spec["far"] is not None and wb.sheetnames:
        r, c = spec["far"]
        wb[wb.sheetnames[0]].cell(row=r, column=c, value="stray")
    if not wb.sheetnames:
        wb.create_sheet("Kosong")
    wb.save(path)
    return path


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(spec=workbooks())
def test_every_workbook_ends_in_a_problem_or_an_input_error(tmp_path, spec):
    path = _save(tmp_path / "fuzz.xlsx", spec)
    try:
        read = read_workbook(path)
    except InputError as exc:
        assert exc.problems, "an InputError always says what is wrong"
        assert any(p.severity == "error" for p in exc.problems)
        for p in exc.problems:
            assert p.problem.id and p.problem.en and p.fix.id and p.fix.en
        return
    assert isinstance(read.problem, Problem)
    assert read.problem.employees and read.problem.units
    assert all(p.severity == "warning" for p in read.warnings)


# --- the quick sheet scan agrees with the exact one ---------------------------------------

_CELLS = st.lists(st.tuples(st.integers(1, 400), st.integers(1, 1100), st.booleans()),
                  min_size=1, max_size=60)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=_CELLS, order=st.sampled_from(["sorted", "shuffled"]),
       chunk=st.sampled_from([64, 256, 2**20]))
def test_the_quick_scan_finds_the_same_extent_as_the_exact_parse(tmp_path, monkeypatch,
                                                                   cells, order, chunk):
    import zipfile

    from asn_scheduler.excel import sheet_scan

    monkeypatch.setattr(sheet_scan, "CHUNK", chunk)
    monkeypatch.setattr(sheet_scan, "MAX_COLUMNS", 1000)
    monkeypatch.setattr(sheet_scan, "MAX_CELLS", 300_000)
    if order == "sorted":
        cells = sorted(cells)
    body = "".join(  # valued cells, and empty styled ones that build nothing
        f'<row r="{r}"><c r="{sheet_scan._col_name(c)}{r}" s="1"/></row>' if empty else
        f'<row r="{r}"><c r="{sheet_scan._col_name(c)}{r}" t="inlineStr"><is><t>x</t></is>'
        "</c></row>" for r, c, empty in cells)
    path = tmp_path / "s.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", f"<worksheet><sheetData>{body}</sheetData>"
                                               "</worksheet>")
    outcomes = []
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        for scan in (sheet_scan._scan_sheet, sheet_scan._parse_sheet):
            try:
                facts = scan(z, info, "S")
                outcomes.append((facts.rows, facts.cols))
            except InputError:
                outcomes.append("refused")
    valued = [(r, c) for r, c, empty in cells if not empty]
    rows, cols = max((r for r, _ in valued), default=0), max((c for _, c in valued), default=0)
    expected = "refused" if cols > 1000 or rows * cols > 300_000 else (rows, cols)
    assert outcomes == [expected, expected]
