"""``asn-scheduler compare`` and the library's ``compare`` / ``comparison_table``."""

from __future__ import annotations

import math
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner
from test_roster_workbook import sample_result
from workbooks import valid_sheets, write_workbook

from asn_scheduler.cli import main
from asn_scheduler.compare import compare, comparison_table, solve_scenarios
from asn_scheduler.excel.reader import read_workbook

FAST = ["--time-limit", "5", "--workers", "1"]


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def problem(tmp_path_factory):
    src = write_workbook(tmp_path_factory.mktemp("cmp") / "pemkot.xlsx", valid_sheets())
    return read_workbook(src).problem


def test_figures_from_a_hand_built_report():
    res = sample_result()
    table = comparison_table({"a": res}, dates_from="period")
    row = table.loc["a"]
    # sample: unit ADM has 4 active, 1 WFH on each of the 5 weekdays → 5 / 20
    assert row["wfh_share[administrasi_pemerintahan]"] == pytest.approx(0.25)
    # LOK is a unit of the problem but the report has no day for it: share 0, not missing
    assert row["wfh_share[layanan_langsung]"] == 0.0
    # Gedung A: 4 in the office every day, 10 seats
    assert (row["peak_wfo[Gedung A]"], row["capacity[Gedung A]"]) == (4, 10)
    assert row["peak_share[Gedung A]"] == pytest.approx(0.4)
    assert row["status"] == "OPTIMAL" and row["hard_violations"] == 0
    assert row["commute_km_avoided"] == 120.0 and row["dates_from"] == "period"
    assert math.isnan(row["preferences_share"])  # nobody had a preferred day


def test_library_compare_and_its_results(problem):
    table = compare(problem, ["permenpanrb-4-2025", "se-17-2023"], time_limit=5, workers=1)
    assert list(table.index) == ["permenpanrb-4-2025", "se-17-2023"]
    assert (table["status"] == "OPTIMAL").all()
    assert (table["hard_violations"] == 0).all()
    # S1: the direct-service unit never works from home, under either circular
    assert (table["wfh_share[layanan_langsung]"] == 0).all()
    # SE 17/2023 applies only in DKI Jakarta; this agency is in Jawa Barat → office work
    assert table.loc["se-17-2023", "wfh_share[dukungan_pimpinan]"] == 0
    assert table.loc["permenpanrb-4-2025", "wfh_share[dukungan_pimpinan]"] > 0
    assert (table["start"] == date(2026, 3, 2)).all()  # sheet Periode for both
    assert (table["dates_from"] == "period").all()
    results = solve_scenarios(problem, ["se-17-2023", "se-17-2023"], time_limit=5, workers=1)
    assert list(results) == ["se-17-2023", "se-17-2023#2"]
    assert results["se-17-2023"].roster == results["se-17-2023#2"].roster


def test_cli_compare_prints_and_writes(tmp_path):
    src = write_workbook(tmp_path / "pemkot.xlsx", valid_sheets())
    out = tmp_path / "banding.xlsx"
    result = run("compare", src, "-s", "permenpanrb-4-2025", "-s", "se-17-2023",
                 "--start", "2026-03-02", "--end", "2026-03-06", "-o", out, *FAST)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Skenario", "permenpanrb-4-2025", "se-17-2023"]
    assert lines[2].split() == ["Tanggal", "pertama", "2", "Mar", "2026", "2", "Mar", "2026"]
    assert any(line.split()[:2] == ["Status", "solver"] and line.split()[2:] == ["OPTIMAL"] * 2
               for line in lines)
    assert lines[-1] == f"Perbandingan ditulis ke {out}"
    # one progress line per scenario on stderr
    assert [x.split(":")[0] for x in result.stderr.splitlines()] == ["permenpanrb-4-2025",
                                                                      "se-17-2023"]
    ws = openpyxl.load_workbook(out)["Perbandingan"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = next(r for r in rows if r[0] == "Skenario")
    assert head[1:3] == ["permenpanrb-4-2025", "se-17-2023"]
    labels = [r[0] for r in rows]
    assert "Porsi WFH: Dukungan Pimpinan" in labels and "Kapasitas: Gedung Utama" in labels
    assert rows[labels.index("Kapasitas: Gedung Utama")][1:3] == [120, 120]


def test_each_scenario_its_own_dates_is_noted(tmp_path):
    sheets = valid_sheets()
    del sheets["Periode"]
    src = write_workbook(tmp_path / "pemkot.xlsx", sheets)
    result = run("compare", src, "-s", "se-1-2024", "-s", "se-17-2023", "--lang", "en", *FAST)
    assert result.exit_code == 0, result.output
    first = next(line for line in result.stdout.splitlines() if line.startswith("First date"))
    assert first.split()[2:] == ["16", "Apr", "2024", "28", "Aug", "2023"]  # each circular's window
    assert "each scenario uses its own dates" in result.stdout


def test_a_scenario_without_dates_is_a_usage_error(tmp_path):
    sheets = valid_sheets()
    del sheets["Periode"]
    src = write_workbook(tmp_path / "pemkot.xlsx", sheets)
    result = run("compare", src, "-s", "se-1-2024", "-s", "permenpanrb-4-2025", *FAST)
    assert result.exit_code == 2 and "--start" in result.output
