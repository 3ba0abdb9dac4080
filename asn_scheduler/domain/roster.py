"""The roster: one code per employee per date."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

import numpy as np

from asn_scheduler.domain.enums import Code


@dataclass(frozen=True, eq=False)
class Roster:
    """Codes for ``nips`` (rows, input order) × ``dates`` (columns, ascending).

    ``codes`` is an ``int8`` array of :class:`Code` values, read-only. ``other_labels``
    keeps the text of hand-typed absence codes that are not CUTI/DL/DIKLAT (stored as
    :attr:`Code.ABSEN`), keyed by (row, column), so a round trip loses nothing.
    """

    nips: tuple[str, ...]
    dates: tuple[date, ...]
    codes: np.ndarray
    other_labels: Mapping[tuple[int, int], str] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def __post_init__(self) -> None:
        codes = np.asarray(self.codes, dtype=np.int8)
        if codes.shape != (len(self.nips), len(self.dates)):
            raise ValueError(
                f"codes shape {codes.shape} != ({len(self.nips)} staff, {len(self.dates)} dates)"
            )
        if list(self.dates) != sorted(set(self.dates)):
            raise ValueError("roster dates must be strictly ascending")
        codes = codes.copy() if codes is self.codes and codes.flags.writeable else codes
        codes.flags.writeable = False
        object.__setattr__(self, "codes", codes)
        object.__setattr__(self, "nips", tuple(self.nips))
        object.__setattr__(self, "dates", tuple(self.dates))

    @classmethod
    def empty(cls, nips: Sequence[str], dates: Sequence[date], fill: Code = Code.WFO) -> Roster:
        """A roster with every cell ``fill``."""
        return cls(tuple(nips), tuple(dates), np.full((len(nips), len(dates)), int(fill), np.int8))

    def code(self, nip: str, day: date) -> Code:
        """The code of one cell."""
        return Code(int(self.codes[self.nips.index(nip), self.dates.index(day)]))

    def label(self, row: int, col: int) -> str:
        """The text written in a cell (``WFO``, ``CUTI``, or a hand-typed absence)."""
        c = Code(int(self.codes[row, col]))
        if c is Code.ABSEN:
            return self.other_labels.get((row, col), "ABSEN")
        return c.name

    def with_codes(self, codes: np.ndarray) -> Roster:
        """The same staff and dates with other codes."""
        return Roster(self.nips, self.dates, codes, self.other_labels)

    def count(self, code: Code) -> int:
        """How many cells hold ``code``."""
        return int(np.count_nonzero(self.codes == int(code)))

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Roster)
            and self.nips == other.nips
            and self.dates == other.dates
            and np.array_equal(self.codes, other.codes)
        )

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class CellChange:
    """One cell that differs between two rosters: ``before`` and ``after`` are the codes as
    written in the workbook (``WFH``, ``CUTI``, a hand-typed absence …)."""

    nip: str
    day: date
    before: str
    after: str

    @property
    def before_code(self) -> Code:
        """``before`` as a :class:`Code` (a hand-typed absence is :attr:`Code.ABSEN`)."""
        return _code_of(self.before)

    @property
    def after_code(self) -> Code:
        """``after`` as a :class:`Code`."""
        return _code_of(self.after)


def _code_of(label: str) -> Code:
    return Code[label] if label in Code.__members__ else Code.ABSEN


def roster_changes(before: Roster, after: Roster) -> list[CellChange]:
    """Cells of ``after`` whose code differs from ``before``, on the staff and dates both
    rosters have, in ``after``'s row order then date order.

    A hand-typed absence counts as changed when its text changes (``SAKIT`` → ``IZIN``).
    """
    row_b = {n: i for i, n in enumerate(before.nips)}
    col_b = {d: j for j, d in enumerate(before.dates)}
    rows_a = [i for i, n in enumerate(after.nips) if n in row_b]
    cols_a = [j for j, d in enumerate(after.dates) if d in col_b]
    if not rows_a or not cols_a:
        return []
    a = after.codes[np.ix_(rows_a, cols_a)]
    b = before.codes[np.ix_([row_b[after.nips[i]] for i in rows_a],
                            [col_b[after.dates[j]] for j in cols_a])]
    differ = a != b
    absen = int(Code.ABSEN)
    both_absen = (a == absen) & (b == absen)
    out: list[CellChange] = []
    for ri, cj in zip(*np.nonzero(differ | both_absen), strict=True):
        i, j = rows_a[ri], cols_a[cj]
        nip, day = after.nips[i], after.dates[j]
        old = before.label(row_b[nip], col_b[day])
        new = after.label(i, j)
        if old != new:
            out.append(CellChange(nip, day, old, new))
    return out
