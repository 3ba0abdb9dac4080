"""The adversarial corpus: workbooks and scenario files an attacker (or an unlucky export)
makes. Each ends in a clear refusal or a valid problem: never a crash, a traceback, an
abort in the spreadsheet library, or gigabytes of memory."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl.comments import Comment
from workbooks import NIP_HEAD, NIP_SITI, set_cell, valid_sheets, write_workbook

from asn_scheduler.cli import main
from asn_scheduler.domain.problems import InputError
from asn_scheduler.excel import sheet_scan
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.scenario.loader import ScenarioError, load_scenario


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def problems_of(path: Path) -> list:
    with pytest.raises(InputError) as err:
        read_workbook(path)
    return err.value.problems


def errors_of(path: Path) -> list:
    return [p for p in problems_of(path) if p.severity == "error"]


# --- raw xlsx, for what no spreadsheet program writes -----------------------------------

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
       'package/2006/content-types"><Default Extension="rels" ContentType="application/'
       'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
       '"application/xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
         'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>')
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def raw_workbook(path: Path, sheets: dict[str, str], shared: str | None = None) -> Path:
    """An xlsx whose sheets hold exactly the given ``<sheetData>`` XML."""
    book = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>'
                   for i, n in enumerate(sheets, 1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_R}/worksheet" '
                   f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{_MAIN}" xmlns:r="{_R}"><sheets>'
                                      f"{book}</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   f'relationships">{rels}</Relationships>')
        for i, data in enumerate(sheets.values(), 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml",
                       f'<worksheet xmlns="{_MAIN}"><sheetData>{data}</sheetData></worksheet>')
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
    return path


def _text(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


FAR_CELL = f'<row r="1">{_text("A1", "NIP")}</row><row r="1048576">{_text("XFD1048576", "x")}</row>'


# --- the one bounded way of reading a sheet ---------------------------------------------


def test_a_value_in_the_last_cell_is_refused_in_seconds_under_1_gib(tmp_path):
    """In a child process limited to 1 GiB of address space: unguarded, calamine aborts."""
    path = raw_workbook(tmp_path / "far.xlsx", {"Pegawai": FAR_CELL, "Unit": _text("A1", "x")})
    script = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (2**30 + 2**29, 2**30 + 2**29))
        from asn_scheduler.excel.reader import read_workbook
        from asn_scheduler.domain.problems import InputError
        try:
            read_workbook({str(path)!r})
        except InputError as e:
            print(e.problems[0].value, e.problems[0].problem.en)
            print("peak", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """)
    t0 = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert time.monotonic() - t0 < 20
    first, peak = done.stdout.splitlines()
    assert first.startswith("XFD1048576 The sheet is too large")
    assert int(peak.split()[1]) < 1024 * 1024  # KiB: under 1 GiB resident


def test_stray_values_far_down_or_right_are_refused_with_the_cell(tmp_path):
    for corner, row, col in (("L400000", 400_000, 1), ("BXX4", 2, 2000)):
        s = valid_sheets()
        path = write_workbook(tmp_path / f"{corner}.xlsx", s)
        from openpyxl import load_workbook

        wb = load_workbook(path)
        wb["Pegawai"].cell(row=row, column=col, value="stray")
        wb.save(path)
        (p,) = errors_of(path)
        # the corner of the rectangle a reader would build
        assert p.sheet == "Pegawai" and p.value == corner and "too large" in p.problem.en
        assert "Ctrl+End" in p.fix.en


def test_a_note_or_an_empty_styled_cell_in_the_last_cell_is_harmless(tmp_path):
    path = write_workbook(tmp_path / "note.xlsx", valid_sheets())
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["Pegawai"]["XFD1048576"].comment = Comment("catatan", "planner")
    wb.save(path)
    assert len(read_workbook(path).problem.employees) == 3


