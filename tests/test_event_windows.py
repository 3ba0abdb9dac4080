"""The event windows of rule E4 shipped as scenarios (issue 16, point 4), their own
documented default, what a window adds over its baseline, and the citations (point 6)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlparse

import pytest
from worlds import admin_unit, world

from asn_scheduler.domain import Period
from asn_scheduler.engine import solve
from asn_scheduler.event_gain import event_gain, gain_text
from asn_scheduler.scenario import list_scenarios, load_scenario
from asn_scheduler.scenario.model import OFFICE_POLICY

# The official databases regulations.md names: the KemenPANRB JDIH and the national one.
OFFICIAL = {"jdih.menpan.go.id", "peraturan.go.id"}


@pytest.mark.parametrize(("sid", "days", "baseline"), [
    ("se-2-2025", [date(2025, 3, 24), date(2025, 3, 27)], None),
    ("se-3-2025", [date(2025, 3, 24), date(2025, 3, 27), date(2025, 4, 8)], None),
    ("b-531-2025", [date(2025, 12, 29), date(2025, 12, 31)], "permenpanrb-4-2025"),
])
def test_e1_the_2025_fwa_windows_apply_on_their_days_only(sid, days, baseline):
    s = load_scenario(sid)
    for d in days:
        assert s.policy_for("Aceh", d) is s.policy        # national
    assert s.policy_for("Aceh", date(2025, 4, 7)) is not s.policy
    assert (s.baseline.id if s.baseline else None) == baseline
    assert not s.policy.counts_toward_flex_cap            # event days do not count for F1
    assert s.policy.direct_service_wfo                    # essential services keep running


def test_e1_se_3_2025_adds_8_april_which_se_2_2025_does_not_have():
    assert load_scenario("se-2-2025").policy_for(None, date(2025, 4, 8)) is OFFICE_POLICY
    s3 = load_scenario("se-3-2025")
    assert s3.policy_for(None, date(2025, 4, 8)) is s3.policy


def test_e1_event_windows_have_their_own_default_above_the_baseline():
    for sid in ("se-2-2026", "b-531-2025"):
        s = load_scenario(sid)
        own = {c.value: v for c, v in s.policy.wfh_cap_pct.items()}
        base = {c.value: v for c, v in s.baseline.policy.wfh_cap_pct.items()}
        assert own["administrasi_pemerintahan"] == 100.0 > base["administrasi_pemerintahan"]
        assert "100%" in s.description.id and "--set" in s.description.en


def test_e1_the_summary_says_what_the_window_added_over_the_baseline():
    # The week up to SE 2/2026's 16-17 March days, ten eligible staff: on the event days
    # the 100% default lets all ten work away where PermenPANRB's 50% cap allows five a
    # day; so the event added at least ten person-days.
    unit, staff = admin_unit("A", 10, region="Bali")
    p = world(staff, [unit], period=Period(date(2026, 3, 9), date(2026, 3, 17)))
    sc = load_scenario("se-2-2026")
    r = solve(p, sc, time_limit=10)
    assert r.report.compliant
    g = event_gain(p, sc, r.report)
    assert g is not None and g.days == 2 and g.baseline == "permenpanrb-4-2025"
    assert g.baseline_cap == 2 * 5 and g.wfh == 2 * 10
    assert g.added_at_least == 10
    assert "tambahan ≥ 10" in gain_text(g, "id") and "added ≥ 10" in gain_text(g, "en")
    # a standing regime has no window to measure
    assert event_gain(p, load_scenario("permenpanrb-4-2025"), r.report) is None


@pytest.mark.parametrize("sid", [s.id for s in list_scenarios()])
def test_basis_url_points_to_an_official_database_and_news_only_as_secondary(sid):
    s = load_scenario(sid)
    assert urlparse(s.basis_url).hostname in OFFICIAL
    assert s.basis_url_secondary, "keep the reports that quote it as secondary links"
    assert all(urlparse(u).hostname not in OFFICIAL for u in s.basis_url_secondary)
