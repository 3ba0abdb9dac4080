"""read_table parses column by column (each distinct cell once, clean rows in one step);
every row must come out as it does when read alone, where each cell is parsed on its own:
same values, failures, raw rejected cells and problems, whatever the mix of cells."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from asn_scheduler.excel.reader_table import Collector, read_table
from asn_scheduler.schema import PEGAWAI as STAFF
from asn_scheduler.schema import UNIT as UNITS

TODAY = date(2026, 3, 1)
NIPS = ["197104251990091001", "199404142022092001", "197402071999072001"]


def _read(grid: list[list[Any]], spec: Any, marks: dict | None = None):
    found = Collector()
    table = read_table(grid, spec, spec.name, found, TODAY, marks)
    assert table is not None
    return table, found.sorted()


def _alone(grid: list[list[Any]], spec: Any, marks: dict | None = None):
    """Each data row read in a grid of its own (blank rows keep its row number)."""
    rows, problems = [], []
    header, width = grid[0], len(grid[0])
    for r in range(1, len(grid)):
        own = [header] + [[""] * width] * (r - 1) + [grid[r]]
        mine = {k: v for k, v in (marks or {}).items() if k[0] == r} or None
        table, found = _read(own, spec, mine)
        rows += table.rows
        problems += [p for p in found if p.row != 1]
    return rows, problems


def _same(grid: list[list[Any]], spec: Any, marks: dict | None = None) -> None:
    table, found = _read(grid, spec, marks)
    rows, problems = _alone(grid, spec, marks)
    assert [(r.number, r.values, r.failed, r.rejected) for r in table.rows] == \
        [(r.number, r.values, r.failed, r.rejected) for r in rows]
    for a, b in zip(table.rows, rows, strict=True):  # value types too (1.0 is not True)
        assert [type(v) for v in a.values.values()] == [type(v) for v in b.values.values()]
        assert list(a.values) == list(b.values)  # same key order
    assert [p for p in found if p.row != 1] == problems


def test_clean_and_messy_staff_rows_read_as_alone():
    header = [c.header for c in STAFF.columns]
    width = len(header)

    def row(**cells: Any) -> list[Any]:
        out = [""] * width
        for key, v in cells.items():
            out[[c.key for c in STAFF.columns].index(key)] = v
        return out

    grid = [header]
    for i, nip in enumerate(NIPS * 3):
        grid.append(row(nip=nip, name=f"Nama {i % 2}", unit_code="U-1",
                        position_type="Fungsional", field_duty=["Ya", "", " "][i % 3],
                        position_start=[date(2024, 2, 1), "", "01/02/2024"][i % 3],
                        commute_km=[12.5, 12.5, 0.0, -0.0, "", True, 1.0, "x", -3.0][i]))
    grid += [
        row(nip=NIPS[0], name="  ", unit_code="U-1"),                  # required blank
        row(nip=123456789012345678.0, name="A", unit_code="U-1"),      # NIP as a number
        row(nip="bukan nip", name="B", unit_code="U-1"),
        row(nip=NIPS[1], name=True, unit_code=1.0),                   # 1.0 and True
        row(nip=NIPS[2], name=1.0, unit_code=True),
        [""] * width,                                                   # blank row
        row(nip=NIPS[0], name="C", unit_code="U-2"),
    ]
    _same(grid, STAFF)
    # marked blank cells in rows otherwise clean: an optional one with a default, one without
    marks = {(2, 12): ("error", "#REF!"), (3, 4): ("formula", "=A1")}
    _same(grid, STAFF, marks)
    table, found = _read(grid, STAFF, marks)
    assert [sorted(r.failed) for r in table.rows[1:3]] == [["field_duty"], ["position"]]
    assert {(p.row, p.value) for p in found} >= {(3, "#REF!"), (4, "=A1")}


def test_numbers_dates_and_percents_read_as_alone():
    header = [c.header for c in UNITS.columns]
    keys = [c.key for c in UNITS.columns]
    width = len(header)

    def row(**cells: Any) -> list[Any]:
        out = [""] * width
        for key, v in cells.items():
            out[keys.index(key)] = v
        return out

    pct = next(c.key for c in UNITS.columns if c.kind.name == "PERCENT")
    grid = [header]
    for i, v in enumerate([50.0, 50.0, 0.0, -0.0, 0.4, 0.4, True, 1.0, "40", "40%", "x", ""]):
        grid.append(row(code=f"U-{i}", name="Unit", category="Pelayanan Langsung", **{pct: v}))
    grid.append(row(code="U-d", name=date(2026, 3, 2), **{pct: datetime(2026, 3, 2, 8)}))
    _same(grid, UNITS)
    floats = [header] + [row(code=f"U-{i}", name="Unit", category="Pelayanan Langsung",
                             **{pct: v}) for i, v in enumerate([0.0, -0.0, 50.0, 0.4, 50.0])]
    _same(floats, UNITS)  # a column of floats only: the distinct-cell path
    table, _ = _read(floats, UNITS)
    assert [repr(r.values.get(pct)) for r in table.rows[:2]] == ["0.0", "-0.0"]
