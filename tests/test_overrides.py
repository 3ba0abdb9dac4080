"""Parameters without editing TOML (issue 16, point 5): ``--set KEY=VALUE`` and sheet
``Pengaturan`` (point 6), validated with did-you-mean, applied in order (the command line
wins), part of the scenario hash, shown in the summary and the Info Run sheet; and
``check`` audits a roster made that way."""

from __future__ import annotations

import dataclasses

import openpyxl
import pytest
from click.testing import CliRunner
from workbooks import valid_sheets, write_workbook

from asn_scheduler.cli import main
from asn_scheduler.domain.problems import InputError
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.scenario import Policy, ScenarioError, load_scenario
from asn_scheduler.scenario.loader import _generic
from asn_scheduler.scenario.model import Override
from asn_scheduler.scenario.overrides import OverrideKeyError, check_key, known_keys, parse_set
from asn_scheduler.scenario.run import scenario_for_run

CAP = "wfh_cap_pct.administrasi_pemerintahan"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_every_policy_field_is_a_key_so_a_new_field_is_settable_at_once():
    keys = {k.key for k in known_keys()}
    fields = {f.name for f in dataclasses.fields(Policy)} - {"wfo_max"}
    assert fields <= keys
    # a field the loader has no case for is coerced by its annotation
    assert _generic("senior_levels", "JPT Pratama; Administrator", "frozenset[str]") == \
        frozenset({"JPT Pratama", "Administrator"})
    assert _generic("holiday_duty", True, "bool") is True
    with pytest.raises(ValueError, match="whole number"):
        _generic("n", "x", "int")


@pytest.mark.parametrize(("text", "hint"), [
    ("ofice_days=Senin", "office_days"),
    ("max_flex_day_per_week=1", "max_flex_days_per_week"),
    ("wfh_cap_pct.admin=30", "wfh_cap_pct.administrasi_pemerintahan"),
])
def test_an_unknown_key_is_refused_with_the_closest_keys(text, hint):
    with pytest.raises(OverrideKeyError) as err:
        parse_set(text)
    assert hint in err.value.msg.id and hint in err.value.msg.en


def test_keys_are_normalised_and_the_region_part_kept():
    assert check_key(" Office-Days ") == "office_days"
    assert check_key("wfo_max.levels.Kota Bandung") == "wfo_max.levels.Kota Bandung"
    assert check_key("Baseline.max_flex_days_per_week") == "baseline.max_flex_days_per_week"
    with pytest.raises(OverrideKeyError, match="KEY=VALUE"):
        parse_set("office_days")


def test_overrides_change_the_policy_and_the_hash_and_are_recorded():
    base = load_scenario("permenpanrb-4-2025")
    sets = [Override(CAP, "30"), Override("max_flex_days_per_week", "1"),
            Override("office_days", "Senin")]
    sc = load_scenario("permenpanrb-4-2025", sets)
    assert sc.policy.max_flex_days_per_week == 1 and sc.policy.office_days == {"Senin"}
    assert {c.value: v for c, v in sc.policy.wfh_cap_pct.items()} == {
        "administrasi_pemerintahan": 30.0, "dukungan_pimpinan": 50.0}
    assert sc.overrides == tuple(sets)
    assert sc.hash != base.hash
    assert load_scenario("permenpanrb-4-2025", sets).hash == sc.hash          # deterministic
    assert sc.to_dict()["overrides"][CAP] == "30"
    same = load_scenario("permenpanrb-4-2025",
                         [dataclasses.replace(o, source="Pengaturan") for o in sets])
    assert same.hash == sc.hash          # the same settings from the sheet: the same rules
    # later wins
    last = load_scenario("permenpanrb-4-2025", [*sets, Override(CAP, "20")])
    assert {c.value: v for c, v in last.policy.wfh_cap_pct.items()}[
        "administrasi_pemerintahan"] == 20.0


@pytest.mark.parametrize(("key", "value", "needle"), [
    ("max_flex_days_per_week", "dua", "whole number"),
    (CAP, "150", "0..100"),
    ("office_days", "Seninn", "Senin"),
    ("wfo_max.default_level", "3", "no PPKM/zone table"),
    ("window.regions", "Jawa Barta", "Jawa Barat"),
])
def test_a_bad_value_names_the_override_and_why(key, value, needle):
    with pytest.raises(ScenarioError) as err:
        load_scenario("permenpanrb-4-2025", [Override(key, value)])
    assert f"--set {key}={value}" in err.value.msg.id and needle in err.value.msg.en


