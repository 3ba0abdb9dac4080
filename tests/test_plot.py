"""plot.py: each function returns an Axes holding the artists it promises, drawn from the
hand-built results of test_frames.py (no engine needed)."""

from __future__ import annotations

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from test_frames import PLAN, synthetic_result

from asn_scheduler import plot
from asn_scheduler.domain import Code
from asn_scheduler.engine.result import Status
from asn_scheduler.frames import summary_frame, unit_days_frame


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _bars(ax) -> list:
    return [p for c in ax.containers for p in c.patches]


def test_wfh_share_by_category_draws_categories_times_scenarios_bars():
    r = synthetic_result()
    ax = plot.wfh_share_by_category({"A": r, "B": r})
    # 3 categories in the world (admin, leadership support, direct service) × 2 scenarios
    assert len(_bars(ax)) == 3 * 2
    # categories in enum order (direct service, admin, leadership); ADM is the only admin
    # unit: 5 WFH over 3+3+4+4+4 = 18 active person-days (Dewi on leave Mon–Tue)
    heights = [p.get_height() for p in ax.containers[0].patches]
    assert heights == pytest.approx([0.0, 100 * 5 / 18, 0.0])
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Layanan Langsung", "Administrasi Pemerintahan", "Dukungan Pimpinan"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B"]


def test_wfh_share_by_category_accepts_a_unit_days_frame_and_english():
    df = unit_days_frame(synthetic_result()).assign(scenario="x")
    ax = plot.wfh_share_by_category(df, lang="en")
    assert len(_bars(ax)) == 3
    assert ax.get_xticklabels()[1].get_text() == "Government administration"
    assert ax.get_title() == "WFH share by service category"


def test_wfh_share_by_category_leaves_out_results_without_roster():
    ax = plot.wfh_share_by_category({"ok": synthetic_result(),
                                     "no": synthetic_result(Status.INFEASIBLE)})
    assert len(_bars(ax)) == 3


def test_occupancy_of_one_building_has_a_bar_per_day_and_the_capacity_line():
    ax = plot.occupancy_by_day(synthetic_result(), building="Balai Kota")
    heights = [p.get_height() for p in ax.containers[0].patches]
    # Balai Kota (ADM + PIM): 3, 3, 4, 4, 4 in the office Mon–Fri, nobody at the weekend
    assert heights == [3, 3, 4, 4, 4, 0, 0]
    capacity = [ln for ln in ax.get_lines() if ln.get_label() == "Kapasitas"]
    assert len(capacity) == 1 and set(capacity[0].get_ydata()) == {4}


def test_occupancy_of_all_buildings_is_in_percent_of_capacity():
    ax = plot.occupancy_by_day(synthetic_result(), lang="en")
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    assert set(lines) == {"Balai Kota", "Gedung B", "Capacity"}
    # Gedung B: Eko and Fajar in 3 seats on working days
    gedung_b = list(lines["Gedung B"].get_ydata())
    assert gedung_b[:5] == pytest.approx([200 / 3] * 5)
    assert np.isnan(gedung_b[5:]).all()  # no point on the weekend: nobody works there
    assert list(lines["Capacity"].get_ydata()) == [100, 100]
    # the weekend is shaded once, under one legend entry
    assert "Day off / weekend" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_occupancy_rejects_an_unknown_building_and_a_missing_roster():
    with pytest.raises(ValueError, match="unknown building 'Menara'"):
        plot.occupancy_by_day(synthetic_result(), building="Menara")
    with pytest.raises(ValueError, match="no roster to draw: the solve ended INFEASIBLE"):
        plot.occupancy_by_day(synthetic_result(Status.INFEASIBLE))
    with pytest.raises(ValueError, match="no roster to draw"):
        plot.wfh_days_distribution(synthetic_result(Status.TIME_LIMIT))


