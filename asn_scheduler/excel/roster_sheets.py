"""The roster workbook's sheets after ``Jadwal``: daily summary, compliance, violations,
fairness, buildings, changes, run information and legend.

Every sheet is written top to bottom (the workbook streams rows in ``constant_memory``
mode). Planner text (names, unit codes, NIPs) is written with ``write_string`` only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from asn_scheduler._version import __version__
from asn_scheduler.domain.calendar import Calendar
from asn_scheduler.domain.enums import Code, Weekday
from asn_scheduler.excel.styles import CODE_MEANING, SHADED_HEADER_FILL, Styles
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.rules.registry import RULE_BY_ID, RULES
from asn_scheduler.scenario.model import Policy

if TYPE_CHECKING:
    from asn_scheduler.excel.roster_writer import RosterBook

MAX_LISTED = 50_000  # violations listed one per row; the compliance sheet has the counts

SHEETS = {
    "summary": Msg("Ringkasan Harian", "Daily Summary"),
    "compliance": Msg("Kepatuhan", "Compliance"),
    "violations": Msg("Pelanggaran", "Violations"),
    "fairness": Msg("Keadilan", "Fairness"),
    "buildings": Msg("Gedung", "Buildings"),
    "changes": Msg("Perubahan", "Changes"),
    "info": Msg("Info Run", "Run Info"),
    "legend": Msg("Keterangan", "Legend"),
}

YES, NO = Msg("Ya", "Yes"), Msg("Tidak", "No")
PASS, FAIL = Msg("LULUS", "PASS"), Msg("GAGAL", "FAIL")
NA = Msg("tidak berlaku dalam skenario ini", "not in force in this scenario")


def _h(text: str, lang: Lang) -> list[str]:
    """Headers from a ``|``-separated bilingual template ``"id|id…/en|en…"``."""
    ids, ens = text.split("/")
    return (ens if lang == "en" else ids).split("|")


class Sheet:
    """A worksheet written row by row, with typed cell helpers."""

    def __init__(self, wb: Any, styles: Styles, name: str):
        self.ws = wb.add_worksheet(name)
        self.styles = styles
        self.row = 0
        # every sheet prints landscape, one page wide, as long as it needs
        self.ws.set_landscape()
        self.ws.set_paper(styles.paper)
        self.ws.fit_to_pages(1, 0)
        self.ws.set_footer("&L&A&R&P / &N")

    def title(self, text: str) -> None:
        self.ws.write_string(self.row, 0, text, self.styles.title)
        self.row += 2

    def header(self, headers: Sequence[str], widths: Sequence[float] = ()) -> int:
        """Write a header row; returns its row index."""
        for j, h in enumerate(headers):
            self.ws.write_string(self.row, j, h, self.styles.header())
        lines = max([-(-len(h) // max(1, int(w) - 1)) for h, w in zip(headers, widths,
                                                                     strict=False)] + [2])
        self.ws.set_row(self.row, 15 * lines)
        for j, w in enumerate(widths):
            self.ws.set_column(j, j, w)
        self.row += 1
        return self.row - 1

    def cells(self, values: Sequence[Any], formats: Sequence[Any] | None = None) -> None:
        """One row: ``str`` as text, ``date`` as a date, numbers as numbers, ``None`` blank."""
        ws, r = self.ws, self.row
        for j, v in enumerate(values):
            fmt = formats[j] if formats is not None else None
            if v is None:
                continue
            if isinstance(v, str):
                ws.write_string(r, j, v, fmt)
            elif isinstance(v, bool):
                ws.write_boolean(r, j, v, fmt)
            elif isinstance(v, date):
                ws.write_datetime(r, j, v, fmt or self.styles.date)
            else:
                ws.write_number(r, j, v, fmt)
        self.row += 1

    def fit_height(self, values: Sequence[Any], widths: Sequence[float]) -> None:
        """Give the next row the height its wrapped texts need: xlsxwriter cannot measure
        text, and LibreOffice does not grow rows written without a height."""
        lines = 1
        for v, w in zip(values, widths, strict=False):
            if isinstance(v, str) and v:
                per_line = max(1, int(w * 1.1))
                lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in v.split("\n")))
        if lines > 1:
            self.ws.set_row(self.row, 15 * lines)

    def pairs(self, items: Sequence[tuple[str, Any]]) -> None:
        """A key/value list."""
        for key, value in items:
            fmt = self.styles.left if isinstance(value, (int, float)) else None
            self.cells([key, value], [self.styles.bold, fmt])
        self.row += 1

    def finish_table(self, top: int, ncols: int, freeze: bool = True) -> None:
        """Autofilter over the table that starts at ``top``; freeze its header."""
        if freeze:
            self.ws.freeze_panes(top + 1, 0)
        self.ws.autofilter(top, 0, max(self.row - 1, top + 1), ncols - 1)
        self.ws.repeat_rows(top)


def write_report_sheets(wb: Any, styles: Styles, book: RosterBook, calendar: Calendar,
                        lang: Lang) -> None:
    """Every sheet after ``Jadwal``, in order."""
    if book.report is not None:
        write_summary(wb, styles, book, lang)
        write_compliance(wb, styles, book, lang)
        write_violations(wb, styles, book, lang)
        write_fairness(wb, styles, book, lang)
        write_buildings(wb, styles, book, lang)
    if book.changes is not None:
        write_changes(wb, styles, book, lang)
    write_info(wb, styles, book, lang)
    write_legend(wb, styles, book, calendar, lang)


def _yes(flag: bool, lang: Lang) -> str:
    return (YES if flag else NO).get(lang)


def _weekday(d: date, lang: Lang) -> str:
    return list(Weekday)[d.weekday()].label(lang)


def write_summary(wb: Any, styles: Styles, book: RosterBook, lang: Lang) -> None:
    """Per unit per date: working day, active, WFO, WFH, absent, WFH share, the cap in
    force (people and %), the P1 WFO ceiling, whether the scenario applies, the policy.
    A WFH count above its cap is shown red."""
    assert book.report is not None
    s = Sheet(wb, styles, SHEETS["summary"].get(lang))
    units = book.problem.unit_by_code
    order = {u.code: i for i, u in enumerate(book.problem.units)}
    top = s.header(_h(
        "Kode Unit|Nama Unit|Kategori Layanan|Tanggal|Hari|Hari Kerja|Aktif|WFO|WFH|Absen|"
        "Porsi WFH|Batas WFH (orang)|Batas WFH (%)|Batas WFO P1 (orang)|Skenario Berlaku|"
        "Kebijakan/Unit Code|Unit Name|Service Category|Date|Weekday|Working Day|Active|WFO|"
        "WFH|Absent|WFH Share|WFH Cap (people)|WFH Cap (%)|P1 WFO Ceiling (people)|"
        "Scenario In Force|Policy", lang),
        (12, 28, 24, 11, 9, 10, 7, 7, 7, 7, 10, 12, 10, 12, 12, 16))
    fmt = [None, None, None, styles.date, None, None, None, None, None, None, styles.pct,
           None, styles.number, None, None, None]
    rows = sorted(book.report.unit_days, key=lambda ud: (order.get(ud.unit, len(order)), ud.day))
    for ud in rows:
        unit = units.get(ud.unit)
        s.cells([
            ud.unit, unit.name if unit else "", unit.category.label(lang) if unit else "",
            ud.day, _weekday(ud.day, lang), _yes(ud.working, lang), ud.active, ud.wfo, ud.wfh,
            ud.absent, ud.wfh_share, ud.cap, ud.cap_pct, ud.wfo_ceiling,
            _yes(ud.in_scope, lang), ud.policy,
        ], fmt)
    s.finish_table(top, 16)
    if rows:
        # WFH (column I) above the cap (column L): red, so a breach shows at a glance
        s.ws.conditional_format(top + 1, 8, s.row - 1, 8, {
            "type": "formula", "criteria": f"=AND(ISNUMBER($L{top + 2}),$I{top + 2}>$L{top + 2})",
            "format": styles.verdict(False)})


def _policies(book: RosterBook) -> list[Policy]:
    out, sc = [], book.scenario
    while sc is not None:
        out.append(sc.policy)
        sc = sc.baseline
    return out


def _in_force(rule: str, book: RosterBook) -> bool:
    """Whether the scenario (or its baseline) can make ``rule`` bite at all."""
    policies = _policies(book)
    if rule == "P1":
        return any(p.wfo_max is not None for p in policies)
    if rule == "F1":
        return any(p.max_flex_days_per_week is not None for p in policies)
    if rule == "B1":
        return bool(book.problem.buildings) and any(p.building_capacity for p in policies)
    if rule == "S3":
        return any(u.role_minimums for u in book.problem.units) and any(
            p.role_minimums for p in policies)
    return True


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
    top = s.header(_h("ID|Aturan|Dasar Hukum|Hasil|Jumlah Pelanggaran|Contoh Kasus|Catatan/"
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
        note = "" if _in_force(info.id, book) else NA.get(lang)
        values = [info.id, _label(info.id, book, lang), info.basis,
                  (PASS if count == 0 else FAIL).get(lang), count,
                  "\n".join(by_rule.get(info.id, [])), note]
        s.fit_height(values, widths)
        s.cells(values, [styles.top, wrap, wrap, styles.verdict(count == 0), styles.top, wrap,
                         wrap])
    s.ws.freeze_panes(top + 1, 1)
    s.row += 1
    # the measure sits under "First Cases", the widest column
    s.header(_h("ID|Sasaran|Dasar|||Ukuran/ID|Goal|Basis|||Measure", lang))
    lines = _quality_lines(book, lang)
    for info in RULES:
        if not info.hard:
            values = [info.id, _label(info.id, book, lang), info.basis, None, None,
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
    """A rule's label with its parameter filled (``{n}`` in F1 and Q3)."""
    text = RULE_BY_ID[rule].label.get(lang)
    if "{n}" not in text:
        return text
    if rule == "Q3":
        return text.format(n=book.scenario.max_consecutive_wfh)
    caps = [p.max_flex_days_per_week for p in _policies(book) if p.max_flex_days_per_week]
    return text.format(n=caps[0] if caps else "-")


