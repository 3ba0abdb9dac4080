"""The roster workbook's sheets about the roster as a whole: compliance per rule (with the
soft-goal measures), how the roster was made (run information) and the legend.

Written top to bottom like every sheet (``constant_memory`` mode), with the
:class:`~asn_scheduler.excel.roster_sheets.Sheet` helper.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from asn_scheduler._version import __version__
from asn_scheduler.domain.calendar import Calendar
from asn_scheduler.domain.enums import Code
from asn_scheduler.engine.result import STATUS_SHORT, Status
from asn_scheduler.event_gain import event_gain, gain_text, override_items
from asn_scheduler.excel.roster_sheets import FAIL, NA, PASS, SHEETS, Sheet, headers, yes_no
from asn_scheduler.excel.styles import CODE_MEANING, SHADED_HEADER_FILL, Styles
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.rules.data import senior_levels
from asn_scheduler.rules.registry import RULES, rule_basis, rule_label
from asn_scheduler.scenario.model import Policy
from asn_scheduler.scope import in_force

if TYPE_CHECKING:
    from asn_scheduler.excel.roster_writer import RosterBook


def _policies(book: RosterBook) -> list[Policy]:
    out, sc = [], book.scenario
    while sc is not None:
        out.append(sc.policy)
        sc = sc.baseline
    return out


NOT_APPLICABLE = Msg("TIDAK BERLAKU", "N/A")


def _in_force(rule: str, book: RosterBook) -> bool:
    """Whether the scenario (or its baseline) can make ``rule`` bite at all."""
    return in_force(rule, book.problem, book.scenario)


def _quality_lines(book: RosterBook, lang: Lang) -> dict[str, str]:
    assert book.report is not None
    q = book.report.quality
    goal = "-" if q.wfh_goal_days is None else str(q.wfh_goal_days)
    pref = f"{q.preferred_honoured}/{q.preferred_days}"
    team = f"{q.team_shared_days}/{q.team_days}"
    n_changes = "-" if book.changes is None else str(len(book.changes))
    msgs = {
        "Q0": Msg("{w} hari WFH; sasaran skenario {g}", "{w} WFH days; scenario goal {g}"),
        "Q1": Msg("selisih maks {mx:.2f} hari, rata-rata {mean:.2f}; {share:.0%} dalam 1 hari "
                  "dari bagian adil; rentang unit maks {sp:.2f}",
                  "max deviation {mx:.2f} days, mean {mean:.2f}; {share:.0%} within 1 day of "
                  "the fair share; largest unit spread {sp:.2f}"),
        "Q2": Msg("{p} hari pilihan dipenuhi", "{p} preferred days honoured"),
        "Q3": Msg("WFH beruntun terpanjang {run} hari; {over} deret melebihi batas; {chg} "
                  "perubahan pola", "longest WFH run {run} days; {over} runs over the limit; "
                  "{chg} pattern changes"),
        "Q4": Msg("{t} hari tim bersama di kantor", "{t} team days shared in the office"),
        "Q5": Msg("{c} sel berubah", "{c} cells changed"),
    }
    fields = dict(w=q.wfh_days, g=goal, mx=q.max_abs_deviation, mean=q.mean_abs_deviation,
                  share=q.within_one_day_share, sp=q.max_unit_spread, p=pref,
                  run=q.longest_wfh_run, over=q.runs_over_limit, chg=q.pattern_changes, t=team,
                  c=n_changes)
    return {k: m.get(lang).format(**fields) for k, m in msgs.items()}


MSG_B1_OFFICE_NOTE = Msg(
    "{n} gedung-hari melebihi kapasitas pada hari kerja kantor biasa (tanpa rezim fleksibel, "
    "semua wajib WFO): dilaporkan di bawah, bukan pelanggaran",
    "{n} building-day(s) over capacity on ordinary office days (no flexible regime, "
    "everyone in by law): reported below, not violations")


def write_compliance(wb: Any, styles: Styles, book: RosterBook, lang: Lang) -> None:
    """One row per hard rule (ID, rule, legal basis, pass/fail, count, first cases), then
    the soft goals with their measures, then the reported shortfalls."""
    report = book.report
    assert report is not None
    s = Sheet(wb, styles, SHEETS["compliance"].get(lang))
    ok = report.compliant
    s.title(Msg("Kepatuhan jadwal — {v}", "Roster compliance — {v}")
            .format(v=(PASS if ok else FAIL).get(lang)).get(lang))
    s.row -= 1
    s.cells([Msg("Skenario {s}: {b}", "Scenario {s}: {b}").format(
        s=book.scenario.id, b=book.scenario.basis).get(lang)])
    s.row += 1
    widths = (6, 60, 40, 9, 12, 80, 28)
    top = s.header(headers("ID|Aturan|Dasar Hukum|Hasil|Jumlah Pelanggaran|Contoh Kasus|Catatan/"
                      "ID|Rule|Legal Basis|Result|Violations|First Cases|Note", lang), widths)
    by_rule: dict[str, list[str]] = {}
    for v in report.hard_violations:
        cases = by_rule.setdefault(v.rule, [])
        if len(cases) < 3:
            cases.append(v.text(lang))
    wrap = styles.wrap
    for info in RULES:
        if not info.hard:
            continue
        count = int(report.rule_counts.get(info.id, 0))
        applies = _in_force(info.id, book)
        note = "" if applies else NA.get(lang)
        office_days = sum(1 for v in report.shortfalls if v.rule == info.id == "B1")
        if office_days:
            note = MSG_B1_OFFICE_NOTE.format(n=office_days).get(lang)
        # a rule not in force neither passes nor fails: say so (never LULUS/PASS)
        verdict = (PASS if count == 0 else FAIL) if applies or count else NOT_APPLICABLE
        values = [info.id, _label(info.id, book, lang), rule_basis(info.id, book.scenario),
                  verdict.get(lang), count,
                  "\n".join(by_rule.get(info.id, [])), note]
        s.fit_height(values, widths)
        s.cells(values, [styles.top, wrap, wrap,
                         styles.verdict(count == 0) if verdict is not NOT_APPLICABLE else wrap,
                         styles.top, wrap, wrap])
    s.ws.freeze_panes(top + 1, 1)
    s.row += 1
    # the measure sits under "First Cases", the widest column
    s.header(headers("ID|Sasaran|Dasar|||Ukuran/ID|Goal|Basis|||Measure", lang))
    lines = _quality_lines(book, lang)
    for info in RULES:
        if not info.hard:
            values = [info.id, _label(info.id, book, lang), rule_basis(info.id, book.scenario),
                      None, None,
                      lines.get(info.id, "")]
            s.fit_height(values, widths)
            s.cells(values, [styles.top, wrap, wrap, None, None, wrap])
    if report.shortfalls:
        s.row += 1
        s.ws.write_string(s.row, 0, Msg(
            "Kekurangan (dilaporkan, bukan pelanggaran): {n}",
            "Shortfalls (reported, not violations): {n}").format(
                n=len(report.shortfalls)).get(lang), styles.bold)
        s.row += 1
        for v in report.shortfalls[:20]:
            s.cells([v.rule, v.text(lang)])


def _label(rule: str, book: RosterBook, lang: Lang) -> str:
    """A rule's label with its parameter filled (``{n}`` in F1 and Q3; L1 names the senior
    levels in force)."""
    text = rule_label(rule, book.scenario).get(lang)
    if rule == "L1":
        p = book.scenario.policy
        levels = sorted(senior_levels(book.problem, p.senior_levels_wfo, p.senior_levels),
                        key=lambda lv: lv.rank)
        return f"{text}: {', '.join(lv.label(lang) for lv in levels) or '-'}"
    if "{n}" not in text:
        return text
    if rule == "Q3":
        return text.format(n=book.scenario.max_consecutive_wfh)
    caps = [p.max_flex_days_per_week for p in _policies(book) if p.max_flex_days_per_week]
    return text.format(n=caps[0] if caps else "-")


def _stage_rows(book: RosterBook, lang: Lang) -> list[list[Any]]:
    res = book.result
    if res is None:
        return []
    return [[st.goal, _finite(st.objective), _finite(st.bound), yes_no(st.proven, lang),
             _finite(st.gap), round(st.seconds, 2)] for st in res.stages]


def _finite(x: float) -> float | None:
    """``x``, or ``None`` (an empty cell) when a goal was skipped and its figure is NaN:
    Excel has no NaN."""
    return x if math.isfinite(x) else None


def write_info(wb: Any, styles: Styles, book: RosterBook, lang: Lang) -> None:
    """How the roster was made: package version, scenario (ID, title, basis, hash),
    dates, seed, solver status and timings, objective and bound per goal stage, the
    parts of the decomposition, warnings."""
    s = Sheet(wb, styles, SHEETS["info"].get(lang))
    s.ws.set_column(0, 0, 28)
    s.ws.set_column(1, 1, 60)
    s.ws.set_column(2, 6, 14)
    sc, res, roster = book.scenario, book.result, book.roster
    L = lambda i, e: Msg(i, e).get(lang)  # noqa: E731
    s.title(L("Informasi run", "Run information"))
    items: list[tuple[str, Any]] = [
        (L("Versi asn-scheduler", "asn-scheduler version"), __version__),
        (L("Skenario", "Scenario"), sc.id),
        (L("Judul", "Title"), sc.title.get(lang)),
        (L("Dasar hukum", "Legal basis"), sc.basis),
        (L("Tautan dasar hukum", "Legal basis link"), sc.basis_url),
        (L("Hash skenario", "Scenario hash"), sc.hash),
        *((L("Tautan sekunder", "Secondary link"), u) for u in sc.basis_url_secondary),
        (L("Skenario dasar", "Baseline"), sc.baseline.id if sc.baseline else "kantor"),
        *((L("Parameter diatur", "Parameter set"), item)
          for item in override_items(sc, lang)),
        (L("Tanggal pertama", "First date"), roster.dates[0] if roster.dates else None),
        (L("Tanggal terakhir", "Last date"), roster.dates[-1] if roster.dates else None),
        (L("Jumlah tanggal", "Dates"), len(roster.dates)),
        (L("Pegawai", "Staff"), len(roster.nips)),
        (L("Unit", "Units"), len(book.problem.units)),
    ]
    if book.source:
        items.append((L("Jadwal yang diperiksa", "Roster audited"), book.source))
    if book.report is not None:
        items.append((L("Patuh aturan wajib", "Hard rules hold"),
                      yes_no(book.report.compliant, lang)))
        gain = event_gain(book.problem, sc, book.report)
        if gain is not None:
            items.append((L("Tambahan jendela skenario", "What the window added"),
                          gain_text(gain, lang)))
    if res is not None:
        items += [
            (L("Benih acak (seed)", "Seed"), res.seed),
            *([(L("Batas waktu (detik)", "Time limit (s)"), res.settings.time_limit),
               (L("Upaya (--effort)", "Effort (--effort)"),
                res.settings.effort if math.isfinite(res.settings.effort)
                else L("tak terbatas", "unlimited"))]
              if res.settings is not None else []),
            (L("Status solver", "Solver status"), STATUS_SHORT[res.status].get(lang)),
            (L("Batas waktu tercapai (jadwal dapat berbeda bila diulang)",
               "Time limit reached (a rerun may differ)"), yes_no(res.time_limit_reached, lang)),
            (L("Waktu total (detik)", "Total time (s)"), round(res.runtime, 2)),
            *[(L("Waktu {k} (detik)", "Time {k} (s)").replace(
                "{k}", PHASES.get(k, Msg(k, k)).get(lang)), round(v, 2))
              for k, v in sorted(res.timings.items()) if k != "total"],
            (L("Jumlah bagian", "Parts"), len(res.parts)),
        ]
    s.pairs(items)
    if res is not None and res.stages:
        s.header(headers("Sasaran|Nilai|Batas|Terbukti|Selisih ke batas|Detik/Goal|Objective|"
                         "Bound|Proven|Gap|Seconds", lang))
        for row in _stage_rows(book, lang):
            s.cells(row, [None, styles.number, styles.number, None, styles.pct, None])
        s.row += 1
    warnings = [n.message for n in res.scope] if res is not None else []
    if res is not None and res.best_effort:
        warnings.append(BEST_EFFORT)
        warnings += [Msg(f"[{'+'.join(c.rules)}] {c.message.id} — {c.fix.id}",
                         f"[{'+'.join(c.rules)}] {c.message.en} — {c.fix.en}")
                     for c in res.conflicts]
    warnings += list(res.warnings) if res is not None else []
    if warnings:
        s.ws.write_string(s.row, 0, L("Peringatan", "Warnings"), styles.bold)
        s.row += 1
        for w in warnings:
            s.cells(["", w.get(lang)])
        s.row += 1
    if res is not None and res.parts:
        s.header(headers("Bagian|Unit|Pegawai|Variabel|Kendala|Status|Detik/"
                    "Part|Units|Staff|Variables|Constraints|Status|Seconds", lang))
        for i, p in enumerate(res.parts, 1):
            units = ", ".join(p.units)
            s.cells([i, units if len(units) <= 200 else units[:199] + "…", p.staff,
                     p.variables, p.constraints, part_status(p.status, lang),
                     round(p.seconds, 3)])


PHASES: dict[str, Msg] = {
    "build": Msg("menyusun model", "building the model"),
    "solve": Msg("solver", "solving"),
    "explain": Msg("mencari penyebab", "explaining"),
    "check": Msg("pemeriksaan", "checking"),
    "total": Msg("total", "total"),
}
"""Run phases (``Result.timings`` keys) in words."""
BEST_EFFORT = Msg(
    "JADWAL UPAYA TERBAIK: tidak ada jadwal yang memenuhi semua aturan wajib. Jadwal ini "
    "melanggar paling sedikit (kapasitas gedung B1 / batas WFO P1; aturan lain terpenuhi); "
    "sel yang melanggar bergaris merah. Penyebab dan perbaikannya:",
    "BEST-EFFORT ROSTER: no roster meets every hard rule. This one breaks the fewest "
    "(building seats B1 / WFO ceiling P1; every other rule holds); offending cells have a red "
    "border. Causes and fixes:")
_FIXED = Msg("TETAP (tanpa keputusan)", "FIXED (no decision)")


def part_status(status: str, lang: Lang) -> str:
    """A part's status in words: a solver status, or ``FIXED`` (every cell fixed by the
    rules, nothing to decide)."""
    if status == "FIXED":
        return _FIXED.get(lang)
    return STATUS_SHORT[Status(status)].get(lang) if status in Status.__members__ else status


def write_legend(wb: Any, styles: Styles, book: RosterBook, calendar: Calendar,
                 lang: Lang) -> None:
    """What each code and colour means, and the holidays in the roster period."""
    s = Sheet(wb, styles, SHEETS["legend"].get(lang))
    s.ws.set_column(0, 0, 14)
    s.ws.set_column(1, 1, 70)
    L = lambda i, e: Msg(i, e).get(lang)  # noqa: E731
    s.title(L("Keterangan kode dan warna", "Codes and colours"))
    s.header(headers("Kode|Arti/Code|Meaning", lang))
    for code in Code:
        label = "ABSEN / …" if code is Code.ABSEN else code.name
        s.cells([label, CODE_MEANING[code].get(lang)], [styles.code(code), None])
    s.row += 1
    extra: list[tuple[str, str, Callable[[], Any]]] = [
        ("", L("Kolom akhir pekan atau hari libur: judul merah, sel lebih gelap",
               "Weekend or holiday column: red header, darker cells"),
         lambda: styles.swatch(SHADED_HEADER_FILL)),
        ("", L("Sel bergaris merah tebal: berubah (perencanaan ulang) atau melanggar aturan "
               "(pemeriksaan); lihat catatan sel", "Thick red border: changed (re-plan) or "
               "breaks a rule (check); see the cell note"),
         lambda: styles.code(Code.WFO, marked=True)),
    ]
    for label, text, fmt in extra:
        s.cells([label, text], [fmt(), styles.wrap])
    s.row += 1
    s.ws.write_string(s.row, 0, L(
        "Lembar Jadwal mengikuti kontrak buku kerja: NIP (teks), Nama, Kode Unit, lalu satu "
        "kolom per tanggal (YYYY-MM-DD). Perintah `asn-scheduler check` membaca lembar ini "
        "setelah diedit.", "The Jadwal sheet follows the workbook contract: NIP (text), Nama, "
        "Kode Unit, then one column per date (YYYY-MM-DD). `asn-scheduler check` reads it back "
        "after edits."))
    s.row += 2
    if calendar.holidays:
        s.header(headers("Tanggal|Hari libur/Date|Holiday", lang))
        for d in sorted(calendar.holidays):
            s.cells([d, calendar.holidays[d]])
