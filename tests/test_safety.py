"""Unsafe or mistaken files are refused before parsing: quickly, with one clear,
bilingual workbook-level problem, and without writing to the file."""

from __future__ import annotations

import hashlib
import random
import struct
import time
import zipfile
from pathlib import Path

import pytest

from asn_scheduler.domain.problems import InputError
from asn_scheduler.excel import safety
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.excel.safety import check_workbook_file
from tests.workbooks import valid_sheets, write_workbook

ENTITY_BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
               b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n')


def _refused(path: Path, word: str) -> InputError:
    start = time.perf_counter()
    with pytest.raises(InputError) as err:
        read_workbook(path)
    assert time.perf_counter() - start < 5
    (p,) = err.value.problems
    assert (p.sheet, p.row, p.column) == (None, None, None)
    assert p.value == path.name
    assert word in p.problem.en, p.problem.en
    assert p.problem.id != p.problem.en and p.fix.id and p.fix.en
    return err.value


def _rezip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    """Copy an xlsx, replacing some parts."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
    return dst


@pytest.fixture
def good(tmp_path) -> Path:
    return write_workbook(tmp_path / "baik.xlsx", valid_sheets())


def test_a_good_workbook_passes_and_is_not_written(good):
    before = (hashlib.sha256(good.read_bytes()).hexdigest(), good.stat().st_mtime_ns)
    check_workbook_file(good)
    read_workbook(good)
    assert (hashlib.sha256(good.read_bytes()).hexdigest(), good.stat().st_mtime_ns) == before


def test_empty_file(tmp_path):
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    _refused(path, "empty")


def test_csv_renamed_to_xlsx(tmp_path):
    path = tmp_path / "pegawai.xlsx"
    path.write_text("NIP;Nama\n198609262015051001;Siti\n", encoding="utf-8")
    _refused(path, "CSV")


def test_html_export_renamed_to_xlsx(tmp_path):
    path = tmp_path / "ekspor.xlsx"
    path.write_text("<html><table><tr><td>NIP</td></tr></table></html>", encoding="utf-8")
    _refused(path, "HTML")


def test_pdf(tmp_path):
    path = tmp_path / "surat.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + bytes(200))
    _refused(path, "PDF")


def test_random_bytes(tmp_path):
    path = tmp_path / "acak.xlsx"
    path.write_bytes(b"\x00\x01" + random.Random(0).randbytes(5000))
    _refused(path, "not an Excel workbook")


def test_old_xls(tmp_path):
    # An OLE compound file without encryption streams: an Excel 97–2003 workbook.
    path = tmp_path / "lama.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le")
                     + bytes(1024))
    _refused(path, ".xls")


def test_password_protected_workbook(tmp_path):
    # Excel saves an encrypted .xlsx as an OLE container holding these two streams.
    path = tmp_path / "rahasia.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
                     + "EncryptionInfo".encode("utf-16-le") + bytes(64)
                     + "EncryptedPackage".encode("utf-16-le") + bytes(1024))
    _refused(path, "password")


def test_truncated_zip_is_corrupt(tmp_path, good):
    path = tmp_path / "potong.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _refused(path, "corrupt")


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("catatan.txt", "halo")
    _refused(path, "not an Excel workbook")


def test_opendocument_spreadsheet(tmp_path):
    path = tmp_path / "libre.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    _refused(path, "OpenDocument")


def test_entity_bomb_in_a_sheet(tmp_path, good):
    with zipfile.ZipFile(good) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    body = sheet.split(b"?>", 1)[-1]  # openpyxl writes no XML declaration
    path = _rezip(good, tmp_path / "bom.xlsx", {"xl/worksheets/sheet1.xml": ENTITY_BOMB + body})
    _refused(path, "DOCTYPE/ENTITY")


def test_entity_bomb_hidden_in_utf16(tmp_path, good):
    with zipfile.ZipFile(good) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode("utf-8")
    text = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]>' + sheet
    # A byte scan for "<!DOCTYPE" would miss it: every other byte is a NUL.
    path = _rezip(good, tmp_path / "bom16.xlsx",
                  {"xl/worksheets/sheet1.xml": "\ufeff".encode("utf-16-le")
                   + text.encode("utf-16-le")})
    _refused(path, "DOCTYPE/ENTITY")


def test_zip_bomb_by_compression_ratio(tmp_path, good):
    # 16 MiB of spaces deflate to about 16 KiB: a ratio near 1000, far above any sheet.
    path = _rezip(good, tmp_path / "zipbom.xlsx",
                  {"xl/worksheets/sheet1.xml": b" " * (16 * 2**20)})
    _refused(path, "decompression bomb")


def test_zip_bomb_by_declared_size(tmp_path, good):
    # Patch the central directory so one part claims to inflate to 2 GiB.
    data = bytearray(good.read_bytes())
    at = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, at + 24, 2**31 - 1)
    path = tmp_path / "besar.xlsx"
    path.write_bytes(bytes(data))
    _refused(path, "decompression bomb")


def test_part_that_lies_about_its_size_is_refused(tmp_path, good):
    # The directory says the sheet is 100 bytes; it really inflates to more. Streaming
    # through zipfile stops at the declared size and the CRC check fails.
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        names = [i.filename for i in zf.infolist()]
    at = -1
    for name in names:
        at = data.index(b"PK\x01\x02", at + 1)
        if name == "xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, at + 24, 100)
            break
    path = tmp_path / "bohong.xlsx"
    path.write_bytes(bytes(data))
    _refused(path, "corrupt")


def test_too_many_parts_is_a_bomb(tmp_path, good, monkeypatch):
    monkeypatch.setattr(safety, "MAX_PARTS", 5)  # the real limit is 10,000 parts
    _refused(good, "decompression bomb")


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        check_workbook_file(tmp_path / "tidak-ada.xlsx")
