"""Scenarios as data: the shipped circulars, windows, baselines, hashes."""

from __future__ import annotations

from datetime import date

import pytest
from worlds import office

from asn_scheduler.domain import Sector, ServiceCategory
from asn_scheduler.scenario import (
    OFFICE_POLICY,
    ScenarioError,
    list_scenarios,
    load_scenario,
    scenario_names,
)

SHIPPED = ["b-531-2025", "permenpanrb-4-2025", "se-1-2024", "se-17-2023", "se-19-2020",
           "se-2-2025", "se-2-2026", "se-3-2025", "se-58-2020", "se-6-2022"]
# The PPKM-era and new-normal tables govern direct services by sector/zone: S1 (100% WFO
# by category) is carried only from 2023 on (issue 16, anachronisms); SE 19/2020 carries it
# as the project's reading of "services must not be disrupted".
NO_S1 = {"se-58-2020", "se-6-2022"}


def test_the_seven_scenarios_of_rules_md_and_the_2025_event_windows_are_shipped():
    assert scenario_names() == SHIPPED


@pytest.mark.parametrize("sid", SHIPPED)
def test_every_scenario_names_basis_window_and_describes_itself(sid):
    s = load_scenario(sid)
    assert s.id == sid
    assert s.basis and s.basis_url.startswith("https://")
    assert s.title.id and s.title.en and s.description.id and s.description.en
    assert s.window is not None  # every circular has a date window (E1)
    assert s.policy.direct_service_wfo is (sid not in NO_S1)  # S1 from 2023 (and SE 19/2020)


def test_se_17_2023_applies_only_in_dki_inside_its_window():
    s = load_scenario("se-17-2023")
    jakarta, bandung = "DKI Jakarta", "Jawa Barat"
    inside, before = date(2023, 8, 28), date(2023, 8, 25)
    assert s.policy_for(jakarta, inside) is s.policy
    # outside the window or the region: normal office work, no WFH
    assert s.policy_for(jakarta, before) is OFFICE_POLICY
    assert s.policy_for(bandung, inside) is OFFICE_POLICY
    assert s.policy_for(None, inside) is OFFICE_POLICY
    assert s.policy.cap_pct(office("A")) == 50.0
    assert s.default_period.start == inside and s.default_period.end == date(2023, 9, 7)


def test_se_2_2026_sits_on_the_permenpanrb_baseline_and_its_days_do_not_count_for_f1():
    s = load_scenario("se-2-2026")
    assert s.baseline is not None and s.baseline.id == "permenpanrb-4-2025"
    window_day, other_day = date(2026, 3, 16), date(2026, 3, 18)
    assert s.policy_for("Papua", window_day).counts_toward_flex_cap is False
    base = s.policy_for("Papua", other_day)
    assert base.counts_toward_flex_cap is True and base.max_flex_days_per_week == 2
    # the window policy inherits eligibility rules from its baseline
    assert s.policy.eligibility == {"F2", "F3", "F4"}


def test_unit_cap_is_the_stricter_of_scenario_and_unit():
    p = load_scenario("permenpanrb-4-2025").policy
    assert p.cap_pct(office("A", max_wfh_pct=30)) == 30.0
    assert p.cap_pct(office("A", max_wfh_pct=80)) == 50.0
    assert p.cap_pct(office("A", category=ServiceCategory.LAYANAN_LANGSUNG)) == 0.0


@pytest.mark.parametrize(("level", "sector", "region", "pct"), [
    (4, Sector.NON_ESENSIAL, "DKI Jakarta", 25.0),   # SE 6/2022: Jawa-Bali L4 25% WFO
    (3, Sector.NON_ESENSIAL, "Papua", 50.0),
    (4, Sector.ESENSIAL, "Bali", 50.0),
    (2, Sector.ESENSIAL, "Papua", 100.0),            # filled from SE 5/2022 ([I] in reference)
    (4, Sector.KRITIKAL, "DKI Jakarta", 100.0),
])
def test_ppkm_table_by_sector_region_and_level(level, sector, region, pct):
    s = load_scenario("se-6-2022").with_params(ppkm_level=level)
    assert s.policy.wfo_max.pct(office("A", sector=sector, region=region)) == pct


def test_unit_without_sector_direct_service_counts_as_critical():
    s = load_scenario("se-6-2022").with_params(ppkm_level=4)
    front = office("A", category=ServiceCategory.LAYANAN_LANGSUNG, region="DKI Jakarta")
    assert s.policy.wfo_max.pct(front) == 100.0
    assert s.policy.wfo_max.pct(office("B", region="DKI Jakarta")) == 25.0


def test_zone_scenario_uses_the_province_zone():
    s = load_scenario("se-58-2020")
    assert s.policy.wfo_max.pct(office("A", region="Aceh")) == 50.0  # default: risiko sedang
    s2 = s.with_params(zone="risiko tinggi")
    assert s2.policy.wfo_max.pct(office("A", region="Aceh")) == 25.0


def test_with_params_changes_the_hash_and_id_but_not_the_original():
    s = load_scenario("permenpanrb-4-2025")
    t = s.with_params(wfh_cap=30, max_flex_days_per_week=1)
    assert t.hash != s.hash and t.id != s.id
    assert t.policy.cap_pct(office("A")) == 30.0 and t.policy.max_flex_days_per_week == 1
    assert s.policy.cap_pct(office("A")) == 50.0
    assert load_scenario("permenpanrb-4-2025").hash == s.hash  # stable across loads
    with pytest.raises(ValueError, match="unknown scenario parameter"):
        s.with_params(bogus=1)


def test_all_scenarios_load_and_serialise():
    for s in list_scenarios():
        d = s.to_dict()
        assert d["id"] == s.id and d["policy"]["direct_service_wfo"] is (s.id not in NO_S1)


def test_unknown_scenario_lists_the_available_ones():
    with pytest.raises(ScenarioError) as err:
        load_scenario("se-99-2030")
    assert "se-17-2023" in err.value.msg.id and "not found" in err.value.msg.en


@pytest.mark.parametrize(("body", "needle"), [
    ('id="x"\ntitle="t"\nbasis="b"\n[policy]\nwfh_cap_pct={ admin = 150 }', "0..100"),
    ('id="x"\ntitle="t"\nbasis="b"\n[policy]\nfoo=1', "unknown policy parameter"),
    ('id="x"\ntitle="t"\nbasis="b"\n[policy]\nwfh_goal="lots"', "wfh_goal"),
    ('id="x"\ntitle="t"\nbasis="b"\n[window]\nranges=[[2024-01-02, 2024-01-01]]', "ends before"),
    ('id="x"\ntitle="t"\nbasis="b"\n[goals]\norder=["Q9"]', "unknown goals"),
    ('id = = "x"', "cannot be read"),
])
def test_invalid_scenario_files_are_refused_with_the_reason(tmp_path, body, needle):
    f = tmp_path / "x.toml"
    f.write_text(body)
    with pytest.raises(ScenarioError) as err:
        load_scenario(f)
    assert needle in err.value.msg.en


def test_se_58_2020_zone_ceiling_exempts_direct_services_so_it_never_contradicts_s1():
    s = load_scenario("se-58-2020").with_params(zone="risiko tinggi")
    front = office("RSUD", category=ServiceCategory.LAYANAN_LANGSUNG, region="Aceh")
    assert s.policy.wfo_max.pct(front) == 100.0
    assert s.policy.wfo_max.pct(office("A", region="Aceh")) == 25.0
    assert s.to_dict()["policy"]["wfo_max"]["exempt"] == ["layanan_langsung"]
