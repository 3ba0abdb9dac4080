"""Refuse hostile or mistaken files before any spreadsheet parser sees them.

:func:`check_workbook_file` looks at the file's bytes, never trusts its name, and raises
an :class:`~asn_scheduler.domain.problems.InputError` (sheet ``None``) that says in plain
words what the file is and what to do: an empty file; an old ``.xls``, a CSV/text file,
a PDF, an OpenDocument or binary ``.xlsb`` workbook, random bytes; a corrupt zip; a
password-protected workbook; a decompression bomb; an XML entity bomb.

How the bombs are caught, within seconds and in constant memory:

* the zip directory is inspected first: too many parts, a declared total uncompressed size
  over :data:`MAX_TOTAL_BYTES`, or a part whose compression ratio is over :data:`MAX_RATIO`
  are refused before anything is inflated;
* then every XML part is streamed (1 MiB at a time) through :mod:`zipfile`, which stops at
  the size the directory declares and verifies each part's CRC, so a part that lies about
  its size is refused as corrupt, and the bytes actually inflated are capped as well;
* while streaming, any ``<!DOCTYPE`` or ``<!ENTITY`` declaration refuses the file: a
  spreadsheet never needs one, and entity expansion is how "billion laughs" files explode.

The parser that runs afterwards therefore reads only parts whose real content was seen.
The input file is only ever opened for reading.
"""

from __future__ import annotations

import codecs
import os
import zipfile
from pathlib import Path

from asn_scheduler.domain.problems import InputError, InputProblem
from asn_scheduler.excel import sheet_scan
from asn_scheduler.i18n import Msg

MAX_FILE_BYTES = 256 * 2**20
MAX_TOTAL_BYTES = 1024 * 2**20
MAX_PARTS = 10_000
MAX_RATIO = 200
RATIO_MIN_BYTES = 8 * 2**20   # small parts may compress very well without being a threat
CHUNK = 2**20

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_DECLARATIONS = (b"<!doctype", b"<!entity")
_XML_SUFFIXES = (".xml", ".rels", ".vml")

_SAVE_AS = Msg("Buka berkas di Excel atau LibreOffice lalu simpan sebagai Buku Kerja Excel "
               "(.xlsx), atau isi templat dari `asn-scheduler template`.",
               "Open the file in Excel or LibreOffice and save it as an Excel Workbook (.xlsx), "
               "or fill in the template from `asn-scheduler template`.")


def check_workbook_file(path: str | os.PathLike[str]) -> None:
    """Raise :class:`InputError` unless ``path`` is a plausible, safe ``.xlsx`` workbook.

    ``OSError`` (missing file, no permission) propagates unchanged for the caller's edge.
    """
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        _refuse(path, Msg("Berkas kosong (0 byte).", "The file is empty (0 bytes)."), _SAVE_AS)
    if size > MAX_FILE_BYTES:
        _refuse(path, Msg(f"Berkas terlalu besar ({size // 2**20} MiB; batas "
                          f"{MAX_FILE_BYTES // 2**20} MiB).",
                          f"The file is too large ({size // 2**20} MiB; the limit is "
                          f"{MAX_FILE_BYTES // 2**20} MiB)."),
                Msg("Hapus lembar yang tidak diperlukan (gambar, data lain) lalu simpan ulang.",
                    "Remove sheets that are not needed (pictures, other data) and save again."))
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith(_OLE):
        _check_ole(path)
    if not head.startswith(_ZIP):
        _refuse(path, _what_is_it(head), _SAVE_AS)
    _check_zip(path)


def _refuse(path: Path, problem: Msg, fix: Msg) -> None:
    raise InputError([InputProblem(None, None, None, path.name, problem, fix)])


def _what_is_it(head: bytes) -> Msg:
    if head.startswith(b"%PDF"):
        return Msg("Berkas ini PDF, bukan buku kerja Excel.",
                   "This is a PDF, not an Excel workbook.")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<html", b"<!doctype html", b"<?xml", b"<table")):
        return Msg("Berkas ini HTML/XML (mis. ekspor \"Excel\" dari aplikasi web), bukan .xlsx.",
                   "This is an HTML/XML file (e.g. an \"Excel\" export from a web app), "
                   "not an .xlsx.")
    if _looks_like_text(head):
        return Msg("Berkas ini teks atau CSV yang diberi nama .xlsx, bukan buku kerja Excel.",
                   "This is a text or CSV file named .xlsx, not an Excel workbook.")
    return Msg("Berkas ini bukan buku kerja Excel (.xlsx).",
               "This file is not an Excel workbook (.xlsx).")


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("latin-1")
    printable = sum(c.isprintable() or c in "\r\n\t" for c in text)
    return printable >= 0.95 * len(text)


