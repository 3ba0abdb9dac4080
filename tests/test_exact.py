"""Exact infeasibility: the smallest number of seats that works, proven, not a lower bound;
fixes a planner can act on (never the regulation); and the best-effort roster."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from worlds import WEEK, office, person, world

from asn_scheduler.domain import Building, PositionLevel
from asn_scheduler.engine import Status, solve
from asn_scheduler.engine.exact import fix_for
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.scenario import load_scenario

FLEX = load_scenario("permenpanrb-4-2025")


def agency(seats: int, counter: int = 0):
    """One admin unit in one building, one week (Mon–Fri, no holiday): a head (JPT
    Pratama) and an Administrator, both always WFO (L1), and 10 staff who may each WFH at
    most 2 days a week (F1) and at most floor(50% × 12) = 6 a day (S2).

    So the week has at most 10 × 2 = 20 WFH days, at best 4 a day: the office holds at
    least 12 − 4 = 8 on its fullest day. A precheck counting one day at a time sees only
    12 − 6 = 6; the exact answer is 8.

    With ``counter`` > 0, that many staff hold role ``loket`` and all of them must be in the
    office every day (Minimal Peran Hadir ``loket=counter``)."""
    unit = office("ADM", building="Balai",
                  **({"role_minimums": {"loket": counter}} if counter else {}))
    staff = [person(0, "ADM", level=PositionLevel.JPT_PRATAMA),
             person(1, "ADM", level=PositionLevel.ADMINISTRATOR),
             *[person(k, "ADM", roles=("loket",) if k < 2 + counter else ())
               for k in range(2, 12)]]
    return world(staff, [unit], buildings=[Building("Balai", seats)], period=WEEK)


@pytest.mark.parametrize("seats", [5, 7])
def test_the_smallest_capacity_that_works_is_named_exactly(seats):
    res = solve(agency(seats), FLEX, time_limit=10, workers=1)
    assert res.status is Status.INFEASIBLE and res.roster is None
    fixes = " ".join(c.fix.id for c in res.conflicts)
    assert f"perlu paling sedikit 8 kursi per hari (kini {seats}; tambah {8 - seats})" in fixes
    assert "dengan 7 tidak ada" in fixes


def test_the_named_number_really_is_the_threshold():
    assert solve(agency(8), FLEX, time_limit=10, workers=1).status.has_roster
    assert not solve(agency(7), FLEX, time_limit=10, workers=1).status.has_roster


def test_the_regulation_is_never_offered_as_a_fix():
    res = solve(agency(5), FLEX, time_limit=10, workers=1)
    text = " ".join(c.fix.id + " " + c.fix.en for c in res.conflicts)
    assert "fleksibel per minggu" not in text and "flexible days per week" not in text
    assert "batas WFH skenario" not in text and "scenario's WFH cap" not in text
    # S2 here is the scenario's own 50% (the unit sets no Batas WFH): not a planner fix
    assert "Batas WFH (%)" not in text
    # nothing unrelated: no discipline or TMT column for a conflict that has neither
    assert "Hukuman Disiplin" not in text and "TMT Jabatan" not in text


def test_fix_order_is_data_first_then_agency_settings_and_never_the_regulation():
    text = fix_for(["S2", "F1", "B1", "L1"]).id
    assert text.index("Kapasitas") < text.index("Jenis Jabatan") < text.index("Batas WFH")
    assert "tidak ada yang dapat diubah" in fix_for(["F1", "E1"]).id


def test_best_effort_gives_the_roster_that_breaks_the_fewest():
    res = solve(agency(5), FLEX, time_limit=10, workers=1, best_effort=True)
    assert res.status is Status.INFEASIBLE and res.best_effort
    assert res.roster is not None and res.report is not None
    broken = {v.rule for v in res.report.hard_violations}
    assert broken == {"B1"}  # every other hard rule holds
    # the least excess: the fullest day holds 8 (3 over 5), and the week 20 WFH days
    over = [v.amount for v in res.report.hard_violations]
    assert max(over) == 3
    assert res.report.quality.wfh_days == 20


def test_best_effort_is_off_by_default():
    assert solve(agency(5), FLEX, time_limit=10, workers=1).roster is None


def test_cli_best_effort_writes_the_flagged_roster_and_exits_1(tmp_path):
    from click.testing import CliRunner
    from workbooks import valid_sheets, write_workbook

    from asn_scheduler.cli import main

    sheets = valid_sheets()
    # the head (L1) and the counter (S1) need two seats every day, and Siti may WFH at most
    # 2 days a week (F1): on the other days she needs a third seat
    sheets["Gedung"][1][1] = 1
    src = write_workbook(tmp_path / "sempit.xlsx", sheets)
    out = tmp_path / "jadwal.xlsx"
    args = ["solve", str(src), "-s", "permenpanrb-4-2025", "-o", str(out),
            "--time-limit", "5", "--workers", "1"]
    plain = CliRunner().invoke(main, args)
    assert plain.exit_code == 1 and not out.exists()  # off by default: nothing written
    result = CliRunner().invoke(main, [*args, "--best-effort"])
    assert result.exit_code == 1
    assert "JADWAL UPAYA TERBAIK" in result.stdout
    flat = " ".join(result.output.split())  # paragraphs are wrapped to the terminal
    assert f"Jadwal upaya terbaik ditulis ke {out}" in flat
    assert "perlu paling sedikit 3 kursi per hari (kini 1; tambah 2)" in flat
    wb = openpyxl.load_workbook(out)
    jadwal = wb["Jadwal"]
    codes = {c.value for row in jadwal.iter_rows(min_row=2, min_col=4) for c in row}
    assert codes <= {"WFO", "WFH", "LIBUR", "CUTI", "DL", "DIKLAT"}  # machine codes unchanged
    notes = [c.comment.text for row in jadwal.iter_rows() for c in row if c.comment
             and c.comment.text.startswith("Melanggar B1")]
    assert notes and all("kapasitas gedung 1" in n for n in notes)
    verdict = {r[0]: r[3] for r in wb["Kepatuhan"].iter_rows(values_only=True) if r and r[0]}
    assert verdict["B1"] == "GAGAL" and verdict["S1"] == "LULUS"


def test_role_minimums_get_their_exact_cut():
    # 3 counter staff always in: 7 others × 2 days = 14 WFH days a week, so the fullest day
    # has 2 WFH and 10 in the office. With 9 seats: either 10 seats, or one counter holder
    # fewer (3 → 2: 16 WFH days, 3 on every day, 9 in the office).
    res = solve(agency(9, counter=3), FLEX, time_limit=10, workers=1)
    assert res.status is Status.INFEASIBLE
    fixes = " ".join(" ".join(c.fix.id.split()) for c in res.conflicts)
    assert "perlu paling sedikit 10 kursi per hari (kini 9; tambah 1)" in fixes
    assert "turunkan Minimal Peran Hadir 'loket' unit ADM dari 3 menjadi 2" in fixes
    assert "angka terkecil yang cukup" in fixes


def test_best_effort_is_deterministic():
    a = solve(agency(5), FLEX, time_limit=10, workers=1, best_effort=True, seed=3)
    b = solve(agency(5), FLEX, time_limit=10, workers=1, best_effort=True, seed=3)
    assert (a.roster.codes == b.roster.codes).all()
    assert [c.fix for c in a.conflicts] == [c.fix for c in b.conflicts]


@pytest.mark.slow
def test_the_sample_agency_gets_the_exact_seat_count_that_trial_and_error_would_find(tmp_path):
    # the case at scale: the 335-staff sample with one building cut to 12 seats. A
    # day-by-day count says at least 20 must be in the office; the exact answer is 26, and
    # 25 really is not enough
    sample = Path(__file__).resolve().parents[1] / "data" / "contoh-pemkot.xlsx"

    def with_seats(n: int):
        wb = openpyxl.load_workbook(sample)
        for row in wb["Gedung"].iter_rows(min_row=2):
            if row[0].value == "Balai Kota Blok G":
                row[1].value = n
        wb.save(tmp_path / f"g{n}.xlsx")
        return read_workbook(tmp_path / f"g{n}.xlsx").problem

    days = {"start": date(2026, 3, 2), "end": date(2026, 3, 13), "time_limit": 20, "workers": 1}
    res = solve(with_seats(12), FLEX, **days)
    fixes = " ".join(c.fix.id for c in res.conflicts if c.building == "Balai Kota Blok G")
    assert "perlu paling sedikit 26 kursi per hari (kini 12; tambah 14)" in fixes
    assert not solve(with_seats(25), FLEX, **days).status.has_roster
    assert solve(with_seats(26), FLEX, **days).status.has_roster
