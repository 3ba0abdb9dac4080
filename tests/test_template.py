"""The blank template is generated from the schema: exact headers, dropdowns equal to the
enum choices, text and date formats, instructions, and it round-trips through the reader
once filled in."""

from __future__ import annotations

import re

import openpyxl
import pytest
from click.testing import CliRunner

from asn_scheduler.cli import main
from asn_scheduler.domain.regions import province_names, region_choices, resolve
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.excel.template import MAX_LIST_CHARS, dropdown, lookup, write_template
from asn_scheduler.scenario.overrides import known_keys
from asn_scheduler.schema import INSTRUCTIONS_SHEET, REGIONS_SHEET, SHEETS, Kind
from tests.workbooks import valid_sheets


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("tpl") / "templat.xlsx"
    write_template(path)
    return path


@pytest.fixture(scope="module")
def book(template):
    return openpyxl.load_workbook(template)


def test_one_sheet_per_spec_with_the_exact_headers(book):
    assert book.sheetnames == [INSTRUCTIONS_SHEET, *(s.name for s in SHEETS), REGIONS_SHEET]
    for spec in SHEETS:
        ws = book[spec.name]
        assert [c.value for c in ws[1]] == [c.header for c in spec.columns]
        assert ws.freeze_panes == "A2"


def _letter(i: int) -> str:
    return openpyxl.utils.get_column_letter(i + 1)


def test_dropdowns_are_the_enum_choices_and_yes_no(book):
    for spec in SHEETS:
        ws = book[spec.name]
        lists = {str(dv.sqref).split(":")[0]: dv.formula1.strip('"').split(",")
                 for dv in ws.data_validations.dataValidation}
        expected = {}
        for i, col in enumerate(spec.columns):
            if col.kind is Kind.ENUM:
                expected[f"{_letter(i)}2"] = col.enum.choices()
            elif col.kind is Kind.YESNO:
                expected[f"{_letter(i)}2"] = ["Ya", "Tidak"]
            elif col.key == "region":  # too many names for an inline list: a range
                n = len(region_choices()) + 1
                expected[f"{_letter(i)}2"] = [f"'{REGIONS_SHEET}'!$A$2:$A${n}"]
            elif lookup(spec, col) is not None:  # a range of another sheet (next test)
                expected[f"{_letter(i)}2"] = [lookup(spec, col).lstrip("=")]
        assert lists == expected, spec.name


def test_the_region_list_holds_every_province_and_each_name_resolves(book):
    names = [r[0] for r in book[REGIONS_SHEET].iter_rows(min_row=2, values_only=True)]
    assert set(province_names()) <= set(names)
    assert all(resolve(n) for n in names)


def test_the_settings_sheet_lists_every_key(book):
    keys = [r[0] for r in book["Pengaturan"].iter_rows(min_row=2, values_only=True)]
    assert keys[:2] == ["Nama Instansi", "Tempat"] and "office_days" in keys
    assert {k.key for k in known_keys() if "<" not in k.key} <= set(keys)


def test_dropdown_lists_fit_excels_limit():
    for spec in SHEETS:
        for col in spec.columns:
            values = dropdown(col)
            if values is not None:
                assert len(",".join(values)) <= MAX_LIST_CHARS


def _column_format(ws, i: int) -> str:
    # Adjacent columns with one format are stored as one <col min= max=> range.
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= i + 1 <= dim.max:
            return dim.number_format
    return "General"


def test_nip_columns_are_text_and_date_columns_show_day_first(book):
    for spec in SHEETS:
        ws = book[spec.name]
        for i, col in enumerate(spec.columns):
            fmt = _column_format(ws, i)
            if col.kind is Kind.NIP:
                assert fmt == "@", (spec.name, col.header)
            if col.kind is Kind.DATE:
                assert fmt == "dd/mm/yyyy", (spec.name, col.header)


def test_required_headers_look_different_from_optional_ones(book):
    for spec in SHEETS:
        ws = book[spec.name]
        fills = {col.required: ws.cell(1, i + 1).fill.fgColor.rgb
                 for i, col in enumerate(spec.columns)}
        if len(fills) == 2:
            assert fills[True] != fills[False]
        for i in range(len(spec.columns)):
            assert ws.cell(1, i + 1).font.b


def test_instructions_cover_every_sheet_and_column(book):
    rows = list(book[INSTRUCTIONS_SHEET].iter_rows(values_only=True))
    described = {(r[0], r[1]) for r in rows if r[0]}
    for spec in SHEETS:
        for col in spec.columns:
            assert (spec.name, col.header) in described
    helps = {r[4] for r in rows}
    assert all(col.help.id in helps for spec in SHEETS for col in spec.columns)


