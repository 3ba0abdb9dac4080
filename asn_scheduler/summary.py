"""A plain-text overview of a :class:`~asn_scheduler.domain.Problem` for the planner.

What ``asn-scheduler validate`` prints when a workbook is usable: staff per service
category and per unit, the senior officials (the two highest structural levels present),
absences by kind, buildings with their capacity against the staff who use them, and the
working days of the period with the national holidays and *cuti bersama* inside it —
flagging dates the ``holidays`` package only estimates. Pure: no spreadsheet library.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from asn_scheduler.domain.calendar import Calendar, estimated_holidays, national_holidays
from asn_scheduler.domain.enums import ServiceCategory, Weekday
from asn_scheduler.domain.model import Problem, Unit
from asn_scheduler.i18n import Lang, Msg, check_lang
from asn_scheduler.rules.data import pct_of
from asn_scheduler.settings_summary import settings_lines

MAX_UNITS_LISTED = 30

_T = {
    "head": Msg("Ringkasan {name}: {staff} pegawai, {units} unit, {absences} baris cuti/dinas, "
                "{buildings} gedung",
                "Summary of {name}: staff {staff}, units {units}, absence rows {absences}, "
                "buildings {buildings}"),
    "by_category": Msg("Per kategori layanan:", "By service category:"),
    "cat_line": Msg("{units} unit, {staff} pegawai", "units {units}, staff {staff}"),
    "by_unit": Msg("Per unit:", "By unit:"),
    "more_units": Msg("… dan {n} unit lain", "… and {n} more units"),
    "seniors": Msg("Pejabat senior (dua tingkat struktural tertinggi): {list}",
                   "Senior officials (the two highest structural levels): {list}"),
    "no_seniors": Msg("Pejabat senior: tidak ada pejabat struktural.",
                      "Senior officials: no structural officials."),
    "absences": Msg("Cuti dan dinas per jenis:", "Absences by kind:"),
    "absence_line": Msg("{rows} baris, {days} hari", "rows {rows}, days {days}"),
    "no_absences": Msg("Cuti dan dinas: tidak ada.", "Absences: none."),
    "buildings": Msg("Gedung (kapasitas per hari vs pegawai unit di gedung itu):",
                     "Buildings (seats per day vs staff of the units housed there):"),
    "building_line": Msg("kapasitas {cap}, pegawai {staff}{note}",
                         "capacity {cap}, staff {staff}{note}"),
    "over": Msg(" — kurang {n} kursi bila semua WFO", " — {n} seats short if everyone is in"),
    "no_period": Msg("Periode: tidak diisi (berikan --start/--end atau lembar Periode).",
                     "Period: not given (use --start/--end or sheet Periode)."),
    "period": Msg("Periode {start} – {end}: {days} hari kalender.",
                  "Period {start} – {end}: {days} calendar days."),
    "workdays": Msg("Hari kerja {label}: {n} ({units} unit)",
                    "Working days {label}: {n} (units: {units})"),
    "holidays": Msg("Libur nasional dan cuti bersama dalam periode:",
                    "National holidays and cuti bersama in the period:"),
    "no_holidays": Msg("Tidak ada libur nasional atau cuti bersama dalam periode.",
                       "No national holiday or cuti bersama in the period."),
    "estimated": Msg("Peringatan: tanggal berikut hanya perkiraan paket holidays (hari raya "
                     "berdasarkan kalender bulan yang belum ditetapkan); pastikan dengan SKB "
                     "3 Menteri dan tambahkan koreksi di lembar Libur: {dates}",
                     "Warning: these dates are only estimated by the holidays package (lunar "
                     "holidays not yet decreed); confirm them against the SKB 3 Menteri and "
                     "correct them in sheet Libur: {dates}"),
    "overrides": Msg("Perubahan dari lembar Libur:", "Changes from sheet Libur:"),
    "open_holidays": Msg(", buka hari libur", ", open on holidays"),
    "rounded": Msg("Batas WFH yang dibulatkan ke bawah menjadi 0 orang (WFH paling banyak "
                   "floor(batas × pegawai hadir)):",
                   "WFH caps that round down to 0 people (WFH at most floor(cap × present "
                   "staff)):"),
    "rounded_cap": Msg("{n} pegawai, Batas WFH {pct:g}% → 0 orang WFH",
                       "staff {n}, Batas WFH {pct:g}% → 0 people WFH"),
    "rounded_one": Msg("1 pegawai: batas apa pun di bawah 100% (mis. 50% skenario) → 0 orang WFH",
                       "1 staff: any cap below 100% (e.g. a scenario's 50%) → 0 people WFH"),
}


def summarise(problem: Problem, lang: Lang = "id") -> str:
    """The overview of ``problem`` as text in ``lang`` (numbers grouped the local way)."""
    lang = check_lang(lang)

    def t(key: str, **fields: object) -> str:
        return _T[key].format(**fields).get(lang) if fields else _T[key].get(lang)

    def n(value: int) -> str:
        return f"{value:,}".replace(",", "." if lang == "id" else ",")

    size = Counter(e.unit_code for e in problem.employees)
    lines = [t("head", name=problem.name or "-", staff=n(len(problem.employees)),
               units=n(len(problem.units)), absences=n(len(problem.absences)),
               buildings=n(len(problem.buildings))), "", t("by_category")]
    for cat in ServiceCategory:
        units = [u for u in problem.units if u.category is cat]
        if units:
            lines.append(f"  {cat.label(lang):<28} " + t(
                "cat_line", units=n(len(units)), staff=n(sum(size[u.code] for u in units))))
    lines += ["", t("by_unit")]
    width = max((len(u.code) for u in problem.units[:MAX_UNITS_LISTED]), default=0)
    for u in problem.units[:MAX_UNITS_LISTED]:
        lines.append(f"  {u.code:<{width}}  {n(size[u.code]):>7}  {u.name} "
                     f"({u.category.label(lang)})")
    if len(problem.units) > MAX_UNITS_LISTED:
        lines.append("  " + t("more_units", n=n(len(problem.units) - MAX_UNITS_LISTED)))
    lines += ["", _seniors(problem, lang, t, n)]
    lines += _rounded(problem, size, t, n)
    lines += ["", *_absences(problem, lang, t, n)]
    if problem.buildings:
        lines += ["", *_buildings(problem, t, n)]
    lines += ["", *_period(problem, lang, t, n)]
    lines += settings_lines(problem, lang)
    return "\n".join(lines)


def _seniors(problem: Problem, lang: Lang, t, n) -> str:
    levels = sorted(problem.senior_levels, key=lambda p: p.rank)
    if not levels:
        return t("no_seniors")
    count = Counter(e.position_type for e in problem.employees)
    return t("seniors", list=", ".join(f"{lv.label(lang)} {n(count[lv])}" for lv in levels))


def _rounded(problem: Problem, size: Counter, t, n) -> list[str]:
    """Units (not direct services, which are WFO anyway) where the rounding rule leaves
    nobody WFH at full strength: their own ``Batas WFH (%)`` of their staff, or one person."""
    found = []
    for u in problem.units:
        staff = size[u.code]
        if u.category is ServiceCategory.LAYANAN_LANGSUNG or not staff:
            continue
        if u.max_wfh_pct is not None and 0 < u.max_wfh_pct < 100 \
                and pct_of(u.max_wfh_pct, staff) == 0:
            found.append(f"  {u.code}: " + t("rounded_cap", n=n(staff), pct=u.max_wfh_pct))
        elif staff == 1 and (u.max_wfh_pct is None or u.max_wfh_pct > 0):
            found.append(f"  {u.code}: " + t("rounded_one"))
    if not found:
        return []
    shown = found[:MAX_UNITS_LISTED]
    if len(found) > MAX_UNITS_LISTED:
        shown.append("  " + t("more_units", n=n(len(found) - MAX_UNITS_LISTED)))
    return ["", t("rounded"), *shown]


def _absences(problem: Problem, lang: Lang, t, n) -> list[str]:
    if not problem.absences:
        return [t("no_absences")]
    rows: Counter = Counter()
    days: Counter = Counter()
    for a in problem.absences:
        rows[a.kind] += 1
        days[a.kind] += (a.end - a.start).days + 1
    out = [t("absences")]
    for kind in sorted(rows, key=lambda k: list(type(k)).index(k)):
        out.append(f"  {kind.label(lang):<28} " + t("absence_line", rows=n(rows[kind]),
                                                      days=n(days[kind])))
    return out


def _buildings(problem: Problem, t, n) -> list[str]:
    size = Counter(e.unit_code for e in problem.employees)
    out = [t("buildings")]
    for b in problem.buildings:
        staff = sum(size[u.code] for u in problem.units if u.building == b.name)
        note = t("over", n=n(staff - b.capacity)) if staff > b.capacity else ""
        out.append(f"  {b.name:<28} " + t("building_line", cap=n(b.capacity), staff=n(staff),
                                          note=note))
    return out


def day_label(days: Iterable[int], lang: Lang = "id") -> str:
    """``Senin–Jumat`` for a run of weekdays, otherwise the names joined by commas."""
    ds = sorted(days)
    names = [list(Weekday)[d].label(lang) for d in ds]
    if len(ds) > 2 and ds == list(range(ds[0], ds[-1] + 1)):
        return f"{names[0]}–{names[-1]}"
    return ", ".join(names)


def _period(problem: Problem, lang: Lang, t, n) -> list[str]:
    period = problem.period
    if period is None:
        return [t("no_period")]
    days = period.days()
    cal = Calendar(days, problem.overrides)
    out = [t("period", start=f"{period.start:%d/%m/%Y}", end=f"{period.end:%d/%m/%Y}",
             days=n(len(days)))]
    by_days: dict[tuple[object, ...], list[Unit]] = {}
    for u in problem.units:
        by_days.setdefault(cal.pattern(u), []).append(u)
    for _key, units in sorted(by_days.items(), key=lambda kv: (
            sorted(kv[1][0].operating_days), kv[1][0].works_holidays, str(kv[0][2]))):
        first = units[0]
        label = day_label(first.operating_days, lang) + (
            t("open_holidays") if first.works_holidays else "") + (
            f", {first.code}" if _key[2] is not None else "")
        out.append("  " + t("workdays", label=label, n=n(len(cal.working_days(first))),
                            units=n(len(units))))
    national = national_holidays(days)
    if national:
        out.append(t("holidays"))
        out += [f"  {d:%d/%m/%Y} {_weekday(d, lang):<9} {name}"
                for d, name in sorted(national.items())]
    else:
        out.append(t("no_holidays"))
    inside = [o for o in problem.overrides if period.start <= o.date <= period.end]
    if inside:
        out.append(t("overrides"))
        for o in sorted(inside, key=lambda o: o.date):
            out.append(f"  {o.date:%d/%m/%Y} {o.kind.label(lang)}"
                       + (f" ({o.unit_code})" if o.unit_code else "")
                       + (f" — {o.note}" if o.note else ""))
    estimated = estimated_holidays(days)
    if estimated:
        out.append(t("estimated", dates=", ".join(f"{d:%d/%m/%Y} ({name})"
                                                  for d, name in sorted(estimated.items()))))
    return out


def _weekday(d: date, lang: Lang) -> str:
    return list(Weekday)[d.weekday()].label(lang)

