"""xlsx_zip: a workbook zipped with its parts deflated in threads is the very file
xlsxwriter zips itself, byte for byte (headers, CRCs, sizes, streams)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from asn_scheduler.excel import xlsx_zip
from asn_scheduler.excel.roster_writer import WORKBOOK_OPTIONS
from asn_scheduler.excel.row_stream import RowStream
from asn_scheduler.excel.xlsx_safe import SafeWorkbook

CREATED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _write(path: Path, threaded: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not threaded:
        monkeypatch.setattr(xlsx_zip, "supported", lambda wb: False)
    wb = SafeWorkbook(path, WORKBOOK_OPTIONS)
    wb.set_properties({"created": CREATED, "title": "t"})
    for k in range(3):
        ws = wb.add_worksheet(f"S{k}")
        stream = RowStream(ws)
        for r in range(2000 * (k + 1)):  # big enough for many zlib chunks
            stream.row(r, [f"teks {r % 97}", r * 1.25, f"NIP {r:018d}"])
        ws.write_comment(0, 0, "catatan")
    wb.close()
    monkeypatch.undo()


def test_threaded_zip_is_the_same_file(tmp_path, monkeypatch):
    _write(tmp_path / "threads.xlsx", True, monkeypatch)
    _write(tmp_path / "plain.xlsx", False, monkeypatch)
    assert (tmp_path / "threads.xlsx").read_bytes() == (tmp_path / "plain.xlsx").read_bytes()


def test_the_threads_are_used_for_the_pinned_xlsxwriter(tmp_path, monkeypatch):
    calls = []
    real = xlsx_zip.deflate
    monkeypatch.setattr(xlsx_zip, "deflate", lambda p: calls.append(p) or real(p))
    wb = SafeWorkbook(tmp_path / "x.xlsx", WORKBOOK_OPTIONS)
    wb.add_worksheet("A").write_string(0, 0, "a")
    wb.close()
    assert calls  # every part went through deflate()


def test_in_memory_workbooks_zip_themselves(tmp_path):
    wb = SafeWorkbook(tmp_path / "m.xlsx", {"in_memory": True})
    assert not xlsx_zip.supported(wb)
    wb.add_worksheet("A").write_string(0, 0, "a")
    wb.close()
    assert (tmp_path / "m.xlsx").stat().st_size > 0
