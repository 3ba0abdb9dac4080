"""The sheets a chained roster carries (``solve --previous``, rules.md "Weeks").

``Jadwal Sebelumnya`` holds the carried days in ``Jadwal``'s machine-readable shape
(``NIP``, ``Nama``, ``Kode Unit``, one ``YYYY-MM-DD`` column per date), so the next month
chains from this workbook alone: :mod:`asn_scheduler.excel.previous_reader` reads it
together with ``Jadwal`` (as edited after publishing). ``Saldo Keadilan`` shows, per
person, the fairness balance brought forward (WFH days minus fair share over the carried
days) and carried on (over the carried days and this period together).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from asn_scheduler.excel.roster_sheets import Sheet, headers
from asn_scheduler.excel.styles import Styles
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.schema import ROSTER_FIXED_COLUMNS

if TYPE_CHECKING:
    from asn_scheduler.engine.chain import Carried
    from asn_scheduler.excel.roster_writer import RosterBook

CARRIED_SHEET = "Jadwal Sebelumnya"
"""A contract like ``Jadwal``: its name and headers stay Indonesian in every language."""
CARRIED_SHEET_ALIASES: tuple[str, ...] = ("Previous Roster",)
BALANCE_SHEET = Msg("Saldo Keadilan", "Fairness Balance")


def carried_of(book: RosterBook) -> Carried | None:
    """What the book's result carried, if it was chained."""
    return getattr(book.result, "carried", None)


def write_carried(wb: Any, styles: Styles, book: RosterBook, lang: Lang) -> None:
    """The two sheets of a chained roster; nothing for an unchained one."""
    carried = carried_of(book)
    if carried is None or not carried.dates:
        return
    emp = {e.nip: e for e in book.problem.employees}
    _write_balance(wb, styles, book, carried, emp, lang)
    s = Sheet(wb, styles, CARRIED_SHEET)
    s.header([t for t, _ in ROSTER_FIXED_COLUMNS] + [d.isoformat() for d in carried.dates],
             [20, 28, 12] + [11] * len(carried.dates))
    roster = carried.roster
    for i, nip in enumerate(roster.nips):
        if not carried.present[i]:
            continue  # nothing was carried for them: the next month must not invent days
        e = emp.get(nip)
        s.cells([nip, e.name if e else "", e.unit_code if e else "",
                 *[roster.label(i, j) for j in range(len(roster.dates))]])
    s.finish_table(0, len(ROSTER_FIXED_COLUMNS) + len(carried.dates))


def _write_balance(wb: Any, styles: Styles, book: RosterBook, carried: Carried,
                   emp: dict, lang: Lang) -> None:
    s = Sheet(wb, styles, BALANCE_SHEET.get(lang))
    s.title(Msg("Saldo keadilan dari jadwal sebelumnya ({a}..{b}, {n} hari)",
                "Fairness balance from the previous roster ({a}..{b}, {n} days)").format(
        a=carried.dates[0].isoformat(), b=carried.dates[-1].isoformat(),
        n=len(carried.dates)).get(lang))
    top = s.header(headers("NIP|Nama|Unit|Saldo dibawa (hari)|WFH periode ini|"
                           "Saldo diteruskan (hari)/NIP|Name|Unit|Balance brought forward "
                           "(days)|WFH this period|Balance carried on (days)", lang),
                   [20, 28, 12, 16, 14, 16])
    persons = book.report.persons if book.report is not None else ()
    wfh = {p.nip: p.wfh_days for p in persons}
    for i, nip in enumerate(carried.nips):
        e = emp.get(nip)
        s.cells([nip, e.name if e else "", e.unit_code if e else "",
                 _num(carried.brought_forward[i]), wfh.get(nip),
                 _num(carried.carried_on[i])],
                [None, None, None, styles.number, None, styles.number])
    s.finish_table(top, 6)


def _num(x: float) -> float | None:
    return None if math.isnan(x) else round(float(x), 2)
