"""Adversarial text never reaches an output as markup, a formula or broken XML.

Names, unit names, building names, holiday descriptions and scenario texts are made of
xlsxwriter's rich-string markup, formula-looking text, characters XML forbids and bidi
overrides; every workbook the tool writes from them (roster, check report, comparison,
re-plan, issues workbook, generated input, template) must have every XML part well-formed
and no ``<f>`` formula element or rich run anywhere.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from workbooks import valid_sheets

from asn_scheduler.cli import main
from asn_scheduler.domain.problems import InputProblem
from asn_scheduler.excel.issues import write_issues_workbook
from asn_scheduler.excel.xlsx_safe import new_workbook, safe_sheet_name
from asn_scheduler.i18n import Msg
from asn_scheduler.safety_text import REPLACEMENT, is_safe, safe_cell_text, safe_text

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
FAST = ["--time-limit", "5", "--workers", "1"]
RICH = "<r><t>Hendra</t></r><f>1+1</f><r><t>x</t></r>"
EVIL_TEXTS = [RICH, "<r><t>Setda</t></r>", "=HYPERLINK(\"http://evil\",\"klik\")", "@SUM(A1)",
              "+1+1", "-2+3", "a\ufffeb\uffffc", "c\x01d\x1fe\x00", "x\u202eabc\u2066",
              "lone \ud800 surrogate", "_x0001_ &amp; <b>", "\tTab", "http://evil.example"]


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def offences(path: Path) -> list[str]:
    """Every XML part of ``path`` that is not well-formed or holds ``<f>`` or a rich run."""
    bad = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.endswith((".xml", ".rels", ".vml")):
                continue
            try:
                root = ET.fromstring(z.read(name))
            except ET.ParseError as exc:
                bad.append(f"{name}: not well-formed ({exc})")
                continue
            if any(True for _ in root.iter(NS + "f")):
                bad.append(f"{name}: <f>")
            for tag in ("is", "si"):
                if any(el.find(NS + "r") is not None for el in root.iter(NS + tag)):
                    bad.append(f"{name}: rich text")
    return bad


def texts(path: Path) -> str:
    """All text of the workbook's XML parts (to check a value arrived, escaped)."""
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                       if n.endswith(".xml"))


# --- the function itself ---------------------------------------------------------------


@pytest.mark.parametrize("text", EVIL_TEXTS)
def test_safe_text_is_xml_legal_and_never_rich_markup(text):
    out = safe_text(text)
    ET.fromstring(f"<a>{out.replace('&', '&amp;').replace('<', '&lt;')}</a>")  # XML-legal
    assert not (out.startswith("<r>") and out.endswith("</r>"))
    assert safe_text(out) == out  # idempotent


def test_safe_text_keeps_plain_text_and_marks_what_it_replaces():
    plain = "Siti Rahmawati, S.Kom. — Dinas (Kependudukan) & Catatan Sipil"
    assert safe_text(plain) is plain and is_safe(plain)
    assert safe_text("a\x01b") == f"a{REPLACEMENT}b"
    assert safe_text("line\nnext\ttab\r") == "line\nnext\ttab\r"
    assert safe_text("x\u202eabc") == f"x{REPLACEMENT}abc"
    assert safe_text(RICH) == " " + RICH