def test_cells_without_positions_are_measured_exactly(tmp_path):
    row = "".join(f'<c t="inlineStr"><is><t>v{i}</t></is></c>' for i in range(1500))
    path = raw_workbook(tmp_path / "wide.xlsx", {"Pegawai": f"<row>{row}</row>"})
    with pytest.raises(InputError) as err:
        sheet_scan.scan_workbook(path)
    assert err.value.problems[0].value == "AMK1"  # the first column past 1,024
    row = "".join(f'<c t="inlineStr"><is><t>v{i}</t></is></c>' for i in range(30))
    facts = sheet_scan.scan_workbook(raw_workbook(tmp_path / "ok.xlsx", {"S": f"<row>{row}</row>"}))
    assert (facts["S"].rows, facts["S"].cols) == (1, 30)


def test_oversized_shared_strings_and_cell_texts_are_refused(tmp_path, monkeypatch):
    long = _text("B2", "x" * (200 * 1024))  # past Excel's own 32,767 characters
    path = raw_workbook(tmp_path / "long.xlsx", {"Pegawai": f'<row r="2">{long}</row>'})
    (p,) = errors_of(path)
    assert "KiB of text" in p.problem.en
    shared = (f'<sst xmlns="{_MAIN}"><si><t>' + "y" * (300 * 1024) + "</t></si></sst>")
    path = raw_workbook(tmp_path / "sst.xlsx", {"Pegawai": '<c r="A1" t="s"><v>0</v></c>'},
                        shared=shared)
    (p,) = errors_of(path)
    assert "KiB of text" in p.problem.en
    monkeypatch.setattr(sheet_scan, "MAX_SHARED_STRINGS_BYTES", 500)
    shared = f'<sst xmlns="{_MAIN}">' + "<si><t>nama</t></si>" * 100 + "</sst>"
    path = raw_workbook(tmp_path / "many.xlsx", {"Pegawai": '<c r="A1" t="s"><v>0</v></c>'},
                        shared=shared)
    (p,) = errors_of(path)
    assert "shared text table is too large" in p.problem.en


def test_the_scan_of_a_large_sheet_costs_less_than_reading_it(tmp_path):
    from python_calamine import CalamineWorkbook
    from workbooks import write_big_workbook

    path = write_big_workbook(tmp_path / "big.xlsx", 10_000)
    t0 = time.perf_counter()
    facts = sheet_scan.scan_workbook(path)
    t1 = time.perf_counter()
    CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Pegawai").to_python()
    t2 = time.perf_counter()
    assert facts["Pegawai"].rows == 10_001 and facts["Pegawai"].marks == {}
    assert t1 - t0 < 2.5 * (t2 - t1) + 0.2


# --- error values and formulas are never "empty" ----------------------------------------


def test_error_cells_and_formulas_without_value_are_reported_as_such(tmp_path):
    s = valid_sheets()
    set_cell(s, "Gedung", 2, "Kapasitas", "#REF!")          # a required number
    set_cell(s, "Unit", 2, "Batas WFH (%)", "#DIV/0!")      # an optional number
    set_cell(s, "Pegawai", 3, "NIP", f'="{NIP_SITI}"')       # a formula never calculated
    path = write_workbook(tmp_path / "errors.xlsx", s)
    errs = {(p.sheet, p.column): p for p in errors_of(path)}
    assert errs["Gedung", "Kapasitas"].value == "#REF!"
    assert "Excel error #REF!" in errs["Gedung", "Kapasitas"].problem.en
    assert errs["Unit", "Batas WFH (%)"].value == "#DIV/0!"
    assert "formula saved without its value" in errs["Pegawai", "NIP"].problem.en
    assert not any("empty" in p.problem.en for p in errs.values())


