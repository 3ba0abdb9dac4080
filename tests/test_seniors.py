"""Senior officials (rule L1): the eselon mapping, levels an agency names, the rule's form
per scenario (every official, or at least one per level as SE 19/2020 reads) and the basis
the compliance sheet cites."""

from __future__ import annotations

import numpy as np
import pytest
from worlds import FORTNIGHT, office, person, world

from asn_scheduler.checker import check
from asn_scheduler.domain import Code, PositionLevel, Roster
from asn_scheduler.engine import Status, solve
from asn_scheduler.i18n import Msg
from asn_scheduler.rules.registry import rule_basis, rule_label
from asn_scheduler.scenario import Policy, Scenario, load_scenario
from asn_scheduler.scenario.model import parse_senior_levels

P = PositionLevel
WFO, WFH = int(Code.WFO), int(Code.WFH)


@pytest.mark.parametrize(("text", "level"), [
    ("Eselon I.a", P.JPT_MADYA),     # Sekjen, Dirjen: JPT Madya (regulations §7.1)
    ("I.a", P.JPT_MADYA), ("Ia", P.JPT_MADYA), ("I a", P.JPT_MADYA), ("I-a", P.JPT_MADYA),
    ("Eselon Ia", P.JPT_MADYA), ("ESELON I.A", P.JPT_MADYA), ("eselon I/a", P.JPT_MADYA),
    ("Eselon I.b", P.JPT_MADYA), ("Ib", P.JPT_MADYA), ("Eselon I", P.JPT_MADYA),
    ("Eselon 1", P.JPT_MADYA), ("Es. I.b", P.JPT_MADYA),
    ("Eselon II.a", P.JPT_PRATAMA), ("IIa", P.JPT_PRATAMA), ("II b", P.JPT_PRATAMA),
    ("Eselon II", P.JPT_PRATAMA), ("eselon 2", P.JPT_PRATAMA), ("II", P.JPT_PRATAMA),
    ("Eselon III.a", P.ADMINISTRATOR), ("IIIb", P.ADMINISTRATOR), ("Esl III", P.ADMINISTRATOR),
    ("Eselon IV.a", P.PENGAWAS), ("IVb", P.PENGAWAS), ("Eselon 4", P.PENGAWAS),
    ("Eselon V", P.PELAKSANA), ("V.a", P.PELAKSANA),
    ("JPT Utama", P.JPT_UTAMA), ("jpt madya", P.JPT_MADYA), ("Administrator", P.ADMINISTRATOR),
])
def test_every_eselon_form_maps_to_its_uu_20_2023_level(text, level):
    assert P.parse(text) is level


@pytest.mark.parametrize("text", ["1", "2a", "Eselon VI", "I.c", "Eselon", "IIII", ""])
def test_text_that_is_no_eselon_is_not_guessed(text):
    assert P.parse(text) is None


def test_named_senior_levels_parse_from_text_and_refuse_non_structural_levels():
    assert parse_senior_levels("Administrator; JPT Pratama") == (P.JPT_PRATAMA, P.ADMINISTRATOR)
    assert parse_senior_levels("Eselon II, eselon III") == (P.JPT_PRATAMA, P.ADMINISTRATOR)
    assert parse_senior_levels("") == ()
    with pytest.raises(ValueError, match="not a structural level"):
        parse_senior_levels("Fungsional")
    with pytest.raises(ValueError, match="unknown position level"):
        parse_senior_levels("Kasi")
    sc = load_scenario("permenpanrb-4-2025").with_params(senior_levels="Administrator")
    assert sc.policy.senior_levels == (P.ADMINISTRATOR,)
    with pytest.raises(ValueError, match="senior_rule"):
        Policy(senior_rule="some")


def _scenario(**policy: object) -> Scenario:
    from asn_scheduler.domain.enums import ServiceCategory as C
    policy.setdefault("wfh_cap_pct", {C.ADMINISTRASI: 100, C.DUKUNGAN_PIMPINAN: 100})
    return Scenario(id="uji", title=Msg("Uji", "Test"), basis="uji", policy=Policy(**policy))


