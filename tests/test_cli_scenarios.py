"""``asn-scheduler scenarios``: exact output and exit codes."""

from __future__ import annotations

from click.testing import CliRunner

from asn_scheduler.cli import main
from asn_scheduler.cli.scenarios import short_basis
from asn_scheduler.scenario import load_scenario, scenario_names

# Oldest instrument first; dates and regions are the [window] of each file in scenarios/.
LIST_ID = """\
ID                  Dasar hukum                        Tanggal                                         Wilayah      Di luar tanggal/wilayah
------------------  ---------------------------------  ----------------------------------------------  -----------  -----------------------
se-19-2020          SE MenPANRB 19/2020                2020-03-16..2020-06-04                          nasional     kantor
se-58-2020          SE MenPANRB 58/2020                2020-06-05..2021-07-02                          nasional     kantor
se-6-2022           SE MenPANRB 6/2022                 2022-03-01..2022-12-29                          nasional     kantor
se-17-2023          SE MenPANRB 17/2023                2023-08-28..2023-09-07                          DKI Jakarta  kantor
se-1-2024           SE MenPANRB 1/2024                 2024-04-16..2024-04-17                          nasional     kantor
se-2-2025           SE MenPANRB 2/2025                 2025-03-24..2025-03-27                          nasional     kantor
se-3-2025           SE MenPANRB 3/2025                 2025-03-24..2025-03-27, 2025-04-08..2025-04-08  nasional     kantor
permenpanrb-4-2025  PermenPANRB 4/2025                 2025-04-21..                                    nasional     kantor
b-531-2025          Surat MenPANRB B/531/M.KT.02/2025  2025-12-29..2025-12-31                          nasional     permenpanrb-4-2025
se-2-2026           SE MenPANRB 2/2026                 2026-03-16..2026-03-17, 2026-03-25..2026-03-27  nasional     permenpanrb-4-2025
"""

SHOW_PARAMETERS = """\
Parameter (aturan):
  window.ranges                                 2023-08-28..2023-09-07  [E1]
  window.regions                                DKI Jakarta  [E1]
  policy.direct_service_wfo                     true  [S1]
  policy.wfh_cap_pct.administrasi_pemerintahan  50  [S2]
  policy.wfh_cap_pct.dukungan_pimpinan          50  [S2]
  policy.senior_levels_wfo                      2  [L1]
  policy.senior_levels                          -  [L1]
  policy.senior_rule                            every  [L1]
  policy.role_minimums                          true  [S3]
  policy.building_capacity                      true  [B1]
  policy.max_flex_days_per_week                 -  [F1]
  policy.counts_toward_flex_cap                 false  [F1]
  policy.eligibility                            F2, F4  [F2-F4]
  policy.new_employee_days                      365  [F3]
  policy.wfh_goal                               fill  [Q0]
  policy.wfo_max                                -  [P1]
  goals                                         Q0, Q1, Q2, Q3, Q4  [Q0-Q4]
  max_consecutive_wfh                           2  [Q3]
  rule_basis.B1                                 Kebijakan instansi (kapasitas gedung)
  rule_basis.E1                                 SE MenPANRB 17/2023 (28 Agustus – 7 September 2023, DKI Jakarta)
  rule_basis.L1                                 Kebijakan instansi (SE 17/2023 tidak mewajibkan pejabat tertentu WFO)
  rule_basis.S1                                 SE MenPANRB 17/2023 (layanan langsung WFO 100%)
  rule_basis.S2                                 SE MenPANRB 17/2023 (WFH paling banyak 50%)
  rule_basis.S3                                 Kebijakan instansi (layanan tetap berjalan)
  baseline                                      kantor
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_list_is_the_default_and_exact():
    plain, explicit = run("scenarios"), run("scenarios", "list")
    assert plain.exit_code == 0 and explicit.exit_code == 0
    assert plain.output == LIST_ID
    assert explicit.output == LIST_ID


def test_list_in_english():
    result = run("scenarios", "--lang", "en")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].split() == ["ID", "Legal", "basis", "Dates", "Region",
                                                     "Outside", "dates/region"]
    assert "se-17-2023          SE MenPANRB 17/2023                2023-08-28..2023-09-07" in result.output
    assert "national" in result.output


def test_every_shipped_scenario_is_listed_once():
    lines = run("scenarios").output.splitlines()[2:]
    assert sorted(line.split()[0] for line in lines) == scenario_names()


def test_show_prints_title_basis_hash_and_every_parameter():
    sc = load_scenario("se-17-2023")
    result = run("scenarios", "show", "se-17-2023")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith(f"se-17-2023 — {sc.title.id}\n\n")
    assert f"Hash         {sc.hash}\n" in out
    assert "Dasar hukum  Surat Edaran Menteri PANRB Nomor 17 Tahun 2023" in out
    assert "Wilayah      DKI Jakarta\n" in out
    assert out.endswith(SHOW_PARAMETERS)


def test_show_includes_the_baseline_parameters():
    # SE 2/2026 sits on PermenPANRB 4/2025: its weekly cap (2, counted) must be visible
    out = run("scenarios", "show", "se-2-2026").output
    assert "  baseline.id" in out and "permenpanrb-4-2025" in out
    assert "baseline.policy.max_flex_days_per_week" in out
    assert "baseline.policy.counts_toward_flex_cap                 true  [F1]" in out


def test_show_a_toml_path_and_the_group_language(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('id = "mine"\ntitle = "Uji"\ntitle_en = "Test"\nbasis = "Keputusan '
                    'Kepala Dinas 1/2026"\n[policy]\nwfh_cap_pct = { admin = 30 }\n',
                    encoding="utf-8")
    result = run("scenarios", "--lang", "en", "show", str(path))
    assert result.exit_code == 0
    assert result.output.startswith("mine — Test\n")
    assert "policy.wfh_cap_pct.administrasi_pemerintahan  30  [S2]" in result.output
    assert "Parameters (rule):" in result.output


def test_unknown_scenario_is_a_usage_error():
    result = run("scenarios", "show", "se-99-2099")
    assert result.exit_code == 2
    assert "se-99-2099" in result.output and "se-17-2023" in result.output
    assert "Traceback" not in result.output


def test_short_basis():
    assert short_basis("Peraturan Menteri PANRB Nomor 4 Tahun 2025 tentang X") == "PermenPANRB 4/2025"
    assert short_basis("Surat Edaran Menteri PANRB Nomor 58 Tahun 2020 tentang Y") == (
        "SE MenPANRB 58/2020")
    assert short_basis("Keputusan Bupati 7/2024") == "Keputusan Bupati 7/2024"
