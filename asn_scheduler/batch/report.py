"""The batch summary: one row per agency, as a workbook (for people) and a CSV (for
scripts), both written atomically into the output folder."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn_scheduler._version import __version__
from asn_scheduler.batch.outcome import AgencyOutcome
from asn_scheduler.domain.enums import ServiceCategory
from asn_scheduler.excel._atomic import atomic_path
from asn_scheduler.i18n import Lang, Msg

if TYPE_CHECKING:
    from asn_scheduler.batch.manifest import BatchOptions

SUMMARY_XLSX, SUMMARY_CSV = "ringkasan.xlsx", "ringkasan.csv"


@dataclass(frozen=True, slots=True)
class Column:
    """A summary column: its CSV key, its header for people, and how its value is shown
    (``text``, ``int``, ``num``, ``pct``, ``bool``)."""

    key: str
    header: Msg
    kind: str


COLUMNS: tuple[Column, ...] = (
    Column("agency", Msg("Instansi", "Agency"), "text"),
    Column("input", Msg("Berkas masukan", "Input file"), "text"),
    Column("status", Msg("Status", "Status"), "text"),
    Column("staff", Msg("Pegawai", "Staff"), "int"),
    Column("units", Msg("Unit", "Units"), "int"),
    Column("days", Msg("Hari", "Days"), "int"),
    *(Column(f"wfh_share_{c.value}", Msg(f"Porsi WFH: {c.label_id}", f"WFH share: {c.label_en}"),
             "pct") for c in ServiceCategory),
    Column("fairness_max_gap", Msg("Keadilan: selisih maks (hari)",
                                   "Fairness: largest gap (days)"), "num"),
    Column("fairness_within_one_day", Msg("Pegawai dalam 1 hari dari bagian adil",
                                          "Staff within 1 day of the fair share"), "pct"),
    Column("preferred_honoured", Msg("Hari pilihan dipenuhi", "Preferred days honoured"), "int"),
    Column("preferred_days", Msg("Hari pilihan", "Preferred days"), "int"),
    Column("hard_violations", Msg("Pelanggaran aturan wajib", "Hard-rule violations"), "int"),
    Column("seconds", Msg("Waktu (s)", "Time (s)"), "num"),
    Column("cpu_seconds", Msg("Waktu CPU (s)", "CPU time (s)"), "num"),
    Column("peak_mib", Msg("Memori puncak (MiB)", "Peak memory (MiB)"), "num"),
    Column("roster", Msg("Jadwal", "Roster"), "text"),
    Column("detail", Msg("Rincian kegagalan", "Why it failed"), "text"),
    Column("reason", Msg("Keterangan", "Note"), "text"),
    Column("worker", Msg("Pekerja", "Worker"), "text"),
    Column("resumed", Msg("Dari run sebelumnya", "From an earlier run"), "bool"),
    Column("previous", Msg("Jadwal sebelumnya", "Previous roster"), "text"),
)


def row_values(o: AgencyOutcome) -> dict[str, Any]:
    """The outcome as ``{column key: value}`` (``None`` where there is no figure)."""
    d = o.as_dict()
    shares = d.pop("wfh_share")
    for c in ServiceCategory:
        d[f"wfh_share_{c.value}"] = shares.get(c.value)
    return {col.key: d.get(col.key) for col in COLUMNS}


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet opening the CSV shows as written: text starting with
    a formula character gets a leading apostrophe (the OWASP advice against CSV
    injection); numbers stay numbers, ``None`` is empty, booleans ``true``/``false``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def summary_csv(outcomes: Sequence[AgencyOutcome]) -> str:
    """The summary as CSV text: a header of column keys, one row per agency."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([c.key for c in COLUMNS])
    for o in outcomes:
        vals = row_values(o)
        w.writerow([csv_cell(vals[c.key]) for c in COLUMNS])
    return buf.getvalue()


def info_rows(outcomes: Sequence[AgencyOutcome], options: BatchOptions, lang: Lang
              ) -> list[tuple[str, str]]:
    """The run's facts for the summary workbook's second sheet."""
    L = lambda i, e: Msg(i, e).get(lang)  # noqa: E731
    ok = sum(o.has_roster for o in outcomes)
    period = (f"{options.start.isoformat()}..{options.end.isoformat()}"
              if options.start and options.end else L("dari tiap buku kerja atau skenario",
                                                      "from each workbook or the scenario"))
    return [
        (L("Skenario", "Scenario"), options.scenario),
        (L("Hash skenario", "Scenario hash"), options.scenario_hash),
        (L("Periode", "Period"), period),
        (L("Batas waktu per instansi (s)", "Time limit per agency (s)"), f"{options.time_limit:g}"),
        (L("Benih", "Seed"), str(options.seed)),
        (L("Upaya", "Effort"), f"{options.effort:g}"),
        (L("Parameter (--set)", "Parameters (--set)"), "; ".join(options.sets) or "-"),
        (L("Jadwal sebelumnya (--previous)", "Previous rosters (--previous)"),
         options.previous or "-"),
        (L("Instansi", "Agencies"), str(len(outcomes))),
        (L("Dengan jadwal", "With a roster"), str(ok)),
        (L("Gagal", "Failed"), str(len(outcomes) - ok)),
        (L("Pegawai dalam jadwal", "Staff rostered"),
         str(sum(o.staff for o in outcomes if o.has_roster))),
        (L("Versi", "Version"), f"asn-scheduler {__version__}"),
    ]


def write_summary(outcomes: Sequence[AgencyOutcome], options: BatchOptions, outdir: Path
                  ) -> dict[str, str]:
    """Write ``ringkasan.xlsx`` and ``ringkasan.csv`` into ``outdir``; their paths by kind."""
    from asn_scheduler.excel.batch_summary import write_summary_workbook

    lang: Lang = options.lang  # type: ignore[assignment]
    xlsx, csv_path = outdir / SUMMARY_XLSX, outdir / SUMMARY_CSV
    write_summary_workbook(
        xlsx, headers=[c.header.get(lang) for c in COLUMNS], kinds=[c.kind for c in COLUMNS],
        rows=[[row_values(o)[c.key] for c in COLUMNS] for o in outcomes],
        ok=[o.has_roster for o in outcomes],
        status_col=[c.key for c in COLUMNS].index("status"),
        info=info_rows(outcomes, options, lang), lang=lang)
    with atomic_path(csv_path) as tmp:
        # utf-8-sig: Excel opens it with the right characters; scripts read it as UTF-8
        tmp.write_text(summary_csv(outcomes), encoding="utf-8-sig")
    return {"summary_xlsx": str(xlsx), "summary_csv": str(csv_path)}