def test_a_ministry_coded_in_eselon_terms_keeps_its_dirjen_and_directors_in():
    staff = [person(0, "A", level=P.parse("Eselon I.a")),      # Dirjen
             person(1, "A", level=P.parse("II.a")),            # Direktur
             person(2, "A", level=P.parse("Eselon II.a")),
             person(3, "A", level=P.parse("Eselon III.a")),    # Kepala Subdirektorat
             *[person(i, "A") for i in range(4, 8)]]
    p = world(staff, [office("A")])
    assert {e.position_type for e in staff[:3]} == {P.JPT_MADYA, P.JPT_PRATAMA}
    r = solve(p, _scenario(), time_limit=10)
    assert r.report.compliant
    work = [d.weekday() < 5 for d in FORTNIGHT.days()]
    assert (r.roster.codes[:3][:, work] == WFO).all()
    assert (r.roster.codes[3][work] == WFH).any()  # the Administrator is not senior here


def test_a_kecamatan_names_its_senior_level_and_the_kasi_may_work_from_home():
    # Camat and Sekcam are Administrators, the Kasi Pengawas: "the two highest present"
    # would make the Kasi senior; the agency names Administrator alone
    staff = [person(0, "KEC", level=P.ADMINISTRATOR), person(1, "KEC", level=P.ADMINISTRATOR),
             person(2, "KEC", level=P.PENGAWAS), *[person(i, "KEC") for i in range(3, 7)]]
    p = world(staff, [office("KEC")])
    work = [d.weekday() < 5 for d in FORTNIGHT.days()]
    default = solve(p, _scenario(), time_limit=10)
    assert (default.roster.codes[2][work] == WFO).all()
    named = _scenario(senior_levels="Administrator")
    r = solve(p, named, time_limit=10)
    assert r.report.compliant
    assert (r.roster.codes[:2][:, work] == WFO).all()
    assert (r.roster.codes[2][work] == WFH).any()
    # the checker reads the same policy: the Kasi's WFH is fine, a Camat's is L1
    codes = r.roster.codes.copy()
    codes[0, 0] = WFH
    report = check(p, named, Roster(r.roster.nips, r.roster.dates, codes))
    assert report.rule_counts["L1"] == 1


def test_one_per_level_keeps_one_official_of_each_level_in_and_rotates_the_duty():
    staff = [*[person(i, "A", level=P.JPT_PRATAMA) for i in range(3)],
             *[person(i, "B", level=P.ADMINISTRATOR) for i in range(3, 7)],
             *[person(i, "B") for i in range(7, 11)]]
    p = world(staff, [office("A"), office("B")])
    sc = _scenario(senior_rule="one_per_level")
    r = solve(p, sc, time_limit=10)
    assert r.status is Status.OPTIMAL and r.report.compliant
    work = np.array([d.weekday() < 5 for d in FORTNIGHT.days()])
    codes = r.roster.codes[:, work]
    for rows in (slice(0, 3), slice(3, 7)):
        assert ((codes[rows] == WFO).sum(axis=0) >= 1).all()   # one of the level in, every day
        assert (codes[rows] == WFH).any()                      # the others may be home
    held = (codes[0:3] == WFO).sum(axis=1)
    assert held.max() - held.min() <= 1                        # the duty rotates evenly
    # a day on which every JPT Pratama is WFH is an L1 violation, found by the checker
    all_home = r.roster.codes.copy()
    all_home[0:3, 0] = WFH
    report = check(p, sc, Roster(r.roster.nips, r.roster.dates, all_home))
    assert report.rule_counts["L1"] == 1
    assert report.hard_violations[0].day == FORTNIGHT.start


