"""Compulsory office days (rule K1): the parameter ``office_days`` as data.

A list of items, each one of

- a weekday (``Senin``, ``Monday``, ``mon``…): every such weekday, e.g. Monday's *apel*;
- a day of the month (``17``): that day of every month, e.g. the 17th's ceremony;
- a date (``2026-08-17``, or ``17/08/2026`` day first as in the workbook): that date.

Items are kept canonical (``Senin``, ``17``, ``2026-08-17``) so the scenario hash does not
depend on how the planner wrote them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date

from asn_scheduler.domain.enums import Weekday
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario.errors import ParamError

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_DMY = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})")


class OfficeDayError(ParamError):
    """An item that is no weekday, day of the month or date (``msg`` in both languages)."""


def parse_office_days(items: Iterable[object] | str) -> frozenset[str]:
    """Canonical items from a list (or a ``;``/``,``-separated string).

    Raises
    ------
    OfficeDayError
        An item that is none of the three forms (the message suggests the closest weekday).
    """
    if isinstance(items, str):
        items = [p for p in re.split(r"[;,]", items) if p.strip()]
    out: set[str] = set()
    for raw in items:
        if isinstance(raw, date):
            out.add(raw.isoformat())
            continue
        text = str(raw).strip()
        if isinstance(raw, int) or text.isdigit():
            n = int(text)
            if not 1 <= n <= 31:
                raise OfficeDayError(Msg(f"tanggal {n} bukan 1..31",
                                         f"day of the month {n} is not 1..31"))
            out.add(str(n))
        elif _ISO.fullmatch(text) or _DMY.fullmatch(text):
            m = _DMY.fullmatch(text)
            try:
                day = (date.fromisoformat(text) if m is None
                       else date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
            except ValueError:
                raise OfficeDayError(Msg(f"{text!r} bukan tanggal yang ada",
                                         f"{text!r} is not a real date")) from None
            out.add(day.isoformat())
        elif (wd := Weekday.parse(text)) is not None:
            out.add(wd.label_id)
        else:
            names = [w.label_id for w in Weekday]
            near = difflib.get_close_matches(text.title(), names, n=1, cutoff=0.5)
            hint = Msg(f"maksud Anda {near[0]}? ", f"did you mean {near[0]}? ") if near \
                else Msg("", "")
            raise OfficeDayError(Msg(
                f"{hint.id}{text!r} bukan nama hari (Senin…Minggu), tanggal tiap bulan "
                "(1..31) atau tanggal (YYYY-MM-DD)",
                f"{hint.en}{text!r} is not a weekday (Senin…Minggu), a day of the month "
                "(1..31) or a date (YYYY-MM-DD)"))
    return frozenset(out)


def is_office_day(items: frozenset[str], day: date) -> bool:
    """Whether ``day`` is one of the compulsory office days ``items`` (canonical)."""
    if not items:
        return False
    return (Weekday.parse(str(day.weekday())).label_id in items  # type: ignore[union-attr]
            or str(day.day) in items or day.isoformat() in items)


def describe(items: frozenset[str]) -> str:
    """The items in a stable, readable order: weekdays, days of the month, dates."""
    weekdays = [w.label_id for w in Weekday if w.label_id in items]
    monthdays = sorted((i for i in items if i.isdigit()), key=int)
    dates = sorted(i for i in items if _ISO.fullmatch(i))
    return "; ".join(weekdays + monthdays + dates)

