"""Every rule of ``spec/rules.md`` by ID: hard or soft, label, legal basis.

This is the one list of rule IDs. The solver adapter registers one builder per ID, the
checker one check per ID, and a test proves that every ID here has both (and a test of its
own). Keep IDs and order identical to the spec.
"""

from __future__ import annotations

from dataclasses import dataclass

from asn_scheduler.i18n import Msg
from asn_scheduler.scenario.model import Scenario


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One rule: its ID, whether it is hard, a bilingual label and its legal basis."""

    id: str
    hard: bool
    label: Msg
    basis: str


RULES: tuple[RuleInfo, ...] = (
    RuleInfo("C1", True, Msg(
        "Hanya hari kerja unit yang dijadwalkan; hari lain LIBUR",
        "Only the unit's working days are rostered; other days are LIBUR"),
        "Perpres 21/2023 Ps 3, 6, 7; SKB 3 Menteri dan Keppres cuti bersama (layanan "
        "langsung dapat bertugas pada hari libur)"),
    RuleInfo("C2", True, Msg(
        "Pegawai yang cuti/dinas luar/diklat tidak WFO maupun WFH",
        "An absent person is neither WFO nor WFH"),
        "data cuti"),
    RuleInfo("S1", True, Msg(
        "Unit layanan langsung: semua pegawai WFO",
        "Direct public service units: everyone WFO"),
        "SE MenPANRB 17/2023, 1/2024"),
    RuleInfo("S2", True, Msg(
        "Unit administrasi dan dukungan pimpinan: WFH paling banyak batas persentase per hari",
        "Administration and leadership-support units: WFH at most the cap per day"),
        "SE MenPANRB 17/2023 (50%), PermenPANRB 4/2025"),
    RuleInfo("S3", True, Msg(
        "Minimal pemegang peran hadir di kantor per hari kerja",
        "Minimum in-office holders of each role per working day"),
        "SE MenPANRB 19/2020 (layanan tetap berjalan)"),
    RuleInfo("L1", True, Msg(
        "Pejabat tingkat senior (dua level struktural tertinggi, atau yang ditetapkan "
        "instansi) WFO",
        "Officials of the senior levels (the two highest structural levels, or those the "
        "agency names) are WFO"),
        "SE MenPANRB 19/2020; sesudahnya kebijakan instansi"),
    RuleInfo("F1", True, Msg(
        "Paling banyak {n} hari kerja fleksibel per minggu per pegawai",
        "At most {n} flexible-work days per person per week"),
        "PermenPANRB 4/2025 Ps 13"),
    RuleInfo("F2", True, Msg(
        "Tidak WFH bagi pegawai yang sedang menjalani atau dalam proses hukuman disiplin",
        "No WFH for staff under or in process of a disciplinary sanction"),
        "PermenPANRB 4/2025 Ps 25"),
    RuleInfo("F3", True, Msg(
        "Tidak WFH bagi pegawai baru",
        "No WFH for new employees"),
        "PermenPANRB 4/2025 Ps 25"),
    RuleInfo("F4", True, Msg(
        "Tidak WFH bagi pegawai yang tidak boleh kerja fleksibel",
        "No WFH for staff not eligible for flexible work"),
        "SE MenPANRB 58/2020, PermenPANRB 4/2025 Ps 25"),
    RuleInfo("B1", True, Msg(
        "Jumlah WFO per gedung per hari tidak melebihi kapasitas",
        "WFO per building per day within its capacity"),
        "SE MenPANRB 58/2020 (protokol tata ruang kantor)"),
    RuleInfo("P1", True, Msg(
        "Persentase WFO per unit per hari sesuai tabel masa pandemi (sektor, wilayah, level/zona)",
        "WFO share per unit per day within the pandemic-era table (sector, region, level/zone)"),
        "SE MenPANRB 6/2022 (PPKM), SE 58/2020 jo. 67/2020 (zona)"),
    RuleInfo("E1", True, Msg(
        "Aturan skenario hanya berlaku dalam rentang tanggal dan wilayahnya",
        "A scenario's rules apply only inside its date window and region"),
        "SE MenPANRB 17/2023"),
    RuleInfo("Q0", False, Msg(
        "Gunakan jatah WFH yang diminta skenario",
        "Use the WFH allowance the scenario asks for"),
        "skenario (wfh_goal)"),
    RuleInfo("Q1", False, Msg(
        "Keadilan: hari WFH sebanding dengan hari tersedia",
        "Fairness: WFH days proportional to days available"),
        "kebijakan produk"),
    RuleInfo("Q2", False, Msg(
        "Hari WFH pilihan dihormati",
        "Preferred WFH days honoured"),
        "kebijakan produk"),
    RuleInfo("Q3", False, Msg(
        "Rotasi stabil dan paling banyak {n} hari WFH berturut-turut",
        "Stable rotation and at most {n} WFH days in a row"),
        "kebijakan produk"),
    RuleInfo("Q4", False, Msg(
        "Anggota tim berbagi hari di kantor",
        "Team members share office days"),
        "kebijakan produk"),
    RuleInfo("Q5", False, Msg(
        "Perencanaan ulang: ubah sesedikit mungkin sel",
        "Re-planning: change as few cells as possible"),
        "kebijakan produk"),
)

RULE_BY_ID: dict[str, RuleInfo] = {r.id: r for r in RULES}
HARD_RULE_IDS: tuple[str, ...] = tuple(r.id for r in RULES if r.hard)
SOFT_GOAL_IDS: tuple[str, ...] = tuple(r.id for r in RULES if not r.hard)


L1_ONE_PER_LEVEL = Msg(
    "Minimal satu pejabat dari setiap tingkat senior WFO pada setiap hari kerja",
    "At least one official of each senior level WFO on every working day")


def rule_basis(rule: str, scenario: Scenario | None = None) -> str:
    """The legal basis of ``rule`` as ``scenario`` applies it (its ``rule_basis`` entry,
    e.g. L1 as agency policy after SE 19/2020), else the registry's."""
    if scenario is not None and rule in scenario.rule_basis:
        return scenario.rule_basis[rule]
    return RULE_BY_ID[rule].basis


def rule_label(rule: str, scenario: Scenario | None = None) -> Msg:
    """The label of ``rule`` in the form ``scenario`` applies it (L1: every official, or
    at least one per level)."""
    if rule == "L1" and scenario is not None and scenario.policy.senior_rule == "one_per_level":
        return L1_ONE_PER_LEVEL
    return RULE_BY_ID[rule].label