def test_a_formula_with_its_saved_value_is_read_normally(tmp_path):
    s = valid_sheets()
    path = write_workbook(tmp_path / "f.xlsx", s)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    gedung = next(n for n in parts if n.startswith("xl/worksheets/") and b">120<" in parts[n])
    parts[gedung] = parts[gedung].replace(b'<c r="B2" t="n"><v>120</v></c>',
                                          b'<c r="B2"><f>100+20</f><v>120</v></c>')
    assert b"<f>100+20</f>" in parts[gedung]
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert read_workbook(path).problem.buildings[0].capacity == 120


# --- numbers, periods and sizes -----------------------------------------------------------


@pytest.mark.parametrize("sheet,header,value", [
    ("Gedung", "Kapasitas", 1e20), ("Pegawai", "Jarak Rumah (km)", 1e308),
    ("Gedung", "Kapasitas", "99999999999999999999999"), ("Unit", "Batas WFH (%)", 1e300)])
def test_numbers_out_of_range_are_input_problems(tmp_path, sheet, header, value):
    s = valid_sheets()
    set_cell(s, sheet, 2, header, value)
    (p,) = errors_of(write_workbook(tmp_path / "n.xlsx", s))
    assert (p.sheet, p.column) == (sheet, header)


def test_a_period_longer_than_a_year_is_refused(tmp_path):
    s = valid_sheets()
    set_cell(s, "Periode", 2, "Selesai", "13/03/2030")
    (p,) = errors_of(write_workbook(tmp_path / "p.xlsx", s))
    assert "too long" in p.problem.en
    src = write_workbook(tmp_path / "ok.xlsx", valid_sheets())
    t0 = time.monotonic()
    result = run("solve", src, "-s", "permenpanrb-4-2025", "--start", "2000-01-01",
                 "--end", "2099-12-31", "-o", tmp_path / "o.xlsx", "--lang", "en")
    assert result.exit_code == 2 and "36525 days" in result.output
    assert time.monotonic() - t0 < 10


def test_generate_refuses_absurd_sizes_at_once(tmp_path):
    t0 = time.monotonic()
    result = run("generate", "--staff", 50_000_000, "-o", tmp_path / "g.xlsx", "--lang", "en")
    assert result.exit_code == 2 and "at most 200,000" in result.output
    result = run("generate", "--staff", 100, "--start", "2000-01-01", "--end", "2099-01-01",
                 "-o", tmp_path / "g.xlsx")
    assert result.exit_code == 2
    assert time.monotonic() - t0 < 5 and not (tmp_path / "g.xlsx").exists()


# --- what copy-paste and exports bring ---------------------------------------------------


def test_invisible_characters_in_nips_and_headers_are_dropped(tmp_path):
    s = valid_sheets()
    s["Pegawai"][0][0] = "\ufeffNIP"                          # BOM from a CSV export
    s["Pegawai"][1][0] = "\u200f" + NIP_HEAD + "\u200b"      # RTL mark, zero-width space
    s["Unit"][0][0] = "Kode \u200bUnit"
    problem = read_workbook(write_workbook(tmp_path / "bom.xlsx", s)).problem
    assert problem.employees[0].nip == NIP_HEAD


def test_merged_hidden_and_extra_sheets_end_in_problems_not_crashes(tmp_path):
    path = write_workbook(tmp_path / "m.xlsx", valid_sheets())
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["Pegawai"].merge_cells("C2:C4")  # one unit code for three rows, Excel-style
    wb["Libur"].sheet_state = "hidden"
    wb.create_sheet("pegawai ")  # a second sheet that normalises to Pegawai
    wb.save(path)
    problems = problems_of(path)
    assert any(p.column == "Kode Unit" and p.row == 3 for p in problems)
    assert any("Duplicate sheet" in p.problem.en for p in problems)


@pytest.mark.parametrize("content", [b"NIP;Nama\n1;x\n", b"\xef\xbb\xbfNIP,Nama\n",
                                     b"PK\x03\x04garbage", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)])
