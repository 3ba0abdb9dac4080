"""Scope warnings (rule E1): a scenario that leaves out the roster's dates or units says
so, and what applies there instead, in solve, compare, check and the library."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner
from workbooks import valid_sheets, write_workbook

from asn_scheduler.cli import main
from asn_scheduler.compare import scenario_notes, solve_scenarios
from asn_scheduler.engine.context import resolve_dates
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.scenario import load_scenario
from asn_scheduler.scope import scope_notes

FAST = ["--time-limit", "5", "--workers", "1"]


def run(*args: object):
    # tables and paragraphs wrap to the terminal: fix its width
    return CliRunner().invoke(main, [str(a) for a in args], env={"COLUMNS": "120"})


def problem_of(tmp_path, sheets=None):
    return read_workbook(write_workbook(tmp_path / "in.xlsx", sheets or valid_sheets())).problem


def test_a_circular_outside_its_dates_and_region_says_the_baseline_applies(tmp_path):
    # the sample is in Jawa Barat with a Periode of March 2026; SE 17/2023 covers only DKI
    # Jakarta, 28 Aug–7 Sep 2023
    problem = problem_of(tmp_path)
    sc = load_scenario("se-17-2023")
    notes = scope_notes(problem, sc, resolve_dates(problem, sc), "period")
    assert [n.kind for n in notes] == ["none_apply", "period_sheet"]
    text = notes[0].text("id")
    assert "tidak berlaku" in text and "28 Agu–7 Sep 2023" in text and "2–13 Mar 2026" in text
    assert "DKI Jakarta" in text and "Jawa Barat" in text
    assert "kerja normal di kantor" in text  # what applies instead
    assert "lembar Periode" in notes[1].text("id") and "--start/--end" in notes[1].text("id")
    assert "normal office work" in notes[0].text("en")


def test_some_dates_and_some_units_outside_are_each_named(tmp_path):
    sheets = valid_sheets()
    sheets["Unit"][1][4] = "DKI Jakarta"  # SETDA in scope, DUKCAPIL (Jawa Barat) not
    problem = problem_of(tmp_path, sheets)
    sc = load_scenario("se-17-2023")
    days = resolve_dates(problem, sc, date(2023, 8, 28), date(2023, 9, 10))
    notes = scope_notes(problem, sc, days, "start/end")
    assert [n.kind for n in notes] == ["dates", "units"]
    assert notes[0].days == (date(2023, 9, 8), date(2023, 9, 9), date(2023, 9, 10))
    assert "3 dari 14 tanggal" in notes[0].text("id") and "8–10 Sep 2023" in notes[0].text("id")
    assert notes[1].units == ("DUKCAPIL",)
    assert "1 dari 2 unit" in notes[1].text("id")


def test_a_scenario_with_a_flexible_baseline_names_it(tmp_path):
    problem = problem_of(tmp_path)
    sc = load_scenario("se-2-2026")
    days = resolve_dates(problem, sc, date(2026, 3, 16), date(2026, 3, 20))
    (note,) = scope_notes(problem, sc, days, "start/end")
    assert note.kind == "dates" and note.days == (date(2026, 3, 18), date(2026, 3, 19),
                                                  date(2026, 3, 20))
    assert "permenpanrb-4-2025" in note.text("id")


@pytest.mark.parametrize("sid", ["permenpanrb-4-2025", "se-19-2020"])
def test_nothing_to_say_when_the_scenario_covers_everything(tmp_path, sid):
    problem = problem_of(tmp_path)
    sc = load_scenario(sid)
    days = resolve_dates(problem, sc, *(sc.default_period.start, sc.default_period.end)
                         if sid == "se-19-2020" else (None, None))
    assert scope_notes(problem, sc, days, "start/end") == []


def test_solve_and_check_warn_and_the_result_carries_it(tmp_path):
    src = write_workbook(tmp_path / "in.xlsx", valid_sheets())
    out = tmp_path / "jadwal.xlsx"
    result = run("solve", src, "-s", "se-17-2023", "-o", out, *FAST)
    assert result.exit_code == 0, result.output
    warned = [ln for ln in result.stdout.splitlines() if ln.startswith("PERINGATAN: ")]
    assert len(warned) == 2 and "tidak berlaku untuk jadwal ini" in warned[0]
    # the roster workbook's run information carries the same warning
    info = [c for row in openpyxl.load_workbook(out)["Info Run"].iter_rows(values_only=True)
            for c in row if isinstance(c, str)]
    assert any("tidak berlaku untuk jadwal ini" in c for c in info)
    checked = run("check", src, out, "-s", "se-17-2023", "--lang", "en")
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.startswith("WARNING: Scenario se-17-2023 does not apply")


def test_compare_gives_each_scenario_its_reach_and_its_reason_for_no_roster(tmp_path):
    sheets = valid_sheets()
    sheets["Gedung"][1][1] = 0  # no seats: no roster under any scenario with WFO staff
    src = write_workbook(tmp_path / "in.xlsx", sheets)
    out = tmp_path / "banding.xlsx"
    result = run("compare", src, "-s", "se-17-2023", "-s", "permenpanrb-4-2025", "-o", out,
                 *FAST)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "se-17-2023: Skenario se-17-2023 tidak berlaku" in text
    # one paragraph per note (wrapped to the terminal), blank lines between them
    notes = [" ".join(p.split()) for p in text.split("\n\n")]
    reasons = [p for p in notes if "tidak ada jadwal (TIDAK MUNGKIN" in p]
    # outside SE 17/2023's window every day is an ordinary office day: no roster can empty
    # a seat then, so the over-full building is reported and the roster written (issue 15);
    # under PermenPANRB the seats bind and there is no roster
    assert [r.split(":")[0] for r in reasons] == ["permenpanrb-4-2025"]
    assert all("[" in r and "B1" in r for r in reasons)  # the conflict's rules named
    cells = [c for row in openpyxl.load_workbook(out)["Perbandingan"].iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    assert sum("tidak ada jadwal" in c for c in cells) == 1


def test_the_library_notes_match_the_terminal(tmp_path):
    problem = problem_of(tmp_path)
    results = solve_scenarios(problem, ["se-17-2023"], time_limit=5, workers=1)
    notes = scenario_notes(results)
    assert notes and notes[0].id.startswith("se-17-2023: Skenario se-17-2023 tidak berlaku")
