"""``asn-scheduler compare``: one agency under several scenarios, side by side."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import click

from asn_scheduler.cli.common import (
    format_table,
    guarded,
    lang_option,
    run_scenario,
    scenario_option,
    set_option,
    solve_options,
    wrap,
)
from asn_scheduler.cli.solve import (
    ProgressDisplay,
    as_date,
    check_output,
    engine_errors,
    output_option,
    read_input,
)
from asn_scheduler.compare import figure_text as _text
from asn_scheduler.engine.result import STATUS_SHORT, Status
from asn_scheduler.i18n import Lang, Msg

_WRITTEN = Msg("Perbandingan ditulis ke {p}", "Comparison written to {p}")


def table_text(table: Any, lang: Lang) -> str:
    """The comparison as printed: a row per figure, a column per scenario (titles, bases
    and hashes are left to the workbook)."""
    from asn_scheduler.excel.comparison_writer import DATES_FROM, figure_label

    skip = {"title", "basis", "hash"}
    records = table.to_dict("records")
    rows = []
    for col in table.columns:
        if col in skip:
            continue
        label, kind = figure_label(col, lang)
        cells = []
        for rec in records:
            value = rec.get(col)
            if col == "dates_from" and value in DATES_FROM:
                value = DATES_FROM[value].get(lang)
            elif col == "status" and value in Status.__members__:
                value = STATUS_SHORT[Status(value)].get(lang)
            cells.append(_text(value, kind, lang))
        rows.append([label, *cells])
    head = Msg("Skenario", "Scenario").get(lang)
    return format_table([head, *map(str, table.index)], rows)


@click.command("compare")
@click.argument("input_path", metavar="INPUT.xlsx",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@scenario_option(multiple=True)
@set_option
@solve_options
@output_option("Tulis perbandingan ke buku kerja ini", "write the comparison workbook",
               required=False)
@lang_option
@guarded
def command(input_path: Path, scenario: tuple[str, ...], sets: tuple[str, ...],
            start: datetime | None,
            end: datetime | None, time_limit: float, seed: int, workers: int | None,
            output: Path | None, lang: Lang) -> None:
    """Bandingkan skenario untuk instansi yang sama / compare scenarios side by side.

    Solves INPUT.xlsx under each -s scenario (--time-limit applies to each) and prints,
    per scenario: status, WFH share per service category, peak office occupancy per
    building against its capacity, fairness, preferences honoured, commute trips and
    kilometres avoided, hard violations and solve time. -o writes the same as a workbook.
    Without --start/--end (or sheet Periode) each scenario uses its own dates, and the
    output says so. An infeasible scenario is a result, shown with its status.

    \b
    Exit codes:
      0  comparison made (whatever each scenario's status)
      1  input problem
      2  usage error (unknown option or scenario, a scenario without dates)

    \b
    Example:
      asn-scheduler compare data/contoh-pemkot.xlsx -s se-17-2023 -s se-1-2024 \\
          --start 2026-03-02 --end 2026-03-13 -o perbandingan.xlsx
    """
    from asn_scheduler.compare import (
        comparison_table,
        scenario_notes,
        solve_scenarios,
    )
    from asn_scheduler.engine import Settings
    from asn_scheduler.excel.comparison_writer import NOT_COMPARABLE, write_comparison_workbook
    from asn_scheduler.scope import dates_source
    check_output(output, (input_path,), lang)
    for s in scenario:  # an unknown scenario or key fails before reading
        run_scenario(s, None, sets, lang)
    problem = read_input(input_path, lang)
    loaded = [run_scenario(s, problem, sets, lang) for s in scenario]
    first, last = as_date(start), as_date(end)
    settings = Settings(time_limit=time_limit, seed=seed, workers=workers)
    results = {}
    with engine_errors(lang):
        for sc in loaded:
            display = ProgressDisplay(lang, prefix=f"{sc.id}: ")
            one = solve_scenarios(problem, [sc], start=first, end=last, settings=settings,
                                  progress=lambda _id, ev, d=display: d(ev))
            (res,) = one.values()
            display.finish(res.status.label(lang))
            key, k = sc.id, 1
            while key in results:
                k += 1
                key = f"{sc.id}#{k}"
            results[key] = res
    source = dates_source(problem, first, last)
    table = comparison_table(results, dates_from=source)
    notes = [NOT_COMPARABLE] if source == "scenario" else []
    notes += scenario_notes(results)
    click.echo(table_text(table, lang))
    from asn_scheduler.event_gain import overrides_text

    for line in dict.fromkeys(x for sc in loaded for x in overrides_text(sc, lang)):
        click.echo("\n" + line)
    for note in notes:
        click.echo("\n" + wrap(note.get(lang)))
    if output is not None:
        write_comparison_workbook(table, output, lang=lang, source=input_path.name, seed=seed,
                                  time_limit=time_limit, notes=notes)
        click.echo(_WRITTEN.format(p=output).get(lang))
