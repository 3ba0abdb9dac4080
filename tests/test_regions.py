"""Region names (issue 16, point 1): the 38 provinces as data, their aliases and former
names, Jawa–Bali membership, kabupaten/kota, and the one matching path that scenario
windows (E1), the PPKM tables (P1) and the reader's ``Wilayah`` check all use."""

from __future__ import annotations

from datetime import date

import pytest
from workbooks import set_cell, valid_sheets, write_workbook
from worlds import office

from asn_scheduler.domain.problems import InputError
from asn_scheduler.domain.regions import (
    RegionError,
    is_jawa_bali,
    province_names,
    resolve,
    within,
)
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.scenario import load_scenario
from asn_scheduler.scenario.run import region_notes
from asn_scheduler.scenario.run import scenario_for_run as _run


def test_the_38_provinces_and_the_seven_of_jawa_bali():
    names = province_names()
    assert len(names) == len(set(names)) == 38
    assert {n for n in names if is_jawa_bali(n)} == {
        "DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur", "Banten",
        "Bali"}
    assert "Papua Barat Daya" in names and "Papua Pegunungan" in names


@pytest.mark.parametrize(("typed", "province"), [
    ("DKI", "DKI Jakarta"),
    ("Daerah Khusus Jakarta", "DKI Jakarta"),     # the official name since UU 2/2024
    ("Provinsi DKI Jakarta", "DKI Jakarta"),
    ("Jakarta", "DKI Jakarta"),
    ("dki-jakarta", "DKI Jakarta"),
    ("DIY", "DI Yogyakarta"),
    ("D.I. Yogyakarta", "DI Yogyakarta"),
    ("Daerah Istimewa Yogyakarta", "DI Yogyakarta"),
    ("Nanggroe Aceh Darussalam", "Aceh"),          # a former name
    ("Irian Jaya Barat", "Papua Barat"),
    ("Prov. Jawa Barat", "Jawa Barat"),
])
def test_aliases_and_former_names_resolve_to_the_province(typed, province):
    r = resolve(typed)
    assert r.province == province and r.kabkota is None


@pytest.mark.parametrize(("typed", "kabkota", "province"), [
    ("Kota Bandung", "Kota Bandung", "Jawa Barat"),
    ("Kab. Bandung", "Kabupaten Bandung", "Jawa Barat"),
    ("Kabupaten Sleman", "Kabupaten Sleman", "DI Yogyakarta"),
    ("Jakarta Selatan", "Kota Jakarta Selatan", "DKI Jakarta"),
    ("Kota Administrasi Jakarta Pusat", "Kota Jakarta Pusat", "DKI Jakarta"),
    # outside Jawa–Bali the kabupaten/kota is written with its province
    ("Kota Medan, Sumatera Utara", "Kota Medan", "Sumatera Utara"),
])
def test_kabupaten_and_kota_resolve_with_their_province(typed, kabkota, province):
    r = resolve(typed)
    assert (r.kabkota, r.province) == (kabkota, province)
    assert resolve(r.name) == r  # the canonical name reads back as itself


@pytest.mark.parametrize(("typed", "hint"), [
    ("Jawa Barta", "Jawa Barat"),          # a typo: did you mean
    ("Kota Bandungg", "Kota Bandung"),
    ("Bandung", "Kota Bandung"),           # ambiguous: kabupaten or kota
    ("Kota Bandungan, Jawa Barat", "Kota Bandung"),  # a listed province's unknown city
])
def test_unknown_or_ambiguous_names_are_refused_with_a_suggestion(typed, hint):
    with pytest.raises(RegionError) as err:
        resolve(typed)
    assert hint in err.value.fix.id and hint in err.value.fix.en


def test_within_a_province_covers_its_kabupaten_and_kota_not_the_reverse():
    assert within("Kota Bandung", "Jawa Barat")
    assert within("Jabar", "West Java")
    assert not within("Jawa Barat", "Kota Bandung")
    assert not within("Kota Bogor", "Kabupaten Bogor")
    assert not within(None, "DKI Jakarta") and not within("  ", "DKI Jakarta")


@pytest.mark.parametrize("region", ["DKI Jakarta", "Daerah Khusus Jakarta", "DKI", "Jakarta",
                                    "Provinsi DKI Jakarta", "Kota Jakarta Selatan"])
