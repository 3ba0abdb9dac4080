"""``asn-scheduler check``: audit any roster in the contract's form with the same
independent checker the solver uses."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from asn_scheduler.cli.common import (
    Failure,
    guarded,
    lang_option,
    problems_table,
    run_scenario,
    scenario_option,
    set_option,
    wrap,
)
from asn_scheduler.cli.json_output import emit, json_input_errors, json_option
from asn_scheduler.cli.solve import (
    check_output,
    output_option,
    paper_option,
    previous_option,
    read_input,
    read_previous_rosters,
)
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.rules.registry import RULES, rule_basis, rule_label

if TYPE_CHECKING:
    from asn_scheduler.checker.report import CheckReport
    from asn_scheduler.rules.violation import Violation
    from asn_scheduler.scenario.model import Scenario

PER_RULE = 10  # cases printed per rule; the report workbook lists them all

_OK = Msg("Patuh: tidak ada pelanggaran aturan wajib ({r} aturan berlaku, {n} pegawai × {d} "
          "tanggal).", "Compliant: no hard rule broken ({r} rules in force, {n} staff × {d} "
          "dates).")
_IDLE = Msg("Tidak berlaku dalam skenario ini (tidak dinilai): {rules}.",
            "Not in force in this scenario (not assessed): {rules}.")
_NOT_OK = Msg("Tidak patuh: {n} pelanggaran aturan wajib.",
              "Not compliant: {n} hard-rule violation(s).")
_INCOMPLETE = Msg("Jadwal tidak lengkap:", "The roster is incomplete:")
_SHORTFALLS = Msg("Kekurangan yang dilaporkan (bukan pelanggaran): {n}",
                  "Shortfalls reported (not violations): {n}")
_MORE = Msg("  … dan {n} lainnya (lihat lembar Pelanggaran dengan -o)",
            "  … and {n} more (see the Violations sheet with -o)")
_COUNT = Msg("{n} pelanggaran", "{n} violation(s)")
_WRITTEN = Msg("Laporan kepatuhan ditulis ke {p}", "Compliance report written to {p}")
_WARNING = Msg("PERINGATAN", "WARNING")
_ROSTER_WARNINGS = Msg("Peringatan di jadwal ({n}):", "Warnings in the roster ({n}):")


def _rule_label(rule: str, scenario: Scenario | None, lang: Lang) -> str:
    """The rule's label in the form the scenario applies it (:func:`rule_label`), with its
    parameter filled from the scenario and its baseline (F1's weekly limit, Q3's run),
    never a bare placeholder."""
    text = rule_label(rule, scenario).get(lang)
    if "{n}" not in text:
        return text
    if scenario is None:
        return text.replace("{n}", "N")
    if rule == "Q3":
        return text.format(n=scenario.max_consecutive_wfh)
    caps, sc = [], scenario
    while sc is not None:
        if sc.policy.max_flex_days_per_week is not None:
            caps.append(sc.policy.max_flex_days_per_week)
        sc = sc.baseline
    return text.format(n="/".join(str(c) for c in dict.fromkeys(caps)) or "-")


def report_text(report: CheckReport, lang: Lang, scenario: Scenario | None = None) -> str:
    """Hard violations grouped by rule ID (registry order) with the rule's legal basis,
    then roster problems and shortfalls; empty when there is nothing to say."""
    lines: list[str] = []
    by_rule: dict[str, list[Violation]] = {}
    for v in report.hard_violations:
        by_rule.setdefault(v.rule, []).append(v)
    for info in RULES:
        found = by_rule.get(info.id)
        if not found:
            continue
        label = _rule_label(info.id, scenario, lang)
        lines.append(f"[{info.id}] {label} — {rule_basis(info.id, scenario)} — "
                     f"{_COUNT.format(n=len(found)).get(lang)}")
        lines += [f"  {v.text(lang)}" for v in found[:PER_RULE]]
        if len(found) > PER_RULE:
            lines.append(_MORE.format(n=len(found) - PER_RULE).get(lang))
    errors = [p for p in report.roster_problems if p.severity == "error"]
    if errors:
        lines.append(_INCOMPLETE.get(lang))
        lines += [f"  {p.text(lang)}" for p in errors[:PER_RULE]]
        if len(errors) > PER_RULE:
            lines.append(_MORE.format(n=len(errors) - PER_RULE).get(lang))
    shortfalls = report.shortfalls
    if shortfalls:
        lines.append(_SHORTFALLS.format(n=len(shortfalls)).get(lang))
        lines += [f"  {v.text(lang)}" for v in shortfalls[:PER_RULE]]
    return "\n".join(lines)


_OTHER_RULES = Msg(
    "Catatan: jadwal ini dibuat dengan skenario {s} (hash {h}; parameter: {p}); pemeriksaan "
    "ini memakai hash {h2}. Berikan --set yang sama, atau --set-from-roster.",
    "Note: this roster was made under scenario {s} (hash {h}; parameters: {p}); this check "
    "uses hash {h2}. Give the same --set, or --set-from-roster.")


@click.command("check")
@click.argument("input_path", metavar="INPUT.xlsx",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("roster_path", metavar="ROSTER.xlsx",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@scenario_option()
@set_option
@click.option("--set-from-roster", is_flag=True,
              help="Pakai juga parameter yang tercatat di lembar Info Run jadwal / also apply "
                   "the parameters the roster's Info Run sheet records.")
@output_option("Tulis laporan kepatuhan (buku kerja)", "write the compliance report workbook",
               required=False)
@paper_option
@previous_option
@click.option("--horizon-days", type=click.IntRange(min=1, max=366), default=92,
              show_default=True, help="Hari jadwal sebelumnya yang dibaca / previous days read.")
@json_option
@lang_option
@guarded
@json_input_errors("check")
def command(input_path: Path, roster_path: Path, scenario: str, sets: tuple[str, ...],
            set_from_roster: bool, output: Path | None, paper: str, previous: tuple[Path, ...],
            horizon_days: int, lang: Lang, as_json: bool = False) -> None:
    """Periksa jadwal mana pun terhadap aturan / audit any roster against the rules.

    ROSTER.xlsx is a workbook whose sheet Jadwal (or Roster) has NIP, Nama, Kode Unit and
    one column per date (YYYY-MM-DD) with WFO, WFH, LIBUR, CUTI, DL, DIKLAT — made by
    `asn-scheduler solve`, another tool, or by hand. The dates checked are its date
    columns. Violations are printed grouped by rule ID with their legal basis; -o writes
    the compliance report workbook (offending cells marked). With --previous (the roster
    published before it), the ISO week the two share and WFH runs across the boundary
    are audited too.

    \b
    Exit codes:
      0  compliant: no hard rule broken
      1  not compliant, or a problem in either workbook (all listed)
      2  usage error (unknown option or scenario)

    \b
    Example:
      asn-scheduler check data/contoh-pemkot.xlsx jadwal.xlsx -s se-17-2023
      asn-scheduler check pemkot.xlsx jadwal-manual.xlsx -s permenpanrb-4-2025 -o laporan.xlsx
      asn-scheduler check pemkot.xlsx jadwal.xlsx -s permenpanrb-4-2025 --set office_days=Senin
      asn-scheduler check pemkot.xlsx jadwal.xlsx -s se-17-2023 --json | jq .hard_violations

    Parameters set for the roster (--set, sheet Pengaturan) must be given again, or read
    back from the roster's Info Run sheet with --set-from-roster (--set still wins): the
    roster is audited against the rules as set here. When the Info Run sheet records a
    different scenario hash, a note says so.
    """
    from asn_scheduler.checker import check
    from asn_scheduler.excel.roster_reader import read_roster
    from asn_scheduler.excel.roster_writer import write_check_workbook
    from asn_scheduler.excel.run_info import read_run_info
    from asn_scheduler.report_json import check_json
    from asn_scheduler.scope import in_force, scope_notes

    check_output(output, (input_path, roster_path), lang)
    run_scenario(scenario, None, sets, lang)  # an unknown scenario or key fails before reading
    problem = read_input(input_path, lang)
    info = read_run_info(roster_path)
    recorded = [f"{k}={v}" for k, v in info.overrides] if info and set_from_roster else []
    sc = run_scenario(scenario, problem, [*recorded, *sets], lang)
    if info is not None and info.hash != sc.hash:
        made = "; ".join(f"{k}={v}" for k, v in info.overrides) or "-"
        click.echo(_OTHER_RULES.format(s=info.scenario, h=info.hash, p=made, h2=sc.hash)
                   .get(lang), err=True)
    read = read_roster(roster_path, problem)
    if read.warnings:
        click.echo(_ROSTER_WARNINGS.format(n=len(read.warnings)).get(lang), err=True)
        click.echo(problems_table(read.warnings, lang), err=True)
    roster = read.roster
    for note in scope_notes(problem, sc, roster.dates):
        click.echo(wrap(f"{_WARNING.get(lang)}: {note.text(lang)}"))
    report = check(problem, sc, roster, dates=roster.dates)
    prev = read_previous_rosters(previous, problem, lang)
    text = report_text(report, lang, sc)
    if text:
        click.echo(text, err=as_json)
    seam_broken = 0
    if prev:
        seam_broken = _print_seam(problem, sc, prev, roster, report, horizon_days, lang,
                                  as_json)
    if output is not None:
        write_check_workbook(problem, sc, roster, report, output, lang=lang,
                             source=roster_path.name, paper=paper)  # type: ignore[arg-type]
        click.echo(_WRITTEN.format(p=output).get(lang), err=as_json)
    if as_json:
        emit(check_json(problem, sc, roster, report, input_path=input_path,
                        roster_path=roster_path, output=output, lang=lang))
    if not report.compliant or seam_broken:
        raise Failure(_NOT_OK.format(n=len(report.hard_violations) + seam_broken).get(lang))
    hard = [r.id for r in RULES if r.hard]
    idle = [r for r in hard if not in_force(r, problem, sc)]
    click.echo(_OK.format(r=len(hard) - len(idle), n=len(roster.nips),
                          d=len(roster.dates)).get(lang), err=as_json)
    if idle:
        click.echo(_IDLE.format(rules=", ".join(idle)).get(lang), err=as_json)


_SEAM = Msg("Sambungan dengan jadwal sebelumnya ({a}..{b}, {n} hari):",
            "The seam with the previous roster ({a}..{b}, {n} days):")
_SEAM_OK = Msg("  tidak ada pelanggaran di minggu bersama; tidak ada deret WFH melewati batas.",
               "  no violation in the shared week; no WFH run over the limit across it.")


def _print_seam(problem: object, sc: object, prev: list, roster: object, report: CheckReport,
                horizon_days: int, lang: Lang, as_json: bool = False) -> int:
    """Print the seam audit (``--previous``); returns its hard violations' count."""
    from asn_scheduler.checker.seam import audit_seam
    from asn_scheduler.engine.chain import merge_previous

    before = merge_previous(problem, prev).roster  # type: ignore[arg-type]
    audit = audit_seam(problem, sc, before, roster, report, horizon_days)  # type: ignore[arg-type]
    for note in audit.notes:
        click.echo(note.get(lang), err=True)
    if not audit.carried:
        return 0
    click.echo(_SEAM.format(a=audit.carried[0].isoformat(), b=audit.carried[-1].isoformat(),
                            n=len(audit.carried)).get(lang), err=as_json)
    found = [*audit.violations, *audit.long_runs]
    if not found:
        click.echo(_SEAM_OK.get(lang), err=as_json)
    for v in found[:PER_RULE * 2]:
        click.echo(f"  {v.text(lang)}", err=as_json)
    if len(found) > PER_RULE * 2:
        click.echo(_MORE.format(n=len(found) - PER_RULE * 2).get(lang), err=as_json)
    return len(audit.violations)
