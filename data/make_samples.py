"""Write the bundled sample workbooks (deterministic): ``python data/make_samples.py``.

- ``contoh-pemkot.xlsx``: a curated sample of a provincial government (DKI Jakarta), 20
  units with real unit names, staff drawn by the synthetic-agency building blocks from a
  fixed seed, leave around every dated scenario window, and building capacities that bind
  yet stay feasible under every shipped scenario (checked here before writing).
- ``contoh-kecil.xlsx``: a 15-person kecamatan office written out by hand, small enough
  to read in ``data/README.md``.
"""

from __future__ import annotations

import dataclasses
import math
import sys
from datetime import date, datetime
from pathlib import Path

import numpy as np

from asn_scheduler.domain import (
    Absence,
    AbsenceKind,
    Building,
    CalendarOverride,
    Discipline,
    Employee,
    OverrideKind,
    Period,
    PositionLevel,
    Problem,
    Sector,
    ServiceCategory,
    Unit,
)
from asn_scheduler.excel.input_writer import write_input_workbook
from asn_scheduler.generate import unit_of
from asn_scheduler.scenario import list_scenarios
from asn_scheduler.synth import catalog as cat
from asn_scheduler.synth.feasibility import MARCH_2026, check_periods, wfo_floor
from asn_scheduler.synth.leave import make_absences
from asn_scheduler.synth.staff import populate
from asn_scheduler.synth.units import UnitPlan

HERE = Path(__file__).resolve().parent
CREATED = datetime(2026, 3, 1, 8, 0)   # fixed, so re-running leaves the files byte-identical
SEED = 17_2023
JPT, ADM_L = PositionLevel.JPT_PRATAMA, PositionLevel.ADMINISTRATOR
KIND = {k.key: k for k in (*cat.DIRECT_KINDS, cat.ADMIN_KIND, cat.SUPPORT_KIND)}
K, EVERY, MON_SAT, MON_FRI = Sector.KRITIKAL, cat.EVERY_DAY, cat.MON_SAT, cat.MON_FRI
E, N = Sector.ESENSIAL, Sector.NON_ESENSIAL

BLOK_A, BLOK_G, BLOK_H = "Balai Kota Blok A", "Balai Kota Blok G", "Balai Kota Blok H"
DPRD, JATIBARU = "Gedung DPRD DKI Jakarta", "Gedung Dinas Teknis Jatibaru"
ROOMY = (DPRD, JATIBARU)   # room for everyone: these two do not bind

