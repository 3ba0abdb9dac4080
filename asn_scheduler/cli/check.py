"""``asn-scheduler check``: audit any roster in the contract's form with the same
independent checker the solver uses."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from asn_scheduler.cli.common import Failure, guarded, lang_option, problems_table, scenario_option
from asn_scheduler.cli.solve import check_output, output_option, paper_option, read_input
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.rules.registry import RULE_BY_ID, RULES, rule_basis, rule_label

if TYPE_CHECKING:
    from asn_scheduler.checker.report import CheckReport
    from asn_scheduler.rules.violation import Violation
    from asn_scheduler.scenario.model import Scenario

PER_RULE = 10  # cases printed per rule; the report workbook lists them all

_OK = Msg("Patuh: tidak ada pelanggaran aturan wajib ({r} aturan, {n} pegawai × {d} tanggal).",
          "Compliant: no hard rule broken ({r} rules, {n} staff × {d} dates).")
_NOT_OK = Msg("Tidak patuh: {n} pelanggaran aturan wajib.",
              "Not compliant: {n} hard-rule violation(s).")
_INCOMPLETE = Msg("Jadwal tidak lengkap:", "The roster is incomplete:")
_SHORTFALLS = Msg("Kekurangan yang dilaporkan (bukan pelanggaran): {n}",
                  "Shortfalls reported (not violations): {n}")
_MORE = Msg("  … dan {n} lainnya (lihat lembar Pelanggaran dengan -o)",
            "  … and {n} more (see the Violations sheet with -o)")
_COUNT = Msg("{n} pelanggaran", "{n} violation(s)")
_WRITTEN = Msg("Laporan kepatuhan ditulis ke {p}", "Compliance report written to {p}")
_ROSTER_WARNINGS = Msg("Peringatan di jadwal ({n}):", "Warnings in the roster ({n}):")


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
        label = rule_label(info.id, scenario).get(lang).replace("{n}", "N")
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


@click.command("check")
@click.argument("input_path", metavar="INPUT.xlsx",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("roster_path", metavar="ROSTER.xlsx",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@scenario_option()
@output_option("Tulis laporan kepatuhan (buku kerja)", "write the compliance report workbook",
               required=False)
@paper_option
@lang_option
@guarded
def command(input_path: Path, roster_path: Path, scenario: str, output: Path | None,
            paper: str, lang: Lang) -> None:
    """Periksa jadwal mana pun terhadap aturan / audit any roster against the rules.

    ROSTER.xlsx is a workbook whose sheet Jadwal (or Roster) has NIP, Nama, Kode Unit and
    one column per date (YYYY-MM-DD) with WFO, WFH, LIBUR, CUTI, DL, DIKLAT — made by
    `asn-scheduler solve`, another tool, or by hand. The dates checked are its date
    columns. Violations are printed grouped by rule ID with their legal basis; -o writes
    the compliance report workbook (offending cells marked).

    \b
    Exit codes:
      0  compliant: no hard rule broken
      1  not compliant, or a problem in either workbook (all listed)
      2  usage error (unknown option or scenario)

    \b
    Example:
      asn-scheduler check data/contoh-pemkot.xlsx jadwal.xlsx -s se-17-2023
      asn-scheduler check pemkot.xlsx jadwal-manual.xlsx -s permenpanrb-4-2025 -o laporan.xlsx
    """
    from asn_scheduler.checker import check
    from asn_scheduler.excel.roster_reader import read_roster
    from asn_scheduler.excel.roster_writer import write_check_workbook
    from asn_scheduler.scenario import load_scenario

    check_output(output, (input_path, roster_path), lang)
    sc = load_scenario(scenario)
    problem = read_input(input_path, lang)
    read = read_roster(roster_path, problem)
    if read.warnings:
        click.echo(_ROSTER_WARNINGS.format(n=len(read.warnings)).get(lang), err=True)
        click.echo(problems_table(read.warnings, lang), err=True)
    roster = read.roster
    report = check(problem, sc, roster, dates=roster.dates)
    text = report_text(report, lang, sc)
    if text:
        click.echo(text)
    if output is not None:
        write_check_workbook(problem, sc, roster, report, output, lang=lang,
                             source=roster_path.name, paper=paper)  # type: ignore[arg-type]
        click.echo(_WRITTEN.format(p=output).get(lang))
    if not report.compliant:
        raise Failure(_NOT_OK.format(n=len(report.hard_violations)).get(lang))
    hard = sum(1 for r in RULE_BY_ID.values() if r.hard)
    click.echo(_OK.format(r=hard, n=len(roster.nips), d=len(roster.dates)).get(lang))