def test_a_bad_value_from_the_sheet_is_an_input_problem_with_its_row():
    with pytest.raises(InputError) as err:
        load_scenario("permenpanrb-4-2025", [Override("office_days", "Seninn", "Pengaturan", 4)])
    (p,) = err.value.problems
    assert (p.sheet, p.row, p.column, p.value) == ("Pengaturan", 4, "Nilai", "Seninn")


def _ten_staff(tmp_path):
    """An input workbook: one administration unit of ten eligible staff, 2–13 March 2026
    (no holiday), so Mondays do carry WFH unless a rule says otherwise."""
    from worlds import admin_unit, world

    from asn_scheduler.excel.input_writer import write_input_workbook

    unit, staff = admin_unit("A", 10, region="DKI Jakarta")
    path = tmp_path / "sepuluh.xlsx"
    write_input_workbook(world(staff, [unit]), path)
    return path


def _column(path, day: str) -> list:
    ws = openpyxl.load_workbook(path, read_only=True)["Jadwal"]
    j = next(ws.iter_rows(max_row=1, values_only=True)).index(day)
    return [r[j] for r in ws.iter_rows(min_row=2, values_only=True)]


def _settings_book(tmp_path, rows, name="Pengaturan", header=("Kunci", "Nilai")):
    sheets = valid_sheets()
    sheets[name] = [list(header), *rows]
    return write_workbook(tmp_path / "p.xlsx", sheets)


def test_the_pengaturan_sheet_reads_into_problem_settings(tmp_path):
    path = _settings_book(tmp_path, [
        ["Nama Instansi", "Pemerintah Kota Contoh"], ["office_days", "Senin"],
        [CAP, 30], ["sign_nip", "198609262015051001"], ["max_flex_days_per_week", None]])
    problem = read_workbook(path).problem
    assert dict(problem.settings) == {"agency_name": "Pemerintah Kota Contoh",
                                      "office_days": "Senin", CAP: "30",
                                      "sign_nip": "198609262015051001"}
    assert problem.settings_rows["office_days"] == 3
    # English sheet and headers are accepted; no sheet gives an empty mapping
    en = _settings_book(tmp_path, [["agency_name", "Kota X"]], "Settings", ("key", "value"))
    assert dict(read_workbook(en).problem.settings) == {"agency_name": "Kota X"}
    assert dict(read_workbook(write_workbook(tmp_path / "v.xlsx", valid_sheets()))
                .problem.settings) == {}


def test_an_unknown_or_repeated_pengaturan_key_is_an_error_with_did_you_mean(tmp_path):
    path = _settings_book(tmp_path, [["ofice_days", "Senin"], ["Nama Instansi", "A"],
                                     ["agency_name", "B"]])
    with pytest.raises(InputError) as err:
        read_workbook(path)
    first, second = err.value.errors
    assert (first.sheet, first.row, first.column) == ("Pengaturan", 2, "Kunci")
    assert "office_days" in first.problem.id
    assert second.row == 4 and "agency_name" in second.problem.en


def test_the_command_line_wins_over_the_sheet_and_both_are_recorded(tmp_path):
    problem = read_workbook(_settings_book(tmp_path, [[CAP, 30], ["office_days", "Senin"]])).problem
    sc, _ = scenario_for_run("permenpanrb-4-2025", problem, [f"{CAP}=40"])
    assert {c.value: v for c, v in sc.policy.wfh_cap_pct.items()}[
        "administrasi_pemerintahan"] == 40.0
    assert [(o.key, o.source) for o in sc.overrides] == [
        (CAP, "Pengaturan"), ("office_days", "Pengaturan"), (CAP, "cli")]
    with pytest.raises(ScenarioError) as err:
        scenario_for_run("permenpanrb-4-2025", problem, ["ofice_days=Senin"])
    assert "Did you mean: office_days" in err.value.msg.en