def _check_ole(path: Path) -> None:
    """An OLE container is either an encrypted OOXML workbook or an old binary workbook."""
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            window = tail + chunk
            if any(name in window for name in _ENCRYPTED_STREAMS):
                _refuse(path, Msg("Buku kerja dilindungi kata sandi (terenkripsi).",
                                  "The workbook is password-protected (encrypted)."),
                        Msg("Buka di Excel dengan kata sandinya, hapus kata sandi (File → Info → "
                            "Protect Workbook → Encrypt with Password → kosongkan), simpan, "
                            "lalu coba lagi.",
                            "Open it in Excel with its password, remove the password (File → "
                            "Info → Protect Workbook → Encrypt with Password → clear it), save, "
                            "and try again."))
            tail = window[-64:]
    _refuse(path, Msg("Berkas ini buku kerja Excel lama (.xls, Excel 97–2003).",
                      "This is an old Excel workbook (.xls, Excel 97–2003)."), _SAVE_AS)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_directory(path, infos)
            total = 0
            for info in infos:
                if info.filename.lower().endswith(_XML_SUFFIXES):
                    total = _scan_part(path, zf, info, total)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError,
            NotImplementedError, RuntimeError) as exc:
        # RuntimeError/NotImplementedError: encrypted or exotic members zipfile cannot read.
        _refuse(path, Msg(f"Berkas .xlsx rusak ({_reason(exc)}).",
                          f"The .xlsx file is corrupt ({_reason(exc)})."),
                Msg("Buka di Excel (Excel menawarkan perbaikan) lalu simpan ulang, atau ambil "
                    "salinan yang utuh.",
                    "Open it in Excel (it offers to repair it) and save again, or use an intact "
                    "copy."))


def _reason(exc: Exception) -> str:
    return (str(exc) or type(exc).__name__)[:80]


def _check_directory(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    names = {i.filename.lower() for i in infos}
    if "xl/workbook.xml" not in names:
        if "xl/workbook.bin" in names:
            what = Msg("Berkas ini buku kerja biner Excel (.xlsb).",
                       "This is a binary Excel workbook (.xlsb).")
        elif "content.xml" in names and "mimetype" in names:
            what = Msg("Berkas ini lembar kerja OpenDocument (.ods).",
                       "This is an OpenDocument spreadsheet (.ods).")
        elif "word/document.xml" in names or "ppt/presentation.xml" in names:
            what = Msg("Berkas ini dokumen Word/PowerPoint, bukan buku kerja Excel.",
                       "This is a Word/PowerPoint document, not an Excel workbook.")
        else:
            what = Msg("Berkas zip ini bukan buku kerja Excel (.xlsx).",
                       "This zip file is not an Excel workbook (.xlsx).")
        _refuse(path, what, _SAVE_AS)
    sheet_scan.check_directory(path.name, infos)
    if len(infos) > MAX_PARTS:
        _bomb(path, Msg(f"berisi {len(infos)} bagian", f"it holds {len(infos)} parts"))
    declared = sum(i.file_size for i in infos)
    if declared > MAX_TOTAL_BYTES:
        _bomb(path, Msg(f"isinya mengembang menjadi {declared // 2**20} MiB",
                        f"its content inflates to {declared // 2**20} MiB"))
    for info in infos:
        if info.flag_bits & 0x1:
            _refuse(path, Msg("Bagian buku kerja terenkripsi.",
                              "Parts of the workbook are encrypted."), _SAVE_AS)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            _bomb(path, Msg(f"satu bagian dimampatkan {ratio:.0f}×",
                            f"one part is compressed {ratio:.0f}×"))


def _bomb(path: Path, detail: Msg) -> None:
    _refuse(path, Msg(f"Berkas ditolak sebagai bom dekompresi: {detail.id}.",
                      f"The file is refused as a decompression bomb: {detail.en}."),
            Msg("Simpan ulang data asli di Excel sebagai .xlsx baru; jika berkas ini diterima "
                "dari pihak lain, jangan dibuka.",
                "Save the original data again in Excel as a new .xlsx; if this file came from "
                "someone else, do not open it."))


def _scan_part(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, total: int) -> int:
    """Stream one XML part looking for DTD declarations; return the running byte total."""
    tail = b""
    decoder = None
    with zf.open(info) as part:
        first = True
        while chunk := part.read(CHUNK):
            total += len(chunk)
            if total > MAX_TOTAL_BYTES:
                _bomb(path, Msg(f"isinya mengembang lebih dari {MAX_TOTAL_BYTES // 2**20} MiB",
                                f"its content inflates past {MAX_TOTAL_BYTES // 2**20} MiB"))
            if first:
                first = False
                # XML may legally be UTF-16; decode so a declaration cannot hide in it.
                decoder = _utf16_decoder(chunk)
            text = (decoder.decode(chunk).encode("utf-8") if decoder else chunk).lower()
            window = tail + text
            if any(d in window for d in _DECLARATIONS):
                _refuse(path, Msg(f"Bagian {info.filename} memuat deklarasi DOCTYPE/ENTITY "
                                  "(bisa menjadi bom entitas XML).",
                                  f"Part {info.filename} holds a DOCTYPE/ENTITY declaration "
                                  "(a possible XML entity bomb)."),
                        Msg("Buku kerja dari Excel tidak pernah memuat deklarasi ini. Simpan "
                            "ulang data di Excel sebagai .xlsx baru.",
                            "Workbooks saved by Excel never hold one. Save the data again in "
                            "Excel as a new .xlsx."))
            tail = window[-16:]
    return total


def _utf16_decoder(start: bytes) -> codecs.IncrementalDecoder | None:
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return codecs.getincrementaldecoder("utf-16")(errors="replace")
    if start[:1] == b"\x00":
        return codecs.getincrementaldecoder("utf-16-be")(errors="replace")
    if start[1:2] == b"\x00":
        return codecs.getincrementaldecoder("utf-16-le")(errors="replace")
    return None