def test_safe_cell_text_guards_formula_leads_but_not_numbers():
    assert safe_cell_text("=1+1") == "'=1+1"
    assert safe_cell_text("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell_text("\uff1d1+1") == "'\uff1d1+1"
    assert safe_cell_text("-3") == "-3" and safe_cell_text("-") == "-"
    assert safe_cell_text("Budi") == "Budi"


def test_safe_workbook_writes_every_text_route_safely(tmp_path):
    out = tmp_path / "w.xlsx"
    wb = new_workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet(RICH + "[x]")
    for j, t in enumerate(EVIL_TEXTS):
        ws.write_string(0, j, t)
        ws.write(1, j, t)
    ws.write_row(2, 0, EVIL_TEXTS)
    ws.write_comment(3, 0, "a\ufffe" + RICH, {"author": "\x01"})
    ws.set_header("&L" + RICH + "\ufffe")
    ws.data_validation(4, 0, 5, 0, {"validate": "list", "source": ["WFO", "a\x01"],
                                    "input_message": "x\ufffe"})
    wb.set_properties({"title": "t\uffff", "subject": RICH})
    wb.close()
    assert offences(out) == []
    assert "HYPERLINK" in texts(out)  # written, as text
    with pytest.raises(NotImplementedError):
        new_workbook(tmp_path / "r.xlsx").add_worksheet().write_rich_string(0, 0, "a", "b")


def test_sheet_names_are_made_legal():
    assert safe_sheet_name("a[b]:c*?/\\d") == "a_b__c____d"
    assert safe_sheet_name("'" + "x" * 40) == "x" * 31
    assert safe_sheet_name("") == "Sheet"


# --- every writer, end to end ------------------------------------------------------------


def _hostile_input(path: Path) -> Path:
    """The small valid agency with hostile names, units, building and holiday texts. The
    workbook is saved by openpyxl (which escapes XML), text cells stay text; control
    characters arrive as Excel's own ``_xHHHH_`` escapes, which readers decode."""
    s = valid_sheets()
    s["Pegawai"][1][1] = RICH
    s["Pegawai"][2][1] = "Siti_x0001__x001F_\u202e"
    s["Pegawai"][3][1] = "=HYPERLINK(\"http://evil\",\"klik\")"
    s["Unit"][1][1] = "<r><t>Setda</t></r>"
    s["Libur"][1][2] = "<r><t>HUT</t></r>_x0002_"
    for sheet, row, col in (("Gedung", 1, 0), ("Unit", 1, 5), ("Unit", 2, 5)):
        s[sheet][row][col] = "<r><t>G</t></r>"
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in s.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for cells in ws.iter_rows():
            for c in cells:
                if isinstance(c.value, str) and c.value.startswith("="):
                    c.data_type = "s"  # text, not a formula
    wb.save(path)
    return path


HOSTILE_SCENARIO = '''
extends = "permenpanrb-4-2025"
id = "<r><t>evil</t></r>"
title = "=cmd|' /C calc'!A0 \\u0001 <r><t>t</t></r>"
title_en = "x"
basis = "<r><t>basis</t></r>"
description = "@SUM(1) \\uFFFE"
'''


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("hostile")
    src = _hostile_input(d / "in.xlsx")
    scen = d / "evil.toml"
    scen.write_text(HOSTILE_SCENARIO, encoding="utf-8")
    out = {k: d / f"{k}.xlsx" for k in ("roster", "check", "compare", "replan", "scen",
                                         "generate", "template")}
    dates = ["--start", "2026-03-02", "--end", "2026-03-13"]
    steps = [
        ("solve", src, "-s", "se-17-2023", *dates, "-o", out["roster"], *FAST),
        ("check", src, out["roster"], "-s", "se-17-2023", "-o", out["check"]),
        ("compare", src, "-s", "se-17-2023", "-s", "permenpanrb-4-2025", *dates,
         "-o", out["compare"], *FAST),
        ("replan", src, out["roster"], "-s", "se-17-2023", "--from", "2026-03-09",
         "-o", out["replan"], *FAST),
        ("template", out["template"]),
        ("generate", "--staff", "40", "--region", "DKI Jakarta", "-o", out["generate"]),
    ]
    # region names are validated now: hostile ones are refused before anything is written
    for bad in (RICH, "=1+1\x01"):
        refused = run("generate", "--staff", "40", "--region", bad, "-o", d / "bad.xlsx")
        assert refused.exit_code == 2 and not (d / "bad.xlsx").exists(), refused.output
    for args in steps:
        result = run(*args)
        assert result.exit_code in (0, 1), (args[0], result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            (args[0], result.exception)
    scen_run = run("solve", src, "-s", scen, *dates, "-o", out["scen"], *FAST)
    out["_scen_output"] = scen_run.output  # type: ignore[assignment]
    out["scen_compare"] = d / "scen_compare.xlsx"
    run("compare", src, "-s", scen, "-s", "se-17-2023", *dates, "-o", out["scen_compare"],
        *FAST)
    return out


@pytest.mark.parametrize("kind", ["roster", "check", "compare", "replan", "generate",
                                  "template"])
def test_every_output_is_well_formed_without_formulas(outputs, kind):
    path = outputs[kind]
    assert path.exists()
    assert offences(path) == []


def test_hostile_names_arrive_as_text(outputs):
    text = texts(outputs["roster"])
    assert "&lt;r&gt;&lt;t&gt;Hendra" in text  # the name, escaped, not markup
    assert "HYPERLINK" in text and "\ufffd" in text  # kept as text; bidi override marked


def test_scenario_texts_are_made_safe(outputs):
    assert outputs["scen"].exists(), outputs["_scen_output"]
    assert offences(outputs["scen"]) == []
    assert outputs["scen_compare"].exists()
    assert offences(outputs["scen_compare"]) == []


def test_issues_workbook_values_and_headers_are_safe(tmp_path):
    problems = [InputProblem(RICH, 2, "=1+1\ufffe", t, Msg(t, t), Msg(RICH, RICH))
                for t in EVIL_TEXTS]
    out = tmp_path / "issues.xlsx"
    write_issues_workbook(problems, out)
    assert offences(out) == []


def test_terminal_output_never_carries_control_characters(tmp_path):
    from asn_scheduler.safety_text import terminal_text

    assert terminal_text("a\x1b[31mred\x9b\nx\ty") == "a\ufffd[31mred\ufffd\ufffdx\ufffdy"
    s = valid_sheets()
    s["Pegawai"][2][2] = "SETDA_x001B_[2J_x001B_]0;pwned_x0007_"  # Excel's escapes → ESC, BEL
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in s.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(tmp_path / "esc.xlsx")
    result = run("validate", tmp_path / "esc.xlsx")
    assert result.exit_code == 1
    assert "[2J" in result.output  # the value is shown…
    assert "\x1b" not in result.output and "\x07" not in result.output  # …defused


def test_text_read_from_a_workbook_carries_no_control_characters():
    from asn_scheduler.domain.parsing import text_of

    assert text_of("Budi\x1b[31m Santoso\x9b") == "Budi\ufffd[31m Santoso\ufffd"
    assert text_of("  Siti   Rahmawati ") == "Siti Rahmawati"
    plain = "Dinas Kependudukan & Catatan Sipil"
    assert text_of(plain) == plain
