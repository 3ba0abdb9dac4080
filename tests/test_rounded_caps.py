"""Caps that round down to nobody (rules.md, rounding: "WFH at most X%" allows
floor(X·N)): validate, solve and the fairness reasons name such units and say why, instead
of a bare "batas WFH unit 0%"."""

from __future__ import annotations

from worlds import office, person, world

from asn_scheduler.engine import solve
from asn_scheduler.scenario import load_scenario
from asn_scheduler.summary import summarise


def _kecamatan():
    staff = [person(0, "UPT"), *[person(i, "KEC") for i in range(1, 4)],
             *[person(i, "BIG") for i in range(4, 14)]]
    return world(staff, [office("UPT"), office("KEC", max_wfh_pct=30), office("BIG")])


def test_solve_lists_units_whose_cap_rounds_to_zero_with_the_reason():
    r = solve(_kecamatan(), load_scenario("permenpanrb-4-2025"), time_limit=10)
    assert r.report.compliant
    note = next(w for w in r.warnings if "0 orang" in w.id)
    assert "2 unit" in note.id
    assert "UPT (50% dari 1 pegawai, 10 hari)" in note.id      # one person under 50%
    assert "KEC (30% dari 3 pegawai, 10 hari)" in note.id      # 30% of three
    assert "BIG" not in note.id                                 # 50% of 10 = 5
    assert "KEC (30% of 3 staff, 10 days)" in note.en
    reasons = [p.reason for p in r.report.persons]
    rounded = "batas WFH {}% dari {} pegawai hadir dibulatkan ke bawah menjadi 0 orang 10 hari"
    assert reasons[0] == rounded.format(50, 1)
    assert reasons[1] == rounded.format(30, 3)
    assert "batas WFH unit 0%" not in " ".join(reasons)


def test_a_zero_cap_still_reads_as_zero_percent():
    staff = [person(0, "A"), person(1, "A")]
    p = world(staff, [office("A", max_wfh_pct=0)])
    r = solve(p, load_scenario("permenpanrb-4-2025"), time_limit=10)
    assert not [w for w in r.warnings if "0 orang" in w.id]
    assert r.report.persons[0].reason == "batas WFH unit 0% 10 hari"


def test_validate_lists_the_units_the_rounding_leaves_without_wfh():
    text = summarise(_kecamatan())
    assert "dibulatkan ke bawah menjadi 0 orang" in text
    assert "  KEC: 3 pegawai, Batas WFH 30% → 0 orang WFH" in text
    assert "  UPT: 1 pegawai" in text
    assert "BIG:" not in text
