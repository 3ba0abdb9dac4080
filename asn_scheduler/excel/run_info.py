"""Read back how a roster workbook was made: its ``Info Run`` sheet (``Run Info`` in
English) as this tool writes it, so ``check`` can say when it audits a roster under other
parameters than those it was made with, or re-apply them (``--set-from-roster``)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from python_calamine import CalamineWorkbook

from asn_scheduler.domain.enums import normalise
from asn_scheduler.excel.roster_sheets import SHEETS

_INFO = {normalise(SHEETS["info"].id), normalise(SHEETS["info"].en)}
_SCENARIO = {"skenario", "scenario"}
_HASH = {"hash skenario", "scenario hash"}
_PARAM = {"parameter diatur", "parameter set"}


@dataclass(frozen=True)
class RunInfo:
    """What the Info Run sheet records: scenario ID, scenario hash, and the overrides as
    ``(key, value)`` in the order they were applied."""

    scenario: str
    hash: str
    overrides: tuple[tuple[str, str], ...]


def read_run_info(path: str | os.PathLike[str]) -> RunInfo | None:
    """The :class:`RunInfo` of a roster workbook, or ``None`` when it has no Info Run
    sheet this tool wrote (a roster made by hand or by another tool). Never raises for a
    workbook the roster reader accepted."""
    try:
        book = CalamineWorkbook.from_path(str(path))
        name = next((n for n in book.sheet_names if normalise(n) in _INFO), None)
        if name is None:
            return None
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception:  # a roster without a readable Info Run is still a roster
        return None
    scenario = digest = ""
    overrides: list[tuple[str, str]] = []
    for row in rows:
        if len(row) < 2 or not isinstance(row[0], str) or not isinstance(row[1], str):
            continue
        label, value = normalise(row[0]), row[1].strip()
        if label in _SCENARIO and not scenario:
            scenario = value
        elif label in _HASH:
            digest = value
        elif label in _PARAM and "=" in value:
            item = value.rsplit(" (", 1)[0] if value.endswith(")") else value
            key, _, val = item.partition("=")
            overrides.append((key.strip(), val.strip()))
    if not digest:
        return None
    return RunInfo(scenario, digest, tuple(overrides))