def write_violations(wb: Any, styles: Styles, book: RosterBook, lang: Lang) -> None:
    """Every violation (hard first) and shortfall, one per row, up to ``MAX_LISTED``."""
    report = book.report
    assert report is not None
    s = Sheet(wb, styles, SHEETS["violations"].get(lang))
    names = {e.nip: e.name for e in book.problem.employees}
    items = ([(v, "hard") for v in report.hard_violations]
             + [(v, "soft") for v in report.violations if not v.hard]
             + [(v, "short") for v in report.shortfalls])
    kinds = {"hard": Msg("Aturan wajib", "Hard rule"), "soft": Msg("Sasaran", "Goal"),
             "short": Msg("Kekurangan", "Shortfall")}
    if len(items) > MAX_LISTED:
        s.ws.write_string(s.row, 0, Msg(
            "Hanya {k} dari {n} baris ditampilkan; jumlah per aturan ada di lembar Kepatuhan.",
            "Only {k} of {n} rows shown; counts per rule are on the Compliance sheet.").format(
                k=MAX_LISTED, n=len(items)).get(lang), styles.bold)
        s.row += 2
    top = s.header(_h("Aturan|Jenis|Kode Unit|Gedung|NIP|Nama|Tanggal|Jumlah|Keterangan/"
                      "Rule|Kind|Unit Code|Building|NIP|Name|Date|Amount|Message", lang),
                   (7, 12, 12, 14, 20, 28, 11, 8, 90))
    for v, kind in items[:MAX_LISTED]:
        s.cells([v.rule, kinds[kind].get(lang), v.unit or "", v.building or "", v.nip or "",
                 names.get(v.nip or "", ""), v.day, v.amount, v.message.get(lang)],
                [None, None, None, None, None, None, styles.date, styles.number, None])
    s.finish_table(top, 9)


