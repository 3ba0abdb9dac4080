"""The roster workbook's data sheets after ``Jadwal``: daily summary per unit, violations,
fairness per person, building occupancy, changes of a re-plan; and the :class:`Sheet`
helper every sheet is written with (compliance, run information and legend are in
:mod:`asn_scheduler.excel.roster_about`).

Every sheet is written top to bottom (the workbook streams rows in ``constant_memory``
mode), data rows through :class:`~asn_scheduler.excel.row_stream.RowStream`. Planner text
(names, unit codes, NIPs) is always written as a text cell, never as a formula, number or
link.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from asn_scheduler.domain.enums import Weekday
from asn_scheduler.excel.row_stream import RowStream
from asn_scheduler.excel.styles import Styles
from asn_scheduler.i18n import Lang, Msg

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


def headers(text: str, lang: Lang) -> list[str]:
    """Headers from a ``|``-separated bilingual template ``"id|id…/en|en…"``."""
    ids, ens = text.split("/")
    return (ens if lang == "en" else ids).split("|")


class Sheet:
    """A worksheet written row by row, with typed cell helpers."""

    def __init__(self, wb: Any, styles: Styles, name: str):
        self.ws = wb.add_worksheet(name)
        self.styles = styles
        self.stream = RowStream(self.ws)
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
        self.stream.row(self.row, values, formats, self.styles.date)
        self.row += 1

    def table(self, columns: Sequence[Sequence[Any]],
              formats: Sequence[Any] | None = None) -> None:
        """Rows from ``columns`` (``columns[j][i]`` in column ``j`` of the ``i``-th row),
        each as :meth:`cells` would write it."""
        n = len(columns[0]) if columns else 0
        if n:
            self.stream.table(self.row, columns, formats, self.styles.date)
            self.row += n

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


def yes_no(flag: bool, lang: Lang) -> str:
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
    top = s.header(headers(
        "Kode Unit|Nama Unit|Kategori Layanan|Tanggal|Hari|Hari Kerja|Aktif|WFO|WFH|Absen|"
        "Porsi WFH|Batas WFH (orang)|Batas WFH (%)|Batas WFO P1 (orang)|Skenario Berlaku|"
        "Kebijakan/Unit Code|Unit Name|Service Category|Date|Weekday|Working Day|Active|WFO|"
        "WFH|Absent|WFH Share|WFH Cap (people)|WFH Cap (%)|P1 WFO Ceiling (people)|"
        "Scenario In Force|Policy", lang),
        (12, 28, 24, 11, 9, 10, 7, 7, 7, 7, 10, 12, 10, 12, 12, 16))
    fmt = [None, None, None, styles.date, None, None, None, None, None, None, styles.pct,
           None, styles.number, None, None, None]
    rows = sorted(book.report.unit_days, key=lambda ud: (order.get(ud.unit, len(order)), ud.day))
    # a unit's name and category, a date's weekday: looked up once, not once per row
    about = {code: (u.name, u.category.label(lang)) for code, u in units.items()}
    weekdays = {d: _weekday(d, lang) for d in {ud.day for ud in rows}}
    yes, no = yes_no(True, lang), yes_no(False, lang)
    named = [about.get(ud.unit, ("", "")) for ud in rows]
    s.table([
        [ud.unit for ud in rows], [n for n, _ in named], [c for _, c in named],
        [ud.day for ud in rows], [weekdays[ud.day] for ud in rows],
        [yes if ud.working else no for ud in rows], [ud.active for ud in rows],
        [ud.wfo for ud in rows], [ud.wfh for ud in rows], [ud.absent for ud in rows],
        [ud.wfh_share for ud in rows], [ud.cap for ud in rows], [ud.cap_pct for ud in rows],
        [ud.wfo_ceiling for ud in rows], [yes if ud.in_scope else no for ud in rows],
        [ud.policy for ud in rows],
    ], fmt)
    s.finish_table(top, 16)
    if rows:
        # WFH (column I) above the cap (column L): red, so a breach shows at a glance
        s.ws.conditional_format(top + 1, 8, s.row - 1, 8, {
            "type": "formula", "criteria": f"=AND(ISNUMBER($L{top + 2}),$I{top + 2}>$L{top + 2})",
            "format": styles.verdict(False)})


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
    top = s.header(headers("Aturan|Jenis|Kode Unit|Gedung|NIP|Nama|Tanggal|Jumlah|Keterangan/"
                      "Rule|Kind|Unit Code|Building|NIP|Name|Date|Amount|Message", lang),
                   (7, 12, 12, 14, 20, 28, 11, 8, 90))
    listed = items[:MAX_LISTED]
    kind_text = {k: m.get(lang) for k, m in kinds.items()}
    s.table([
        [v.rule for v, _ in listed], [kind_text[k] for _, k in listed],
        [v.unit or "" for v, _ in listed], [v.building or "" for v, _ in listed],
        [v.nip or "" for v, _ in listed], [names.get(v.nip or "", "") for v, _ in listed],
        [v.day for v, _ in listed], [v.amount for v, _ in listed],
        [v.message.get(lang) for v, _ in listed],
    ], [None, None, None, None, None, None, styles.date, styles.number, None])
    s.finish_table(top, 9)


def write_fairness(wb: Any, styles: Styles, book: RosterBook, lang: Lang) -> None:
    """Per employee: working, absent and available days, WFH and WFO days, fair share,
    deviation (colour scale), preferences, longest WFH run, pattern changes, reason."""
    report = book.report
    assert report is not None
    s = Sheet(wb, styles, SHEETS["fairness"].get(lang))
    top = s.header(headers(
        "NIP|Nama|Kode Unit|Hari Kerja|Hari Absen|Hari Tersedia|Hari WFH|Hari WFO|Bagian Adil|"
        "Selisih|Hari Pilihan Tersedia|Pilihan Dipenuhi|WFH Beruntun Terpanjang|Perubahan Pola|"
        "Alasan/NIP|Name|Unit Code|Working Days|Absent Days|Available Days|WFH Days|WFO Days|"
        "Fair Share|Deviation|Preferred Days Available|Preferences Honoured|Longest WFH Run|"
        "Pattern Changes|Reason", lang),
        (20, 28, 12, 9, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 40))
    n2 = styles.number
    fmt = [None, None, None, None, None, None, None, None, n2, n2, None, None, None, None, None]
    ps = report.persons
    s.table([
        [p.nip for p in ps], [p.name for p in ps], [p.unit for p in ps],
        [p.working_days for p in ps], [p.absent_days for p in ps],
        [p.available_days for p in ps], [p.wfh_days for p in ps], [p.wfo_days for p in ps],
        [round(p.fair_share, 2) for p in ps], [round(p.deviation, 2) for p in ps],
        [p.preferred_days for p in ps], [p.preferred_honoured for p in ps],
        [p.longest_wfh_run for p in ps], [p.pattern_changes for p in ps],
        [(p.reason_en or p.reason) if lang == "en" else p.reason for p in ps],
    ], fmt)
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
    top = s.header(headers("Gedung|Tanggal|Hari|WFO|Kapasitas|Keterisian|Status/"
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
    top = s.header(headers("NIP|Nama|Kode Unit|Tanggal|Sebelum|Sesudah/"
                      "NIP|Name|Unit Code|Date|Before|After", lang), (20, 28, 12, 11, 10, 10))
    for ch in changes:
        e = emp.get(ch.nip)
        s.cells([ch.nip, e.name if e else "", e.unit_code if e else "", ch.day, ch.before,
                 ch.after])
    s.finish_table(top, 6)
