"""Checks across rows and sheets, then the domain objects.

Works on the parsed :class:`~asn_scheduler.excel.reader_table.Table` of each sheet:
duplicate keys, references between sheets (employee → unit, unit → building, supervisor
and absence → employee), reversed date ranges, and a few warnings that would otherwise
surface later as an unexplained infeasibility. A reference is only checked when the sheet
and column it points into were read, so one missing sheet does not flood the table with
thousands of follow-on errors.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from asn_scheduler.domain.model import (
    MAX_PERIOD_DAYS,
    Absence,
    Building,
    CalendarOverride,
    Employee,
    Period,
    Problem,
    Unit,
)
from asn_scheduler.domain.parsing import did_you_mean, nearest
from asn_scheduler.domain.problems import Severity
from asn_scheduler.excel.reader_settings import (
    check_ppkm_levels,
    check_regions,
    check_settings,
    ppkm_levels_of,
    settings_of,
)
from asn_scheduler.excel.reader_table import Collector, Row, Table
from asn_scheduler.i18n import Msg


def key_of(text: str) -> str:
    """How codes and names are compared across sheets: case and repeated spaces ignored."""
    return " ".join(text.split()).casefold()


def _first_rows(table: Table, key: str, fold: bool, found: Collector) -> dict[str, Row]:
    """First row holding each value of column ``key``; later repeats are reported."""
    first: dict[str, Row] = {}
    for row in table.rows:
        value = row.values.get(key)
        if value is None or key in row.failed:
            continue
        k = key_of(value) if fold else value
        if k not in first:
            first[k] = row
            continue
        _ref_problem(found, table, row, key, value,
                     Msg(f"Duplikat: nilai yang sama sudah ada di baris {first[k].number}.",
                         f"Duplicate: the same value is already in row {first[k].number}."),
                     Msg("Setiap nilai di kolom ini harus unik: hapus baris ganda atau "
                         "perbaiki nilainya.",
                         "Each value in this column must be unique: delete the repeated row or "
                         "correct the value."))
    return first


def _ref_problem(found: Collector, table: Table, row: Row, key: str, value: Any,
                 problem: Msg, fix: Msg, severity: Severity = "error", cause: str = "") -> None:
    if severity == "error":
        row.failed.add(key)
    found.add(table.sheet, row.number, table.headers[key], value, problem, fix,
              severity=severity, position=table.positions[key], cause=cause)


NIP_SAFE_DIGITS = 15
"""Digits a number cell keeps exactly (a double): a NIP typed as a number still has its
first 15, enough to tell whose NIP a reference was meant to match."""


def _digits(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "".join(ch for ch in str(value) if ch.isdigit())


def _lost_nips(staff: Table) -> dict[str, str]:
    """Rejected NIP cells of the staff sheet: their first digits → the problem's ref, so a
    reference to that employee is reported under its cause, not as another error."""
    out: dict[str, str] = {}
    header = staff.headers.get("nip", "NIP")
    for row in staff.rows:
        raw = row.rejected.get("nip")
        if raw is not None and len(_digits(raw)) >= NIP_SAFE_DIGITS:
            out.setdefault(_digits(raw)[:NIP_SAFE_DIGITS], f"{staff.sheet}!{row.number}:{header}")
    return out


def _cause_of(nip: str, lost: dict[str, str]) -> str:
    return lost.get(_digits(nip)[:NIP_SAFE_DIGITS], "")


def cross_check(tables: dict[str, Table], found: Collector) -> None:
    """Duplicate keys, references, ranges and consistency warnings across sheets."""
    staff, units = tables.get("staff"), tables.get("units")
    buildings, absences = tables.get("buildings"), tables.get("absences")
    nips: dict[str, Row] | None = None
    if staff is not None:
        if not staff.rows:
            found.add(staff.sheet, None, None, "", Msg("Lembar pegawai tidak berisi data.",
                                                       "The staff sheet holds no data."),
                      Msg("Isi satu baris per pegawai di bawah baris judul.",
                          "Add one row per employee below the header row."))
        if staff.usable("nip"):
            nips = _first_rows(staff, "nip", False, found)
    unit_rows: dict[str, Row] | None = None
    if units is not None:
        if not units.rows:
            found.add(units.sheet, None, None, "", Msg("Lembar unit tidak berisi data.",
                                                       "The unit sheet holds no data."),
                      Msg("Isi satu baris per unit kerja di bawah baris judul.",
                          "Add one row per service unit below the header row."))
        if units.usable("code"):
            unit_rows = _first_rows(units, "code", True, found)
    building_rows: dict[str, Row] | None = None
    if buildings is not None and buildings.usable("name"):
        building_rows = _first_rows(buildings, "name", True, found)

    if staff is not None:
        _check_staff(staff, nips, unit_rows, units, found)
    if units is not None:
        _check_units(units, building_rows, buildings, staff, found)
    if absences is not None:
        _check_absences(absences, nips, _lost_nips(staff) if staff is not None else {}, found)
    for key in ("absences", "period"):
        if (t := tables.get(key)) is not None:
            _check_ranges(t, found)
    if (period := tables.get("period")) is not None:
        _check_period_length(period, found)
        for row in period.rows[1:]:
            found.add(period.sheet, row.number, None, "",
                      Msg("Lembar Periode hanya boleh berisi satu baris tanggal.",
                          "Sheet Periode may hold only one row of dates."),
                      Msg(f"Simpan hanya baris {period.rows[0].number}; hapus baris lainnya.",
                          f"Keep only row {period.rows[0].number}; delete the others."))
    if (holidays := tables.get("holidays")) is not None:
        _check_holidays(holidays, unit_rows, units, found)
    if units is not None:
        check_regions(units, found)
    if (settings := tables.get("settings")) is not None:
        check_settings(settings, found)
    if (levels := tables.get("ppkm_levels")) is not None:
        check_ppkm_levels(levels, found)
        _check_ranges(levels, found)


def _check_period_length(period: Table, found: Collector) -> None:
    for row in period.rows:
        start, end = row.values.get("start"), row.values.get("end")
        if start is not None and end is not None and (end - start).days + 1 > MAX_PERIOD_DAYS:
            found.add(period.sheet, row.number, period.headers["end"], end,
                      Msg(f"Periode terlalu panjang ({(end - start).days + 1} hari; paling lama "
                          f"{MAX_PERIOD_DAYS} hari).",
                          f"The period is too long ({(end - start).days + 1} days; at most "
                          f"{MAX_PERIOD_DAYS} days)."),
                      Msg("Buat jadwal per tahun: isi periode paling lama satu tahun.",
                          "Make the roster one year at a time: a period of at most a year."),
                      position=period.positions["end"])


def _check_staff(staff: Table, nips: dict[str, Row] | None, unit_rows: dict[str, Row] | None,
                 units: Table | None, found: Collector) -> None:
    unit_sheet = units.sheet if units is not None else "Unit"
    lost = _lost_nips(staff)
    for row in staff.rows:
        code = row.values.get("unit_code")
        if unit_rows is not None and code is not None and "unit_code" not in row.failed:
            unit = unit_rows.get(key_of(code))
            if unit is None:
                hint = did_you_mean(nearest(code, {k: r.values["code"]
                                                   for k, r in unit_rows.items()}))
                _ref_problem(found, staff, row, "unit_code", code,
                             Msg(f"Kode unit tidak ada di lembar {unit_sheet}.",
                                 f"The unit code is not in sheet {unit_sheet}."),
                             Msg(f"{hint.id}Tambahkan unit '{code}' ke lembar {unit_sheet} "
                                 "atau perbaiki kodenya.", f"{hint.en}Add unit '{code}' to "
                                 f"sheet {unit_sheet} or correct the code."))
            else:
                row.values["unit_code"] = unit.values["code"]
        boss = row.values.get("supervisor_nip")
        if nips is not None and boss is not None and "supervisor_nip" not in row.failed:
            if boss not in nips:
                cause = _cause_of(boss, lost)
                _ref_problem(found, staff, row, "supervisor_nip", boss,
                             Msg("NIP atasan tidak ada di lembar pegawai.",
                                 "The supervisor's NIP is not in the staff sheet."),
                             Msg("Tambahkan atasan sebagai pegawai, perbaiki NIP-nya, atau "
                                 "kosongkan sel.", "Add the supervisor as an employee, "
                                 "correct the NIP, or leave the cell empty."), cause=cause)
            elif boss == row.values.get("nip"):
                _ref_problem(found, staff, row, "supervisor_nip", boss,
                             Msg("NIP atasan sama dengan NIP pegawai sendiri.",
                                 "The supervisor's NIP is the employee's own."),
                             Msg("Isi NIP atasan langsung atau kosongkan sel.",
                                 "Enter the direct supervisor's NIP or leave the cell empty."),
                             severity="warning")


def _check_units(units: Table, building_rows: dict[str, Row] | None,
                 buildings: Table | None, staff: Table | None, found: Collector) -> None:
    size: Counter[str] = Counter()
    holders: dict[str, Counter[str]] = defaultdict(Counter)
    staff_ok = staff is not None and staff.usable("unit_code")
    if staff is not None and staff_ok:
        for row in staff.rows:
            code = row.values.get("unit_code")
            if code is None:
                continue
            size[key_of(code)] += 1
            for role in row.values.get("roles", ()):
                holders[key_of(code)][role] += 1
    for row in units.rows:
        name = row.values.get("building")
        if name is not None:
            if building_rows is None:
                _ref_problem(found, units, row, "building", name,
                             Msg("Gedung diisi, tetapi lembar Gedung tidak ada.",
                                 "A building is given, but there is no sheet Gedung."),
                             Msg(f"Tambahkan lembar Gedung (kolom Gedung, Kapasitas) dengan "
                                 f"'{name}', atau kosongkan sel.",
                                 f"Add sheet Gedung (columns Gedung, Kapasitas) listing "
                                 f"'{name}', or leave the cell empty."))
            elif (b := building_rows.get(key_of(name))) is None:
                hint = did_you_mean(nearest(name, {k: r.values["name"]
                                                   for k, r in building_rows.items()}))
                _ref_problem(found, units, row, "building", name,
                             Msg("Gedung tidak ada di lembar Gedung.",
                                 "The building is not in sheet Gedung."),
                             Msg(f"{hint.id}Tambahkan '{name}' ke lembar Gedung atau perbaiki "
                                 "namanya.", f"{hint.en}Add '{name}' to sheet Gedung or correct "
                                 "the name."))
            else:
                row.values["building"] = b.values["name"]
        code = row.values.get("code")
        if code is None or "code" in row.failed or not staff_ok:
            continue
        k = key_of(code)
        if size[k] == 0:
            found.add(units.sheet, row.number, units.headers["code"], code,
                      Msg("Unit ini tidak punya pegawai.", "This unit has no staff."),
                      Msg("Periksa kode unit pegawainya, atau hapus baris unit ini.",
                          "Check the staff's unit codes, or delete this unit row."),
                      severity="warning", position=units.positions["code"])
        for role, need in sorted(row.values.get("role_minimums", {}).items()):
            have = holders[k][role]
            if have < need:
                _ref_problem(found, units, row, "role_minimums", row.values["role_minimums"],
                             Msg(f"Butuh {need} pemegang peran '{role}' di kantor, tetapi unit "
                                 f"hanya punya {have}.",
                                 f"Needs {need} holders of role '{role}' in the office, but the "
                                 f"unit has only {have}."),
                             Msg(f"Tambahkan peran '{role}' pada pegawai unit ini (kolom Peran) "
                                 "atau turunkan jumlah minimalnya.",
                                 f"Give role '{role}' to staff of this unit (column Peran) or "
                                 "lower the minimum."), severity="warning")


def _check_absences(absences: Table, nips: dict[str, Row] | None, lost: dict[str, str],
                    found: Collector) -> None:
    if nips is None:
        return
    for row in absences.rows:
        nip = row.values.get("nip")
        if nip is not None and "nip" not in row.failed and nip not in nips:
            _ref_problem(found, absences, row, "nip", nip,
                         Msg("NIP tidak ada di lembar pegawai.", "The NIP is not in the staff "
                             "sheet."),
                         Msg("Perbaiki NIP atau tambahkan pegawainya ke lembar Pegawai.",
                             "Correct the NIP or add the employee to sheet Pegawai."),
                         cause=_cause_of(nip, lost))


def _check_ranges(table: Table, found: Collector) -> None:
    for row in table.rows:
        start, end = row.values.get("start"), row.values.get("end")
        if start is not None and end is not None and end < start:
            _ref_problem(found, table, row, "end", end,
                         Msg(f"Tanggal selesai sebelum tanggal mulai ({start:%d/%m/%Y}).",
                             f"The end date is before the start date ({start:%d/%m/%Y})."),
                         Msg("Tukar tanggal mulai dan selesai, atau perbaiki salah satunya "
                             "(tanggal dibaca hari/bulan/tahun).",
                             "Swap the start and end dates or correct one of them (dates are "
                             "read day/month/year)."))


def _check_holidays(table: Table, unit_rows: dict[str, Row] | None, units: Table | None,
                    found: Collector) -> None:
    unit_sheet = units.sheet if units is not None else "Unit"
    seen: dict[Any, Row] = {}
    for row in table.rows:
        code = row.values.get("unit_code")
        if code is not None and unit_rows is not None and "unit_code" not in row.failed:
            unit = unit_rows.get(key_of(code))
            if unit is None:
                _ref_problem(found, table, row, "unit_code", code,
                             Msg(f"Kode unit tidak ada di lembar {unit_sheet}.",
                                 f"The unit code is not in sheet {unit_sheet}."),
                             Msg("Perbaiki kodenya, atau kosongkan sel agar berlaku untuk "
                                 "semua unit.", "Correct the code, or leave the cell empty "
                                 "for every unit."))
            else:
                row.values["unit_code"] = code = unit.values["code"]
        day = row.values.get("date")
        if day is None:
            continue
        key = (day, None if code is None else key_of(code))
        if (first := seen.get(key)) is None:
            seen[key] = row
            continue
        same = first.values.get("kind") == row.values.get("kind")
        _ref_problem(found, table, row, "date", day,
                     Msg(f"Tanggal ini sudah ada di baris {first.number}"
                         + ("." if same else " dengan jenis berbeda."),
                         f"This date is already in row {first.number}"
                         + ("." if same else " with a different kind.")),
                     Msg("Sebut setiap tanggal sekali.", "List each date once."),
                     severity="warning" if same else "error")


def build_problem(tables: dict[str, Table], name: str) -> Problem:
    """The :class:`Problem` from error-free tables (values already canonical)."""

    def rows(key: str) -> list[dict[str, Any]]:
        t = tables.get(key)
        return [r.values for r in t.rows] if t is not None else []

    seen: set[Any] = set()
    overrides = []
    for values in rows("holidays"):
        key = (values["date"], values.get("unit_code"))
        if key not in seen:
            seen.add(key)
            overrides.append(CalendarOverride(**values))
    period_rows = rows("period")
    settings, settings_rows = settings_of(tables.get("settings"))
    return Problem(
        employees=tuple(Employee(**v) for v in rows("staff")),
        units=tuple(Unit(**v) for v in rows("units")),
        absences=tuple(Absence(**v) for v in rows("absences")),
        buildings=tuple(Building(**v) for v in rows("buildings")),
        overrides=tuple(overrides),
        period=Period(**period_rows[0]) if period_rows else None,
        name=name,
        settings=settings,
        settings_rows=settings_rows,
        ppkm_levels=ppkm_levels_of(tables.get("ppkm_levels")),
    )
