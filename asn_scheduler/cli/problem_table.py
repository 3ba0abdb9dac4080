"""The problem table as a terminal shows it: every word of the fix, warnings labelled,
follow-on errors under their cause, counts that agree with the rows, and where the full
table goes.

Text is wrapped inside its column (never cut): a planner fixes the workbook from these
words alone. The issues workbook (``validate --issues-out``) keeps every problem as its
own row; here a follow-on error (a supervisor NIP unknown only because that employee's
own NIP was rejected) is folded into its cause's row, because fixing the cause fixes it.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence

from asn_scheduler.domain.problems import PROBLEM_HEADERS, InputProblem
from asn_scheduler.i18n import Lang, Msg

SEVERITY = {"error": Msg("Galat", "Error"), "warning": Msg("Peringatan", "Warning")}
"""As in the issues workbook's severity column."""
KIND_HEADER = Msg("Jenis", "Kind")
_FOLLOW = Msg("(+{n} galat ikutan yang hilang bila ini diperbaiki: {where})",
              "(+{n} follow-on error(s) that go away once this is fixed: {where})")
_ROW = Msg("{sheet} baris {rows} kolom {col}", "{sheet} row(s) {rows} column {col}")
_HEAD = Msg("{e} galat dan {w} peringatan di buku kerja{folded}:",
            "{e} error(s) and {w} warning(s) in the workbook{folded}:")
_FOLDED = Msg(" ({k} galat ikutan ditampilkan pada baris penyebabnya)",
              " ({k} follow-on error(s) shown on their cause's row)")
_FULL = Msg("Semua masalah sebagai buku kerja (satu baris per masalah): "
            "asn-scheduler validate {file} --issues-out masalah.xlsx",
            "Every problem as a workbook (one row per problem): "
            "asn-scheduler validate {file} --issues-out issues.xlsx")
MIN_WIDTH = 80


def terminal_width() -> int:
    """Columns of the terminal (``COLUMNS`` or the real size; 120 when unknown), at least
    :data:`MIN_WIDTH`."""
    return max(MIN_WIDTH, shutil.get_terminal_size((120, 24)).columns)


def fold(problems: Sequence[InputProblem], lang: Lang) -> list[tuple[InputProblem, str]]:
    """Each problem with its follow-ons' note; follow-ons whose cause is listed are left
    out (a follow-on whose cause is not in ``problems`` stays a row of its own)."""
    refs = {p.ref() for p in problems}
    followers: dict[str, list[InputProblem]] = {}
    for p in problems:
        if p.cause and p.cause in refs:
            followers.setdefault(p.cause, []).append(p)
    out = []
    for p in problems:
        if p.cause and p.cause in refs:
            continue
        note = ""
        if (under := followers.get(p.ref())):
            groups: dict[tuple[str, str], list[str]] = {}
            for f in under:
                groups.setdefault((f.sheet or "", f.column or ""), []).append(str(f.row or ""))
            where = "; ".join(_ROW.format(sheet=s, rows=", ".join(r), col=c).get(lang)
                              for (s, c), r in groups.items())
            note = _FOLLOW.format(n=len(under), where=where).get(lang)
        out.append((p, note))
    return out


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def render(problems: Sequence[InputProblem], lang: Lang, width: int | None = None) -> str:
    """The table: kind (error/warning), sheet, row, column, value, problem, fix; long
    texts wrapped within ``width`` (default: the terminal's)."""
    width = width or terminal_width()
    headers = [KIND_HEADER.get(lang), *PROBLEM_HEADERS.get(lang).split("|")]
    rows = []
    for p, note in fold(problems, lang):
        sheet, row, col, value, problem, fix = p.as_row(lang)
        rows.append([SEVERITY[p.severity].get(lang), sheet, row, col, value, problem,
                     f"{fix} {note}".strip()])
    # short columns take what they need (value at most 22); problem and fix share the rest
    caps = [None, 16, None, 18, 22]
    widths = [min(max([len(headers[i])] + [len(r[i]) for r in rows]), caps[i] or 10**6)
              for i in range(5)]
    rest = max(40, width - sum(widths) - 2 * 6)
    longest = [max([len(headers[i])] + [len(r[i]) for r in rows]) for i in (5, 6)]
    problem_w = min(longest[0], max(20, rest * 2 // 5))
    widths += [problem_w, max(20, rest - problem_w)]
    lines = []

    def emit(cells: Sequence[str]) -> None:
        wrapped = [_wrap(c, w) for c, w in zip(cells, widths, strict=True)]
        for k in range(max(map(len, wrapped))):
            parts = [(w[k] if k < len(w) else "").ljust(n) for w, n in
                     zip(wrapped, widths, strict=True)]
            lines.append("  ".join(parts).rstrip())

    emit(headers)
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        emit(r)
    return "\n".join(lines)


def headline(problems: Sequence[InputProblem], lang: Lang) -> str:
    """``3 galat dan 1 peringatan di buku kerja (2 galat ikutan …):`` — counts of every
    problem, so they agree with the rows plus the folded follow-ons."""
    errors = sum(p.severity == "error" for p in problems)
    shown = fold(problems, lang)
    folded = len(problems) - len(shown)
    return _HEAD.format(e=errors, w=len(problems) - errors,
                        folded=_FOLDED.format(k=folded).get(lang) if folded else ""
                        ).get(lang)


def full_table_hint(file: str, lang: Lang) -> str:
    """Where the full table goes (``--issues-out``)."""
    return _FULL.format(file=file).get(lang)