def write_fairness(wb: Any, styles: Styles, book: RosterBook, lang: Lang) -> None:
    """Per employee: working, absent and available days, WFH and WFO days, fair share,
    deviation (colour scale), preferences, longest WFH run, pattern changes, reason."""
    report = book.report
    assert report is not None
    s = Sheet(wb, styles, SHEETS["fairness"].get(lang))
    top = s.header(_h(
        "NIP|Nama|Kode Unit|Hari Kerja|Hari Absen|Hari Tersedia|Hari WFH|Hari WFO|Bagian Adil|"
        "Selisih|Hari Pilihan Tersedia|Pilihan Dipenuhi|WFH Beruntun Terpanjang|Perubahan Pola|"
        "Alasan/NIP|Name|Unit Code|Working Days|Absent Days|Available Days|WFH Days|WFO Days|"
        "Fair Share|Deviation|Preferred Days Available|Preferences Honoured|Longest WFH Run|"
        "Pattern Changes|Reason", lang),
        (20, 28, 12, 9, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 40))
    n2 = styles.number
    fmt = [None, None, None, None, None, None, None, None, n2, n2, None, None, None, None, None]
    for p in report.persons:
        s.cells([p.nip, p.name, p.unit, p.working_days, p.absent_days, p.available_days,
                 p.wfh_days, p.wfo_days, round(p.fair_share, 2), round(p.deviation, 2),
                 p.preferred_days, p.preferred_honoured, p.longest_wfh_run, p.pattern_changes,
                 (p.reason_en or p.reason) if lang == "en" else p.reason], fmt)
    s.ws.freeze_panes(top + 1, 2)
    s.ws.repeat_rows(top)
    s.ws.autofilter(top, 0, max(s.row - 1, top + 1), 14)
    if report.persons:
        s.ws.conditional_format(top + 1, 9, s.row - 1, 9, {
            "type": "3_color_scale", "min_color": "#F8696B", "mid_type": "num", "mid_value": 0,
            "mid_color": "#FFFFFF", "max_color": "#63BE7B"})
        s.ws.ignore_errors({"number_stored_as_text": f"A{top + 2}:A{s.row}"})


