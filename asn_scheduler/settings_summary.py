"""The lines ``validate`` adds about regions and settings: units per ``Wilayah`` (a blank
one named, since a region-scoped scenario leaves it out), sheet ``Pengaturan`` and sheet
``Level PPKM``."""

from __future__ import annotations

from collections import Counter

from asn_scheduler.domain.model import Problem
from asn_scheduler.i18n import Lang, Msg

_REGIONS = Msg("Wilayah (unit): {items}", "Regions (units): {items}")
_BLANK = Msg("tanpa Wilayah", "no Wilayah")
_BLANK_NOTE = Msg("Unit tanpa Wilayah ada di luar skenario berwilayah (mis. se-17-2023) dan "
                  "dihitung luar Jawa–Bali pada tabel PPKM: {codes}",
                  "Units without Wilayah are outside region-scoped scenarios (e.g. se-17-2023) "
                  "and count as outside Jawa–Bali in the PPKM tables: {codes}")
_SETTINGS = Msg("Pengaturan: {items}", "Settings: {items}")
_LEVELS = Msg("Level PPKM: {n} baris ({regions})", "PPKM levels: {n} rows ({regions})")
MAX_LISTED = 8


def settings_lines(problem: Problem, lang: Lang) -> list[str]:
    """Lines for the overview (empty when there is nothing to say)."""
    out: list[str] = []
    count = Counter(u.region or "" for u in problem.units)
    if any(count):
        items = [f"{r or _BLANK.get(lang)} {n}" for r, n in count.most_common(MAX_LISTED)]
        out.append(_REGIONS.format(items=", ".join(items)).get(lang))
        blank = [u.code for u in problem.units if not u.region]
        if blank:
            out.append("  " + _BLANK_NOTE.format(codes=", ".join(blank[:MAX_LISTED])).get(lang))
    if problem.settings:
        items = "; ".join(f"{k}={v}" for k, v in problem.settings.items())
        out.append(_SETTINGS.format(items=items).get(lang))
    if problem.ppkm_levels:
        regions = ", ".join(dict.fromkeys(x.region for x in problem.ppkm_levels))
        out.append(_LEVELS.format(n=len(problem.ppkm_levels), regions=regions).get(lang))
    return ["", *out] if out else []
