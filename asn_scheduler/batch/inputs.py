"""Which workbooks a batch runs: INPUTS as folders or glob patterns → one agency each."""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from pathlib import Path

from asn_scheduler.i18n import Msg

SUFFIX = ".xlsx"
_SAFE = re.compile(r"[^0-9A-Za-z._-]+")


class BatchInputError(ValueError):
    """INPUTS name nothing to run, or something that is not a workbook (a usage error)."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(msg.get("en"))


@dataclass(frozen=True, slots=True)
class AgencyInput:
    """One agency of the batch: its workbook and the ID its outputs are named by."""

    agency: str
    path: Path

    @property
    def size(self) -> int:
        """Bytes on disk, the batch's proxy for the work an agency takes before it runs."""
        return self.path.stat().st_size


def _expand(pattern: str) -> list[Path]:
    path = Path(pattern)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and _is_workbook(p))
    if path.is_file():
        return [path]
    hits = glob.glob(pattern, recursive=True)
    if not hits:
        raise BatchInputError(Msg("Tidak ada berkas yang cocok dengan {p!r}.",
                                  "Nothing matches {p!r}.").format(p=pattern))
    return sorted(Path(h) for h in hits if Path(h).is_file() and _is_workbook(Path(h)))


def _is_workbook(path: Path) -> bool:
    # Excel's lock files (~$name.xlsx) and hidden temporary outputs are not agencies
    return (path.suffix.lower() == SUFFIX and not path.name.startswith(("~$", "."))
            and path.name != "ringkasan.xlsx")


def agency_id(path: Path) -> str:
    """The ID an agency's outputs are named by: the file name without ``.xlsx``, reduced to
    letters, digits, ``.``, ``_`` and ``-`` (none leading) so it is a safe file name on every
    system and never reads as a formula or an option."""
    return _SAFE.sub("_", path.stem).strip("._-") or "instansi"


def find_inputs(patterns: tuple[str, ...] | list[str]) -> list[AgencyInput]:
    """Every workbook named by ``patterns`` (folders: their ``*.xlsx``; otherwise files or
    glob patterns, ``**`` included), each once, in path order, with unique agency IDs (a
    repeated file stem gets ``-2``, ``-3`` … in path order).

    Raises
    ------
    BatchInputError
        A pattern matches nothing, or no workbook is found at all.
    """
    seen: dict[Path, None] = {}
    for pattern in patterns:
        for p in _expand(pattern):
            seen.setdefault(p.resolve(), None)
    if not seen:
        raise BatchInputError(Msg("Tidak ada buku kerja .xlsx di {p}.",
                                  "No .xlsx workbook in {p}.").format(p=", ".join(patterns)))
    out: list[AgencyInput] = []
    taken: set[str] = set()
    for path in sorted(seen):
        base = name = agency_id(path)
        n = 1
        while name.lower() in taken:  # case-insensitive file systems would merge them
            n += 1
            name = f"{base}-{n}"
        taken.add(name.lower())
        out.append(AgencyInput(name, path))
    return out


def previous_for(agency: str, folder: str | Path | None) -> Path | None:
    """The previous roster of ``agency`` in ``folder``: ``folder/AGENCY.xlsx``, or
    ``folder/jadwal/AGENCY.xlsx`` when ``folder`` is an earlier batch's output folder (its
    rosters are named so); ``None`` without ``folder`` or without such a file."""
    if folder is None:
        return None
    root = Path(folder)
    for path in (root / f"{agency}{SUFFIX}", root / "jadwal" / f"{agency}{SUFFIX}"):
        if path.is_file():
            return path
    return None