def test_one_command_sets_a_cap_and_a_monday_office_day_and_check_audits_it(tmp_path):
    src = _ten_staff(tmp_path)
    plain = tmp_path / "biasa.xlsx"
    assert run("solve", src, "-s", "permenpanrb-4-2025", "-o", plain,
               "--time-limit", 10).exit_code == 0
    assert "WFH" in _column(plain, "2026-03-02")          # without K1, Mondays carry WFH
    out = tmp_path / "jadwal.xlsx"
    sets = ["--set", f"{CAP}=30", "--set", "office_days=Senin"]
    res = run("solve", src, "-s", "permenpanrb-4-2025", *sets, "-o", out, "--time-limit", 10)
    assert res.exit_code == 0, res.output
    assert (f"Parameter run ini: {CAP}=30 (--set); office_days=Senin (--set)"
            in res.stdout)
    wb = openpyxl.load_workbook(out, read_only=True)
    info = [r[:2] for r in wb["Info Run"].iter_rows(values_only=True) if r and r[0]]
    assert ("Parameter diatur", "office_days=Senin (--set)") in info
    wb.close()
    for monday in ("2026-03-02", "2026-03-09"):
        assert "WFH" not in _column(out, monday)
    assert _column(out, "2026-03-03").count("WFH") == 3   # 30% of 10, used in full
    ok = run("check", src, out, "-s", "permenpanrb-4-2025", *sets)
    assert ok.exit_code == 0, ok.output
    assert "--set-from-roster" not in ok.output          # same hash: no note
    # or read the parameters back from the roster's Info Run sheet
    back = run("check", src, out, "-s", "permenpanrb-4-2025", "--set-from-roster")
    assert back.exit_code == 0, back.output
    plain_check = run("check", src, out, "-s", "permenpanrb-4-2025")
    assert "office_days=Senin" in plain_check.output and "--set-from-roster" in plain_check.output
    # the roster without office days fails a check that asks for them
    bad = run("check", src, plain, "-s", "permenpanrb-4-2025", "--set", "office_days=Senin")
    assert bad.exit_code == 1 and "[K1]" in bad.output


def test_a_bad_set_is_a_usage_error_before_the_workbook_is_read(tmp_path):
    res = run("solve", tmp_path / "missing-but-checked-later.xlsx", "-s", "se-17-2023",
              "--set", "ofice_days=Senin", "-o", tmp_path / "o.xlsx")
    assert res.exit_code == 2
    src = write_workbook(tmp_path / "in.xlsx", valid_sheets())
    res = run("solve", src, "-s", "se-17-2023", "--set", "ofice_days=Senin",
              "-o", tmp_path / "o.xlsx")
    assert res.exit_code == 2 and "office_days" in res.output
    assert not (tmp_path / "o.xlsx").exists()


def test_scenarios_keys_lists_every_key_with_its_rule():
    res = run("scenarios", "keys")
    assert res.exit_code == 0
    for k in known_keys():
        assert k.key in res.output
    assert "office_days" in res.output and "K1" in res.output
    assert "baseline." in res.output


def test_a_bad_sheet_value_stops_solve_with_the_sheet_row_and_no_file(tmp_path):
    src = _settings_book(tmp_path, [["Nama Instansi", "Kota Contoh"], ["office_days", "Seninn"]])
    out = tmp_path / "o.xlsx"
    res = run("solve", src, "-s", "permenpanrb-4-2025", "-o", out)
    assert res.exit_code == 1
    assert "Pengaturan" in res.output and "Seninn" in res.output and "maksud Anda Senin" in res.output
    assert not out.exists()


def test_replan_and_compare_take_set_too(tmp_path):
    src = _ten_staff(tmp_path)
    first = tmp_path / "j.xlsx"
    assert run("solve", src, "-s", "permenpanrb-4-2025", "-o", first,
               "--time-limit", 10).exit_code == 0
    again = tmp_path / "r.xlsx"
    res = run("replan", src, first, "-s", "permenpanrb-4-2025", "--from", "2026-03-09",
              "--set", "office_days=Senin", "-o", again, "--time-limit", 10)
    assert res.exit_code == 0, res.output
    assert "office_days=Senin (--set)" in res.output
    assert "WFH" in _column(first, "2026-03-09") and "WFH" not in _column(again, "2026-03-09")
    assert _column(again, "2026-03-02") == _column(first, "2026-03-02")   # before --from
    cmp = run("compare", src, "-s", "permenpanrb-4-2025", "--set", "office_days=Senin",
              "--time-limit", 10)
    assert cmp.exit_code == 0 and "office_days=Senin (--set)" in cmp.output
