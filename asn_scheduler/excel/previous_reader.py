"""Reading the published roster(s) before a period (``solve --previous``, ``check
--previous``).

Each workbook gives its ``Jadwal`` (as edited after publishing: that is what counts) and,
when it was itself chained, its ``Jadwal Sebelumnya`` (the days it carried), so a month
chains from the published workbook alone. The scenario it was made under is read from
its run information sheet when present.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from asn_scheduler.domain.enums import normalise
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.problems import InputError, InputProblem
from asn_scheduler.engine.chain import PreviousRoster
from asn_scheduler.excel.roster_carried import CARRIED_SHEET, CARRIED_SHEET_ALIASES
from asn_scheduler.excel.roster_reader import read_roster
from asn_scheduler.excel.run_info import read_run_info
from asn_scheduler.i18n import Msg

_CARRIED = frozenset(normalise(n) for n in (CARRIED_SHEET, *CARRIED_SHEET_ALIASES))
MAX_FILES = 24
"""Previous rosters read at most (two years of months): more is a mistake in the folder."""


def previous_files(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The workbooks named: files as given, folders by their ``*.xlsx`` in name order.

    Raises
    ------
    InputError
        A folder with no workbook, or more than :data:`MAX_FILES` of them.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.glob("*.xlsx") if not f.name.startswith("~$"))
            if not found:
                raise InputError([_problem(p.name, Msg(
                    "Folder tidak berisi buku kerja .xlsx.", "The folder holds no .xlsx workbook."),
                    Msg("Tunjuk jadwal yang diterbitkan sebelumnya (file .xlsx) atau foldernya.",
                        "Name the previously published roster (.xlsx) or its folder."))])
            out.extend(found)
        else:
            out.append(p)
    if len(out) > MAX_FILES:
        raise InputError([_problem(str(len(out)), Msg(
            f"Terlalu banyak jadwal sebelumnya (lebih dari {MAX_FILES}).",
            f"Too many previous rosters (more than {MAX_FILES})."),
            Msg("Berikan hanya jadwal bulan-bulan terakhir.",
                "Give only the last months' rosters."))])
    return out


def read_previous(paths: Sequence[str | os.PathLike[str]], problem: Problem
                  ) -> tuple[list[PreviousRoster], list[InputProblem]]:
    """The previous rosters of ``paths`` for ``problem``'s staff, oldest first (a file's
    carried days before its own ``Jadwal``), and the readers' warnings.

    Raises
    ------
    InputError
        A workbook that cannot be read, or whose roster sheet has errors.
    """
    rosters: list[PreviousRoster] = []
    warnings: list[InputProblem] = []
    for path in previous_files(paths):
        found = []
        for names, required in ((_CARRIED, False), (None, True)):
            kw = {"sheet_names": names} if names is not None else {}
            read = read_roster(path, problem, previous=True, required=required, **kw)
            if read.roster.dates:
                found.append(read)
        scenario_id = _scenario_id(path)
        for read in found:
            assert read.present is not None
            rosters.append(PreviousRoster(read.roster, read.present, read.left, scenario_id))
            warnings.extend(read.warnings)
    rosters.sort(key=lambda r: r.roster.dates[0])
    return rosters, warnings


def _scenario_id(path: Path) -> str | None:
    """The scenario ID the workbook's run information sheet records, if it has one (read
    after the roster sheet, so the workbook has passed the bounded-read checks)."""
    info = read_run_info(path)
    return info.scenario or None if info is not None else None


def _problem(value: str, problem: Msg, fix: Msg) -> InputProblem:
    return InputProblem(None, None, None, value, problem, fix)


def read_carried(path: str | os.PathLike[str], problem: Problem) -> PreviousRoster | None:
    """The days a chained roster workbook carried (its ``Jadwal Sebelumnya``), or ``None``
    when it has none: what ``replan`` keeps pinned before the roster's dates."""
    read = read_roster(path, problem, previous=True, sheet_names=_CARRIED, required=False)
    if not read.roster.dates:
        return None
    assert read.present is not None
    return PreviousRoster(read.roster, read.present, read.left, _scenario_id(Path(path)))