def test_english_instructions(tmp_path):
    path = tmp_path / "en.xlsx"
    write_template(path, lang="en")
    ws = openpyxl.load_workbook(path)[INSTRUCTIONS_SHEET]
    assert ws["A1"].value.startswith("How to fill in")
    helps = {r[4] for r in ws.iter_rows(values_only=True)}
    assert SHEETS[0].columns[0].help.en in helps
    # Headers stay the contract's Indonesian names in every language.
    assert openpyxl.load_workbook(path)["Pegawai"]["A1"].value == "NIP"


def test_filled_template_validates(tmp_path, template):
    # Fill the template with openpyxl, as a planner's other tools would, and read it back.
    wb = openpyxl.load_workbook(template)
    for name, rows in valid_sheets().items():
        ws = wb[name]
        headers = [c.value for c in ws[1]]
        for r, row in enumerate(rows[1:], start=2):
            for header, value in zip(rows[0], row, strict=False):
                ws.cell(r, headers.index(header) + 1, value)
    filled = tmp_path / "terisi.xlsx"
    wb.save(filled)
    result = read_workbook(filled)
    assert len(result.problem.employees) == 3 and len(result.problem.units) == 2
    assert result.warnings == []  # the Petunjuk sheet is not an "extra sheet"


def test_template_command_writes_and_keeps_existing_files(tmp_path):
    out = tmp_path / "baru.xlsx"
    runner = CliRunner()
    first = runner.invoke(main, ["template", str(out)])
    assert first.exit_code == 0 and out.exists()
    again = runner.invoke(main, ["template", str(out), "--lang", "en"])
    assert again.exit_code == 1 and "--force" in again.output
    forced = runner.invoke(main, ["template", str(out), "--force"])
    assert forced.exit_code == 0


def test_template_into_a_missing_folder_fails_cleanly(tmp_path):
    result = CliRunner().invoke(main, ["template", str(tmp_path / "tidak" / "ada.xlsx")])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_lookup_dropdowns_offer_the_other_sheets_and_the_hidden_lists(book):
    """Kode Unit comes from sheet Unit, Gedung from sheet Gedung, Wilayah from the region
    list sheet; weekday columns from a list kept in hidden columns of Petunjuk that the
    reader accepts."""
    from asn_scheduler.domain.parsing import Invalid, parse_weekdays
    from asn_scheduler.excel.template import WEEKDAY_CHOICES

    def lists(name):
        return {str(dv.sqref).split(":")[0]: dv.formula1
                for dv in book[name].data_validations.dataValidation}

    pegawai = [c.value for c in book["Pegawai"][1]]
    unit = [c.value for c in book["Unit"][1]]
    libur = [c.value for c in book["Libur"][1]]
    unit_ref = f"'Unit'!$A$2:$A${5001}"
    assert lists("Pegawai")[f"{_letter(pegawai.index('Kode Unit'))}2"] == unit_ref
    if "Kode Unit" in libur:  # an override for one unit, where the schema has the column
        assert lists("Libur")[f"{_letter(libur.index('Kode Unit'))}2"] == unit_ref
    assert lists("Unit")[f"{_letter(unit.index('Gedung'))}2"] == "'Gedung'!$A$2:$A$5001"
    region = lists("Unit")[f"{_letter(unit.index('Wilayah'))}2"]
    days = lists("Unit")[f"{_letter(unit.index('Hari Operasional'))}2"]
    assert lists("Pegawai")[f"{_letter(pegawai.index('Hari WFH Pilihan'))}2"] == days
    guide = book[INSTRUCTIONS_SHEET]

    def cells(ref):
        col = re.match(r"'Petunjuk'!\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)", ref)
        rng = guide[f"{col[1]}2:{col[1]}{col[2]}"]
        idx = openpyxl.utils.column_index_from_string(col[1])
        assert any(d.hidden and d.min <= idx <= d.max for d in guide.column_dimensions.values())
        return [r[0].value for r in rng]

    assert region == f"'{REGIONS_SHEET}'!$A$2:$A${len(region_choices()) + 1}"
    names = [r[0].value for r in book[REGIONS_SHEET].iter_rows(min_row=2)]
    assert names == list(region_choices()) and set(province_names()) <= set(names)
    assert all(resolve(n) is not None for n in names)  # every offered name is accepted
    assert cells(days) == list(WEEKDAY_CHOICES)
    assert not any(isinstance(parse_weekdays(v), Invalid) for v in WEEKDAY_CHOICES)


def test_every_sheet_prints_landscape_one_page_wide(book):
    for name in book.sheetnames:
        ws = book[name]
        assert ws.page_setup.orientation == "landscape", name
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    # the hidden dropdown lists (columns J, K) are not printed
    assert "$A$1:$G$" in str(book[INSTRUCTIONS_SHEET].print_area)