def test_e1_every_way_of_writing_jakarta_is_in_se_17_2023_scope(region):
    s = load_scenario("se-17-2023")
    assert s.in_scope(region, date(2023, 8, 28))
    assert s.policy_for(region, date(2023, 8, 28)) is s.policy


@pytest.mark.parametrize("region", ["Jawa Barat", "Kota Bandung", "", None])
def test_e1_other_regions_and_a_blank_are_outside_se_17_2023(region):
    assert not load_scenario("se-17-2023").in_scope(region, date(2023, 8, 28))


def test_a_blank_wilayah_under_a_regional_scenario_is_warned_about():
    from worlds import person, world

    p = world([person(1, "A"), person(2, "B")],
              [office("A", region="DKI Jakarta"), office("B")])
    notes = region_notes(p, load_scenario("se-17-2023"))
    assert len(notes) == 1
    assert "B" in notes[0].id and "DKI Jakarta" in notes[0].en and "Wilayah" in notes[0].en
    # the same note from the run's scenario, and none for a national scenario
    assert _run("se-17-2023", p)[1] == notes
    assert region_notes(p, load_scenario("se-1-2024")) == []


def test_ppkm_jawa_bali_follows_the_aliases():
    ppkm = load_scenario("se-6-2022").with_params(ppkm_level=3).policy.wfo_max
    # DIY and D.I. Yogyakarta used to count as outside Jawa–Bali (issue 16)
    for typed in ("DIY", "D.I. Yogyakarta", "Kota Yogyakarta"):
        assert ppkm.pct(office("A", region=typed)) == 50.0   # Jawa–Bali, L3, non-essential
    assert ppkm.pct(office("A", region="Aceh")) == 50.0
    assert ppkm.pct(office("A", region="Aceh", sector=_sector("esensial"))) == 100.0
    assert ppkm.pct(office("A", region="DIY", sector=_sector("esensial"))) == 50.0


def _sector(name: str):
    from asn_scheduler.domain import Sector
    return Sector.parse(name)


def test_reader_canonicalises_wilayah_and_refuses_an_unknown_one(tmp_path):
    sheets = set_cell(valid_sheets(), "Unit", 2, "Wilayah", "Daerah Khusus Jakarta")
    set_cell(sheets, "Unit", 3, "Wilayah", "Kab. Bandung")
    problem = read_workbook(write_workbook(tmp_path / "ok.xlsx", sheets)).problem
    assert [u.region for u in problem.units] == ["DKI Jakarta", "Kabupaten Bandung, Jawa Barat"]

    set_cell(sheets, "Unit", 3, "Wilayah", "Jawa Barta")
    with pytest.raises(InputError) as err:
        read_workbook(write_workbook(tmp_path / "bad.xlsx", sheets))
    (p,) = err.value.errors
    assert (p.sheet, p.row, p.column, p.value) == ("Unit", 3, "Wilayah", "Jawa Barta")
    assert "Jawa Barat" in p.fix.id


def test_validate_names_the_units_without_wilayah_and_the_settings():
    from worlds import person, world

    from asn_scheduler.summary import summarise

    p = world([person(1, "A"), person(2, "B")], [office("A", region="DKI Jakarta"), office("B")],
              settings={"agency_name": "Kota Contoh"})
    text = summarise(p, "en")
    assert "Regions (units): DKI Jakarta 1, no Wilayah 1" in text
    assert "outside region-scoped scenarios (e.g. se-17-2023)" in text and ": B" in text
    assert "Settings: agency_name=Kota Contoh" in text


def test_generate_writes_canonical_regions_and_refuses_an_unknown_one(tmp_path):
    from click.testing import CliRunner

    from asn_scheduler.cli import main

    out = tmp_path / "g.xlsx"
    ok = CliRunner().invoke(main, ["generate", "--staff", "40", "--region", "DIY", "-o", str(out)])
    assert ok.exit_code == 0, ok.output
    assert {u.region for u in read_workbook(out).problem.units} == {"DI Yogyakarta"}
    bad = CliRunner().invoke(main, ["generate", "--staff", "40", "--region", "Jawa Barta",
                                    "-o", str(tmp_path / "x.xlsx")])
    assert bad.exit_code == 2 and "Jawa Barat" in bad.output