# code, name, kind, size, head, sector, operating days, roles {role: (min, holders)},
# own WFH cap, building. Direct services are Kritikal (S1 keeps them 100% WFO; only
# Kritikal allows 100% WFO in the SE 6/2022 table). Own caps are ≥ 60% so the 50% WFO
# ceiling of the SE 58/2020 replay stays reachable.
UNITS: tuple[tuple, ...] = (
    ("RSUD-TARAKAN", "RSUD Tarakan", "rsud", 30, JPT, K, EVERY,
     {"piket": (3, 5), "loket": (2, 3)}, None, None),
    ("PKM-GAMBIR", "Puskesmas Kecamatan Gambir", "puskesmas", 14, ADM_L, K, MON_SAT,
     {"loket": (1, 2)}, None, None),
    ("PKM-TEBET", "Puskesmas Kecamatan Tebet", "puskesmas", 12, ADM_L, K, MON_SAT,
     {"loket": (1, 2)}, None, None),
    ("PKM-CAKUNG", "Puskesmas Kecamatan Cakung", "puskesmas", 10, ADM_L, K, MON_SAT,
     {"loket": (1, 2)}, None, None),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "satpol", 16, JPT, K, EVERY,
     {"piket": (2, 4)}, None, None),
    ("GULKARMAT", "Dinas Penanggulangan Kebakaran dan Penyelamatan", "damkar", 14, JPT, K,
     EVERY, {"piket": (2, 4)}, None, None),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "bpbd", 9, JPT, K, EVERY,
     {"piket": (1, 2), "operator": (1, 2)}, None, JATIBARU),
    ("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dukcapil", 12, JPT, K, MON_FRI,
     {"loket": (2, 3), "operator": (1, 2)}, None, JATIBARU),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "ptsp", 12, JPT, K,
     MON_SAT, {"loket": (2, 3)}, None, JATIBARU),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "admin", 22, JPT, N, MON_FRI,
     {"bendahara": (1, 2)}, None, BLOK_H),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "admin", 26, JPT, E, MON_FRI,
     {"bendahara": (2, 3), "operator": (1, 2)}, None, BLOK_H),
    ("BKD", "Badan Kepegawaian Daerah", "admin", 18, JPT, N, MON_FRI,
     {"operator": (1, 2)}, None, BLOK_H),
    ("INSPEKTORAT", "Inspektorat", "admin", 16, JPT, N, MON_FRI, {}, 60.0, BLOK_G),
    ("DISKOMINFOTIK", "Dinas Komunikasi, Informatika dan Statistik", "admin", 20, JPT, E,
     MON_FRI, {"operator": (2, 3)}, None, BLOK_H),
    ("BAPENDA", "Badan Pendapatan Daerah", "admin", 20, JPT, E, MON_FRI,
     {"bendahara": (1, 2)}, None, BLOK_H),
    ("BIRO-PEM", "Biro Pemerintahan", "admin", 12, JPT, N, MON_FRI, {}, None, BLOK_G),
    ("BIRO-HUKUM", "Biro Hukum", "admin", 12, JPT, N, MON_FRI, {}, 75.0, BLOK_G),
    ("BIRO-UMUM", "Biro Umum dan Administrasi Pimpinan", "support", 24, JPT, N, MON_FRI,
     {"bendahara": (1, 2), "operator": (1, 2)}, None, BLOK_A),
    ("BIRO-PROTOKOL", "Biro Protokol dan Hubungan Masyarakat", "support", 16, JPT, N,
     MON_FRI, {"protokol": (2, 3)}, 60.0, BLOK_A),
    ("SETWAN", "Sekretariat DPRD", "support", 20, JPT, N, MON_FRI,
     {"protokol": (1, 2), "bendahara": (1, 2)}, None, DPRD),
)
LEAVE_WINDOWS = (Period(date(2023, 8, 28), date(2023, 9, 7)),    # SE 17/2023 (KTT ASEAN)
                 Period(date(2024, 4, 15), date(2024, 4, 19)),   # SE 1/2024 (16–17 Apr)
                 MARCH_2026)                                      # PermenPANRB 4/2025, SE 2/2026
HOLIDAYS = (CalendarOverride(date(2026, 6, 22), OverrideKind.LIBUR,
                             "HUT Kota Jakarta ke-499 (libur daerah)"),)


def pemkot() -> Problem:
    """The curated provincial-government sample (no Periode sheet: scenario windows or
    the command line supply the dates)."""
    rng = np.random.Generator(np.random.PCG64(SEED))
    plans = [UnitPlan(code=c, name=n, kind=KIND[k], size=s, head=h, region="DKI Jakarta",
                      sector=sec, operating_days=days, roles=dict(roles), max_wfh_pct=cap,
                      building=b)
             for c, n, k, s, h, sec, days, roles, cap, b in UNITS]
    employees = _with_discipline_cases(populate(plans, rng, MARCH_2026.start))
    direct = {p.code for p in plans if p.category is ServiceCategory.LAYANAN_LANGSUNG}
    absences = make_absences(rng, employees,
                             np.array([e.unit_code in direct for e in employees]), LEAVE_WINDOWS)
    buildings = tuple(dict.fromkeys(p.building for p in plans if p.building))
    problem = Problem(tuple(employees), tuple(unit_of(p) for p in plans), tuple(absences),
                      tuple(Building(b, 0) for b in buildings), HOLIDAYS,
                      name="Pemerintah Provinsi DKI Jakarta (contoh)")
    need = peak_need(problem)
    staff = {b: 0 for b in buildings}
    for p in plans:
        if p.building:
            staff[p.building] += p.size
    caps = [Building(b, math.ceil(staff[b] / 10) * 10 + 10 if b in ROOMY
                     else need[b] + max(2, math.ceil(0.05 * need[b]))) for b in buildings]
    return problem.replace(buildings=tuple(caps))


def _with_discipline_cases(employees: list[Employee]) -> list[Employee]:
    """Two staff under discipline (rule F2), in administration units, chosen by rule (the
    first non-structural person without a role) so the sample stays stable."""
    cases = {"BAPENDA": Discipline.DALAM_PROSES, "BKD": Discipline.SEDANG_MENJALANI}
    out = []
    for e in employees:
        if (cases.get(e.unit_code) and not e.position_type.structural and not e.roles
                and e.flex_eligible):
            e = dataclasses.replace(e, discipline=cases.pop(e.unit_code))
        out.append(e)
    return out


