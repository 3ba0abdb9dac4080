"""Every rule of ``spec/rules.md`` by ID, as one object each: hard or soft, label, legal
basis, the scenario parameters that drive it, when it is in force, and what a planner is
told about it (why staff are held, what to change).

This is the one list of rule IDs. The solver adapter registers one builder per ID, the
checker one check per ID, and a test proves that every ID here has both (and a test of its
own). Keep IDs and order identical to the spec. The explanations
(:mod:`asn_scheduler.engine.explain`), the compliance sheet and ``scenarios show`` read
their texts and parameters from here; what a weekly cap means is in
:mod:`asn_scheduler.rules.weekly`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from asn_scheduler.domain.model import Problem
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario.model import Policy, Scenario

InForce = Callable[[Sequence[Policy], Problem], bool]
"""Whether some policy (a scenario's and its baselines') and the agency can make a rule
bite at all."""


def _always(policies: Sequence[Policy], problem: Problem) -> bool:
    return True


def _p1_in_force(policies: Sequence[Policy], problem: Problem) -> bool:
    return any(p.wfo_max is not None for p in policies)


def _f1_in_force(policies: Sequence[Policy], problem: Problem) -> bool:
    return any(p.max_flex_days_per_week is not None for p in policies)


def _b1_in_force(policies: Sequence[Policy], problem: Problem) -> bool:
    return bool(problem.buildings) and any(p.building_capacity for p in policies)


def _s3_in_force(policies: Sequence[Policy], problem: Problem) -> bool:
    return (any(u.role_minimums for u in problem.units)
            and any(p.role_minimums for p in policies))


def _k1_in_force(policies: Sequence[Policy], problem: Problem) -> bool:
    return any(p.office_days for p in policies)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One rule.

    Attributes
    ----------
    id, hard, label, basis
        Its ID, whether it is hard, a bilingual label and its legal basis.
    fix
        What a planner changes when it cannot hold (hard rules; ``None``: nothing to say).
    why
        Why staff are held in the office by it, in a few words (rules that fix cells).
    params
        The scenario (policy) parameters that drive it, as ``scenarios show`` names them.
    in_force
        Whether a scenario and agency can make it bite at all (the compliance sheet marks
        the rest "not applicable").
    """

    id: str
    hard: bool
    label: Msg
    basis: str
    fix: Msg | None = None
    why: Msg | None = None
    params: tuple[str, ...] = ()
    in_force: InForce = _always


