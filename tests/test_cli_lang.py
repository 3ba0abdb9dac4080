"""Bahasa Indonesia throughout by default, English with ``--lang en`` or the environment
variable: click's own usage errors, statuses, figures and dates."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from workbooks import valid_sheets, write_workbook

from asn_scheduler import fmt
from asn_scheduler.cli import main
from asn_scheduler.cli.click_lang import ENV_VAR, sniff
from asn_scheduler.engine.result import Status


def run(*args: object, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def test_clicks_own_usage_error_speaks_indonesian_by_default(tmp_path):
    src = write_workbook(tmp_path / "in.xlsx", valid_sheets())
    result = run("solve", src, "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 2
    assert "Galat: Opsi wajib belum diberikan: '-s' / '--scenario'." in result.output
    assert "Cara pakai: main solve" in result.output  # CliRunner names the program "main"
    assert "Error:" not in result.output and "Missing option" not in result.output


@pytest.mark.parametrize("how", ["flag", "env"])
def test_english_with_lang_en_or_the_environment(tmp_path, how):
    src = write_workbook(tmp_path / "in.xlsx", valid_sheets())
    args = ["solve", src, "-o", tmp_path / "out.xlsx"]
    result = (run(*args, "--lang", "en") if how == "flag"
              else run(*args, env={ENV_VAR: "en"}))
    assert "Error: Missing option '-s' / '--scenario'." in result.output
    # and back to Indonesian on the next run in the same process
    assert "Galat:" in run(*args).output


def test_an_unknown_option_and_a_bad_choice_in_indonesian():
    out = run("solve", "--bogus").output
    assert "Tidak ada opsi" in out
    assert "bukan salah satu dari" in run("solve", "x.xlsx", "--lang", "fr").output


def test_help_headings_in_indonesian():
    out = run("solve", "--help").output
    assert "Tampilkan bantuan ini lalu keluar." in out and "bawaan: A4" in out


def test_sniff_reads_the_command_line_before_click_does(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert sniff(["solve", "--lang", "en"]) == "en"
    assert sniff(["solve", "--lang=en"]) == "en"
    assert sniff(["solve"]) == "id"
    monkeypatch.setenv(ENV_VAR, "en")
    assert sniff(["solve"]) == "en" and sniff(["solve", "--lang", "id"]) == "id"


def test_statuses_are_words():
    assert Status.FEASIBLE.label("id").startswith("LAYAK")
    assert Status.INFEASIBLE.label("id").startswith("TIDAK MUNGKIN")
    assert Status.INFEASIBLE.label("en").startswith("INFEASIBLE")
    assert Status.OPTIMAL.value == "OPTIMAL"  # the machine-readable value is unchanged


@pytest.mark.parametrize(("value", "digits", "id_", "en"), [
    (25323.4, 0, "25.323", "25,323"),
    (4.1, 1, "4,1", "4.1"),
    (float("nan"), 1, "-", "-"),
])
def test_numbers_in_each_language(value, digits, id_, en):
    assert fmt.number(value, "id", digits) == id_ and fmt.number(value, "en", digits) == en


def test_percent_and_dates():
    from datetime import date

    assert fmt.percent(0.489, "id") == "48,9%" and fmt.percent(0.489, "en") == "48.9%"
    assert fmt.day_range(date(2023, 8, 28), date(2023, 9, 7), "id") == "28 Agu–7 Sep 2023"
    assert fmt.day_range(date(2026, 3, 2), date(2026, 3, 8), "en") == "2–8 Mar 2026"
    assert fmt.week(date(2026, 3, 9), "id") == "9–15 Mar 2026"
    assert fmt.runs([date(2026, 3, d) for d in (2, 3, 4, 9)], "id") == "2–4 Mar 2026, 9 Mar 2026"


@pytest.mark.parametrize("args", [
    ["template", "rencana.csv"],
    ["generate", "--staff", "20", "-o", "contoh.csv"],
    ["validate", "in.xlsx", "--issues-out", "masalah.csv"],
])
def test_no_command_writes_an_xlsx_under_another_name(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    write_workbook(tmp_path / "in.xlsx", valid_sheets())
    result = run(*args)
    assert result.exit_code == 2 and "harus berakhiran .xlsx" in result.output
    assert not any(p.suffix == ".csv" for p in tmp_path.iterdir())