def peak_need(problem: Problem) -> dict[str, int]:
    """The most people the hard rules force into each building on any governing day of
    any shipped scenario."""
    need = {b.name: 0 for b in problem.buildings}
    for scenario, period in check_periods(problem, list_scenarios(), MARCH_2026):
        for b, floor in wfo_floor(problem, scenario, period).building_floor(problem).items():
            need[b] = max(need[b], int(floor.max(initial=0)))
    return need


def _e(nip: str, name: str, unit: str, level: PositionLevel, position: str, **kw) -> Employee:
    return Employee(nip=nip, name=name, unit_code=unit, position_type=level, position=position,
                    **kw)


def kecil() -> Problem:
    """A 15-person kecamatan office, by hand: one direct-service unit, one administration
    unit, one leadership-support unit under one roof, for March 2026."""
    P, F, L = PositionLevel.PENGAWAS, PositionLevel.FUNGSIONAL, PositionLevel.PELAKSANA
    sek, KASI = "197604122001121002", "197909232005012003"
    units = (
        Unit("PTSP-MTG", "Satuan Pelaksana PTSP Kecamatan Menteng",
             ServiceCategory.LAYANAN_LANGSUNG, K, "DKI Jakarta", "Kantor Kecamatan Menteng",
             None, {"loket": 2}, MON_FRI),
        Unit("PEM-MTG", "Seksi Pemerintahan Kecamatan Menteng", ServiceCategory.ADMINISTRASI,
             N, "DKI Jakarta", "Kantor Kecamatan Menteng", None, {"operator": 1}, MON_FRI),
        Unit("UMUM-MTG", "Subbagian Umum Kecamatan Menteng", ServiceCategory.DUKUNGAN_PIMPINAN,
             N, "DKI Jakarta", "Kantor Kecamatan Menteng", 40.0, {"protokol": 1}, MON_FRI),
    )
    staff = (
        _e(sek, "Hendra Wijaya, S.I.P., M.Si.", "UMUM-MTG", PositionLevel.ADMINISTRATOR,
           "Sekretaris Kecamatan", position_start=date(2021, 1, 4), commute_km=14.2),
        _e("198803152014032004", "Rina Marlina, S.Sos.", "UMUM-MTG", F,
           "Pranata Hubungan Masyarakat Ahli Pertama", roles=frozenset({"protokol"}),
           preferred_wfh_days=frozenset({4}), supervisor_nip=sek,
           position_start=date(2019, 7, 1), commute_km=22.5),
        _e("199102202019021003", "Ahmad Fauzi", "UMUM-MTG", L, "Pengadministrasi Perkantoran",
           roles=frozenset({"protokol"}), preferred_wfh_days=frozenset({0}),
           supervisor_nip=sek, position_start=date(2019, 2, 1), commute_km=9.8),
        _e("198512102010011001", "Slamet Santoso", "UMUM-MTG", L, "Pengemudi",
           flex_eligible=False, supervisor_nip=sek, position_start=date(2010, 1, 1),
           commute_km=6.0),
        _e("199703092022031006", "Bayu Saputra, A.Md.", "UMUM-MTG", F, "Arsiparis Terampil",
           supervisor_nip=sek, preferred_wfh_days=frozenset({0, 4}),
           position_start=date(2022, 3, 1), commute_km=15.9),
        _e("197909232005012003", "Dewi Kartika, S.H.", "PEM-MTG", P, "Kepala Seksi Pemerintahan",
           supervisor_nip=sek, position_start=date(2020, 3, 2), commute_km=17.3),
        _e("198906042015032002", "Maria Fransiska Lake, S.I.P.", "PEM-MTG", F,
           "Analis Kebijakan Ahli Pertama", team="Tim Data Wilayah", supervisor_nip=KASI,
           preferred_wfh_days=frozenset({0, 4}), position_start=date(2018, 6, 1),
           commute_km=31.0),
        _e("199207112019031005", "Parulian Siregar, S.Stat.", "PEM-MTG", F,
           "Statistisi Ahli Pertama", team="Tim Data Wilayah", supervisor_nip=KASI,
           preferred_wfh_days=frozenset({2}), position_start=date(2019, 3, 1), commute_km=12.4),
        _e("199512302020121008", "I Made Suardana, S.Kom.", "PEM-MTG", L,
           "Pengolah Data dan Informasi", roles=frozenset({"operator"}), team="Tim Data Wilayah",
           supervisor_nip=KASI, position_start=date(2021, 1, 4), commute_km=4.7),
        _e("200001172025061002", "Rizky Pratama", "PEM-MTG", L, "Penata Layanan Operasional",
           supervisor_nip=KASI, position_start=date(2025, 6, 2), commute_km=8.1),
        _e("198410052009022001", "Siti Aminah", "PEM-MTG", F, "Analis Kebijakan Ahli Muda",
           supervisor_nip=KASI, preferred_wfh_days=frozenset({1}),
           position_start=date(2016, 9, 1), commute_km=45.0),
        _e("198202142006041004", "Yohanes Wenda, S.E.", "PTSP-MTG", P,
           "Kepala Satuan Pelaksana PTSP", supervisor_nip=sek,
           position_start=date(2022, 1, 3), commute_km=19.6),
        _e("199308082018012003", "Euis Komalasari", "PTSP-MTG", L, "Penata Layanan Operasional",
           roles=frozenset({"loket"}), supervisor_nip="198202142006041004",
           position_start=date(2018, 1, 2), commute_km=11.0),
        _e("199604252021212001", "Ni Luh Ariani", "PTSP-MTG", L, "Penata Layanan Operasional",
           roles=frozenset({"loket"}), supervisor_nip="198202142006041004",
           position_start=date(2021, 4, 1), commute_km=7.5),
        _e("199011032016031001", "Andi Baso Rahim, S.T.", "PTSP-MTG", F,
           "Penelaah Perizinan Ahli Pertama", roles=frozenset({"loket"}), field_duty=True,
           supervisor_nip="198202142006041004", position_start=date(2016, 3, 1),
           commute_km=26.3),
    )
    absences = (
        Absence("198803152014032004", date(2026, 3, 9), date(2026, 3, 11),
                AbsenceKind.CUTI_TAHUNAN),
        Absence("199207112019031005", date(2026, 3, 4), date(2026, 3, 5), AbsenceKind.DIKLAT),
        Absence("199604252021212001", date(2026, 3, 2), date(2026, 3, 2), AbsenceKind.CUTI_SAKIT),
        Absence("197909232005012003", date(2026, 3, 30), date(2026, 3, 31),
                AbsenceKind.DINAS_LUAR),
    )
    overrides = (CalendarOverride(date(2026, 3, 13), OverrideKind.LIBUR,
                                  "Libur tambahan (contoh)"),)
    problem = Problem(staff, units, absences, (Building("Kantor Kecamatan Menteng", 0),),
                      overrides, MARCH_2026, "Kantor Kecamatan Menteng (contoh kecil)")
    need = peak_need_march(problem)
    return problem.replace(buildings=(Building("Kantor Kecamatan Menteng", need + 1),))