def write_buildings(wb: Any, styles: Styles, book: RosterBook, lang: Lang) -> None:
    """Office occupancy per building per date against its capacity (B1)."""
    report = book.report
    assert report is not None
    s = Sheet(wb, styles, SHEETS["buildings"].get(lang))
    if not report.building_days:
        s.ws.write_string(0, 0, Msg("Tidak ada data gedung (lembar Gedung kosong).",
                                    "No building data (sheet Gedung is empty).").get(lang))
        return
    top = s.header(_h("Gedung|Tanggal|Hari|WFO|Kapasitas|Keterisian|Status/"
                      "Building|Date|Weekday|WFO|Capacity|Occupancy|Status", lang),
                   (24, 11, 9, 8, 10, 11, 12))
    over, fine = Msg("MELEBIHI", "OVER"), Msg("OK", "OK")
    for b in report.building_days:
        full = b.wfo / b.capacity if b.capacity else (1.0 if b.wfo == 0 else float(b.wfo))
        ok = b.wfo <= b.capacity
        s.cells([b.building, b.day, _weekday(b.day, lang), b.wfo, b.capacity, full,
                 (fine if ok else over).get(lang)],
                [None, styles.date, None, None, None, styles.pct, styles.verdict(ok)])
    s.finish_table(top, 7)


def write_changes(wb: Any, styles: Styles, book: RosterBook, lang: Lang) -> None:
    """The cells a re-plan changed against the published roster."""
    s = Sheet(wb, styles, SHEETS["changes"].get(lang))
    emp = {e.nip: e for e in book.problem.employees}
    changes = book.changes or ()
    s.title(Msg("{n} sel berubah dibanding jadwal yang diterbitkan",
                "{n} cells changed against the published roster").format(n=len(changes)).get(lang))
    top = s.header(_h("NIP|Nama|Kode Unit|Tanggal|Sebelum|Sesudah/"
                      "NIP|Name|Unit Code|Date|Before|After", lang), (20, 28, 12, 11, 10, 10))
    for ch in changes:
        e = emp.get(ch.nip)
        s.cells([ch.nip, e.name if e else "", e.unit_code if e else "", ch.day, ch.before,
                 ch.after])
    s.finish_table(top, 6)


def _stage_rows(book: RosterBook, lang: Lang) -> list[list[Any]]:
    res = book.result
    if res is None:
        return []
    return [[st.goal, st.objective, st.bound, _yes(st.proven, lang), st.gap, round(st.seconds, 2)]
            for st in res.stages]


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
        (L("Skenario dasar", "Baseline"), sc.baseline.id if sc.baseline else "kantor"),
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
                      _yes(book.report.compliant, lang)))
    if res is not None:
        items += [
            (L("Benih acak (seed)", "Seed"), res.seed),
            (L("Status solver", "Solver status"), res.status.value),
            (L("Waktu total (detik)", "Total time (s)"), round(res.runtime, 2)),
            *[(L("Waktu {k} (detik)", "Time {k} (s)").replace("{k}", k), round(v, 2))
              for k, v in sorted(res.timings.items())],
            (L("Jumlah bagian", "Parts"), len(res.parts)),
        ]
    s.pairs(items)
    if res is not None and res.stages:
        s.header(_h("Sasaran|Nilai|Batas|Terbukti|Gap|Detik/Goal|Objective|Bound|Proven|Gap|"
                    "Seconds", lang))
        for row in _stage_rows(book, lang):
            s.cells(row, [None, styles.number, styles.number, None, styles.pct, None])
        s.row += 1
    warnings = list(res.warnings) if res is not None else []
    if warnings:
        s.ws.write_string(s.row, 0, L("Peringatan", "Warnings"), styles.bold)
        s.row += 1
        for w in warnings:
            s.cells(["", w.get(lang)])
        s.row += 1
    if res is not None and res.parts:
        s.header(_h("Bagian|Unit|Pegawai|Variabel|Kendala|Status|Detik/"
                    "Part|Units|Staff|Variables|Constraints|Status|Seconds", lang))
        for i, p in enumerate(res.parts, 1):
            units = ", ".join(p.units)
            s.cells([i, units if len(units) <= 200 else units[:199] + "…", p.staff,
                     p.variables, p.constraints, p.status, round(p.seconds, 3)])


def write_legend(wb: Any, styles: Styles, book: RosterBook, calendar: Calendar,
                 lang: Lang) -> None:
    """What each code and colour means, and the holidays in the roster period."""
    s = Sheet(wb, styles, SHEETS["legend"].get(lang))
    s.ws.set_column(0, 0, 14)
    s.ws.set_column(1, 1, 70)
    L = lambda i, e: Msg(i, e).get(lang)  # noqa: E731
    s.title(L("Keterangan kode dan warna", "Codes and colours"))
    s.header(_h("Kode|Arti/Code|Meaning", lang))
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
        s.header(_h("Tanggal|Hari libur/Date|Holiday", lang))
        for d in sorted(calendar.holidays):
            s.cells([d, calendar.holidays[d]])
