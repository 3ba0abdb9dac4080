"""Zip an xlsxwriter workbook's parts with their compression run in threads.

At 65,000 staff the roster workbook's parts hold 220 MB of XML, and xlsxwriter deflates
them one after another while it zips them: 2.1 of the write's 5 s of CPU, in one core.
zlib gives up the interpreter lock while it compresses, so :func:`store_workbook`
deflates every part in a small thread pool as soon as the parts are on disk, and the zip
file is then written in xlsxwriter's order with those bytes: on two free cores the
biggest part (the ``Jadwal`` sheet, half the XML) sets the time, not the sum.

The file is the same either way, byte for byte: the same compressor (zlib's default level,
raw deflate, as :mod:`zipfile` makes it) gives the same stream however its input is cut
into pieces, and :mod:`zipfile` writes the headers, CRC and sizes as ever
(``tests/test_xlsx_zip.py`` compares both ways).

:func:`store_workbook` is xlsxwriter 3.3's ``Workbook._store_workbook`` with the deflating
moved; :func:`supported` says whether this xlsxwriter is one it was checked against
(:data:`~asn_scheduler.excel.row_stream.CHECKED_VERSIONS`), else the workbook zips itself.
It also reaches into :mod:`zipfile` (a write handle's ``_compressor``), stable since 3.6.
"""

from __future__ import annotations

import os
import time
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from asn_scheduler.excel import row_stream

WORKERS = 2
"""Compressing threads: the machines this runs on have two cores or more."""

_CHUNK = 2**20


def supported(wb: Any) -> bool:
    """Whether :func:`store_workbook` may zip ``wb``: a checked xlsxwriter version, parts
    written to disk (not ``in_memory``), the internals it calls present."""
    lo, hi = row_stream.CHECKED_VERSIONS
    return (lo <= row_stream._version() < hi and not getattr(wb, "in_memory", True)
            and all(hasattr(wb, a) for a in (*_WORKBOOK_STEPS, "_get_packager")))


_WORKBOOK_STEPS = ("_prepare_sst_string_data", "_prepare_vml", "_prepare_defined_names",
                   "_prepare_drawings", "_add_chart_data", "_prepare_tables",
                   "_prepare_metadata")


def deflate(path: str) -> bytes:
    """The raw deflate stream :mod:`zipfile` writes for the file at ``path``."""
    c = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    out = []
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            out.append(c.compress(chunk))
    out.append(c.flush())
    return b"".join(out)


class _Deflated:
    """A compressor whose output is already made: zipfile feeds it the part (for the CRC
    and sizes) and gets the ready stream at the end."""

    def __init__(self, data: bytes):
        self._data = data

    def compress(self, data: bytes) -> bytes:
        return b""

    def flush(self) -> bytes:
        return self._data


class _PrecompressedZip(ZipFile):
    """A zip file whose members named in ``ready`` take their deflate stream from it."""

    def __init__(self, *args: Any, ready: dict[str, Future[bytes]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._ready = ready

    def _open_to_write(self, zinfo: ZipInfo, force_zip64: bool = False) -> Any:
        handle = super()._open_to_write(zinfo, force_zip64)
        done = self._ready.pop(zinfo.filename, None)
        if done is not None and zinfo.compress_type == ZIP_DEFLATED and \
                zinfo._compresslevel is None:
            handle._compressor = _Deflated(done.result())
        return handle


def store_workbook(wb: Any) -> None:
    """Zip ``wb`` (an xlsxwriter ``Workbook`` that :func:`supported` accepts) as its
    ``_store_workbook`` does, the parts deflated in :data:`WORKERS` threads."""
    packager = wb._get_packager()
    if not wb.worksheets():
        wb.add_worksheet()
    if wb.worksheet_meta.activesheet == 0:
        wb.worksheets_objs[0].selected = 1
        wb.worksheets_objs[0].hidden = 0
    for sheet in wb.worksheets():
        if sheet.index == wb.worksheet_meta.activesheet:
            sheet.active = 1
    if wb.vba_project:
        for sheet in wb.worksheets():
            if sheet.vba_codename is None:
                sheet.set_vba_name()
    for step in _WORKBOOK_STEPS:
        getattr(wb, step)()
    packager._add_workbook(wb)
    packager._set_tmpdir(wb.tmpdir)
    packager._set_in_memory(wb.in_memory)
    xml_files = packager._create_package()
    packager = None

    with ThreadPoolExecutor(WORKERS, thread_name_prefix="xlsx-zip") as pool:
        ready = {xml_filename: pool.submit(deflate, os_filename)
                 for os_filename, xml_filename, _ in xml_files}
        try:
            with _PrecompressedZip(wb.filename, "w", compression=ZIP_DEFLATED,
                                   allowZip64=wb.allow_zip64, ready=ready) as xlsx_file:
                # sub-file timestamp 31/1/1980, as xlsxwriter sets it (portability)
                timestamp = time.mktime((1980, 1, 31, 0, 0, 0, 0, 0, -1))
                for os_filename, xml_filename, _ in xml_files:
                    os.utime(os_filename, (timestamp, timestamp))
                    xlsx_file.write(os_filename, xml_filename)
                    os.remove(os_filename)
        except BaseException:
            for f in ready.values():
                f.cancel()
            for f in ready.values():  # no thread holds a part open once we remove them
                if not f.cancelled():
                    f.exception()
            for os_filename, _, _ in xml_files:
                if os.path.exists(os_filename):
                    os.remove(os_filename)
            raise