def test_wfh_days_distribution_counts_eligible_people_per_number_of_days():
    ax = plot.wfh_days_distribution(synthetic_result())
    # eligible: Ani 2, Budi 2, Citra 1, Dewi 0 → one bar each for 0, 1, 2 days
    assert [p.get_height() for p in ax.patches] == [1, 1, 2]
    assert "4 orang" in ax.get_title()


def test_wfh_days_distribution_of_deviations_shades_the_one_day_band():
    ax = plot.wfh_days_distribution(synthetic_result(), kind="deviation", lang="en")
    bars = [p for p in ax.patches if p.get_label() != "Target: within 1 day"]
    assert sum(p.get_height() for p in bars) == 4
    assert "Target: within 1 day" in [t.get_text() for t in ax.get_legend().get_texts()]
    with pytest.raises(ValueError, match="kind"):
        plot.wfh_days_distribution(synthetic_result(), kind="spread")


def test_calendar_heatmap_is_people_by_dates_coloured_by_code():
    r = synthetic_result()
    ax = plot.calendar_heatmap(r, "ADM")
    grid = ax.images[0].get_array()
    assert grid.shape == (4, 7)  # Ani, Budi, Citra, Dewi × Mon 2 .. Sun 8 March
    assert grid[3, 0] == int(Code.CUTI) and grid[0, 0] == int(Code.WFH)
    assert [t.get_text() for t in ax.get_yticklabels()] == [n for u, n, _ in PLAN if u == "ADM"]
    # the weekend columns are LIBUR and their date labels grey
    colours = [t.get_color() for t in ax.get_xticklabels()]
    assert colours[5:] == ["grey", "grey"] and "grey" not in colours[:5]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["WFO (kantor)", "WFH (rumah)", "Libur", "Cuti"]


def test_calendar_heatmap_rejects_unknown_unit_and_missing_roster():
    with pytest.raises(ValueError, match="unknown unit"):
        plot.calendar_heatmap(synthetic_result(), "XYZ")
    with pytest.raises(ValueError, match="INFEASIBLE"):
        plot.calendar_heatmap(synthetic_result(Status.INFEASIBLE), "ADM")


def test_commute_avoided_has_one_bar_per_scenario_with_a_figure():
    frame = summary_frame({"a": synthetic_result(), "b": synthetic_result(),
                           "tidak layak": synthetic_result(Status.INFEASIBLE)})
    ax = plot.commute_avoided(frame)
    # the infeasible row has no figure and is left out
    assert [p.get_width() for p in _bars(ax)] == [123.0, 123.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]


def test_commute_avoided_per_working_day_divides_by_the_working_dates():
    ax = plot.commute_avoided(summary_frame({"a": synthetic_result()}), per_day=True)
    # 123 km over the five working dates Mon 2 .. Fri 6 March
    assert [p.get_width() for p in _bars(ax)] == [pytest.approx(123.0 / 5)]
    assert ax.get_xlabel() == "Km perjalanan yang dihindari per hari kerja"


def _sweep_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "param": "wfh_cap", "value": [20, 30, 40, 50],
        "has_roster": [True, True, True, False],
        "wfh_days": [10.0, 15.0, 18.0, np.nan], "max_unit_spread": [0.0, 1.0, 1.5, np.nan],
        "explanation": ["", "", "", "[B1] Gedung penuh\n  Perbaikan: tambah kursi"],
    })


def test_tradeoff_draws_one_curve_per_y_and_marks_infeasible_points():
    ax = plot.tradeoff(_sweep_frame(), "value", ["wfh_days", "max_unit_spread"])
    curves = [ln for a in ax.figure.axes for ln in a.get_lines() if ln.get_marker() == "o"]
    assert len(curves) == 2 and all(len(c.get_xdata()) == 3 for c in curves)
    marks = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(marks) == 1 and len(marks[0].get_offsets()) == 1
    notes = [t.get_text() for t in ax.texts]
    assert len(notes) == 1 and notes[0].startswith("Tidak layak: [B1] Gedung penuh")
    assert ax.get_xlabel() == "Batas WFH per unit (%)"


