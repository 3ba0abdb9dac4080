"""Input problems, collected (never thrown one at a time): one table of
(sheet, row, column, value, problem, fix) shown the same way by the CLI, the issues
workbook and the web page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from asn_scheduler.i18n import Lang, Msg

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One problem in the planner's workbook.

    ``row`` is the row number as Excel shows it (header is row 1), ``None`` for a
    sheet-level or workbook-level problem; ``column`` is the header as the planner typed
    it (or the contract's header when the column is missing). ``value`` is the cell as
    text, shortened. Warnings do not stop a run.
    """

    sheet: str | None
    row: int | None
    column: str | None
    value: str
    problem: Msg
    fix: Msg
    severity: Severity = "error"
    cause: str = ""

    def as_row(self, lang: Lang = "id") -> tuple[str, str, str, str, str, str]:
        """(sheet, row, column, value, problem, fix) as text, for tables."""
        return (
            self.sheet or "",
            "" if self.row is None else str(self.row),
            self.column or "",
            self.value,
            self.problem.get(lang),
            self.fix.get(lang),
        )


    def ref(self) -> str:
        """``Pegawai!2:NIP``: where this problem is, as a :attr:`cause` of others."""
        return f"{self.sheet or ''}!{self.row or ''}:{self.column or ''}"


PROBLEM_HEADERS = Msg("Lembar|Baris|Kolom|Nilai|Masalah|Perbaikan",
                      "Sheet|Row|Column|Value|Problem|Fix")


class InputError(Exception):
    """The workbook cannot be used; ``problems`` lists every problem found (errors and
    warnings), in sheet then row order."""

    def __init__(self, problems: list[InputProblem]):
        self.problems = problems
        n = sum(p.severity == "error" for p in problems)
        super().__init__(f"{n} problem(s) in the input workbook")

    @property
    def errors(self) -> list[InputProblem]:
        """Only the errors."""
        return [p for p in self.problems if p.severity == "error"]