def peak_need_march(problem: Problem) -> int:
    """Peak forced occupancy under the scenarios in force in March 2026 (the sample's
    Periode): PermenPANRB 4/2025 and SE 2/2026."""
    out = 0
    for s in list_scenarios():
        if s.id in ("permenpanrb-4-2025", "se-2-2026"):
            for floor in wfo_floor(problem, s, MARCH_2026).building_floor(problem).values():
                out = max(out, int(floor.max(initial=0)))
    return out


def report(problem: Problem) -> None:
    """Print the peak forced occupancy per scenario against capacities, and the unit-days
    where a P1 ceiling is below what the rules force into the office."""
    caps = {b.name: b.capacity for b in problem.buildings}
    print(problem)
    for scenario, period in check_periods(problem, list_scenarios(), MARCH_2026):
        fl = wfo_floor(problem, scenario, period)
        peak = {b: int(v.max(initial=0)) for b, v in fl.building_floor(problem).items()}
        conflicts = fl.ceiling_conflicts()
        print(f"  {scenario.id:20s} {period.start}..{period.end} peak/capacity "
              + ", ".join(f"{b} {peak[b]}/{caps[b]}" for b in caps)
              + (f"; P1 ceiling below the forced WFO on {len(conflicts)} unit-days, e.g. "
                 f"{conflicts[0][0]} {conflicts[0][1]}" if conflicts else ""))


def main() -> int:
    for name, problem in (("contoh-pemkot.xlsx", pemkot()), ("contoh-kecil.xlsx", kecil())):
        write_input_workbook(problem, HERE / name, created=CREATED)
        report(problem)
        print(f"  → {HERE / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