def test_files_that_are_not_xlsx_are_refused_by_the_cli_without_traceback(tmp_path, content):
    path = tmp_path / "in.xlsx"
    path.write_bytes(content)
    result = run("validate", path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- scenario files -------------------------------------------------------------------------

_SCENARIO_HEAD = 'id = "x"\ntitle = "t"\nbasis = "b"\nbaseline = "permenpanrb-4-2025"\n'


@pytest.mark.parametrize("body", [
    "[goals]\nmax_consecutive_wfh = 99999999999999999999999\n",
    "[goals]\nmax_consecutive_wfh = nan\n",
    "[goals]\nmax_consecutive_wfh = inf\n",
    "[policy]\nsenior_levels_wfo = -99999999999\n",
    "x = " + "[" * 5000 + "]" * 5000 + "\n",
    "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
    'window = "not a table"\n',
    "[window]\nranges = [[1, 2, 3]]\n",
    "x = [" + "1," * 20000 + "]\n",
    'x = "' + "y" * 20000 + '"\n',
])
def test_hostile_scenario_files_are_scenario_errors(tmp_path, body):
    path = tmp_path / "s.toml"
    path.write_text(_SCENARIO_HEAD + body, encoding="utf-8")
    with pytest.raises(ScenarioError):
        load_scenario(path)


def test_a_huge_scenario_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "big.toml"
    with path.open("w") as fh:
        fh.write(_SCENARIO_HEAD)
        fh.write("# " + "x" * (4 * 2**20) + "\n")
    with pytest.raises(ScenarioError, match="KiB"):
        load_scenario(path)


def test_cli_reports_a_hostile_scenario_without_traceback(tmp_path):
    src = write_workbook(tmp_path / "in.xlsx", valid_sheets())
    path = tmp_path / "s.toml"
    path.write_text(_SCENARIO_HEAD + "x = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    result = run("solve", src, "-s", path, "-o", tmp_path / "o.xlsx")
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.parametrize("option,value", [("--seed", "99999999999999999999999"),
                                          ("--time-limit", "nan"), ("--time-limit", "inf"),
                                          ("--time-limit", "1e308")])
def test_absurd_solver_options_are_usage_errors(tmp_path, option, value):
    src = write_workbook(tmp_path / "in.xlsx", valid_sheets())
    result = run("solve", src, "-s", "permenpanrb-4-2025", "-o", tmp_path / "o.xlsx",
                 option, value)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and not (tmp_path / "o.xlsx").exists()


def test_the_pool_never_forks_more_than_its_cap(monkeypatch):
    from asn_scheduler.engine import Settings, parallel

    sizes = []

    class Pool:
        def __init__(self, max_workers, **kwargs):
            sizes.append(max_workers)
            raise RuntimeError("stop here")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Pool)
    settings = Settings()
    data = type("D", (), {"n_decisions": settings.pool_min_cells})()
    with pytest.raises(RuntimeError):
        parallel.run_parts([data] * 500, [1.0] * 500, settings, workers=100_000)
    assert sizes == [parallel.MAX_POOL]


def test_sheets_are_measured_however_the_workbook_points_at_them(tmp_path):
    path = raw_workbook(tmp_path / "abs.xlsx", {"Pegawai": FAR_CELL})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b'Target="worksheets/sheet1.xml"', b'Target="/xl/worksheets/sheet1.xml"')
    parts["xl/worksheets/sheet9.xml"] = parts["xl/worksheets/sheet1.xml"]  # an orphan part
    for variant in ("abs", "orphan"):
        with zipfile.ZipFile(tmp_path / f"{variant}.xlsx", "w") as z:
            for n, data in parts.items():
                if variant == "orphan" and n == "xl/worksheets/sheet1.xml":
                    data = data.replace(b"XFD1048576", b"B2").replace(b"1048576", b"2")
                z.writestr(n, data)
        with pytest.raises(InputError) as err:
            sheet_scan.scan_workbook(tmp_path / f"{variant}.xlsx")
        assert "XFD1048576" in err.value.problems[0].value