def test_the_rule_form_and_basis_follow_the_scenario():
    se19, permen = load_scenario("se-19-2020"), load_scenario("permenpanrb-4-2025")
    assert se19.policy.senior_rule == "one_per_level"
    assert "19/2020" in rule_basis("L1", se19)
    assert "satu" in rule_label("L1", se19).id
    assert permen.policy.senior_rule == "every"
    assert rule_basis("L1", permen).startswith("Kebijakan instansi")
    assert "19/2020" not in rule_basis("L1", permen)
    assert "PermenPANRB 4/2025" in rule_basis("S2", permen)


@pytest.mark.parametrize("name", ["se-19-2020", "se-58-2020", "se-6-2022", "se-17-2023",
                                  "se-1-2024", "permenpanrb-4-2025", "se-2-2026"])
def test_every_shipped_scenario_cites_its_own_basis_for_l1_and_e1(name):
    sc = load_scenario(name)
    number = name.split("-", 1)[1].replace("-", "/")   # "17/2023", "4/2025"
    assert number in rule_basis("E1", sc)
    if name == "se-19-2020":
        assert sc.policy.senior_rule == "one_per_level" and "19/2020" in rule_basis("L1", sc)
    else:
        assert sc.policy.senior_rule == "every"
        assert rule_basis("L1", sc).startswith("Kebijakan instansi")


def test_the_compliance_sheet_names_the_senior_levels_and_the_basis_in_force(tmp_path):
    import openpyxl

    from asn_scheduler.excel.roster_writer import write_roster_workbook

    staff = [person(0, "KEC", level=P.ADMINISTRATOR), person(1, "KEC", level=P.PENGAWAS),
             *[person(i, "KEC") for i in range(2, 6)]]
    p = world(staff, [office("KEC")])
    sc = load_scenario("permenpanrb-4-2025").with_params(senior_levels="Administrator")
    r = solve(p, sc, time_limit=10)
    ws = openpyxl.load_workbook(write_roster_workbook(r, tmp_path / "j.xlsx"))["Kepatuhan"]
    (row,) = [[c.value for c in r_] for r_ in ws.iter_rows() if r_[0].value == "L1"][:1]
    assert row[1].endswith(": Administrator")
    assert row[2].startswith("Kebijakan instansi")


def test_a_workbook_coded_in_eselon_terms_reads_as_uu_20_2023_levels(tmp_path):
    from workbooks import valid_sheets, write_workbook

    from asn_scheduler.excel.reader import read_workbook

    sheets = valid_sheets()
    for row, text in zip(sheets["Pegawai"][1:], ("Eselon I.a", "IIa", "eselon III/b"),
                         strict=True):
        row[3] = text
    problem = read_workbook(write_workbook(tmp_path / "kementerian.xlsx", sheets)).problem
    assert [e.position_type for e in problem.employees] == [
        P.JPT_MADYA, P.JPT_PRATAMA, P.ADMINISTRATOR]
    assert problem.senior_levels == {P.JPT_MADYA, P.JPT_PRATAMA}


def test_one_per_level_fair_shares_count_the_duty_a_lone_official_cannot_share():
    # one JPT Madya (on duty every day, so no WFH and a fair share of 0, with the reason),
    # three JPT Pratama sharing the duty: the checker's shares match what the engine did
    staff = [person(0, "A", level=P.JPT_MADYA),
             *[person(i, "A", level=P.JPT_PRATAMA) for i in range(1, 4)],
             *[person(i, "A") for i in range(4, 8)]]
    p = world(staff, [office("A")])
    r = solve(p, _scenario(senior_rule="one_per_level"), time_limit=10)
    assert r.report.compliant
    madya, *pratama = r.report.persons[:4]
    assert madya.wfh_days == 0 and madya.fair_share == 0
    assert madya.reason == "piket pejabat senior (L1, satu per tingkat) 10 hari"
    assert all(abs(x.deviation) < 1 for x in pratama)   # 10 duty days shared: 20 WFH days
    assert sum(x.wfh_days for x in pratama) == 20
    assert r.report.quality.max_abs_deviation < 1
