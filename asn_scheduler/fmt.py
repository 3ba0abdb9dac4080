"""Numbers, percentages and dates as a planner reads them, in the chosen language.

One place for every figure the CLI, the workbooks and the notebooks print: Bahasa
Indonesia writes ``25.323 km``, ``4,1 hari``, ``48,9%`` and ``28 Agu 2023``; English
writes ``25,323 km``, ``4.1 days``, ``48.9%`` and ``28 Aug 2023`` (Babel's CLDR data).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from asn_scheduler.i18n import Lang

LOCALES: dict[str, str] = {"id": "id_ID", "en": "en_US"}


def _locale(lang: Lang) -> str:
    return LOCALES.get(lang, LOCALES["id"])


def number(value: float, lang: Lang = "id", digits: int = 0) -> str:
    """``value`` with grouped thousands and exactly ``digits`` decimals
    (``number(25323.4, "id") == "25.323"``, ``number(4.1, "id", 1) == "4,1"``);
    ``"-"`` for NaN."""
    if isinstance(value, float) and math.isnan(value):
        return "-"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def percent(share: float, lang: Lang = "id", digits: int = 1) -> str:
    """A share (0.489) as a percentage (``"48,9%"``); ``"-"`` for NaN."""
    if isinstance(share, float) and math.isnan(share):
        return "-"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
    return format_percent(share, format=pattern, locale=_locale(lang))


def day(d: date, lang: Lang = "id", weekday: bool = False) -> str:
    """``28 Agu 2023`` (with ``weekday``: ``Sen, 28 Agu 2023``)."""
    return format_date(d, "EEE, d MMM y" if weekday else "d MMM y", locale=_locale(lang))


def day_range(first: date, last: date, lang: Lang = "id") -> str:
    """``28 Agu–7 Sep 2023``, ``2–31 Mar 2026``, ``30 Des 2025–2 Jan 2026``;
    one day alone when ``first == last``."""
    if first == last:
        return day(first, lang)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{day(last, lang)}"
    if first.year == last.year:
        head = format_date(first, "d MMM", locale=_locale(lang))
        return f"{head}–{day(last, lang)}"
    return f"{day(first, lang)}–{day(last, lang)}"


def week(monday: date, lang: Lang = "id") -> str:
    """An ISO week as readable dates, Monday to Sunday (``2–8 Mar 2026``), never
    ``2026-W10``."""
    return day_range(monday, date.fromordinal(monday.toordinal() + 6), lang)


def runs(days: Sequence[date], lang: Lang = "id", most: int = 4) -> str:
    """Sorted ``days`` as runs of consecutive dates (``2–15 Mar 2026, 18–24 Mar 2026``),
    at most ``most`` runs then ``… (+k)``."""
    spans: list[tuple[date, date]] = []
    for d in sorted(days):
        if spans and (d - spans[-1][1]).days == 1:
            spans[-1] = (spans[-1][0], d)
        else:
            spans.append((d, d))
    text = ", ".join(day_range(a, b, lang) for a, b in spans[:most])
    return text + (f" … (+{len(spans) - most})" if len(spans) > most else "")
