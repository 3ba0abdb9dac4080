"""``--json`` on solve, check and batch: one JSON document on stdout and nothing else,
valid against the schemas that docs/JSON.md prints, also when the run fails."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from workbooks import set_cell, valid_sheets, write_workbook

from asn_scheduler.cli import main
from asn_scheduler.report_json import dumps
from asn_scheduler.report_schema import SCHEMAS, schema_json

jsonschema = pytest.importorskip("jsonschema")

SCENARIO = "permenpanrb-4-2025"
FAST = ["--time-limit", "5", "--workers", "1"]
DOC = Path(__file__).resolve().parents[1] / "docs" / "JSON.md"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def valid(kind: str, stdout: str) -> dict:
    data = json.loads(stdout)   # fails on anything but one JSON document
    jsonschema.validate(data, SCHEMAS[kind])
    assert data["kind"] == kind and data["schema_version"] == 1
    return data


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("json")
    src = write_workbook(folder / "pemkot.xlsx", valid_sheets())
    out = folder / "jadwal.xlsx"
    return src, out, run("solve", src, "-s", SCENARIO, "-o", out, "--json", *FAST)


def test_docs_print_the_schemas_the_code_checks():
    block = re.search(r"```json schema\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert block, "docs/JSON.md must hold the schemas in a ```json schema block"
    assert json.loads(block.group(1)) == json.loads(schema_json())
    for kind, schema in SCHEMAS.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert f"`{kind}`" in DOC.read_text(encoding="utf-8")


def test_solve_json(solved):
    _src, out, result = solved
    assert result.exit_code == 0, result.stderr
    data = valid("solve", result.stdout)
    assert data["ok"] and data["status"] in ("OPTIMAL", "FEASIBLE") and data["exit_code"] == 0
    assert data["output"] == str(out) and out.is_file()
    assert data["staff"] == 3 and data["period"] == {"start": "2026-03-02",
                                                     "end": "2026-03-13", "days": 12}
    assert data["hard_violations"] == 0 and data["scenario"]["id"] == SCENARIO
    assert set(data["wfh_share"]) == {"dukungan_pimpinan", "layanan_langsung"}
    assert [s["goal"] for s in data["stages"]][:2] == ["Q0", "Q1"]
    assert "Jadwal ditulis ke" in result.stderr   # the human summary moved to stderr


def test_solve_json_without_a_roster(tmp_path):
    sheets = valid_sheets()
    sheets["Gedung"][1][1] = 0   # no seats: infeasible (B1 against L1 and S1)
    src = write_workbook(tmp_path / "sempit.xlsx", sheets)
    result = run("solve", src, "-s", SCENARIO, "-o", tmp_path / "j.xlsx", "--json", *FAST)
    assert result.exit_code == 1
    data = valid("solve", result.stdout)
    assert data["status"] == "INFEASIBLE" and not data["ok"] and data["output"] is None
    assert any("B1" in c["rules"] for c in data["conflicts"])


def test_solve_json_with_an_input_problem(tmp_path):
    src = write_workbook(tmp_path / "rusak.xlsx",
                         set_cell(valid_sheets(), "Pegawai", 3, "NIP", "12345"))
    result = run("solve", src, "-s", SCENARIO, "-o", tmp_path / "j.xlsx", "--json", *FAST)
    assert result.exit_code == 1
    data = valid("solve", result.stdout)
    assert data["status"] == "INPUT_ERROR" and data["exit_code"] == 1
    assert {"sheet": "Pegawai", "row": 3, "column": "NIP"}.items() <= data["problems"][0].items()
    assert "masalah" in result.stderr   # the table for people, as without --json


def test_check_json_compliant_and_not(solved, tmp_path):
    src, roster, _ = solved
    result = run("check", src, roster, "-s", SCENARIO, "--json")
    assert result.exit_code == 0, result.stderr
    data = valid("check", result.stdout)
    assert data["status"] == "COMPLIANT" and data["hard_violations"] == 0
    assert data["staff"] == 3 and data["dates"] == 12 and set(data["rule_counts"]) >= {"S2"}

    wb = openpyxl.load_workbook(roster)
    wb["Jadwal"]["G4"] = "WFH"   # Budi works a direct service: S1
    wb.save(tmp_path / "manual.xlsx")
    result = run("check", src, tmp_path / "manual.xlsx", "-s", SCENARIO, "--json")
    assert result.exit_code == 1
    data = valid("check", result.stdout)
    assert data["status"] == "NOT_COMPLIANT" and data["rule_counts"]["S1"] >= 1
    assert {"rule": "S1", "day": "2026-03-05"}.items() <= next(
        v for v in data["violations"] if v["rule"] == "S1").items()


def test_dumps_writes_unknown_figures_as_null():
    assert json.loads(dumps({"a": float("nan"), "b": [float("inf"), 1.5]})) == {
        "a": None, "b": [None, 1.5]}