def test_tradeoff_with_three_measures_uses_three_y_axes():
    df = _sweep_frame().assign(peak_occupancy=[0.5, 0.6, 0.7, np.nan])
    ax = plot.tradeoff(df, "value", ["wfh_days", "max_unit_spread", "peak_occupancy"],
                       lang="en")
    assert len(ax.figure.axes) == 3
    assert ax.figure.axes[2].get_ylabel() == "Peak occupancy (÷ capacity)"


def test_importing_the_package_and_frames_does_not_import_matplotlib():
    code = ("import sys, asn_scheduler, asn_scheduler.frames, asn_scheduler.plot\n"
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_wfh_share_by_category_reads_the_comparison_table():
    from asn_scheduler.compare import comparison_table

    table = comparison_table({"A": synthetic_result(), "B": synthetic_result(),
                              "C": synthetic_result(Status.INFEASIBLE)})
    ax = plot.wfh_share_by_category(table)
    # C has no roster and no figures: 3 categories × 2 scenarios, as from the results
    assert len(_bars(ax)) == 3 * 2
    assert [p.get_height() for p in ax.containers[1].patches] == pytest.approx(
        [0.0, 100 * 5 / 18, 0.0])


def test_commute_avoided_reads_the_comparison_table_indexed_by_scenario():
    from asn_scheduler.compare import comparison_table

    ax = plot.commute_avoided(comparison_table({"A": synthetic_result()}))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A"]
    assert [p.get_width() for p in _bars(ax)] == [123.0]


def test_tradeoff_notes_drop_the_list_of_days_and_stay_short():
    long = ("[S2+B1] (2026-03-02, 2026-03-03, 2026-03-04, 2026-03-05, 2026-03-06 …) Gedung "
            "Balai Kota Blok H: kapasitas 32 kursi, tetapi paling sedikit 52 pegawai harus WFO "
            "(batas WFH 0, pejabat senior, pegawai baru, tidak boleh kerja fleksibel); 10 hari\n"
            "  Perbaikan: tambah Kapasitas gedung")
    df = _sweep_frame()
    df.loc[3, "explanation"] = long
    ax = plot.tradeoff(df, "value", "wfh_days", limit=100)
    note = ax.texts[0].get_text().replace("\n", " ")
    assert note.startswith("Tidak layak: [S2+B1] Gedung Balai Kota Blok H: kapasitas 32 kursi")
    assert "2026-03-02" not in note and "Perbaikan" not in note
    assert len(note) <= 100 and note.endswith("…")


def test_plots_of_a_solved_tiny_world_match_its_shape():
    # the real engine and checker: 4 admin staff and 2 direct-service staff in one
    # building over the FORTNIGHT (2026-03-02..13, no holidays, weekend included)
    from worlds import FORTNIGHT, admin_unit, office, person, world

    from asn_scheduler import load_scenario, solve
    from asn_scheduler.domain import Building, ServiceCategory

    unit, staff = admin_unit("ADM", 4, building="Kantor")
    front = office("LOK", ServiceCategory.LAYANAN_LANGSUNG, building="Kantor")
    staff += [person(10, "LOK"), person(11, "LOK")]
    problem = world(staff, [unit, front], buildings=[Building("Kantor", 6)])
    result = solve(problem, load_scenario("permenpanrb-4-2025"), time_limit=5.0)
    assert result.status.has_roster
    days = len(FORTNIGHT.days())
    assert plot.calendar_heatmap(result, "ADM").images[0].get_array().shape == (4, days)
    ax = plot.occupancy_by_day(result, building="Kantor")
    heights = [p.get_height() for p in ax.containers[0].patches]
    assert len(heights) == days and max(heights) <= 6
    # direct service is never WFH; admin gets some under a 50% cap
    bars = plot.wfh_share_by_category(result).containers[0].patches
    assert bars[0].get_height() == 0 and 0 < bars[1].get_height() <= 50
