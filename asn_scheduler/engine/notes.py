"""Notes a planner needs beside a written roster, from the checker's report: buildings
over-full on ordinary office days, and units whose WFH cap rounds down to nobody."""

from __future__ import annotations

from collections.abc import Sequence

from asn_scheduler import fmt
from asn_scheduler.checker.report import CheckReport, UnitDay
from asn_scheduler.i18n import Msg
from asn_scheduler.rules.violation import Violation

MAX_UNITS_LISTED = 10

MSG_OVERFULL = Msg(
    "Gedung {b} melebihi kapasitas pada {n} hari kerja kantor biasa (tanpa rezim kerja "
    "fleksibel, semua wajib WFO; jadwal tetap ditulis): kurang hingga {most} kursi ({days})",
    "Building {b} is over capacity on {n} ordinary office day(s) (no flexible-work regime, "
    "everyone is in by law; the roster is still written): up to {most} seats short ({days})")
MSG_ROUNDED = Msg(
    "Batas WFH dibulatkan ke bawah menjadi 0 orang (WFH paling banyak floor(batas × pegawai "
    "hadir)) di {n} unit: {units}",
    "The WFH cap rounds down to 0 people (WFH at most floor(cap × present staff)) in {n} "
    "unit(s): {units}")
MSG_ROUNDED_UNIT = Msg("{u} ({pct:g}% dari {a} pegawai, {d} hari)",
                       "{u} ({pct:g}% of {a} staff, {d} days)")


def roster_notes(report: CheckReport) -> list[Msg]:
    """Every note of this module for ``report``, buildings first."""
    return [*overfull_notes(report.shortfalls), *rounded_cap_notes(report.unit_days)]


def overfull_notes(shortfalls: Sequence[Violation]) -> list[Msg]:
    """One note per building over-full on ordinary office days (the checker's B1
    shortfalls): which building, how many days and which, by how many seats at most."""
    by_building: dict[str, list[Violation]] = {}
    for v in shortfalls:
        if v.rule == "B1" and v.building is not None:
            by_building.setdefault(v.building, []).append(v)
    out = []
    for name, found in by_building.items():
        days = [v.day for v in found if v.day is not None]
        most = int(max(v.amount for v in found))
        out.append(Msg(*(template.format(b=name, n=len(found), most=most,
                                         days=fmt.runs(days, lang))
                         for template, lang in ((MSG_OVERFULL.id, "id"),
                                                (MSG_OVERFULL.en, "en")))))
    return out


def rounded_cap_notes(unit_days: Sequence[UnitDay]) -> list[Msg]:
    """One note listing the units (up to :data:`MAX_UNITS_LISTED`) whose cap above 0% rounds
    down to 0 people on working days with staff present: a one-person unit under 50%,
    three people under 30% (rules.md, rounding). Each with the cap, the usual present staff
    and the number of such days."""
    found: dict[str, list[UnitDay]] = {}
    for ud in unit_days:
        if ud.working and ud.active and ud.cap == 0 and ud.cap_pct and ud.cap_pct > 0:
            found.setdefault(ud.unit, []).append(ud)
    if not found:
        return []
    parts = []
    for code, days in list(found.items())[:MAX_UNITS_LISTED]:
        first = days[0]
        parts.append(MSG_ROUNDED_UNIT.format(u=code, pct=float(first.cap_pct or 0),
                                             a=first.active, d=len(days)))
    more = len(found) - MAX_UNITS_LISTED
    units_id = "; ".join(p.id for p in parts) + (f" … dan {more} unit lain" if more > 0 else "")
    units_en = "; ".join(p.en for p in parts) + (f" … and {more} more" if more > 0 else "")
    return [Msg(MSG_ROUNDED.id.format(n=len(found), units=units_id),
                MSG_ROUNDED.en.format(n=len(found), units=units_en))]
