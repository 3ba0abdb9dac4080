"""Labels (Bahasa Indonesia and English), colours and axis helpers shared by the plots."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from asn_scheduler.domain.enums import Code
from asn_scheduler.i18n import Lang, Msg

if TYPE_CHECKING:
    from matplotlib.axes import Axes

T = {
    "category": Msg("Kategori layanan", "Service category"),
    "wfh_share_pct": Msg("Porsi WFH (% orang-hari aktif)", "WFH share (% of active person-days)"),
    "wfh_by_category": Msg("Porsi WFH per kategori layanan", "WFH share by service category"),
    "date": Msg("Tanggal", "Date"),
    "in_office": Msg("Pegawai di kantor", "Staff in the office"),
    "occupancy_pct": Msg("Keterisian (% kapasitas)", "Occupancy (% of capacity)"),
    "capacity": Msg("Kapasitas", "Capacity"),
    "occupancy_title": Msg("Keterisian kantor per hari", "Office occupancy by day"),
    "occupancy_one": Msg("Keterisian {b} per hari", "Occupancy of {b} by day"),
    "day_off": Msg("Libur / akhir pekan", "Day off / weekend"),
    "wfh_days": Msg("Hari WFH per pegawai", "WFH days per person"),
    "deviation": Msg("Selisih dari jatah adil (hari)", "Deviation from the fair share (days)"),
    "staff_count": Msg("Jumlah pegawai", "Number of staff"),
    "fairness_title": Msg("Sebaran hari WFH, pegawai yang memenuhi syarat ({n} orang)",
                          "WFH days, eligible staff ({n} people)"),
    "mean_fair": Msg("Rata-rata jatah adil", "Mean fair share"),
    "band": Msg("Target: dalam 1 hari", "Target: within 1 day"),
    "calendar_title": Msg("Kalender unit {u}", "Calendar of unit {u}"),
    "person": Msg("Pegawai", "Person"),
    "km_avoided": Msg("Km perjalanan yang dihindari (pulang-pergi)",
                      "Commute km avoided (both ways)"),
    "km_per_day": Msg("Km perjalanan yang dihindari per hari kerja",
                      "Commute km avoided per working day"),
    "commute_title": Msg("Perjalanan yang dihindari per skenario",
                         "Commuting avoided per scenario"),
    "scenario": Msg("Skenario", "Scenario"),
    "infeasible": Msg("Tidak layak", "Infeasible"),
    "tradeoff_title": Msg("Dampak mengubah {p}", "Effect of changing {p}"),
}
CODE_LABELS: dict[Code, Msg] = {
    Code.WFO: Msg("WFO (kantor)", "WFO (office)"),
    Code.WFH: Msg("WFH (rumah)", "WFH (home)"),
    Code.LIBUR: Msg("Libur", "Day off"),
    Code.CUTI: Msg("Cuti", "Leave"),
    Code.DL: Msg("Dinas luar", "Official travel"),
    Code.DIKLAT: Msg("Diklat", "Training"),
    Code.ABSEN: Msg("Absen lain", "Other absence"),
}
CODE_COLOURS: dict[Code, str] = {
    Code.WFO: "#4C72B0", Code.WFH: "#55A868", Code.LIBUR: "#DDDDDD", Code.CUTI: "#C44E52",
    Code.DL: "#8172B2", Code.DIKLAT: "#CCB974", Code.ABSEN: "#937860",
}
COLUMN_LABELS: dict[str, Msg] = {
    "wfh_days": Msg("Hari WFH terpakai", "WFH days used"),
    "wfh_share": Msg("Porsi WFH", "WFH share"),
    "wfh_goal_days": Msg("Target hari WFH", "WFH goal (days)"),
    "max_unit_spread": Msg("Selisih keadilan terbesar (hari)", "Largest fairness spread (days)"),
    "max_abs_deviation": Msg("Simpangan terbesar dari jatah adil (hari)",
                             "Largest deviation from the fair share (days)"),
    "mean_abs_deviation": Msg("Rata-rata simpangan (hari)", "Mean deviation (days)"),
    "within_one_day_share": Msg("Porsi pegawai dalam 1 hari", "Share within 1 day"),
    "peak_occupancy": Msg("Keterisian puncak (÷ kapasitas)", "Peak occupancy (÷ capacity)"),
    "peak_wfo": Msg("Pegawai di kantor, puncak", "Peak staff in the office"),
    "commute_km_avoided": T["km_avoided"],
    "wfh_cap": Msg("Batas WFH per unit (%)", "WFH cap per unit (%)"),
    "max_flex_days_per_week": Msg("Batas hari fleksibel per minggu",
                                  "Flexible days per week, cap"),
    "ppkm_level": Msg("Level PPKM", "PPKM level"),
}


def axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    """``ax``, or the Axes of a new figure of ``size`` inches (matplotlib imported here)."""
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError("plots need matplotlib: pip install 'asn-scheduler[notebooks]'") from exc
    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def shade_days_off(ax: Axes, working: pd.Series, lang: Lang) -> None:
    """Grey bands over the dates (index) whose ``working`` value is false; one legend entry."""
    labelled = False
    for day, is_working in working.items():
        if not is_working:
            start = pd.Timestamp(day) - pd.Timedelta(hours=12)
            ax.axvspan(start, start + pd.Timedelta(days=1), color="grey", alpha=0.12,
                       linewidth=0, label=None if labelled else T["day_off"].get(lang))
            labelled = True


def date_axis(ax: Axes, lang: Lang) -> None:
    """Day/month tick labels (no month names, so no locale) and the axis label."""
    import matplotlib.dates as mdates

    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
    ax.set_xlabel(T["date"].get(lang))


WEEKDAYS = {"id": ("Sn", "Sl", "Rb", "Km", "Jm", "Sb", "Mg"),
            "en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")}


def weekday(i: int, lang: Lang) -> str:
    """Two-letter weekday (0 = Monday)."""
    return WEEKDAYS[lang][i]


def column_label(column: str, lang: Lang) -> str:
    """Human label of a frame column or sweep parameter (the name itself if unknown)."""
    if column in COLUMN_LABELS:
        return COLUMN_LABELS[column].get(lang)
    if column.startswith("capacity[") and column.endswith("]"):
        return f"{T['capacity'].get(lang)} {column[9:-1]}"
    return column