RULES: tuple[RuleInfo, ...] = (
    RuleInfo("C1", True, Msg(
        "Hanya hari kerja unit yang dijadwalkan; hari lain LIBUR",
        "Only the unit's working days are rostered; other days are LIBUR"),
        "Perpres 21/2023 Ps 3, 6, 7; SKB 3 Menteri dan Keppres cuti bersama (layanan "
        "langsung dapat bertugas pada hari libur)",
        fix=Msg("periksa hari operasional unit, kolom Buka Hari Libur dan lembar Libur",
                "check the unit's operating days, column Buka Hari Libur and sheet Libur")),
    RuleInfo("C2", True, Msg(
        "Pegawai yang cuti/dinas luar/diklat tidak WFO maupun WFH",
        "An absent person is neither WFO nor WFH"),
        "data cuti",
        fix=Msg("periksa lembar Cuti", "check sheet Cuti")),
    RuleInfo("S1", True, Msg(
        "Unit layanan langsung: semua pegawai WFO",
        "Direct public service units: everyone WFO"),
        "SE MenPANRB 17/2023, 1/2024",
        fix=Msg("periksa Kategori Layanan unit (Layanan Langsung selalu WFO)",
                "check the unit's Kategori Layanan (direct services are always WFO)"),
        why=Msg("layanan langsung", "direct service"),
        params=("direct_service_wfo",)),
    RuleInfo("S2", True, Msg(
        "Unit administrasi dan dukungan pimpinan: WFH paling banyak batas persentase per hari",
        "Administration and leadership-support units: WFH at most the cap per day"),
        "SE MenPANRB 17/2023 (50%), PermenPANRB 4/2025",
        fix=Msg("naikkan Batas WFH (%) unit atau batas WFH skenario",
                "raise the unit's Batas WFH (%) or the scenario's WFH cap"),
        why=Msg("batas WFH", "WFH cap"),
        params=("wfh_cap_pct", "unit_cap_applies")),
    RuleInfo("S3", True, Msg(
        "Minimal pemegang peran hadir di kantor per hari kerja",
        "Minimum in-office holders of each role per working day"),
        "SE MenPANRB 19/2020 (layanan tetap berjalan)",
        fix=Msg("kurangi Minimal Peran Hadir unit atau tambah pemegang peran",
                "lower the unit's Minimal Peran Hadir or add role holders"),
        why=Msg("minimal peran", "role minimums"),
        params=("role_minimums",),
        in_force=_s3_in_force),
    RuleInfo("L1", True, Msg(
        "Pejabat tingkat senior (dua level struktural tertinggi, atau yang ditetapkan "
        "instansi) WFO",
        "Officials of the senior levels (the two highest structural levels, or those the "
        "agency names) are WFO"),
        "SE MenPANRB 19/2020; sesudahnya kebijakan instansi",
        fix=Msg("periksa Jenis Jabatan pejabat senior (dua level struktural tertinggi WFO), "
                "atau tetapkan tingkat senior instansi (senior_levels)",
                "check the senior officials' Jenis Jabatan (the top two structural levels "
                "are WFO), or name the agency's senior levels (senior_levels)"),
        why=Msg("pejabat senior", "senior officials"),
        params=("senior_levels_wfo", "senior_levels", "senior_rule")),
    RuleInfo("F1", True, Msg(
        "Paling banyak {n} hari kerja fleksibel per minggu per pegawai",
        "At most {n} flexible-work days per person per week"),
        "PermenPANRB 4/2025 Ps 13",
        fix=Msg("naikkan batas hari fleksibel per minggu skenario",
                "raise the scenario's flexible days per week"),
        params=("max_flex_days_per_week", "counts_toward_flex_cap"),
        in_force=_f1_in_force),
    RuleInfo("F2", True, Msg(
        "Tidak WFH bagi pegawai yang sedang menjalani atau dalam proses hukuman disiplin",
        "No WFH for staff under or in process of a disciplinary sanction"),
        "PermenPANRB 4/2025 Ps 25",
        fix=Msg("periksa kolom Hukuman Disiplin", "check column Hukuman Disiplin"),
        why=Msg("hukuman disiplin", "discipline"),
        params=("eligibility",)),
    RuleInfo("F3", True, Msg(
        "Tidak WFH bagi pegawai baru",
        "No WFH for new employees"),
        "PermenPANRB 4/2025 Ps 25",
        fix=Msg("periksa kolom TMT Jabatan (pegawai baru tidak WFH)",
                "check column TMT Jabatan (new employees do not WFH)"),
        why=Msg("pegawai baru", "new employees"),
        params=("eligibility", "new_employee_days")),
    RuleInfo("F4", True, Msg(
        "Tidak WFH bagi pegawai yang tidak boleh kerja fleksibel",
        "No WFH for staff not eligible for flexible work"),
        "SE MenPANRB 58/2020, PermenPANRB 4/2025 Ps 25",
        fix=Msg("periksa kolom Boleh Kerja Fleksibel", "check column Boleh Kerja Fleksibel"),
        why=Msg("tidak boleh kerja fleksibel", "not eligible for flexible work"),
        params=("eligibility",)),
    RuleInfo("B1", True, Msg(
        "Jumlah WFO per gedung per hari tidak melebihi kapasitas",
        "WFO per building per day within its capacity"),
        "SE MenPANRB 58/2020 (protokol tata ruang kantor)",
        fix=Msg("tambah Kapasitas gedung atau pindahkan unit ke gedung lain",
                "raise the building's Kapasitas or move a unit to another building"),
        params=("building_capacity",),
        in_force=_b1_in_force),
    RuleInfo("P1", True, Msg(
        "Persentase WFO per unit per hari sesuai tabel masa pandemi (sektor, wilayah, level/zona)",
        "WFO share per unit per day within the pandemic-era table (sector, region, level/zone)"),
        "SE MenPANRB 6/2022 (PPKM), SE 58/2020 jo. 67/2020 (zona)",
        fix=Msg("periksa level PPKM/zona wilayah unit (batas WFO) pada skenario",
                "check the unit's PPKM level/zone (the WFO ceiling) in the scenario"),
        params=("wfo_max",),
        in_force=_p1_in_force),
    RuleInfo("E1", True, Msg(
        "Aturan skenario hanya berlaku dalam rentang tanggal dan wilayahnya",
        "A scenario's rules apply only inside its date window and region"),
        "SE MenPANRB 17/2023",
        fix=Msg("periksa rentang tanggal dan wilayah skenario",
                "check the scenario's date window and region"),
        why=Msg("di luar tanggal/wilayah skenario, kerja kantor",
                "outside the scenario's dates/region, office work"),
        params=("window",)),
    RuleInfo("K1", True, Msg(
        "Hari wajib kantor (mis. apel Senin, upacara tanggal 17): semua pegawai yang hadir WFO",
        "Compulsory office days (e.g. Monday's apel, the 17th's ceremony): everyone present "
        "is WFO"),
        "kebijakan instansi (parameter office_days; PermenPANRB 4/2025 Ps 13: pimpinan "
        "menetapkan)",
        fix=Msg("periksa hari wajib kantor (parameter office_days)",
                "check the compulsory office days (parameter office_days)"),
        why=Msg("hari wajib kantor", "compulsory office day"),
        params=("office_days",),
        in_force=_k1_in_force),
    RuleInfo("Q0", False, Msg(
        "Gunakan jatah WFH yang diminta skenario",
        "Use the WFH allowance the scenario asks for"),
        "skenario (wfh_goal)",
        params=("wfh_goal", "goals")),
    RuleInfo("Q1", False, Msg(
        "Keadilan: hari WFH sebanding dengan hari tersedia",
        "Fairness: WFH days proportional to days available"),
        "kebijakan produk",
        params=("goals",)),
    RuleInfo("Q2", False, Msg(
        "Hari WFH pilihan dihormati",
        "Preferred WFH days honoured"),
        "kebijakan produk",
        params=("goals",)),
    RuleInfo("Q3", False, Msg(
        "Rotasi stabil dan paling banyak {n} hari WFH berturut-turut",
        "Stable rotation and at most {n} WFH days in a row"),
        "kebijakan produk",
        params=("goals", "max_consecutive_wfh")),
    RuleInfo("Q4", False, Msg(
        "Anggota tim berbagi hari di kantor",
        "Team members share office days"),
        "kebijakan produk",
        params=("goals",)),
    RuleInfo("Q5", False, Msg(
        "Perencanaan ulang: ubah sesedikit mungkin sel",
        "Re-planning: change as few cells as possible"),
        "kebijakan produk"),
)

RULE_BY_ID: dict[str, RuleInfo] = {r.id: r for r in RULES}
HARD_RULE_IDS: tuple[str, ...] = tuple(r.id for r in RULES if r.hard)
SOFT_GOAL_IDS: tuple[str, ...] = tuple(r.id for r in RULES if not r.hard)


def rules_of_param(name: str) -> str:
    """The rule(s) a scenario parameter drives, as ``F1`` or a range ``F2-F4``; ``""``
    when none."""
    ids = [r.id for r in RULES if name in r.params]
    if not ids:
        return ""
    return ids[0] if len(ids) == 1 else f"{ids[0]}-{ids[-1]}"


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
