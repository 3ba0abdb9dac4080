"""The bench table: one line per row, compact enough for a terminal, the same columns in
the markdown file (Indonesian headers first, English with ``lang="en"``).

Times in seconds, memory in MiB (PSS of the cell's process tree), model size in
thousands (``k``) or millions (``M``) of variables / constraints. ``Q0…Q4``: per goal
``✓`` when every part proved it, else the gap to the bound in percent (``?`` when a part
skipped the goal, ``-`` when the goal was not run). Fairness: the largest distance of
anybody from their fair share (days) and the share of staff within one day of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from asn_scheduler.bench.rows import GOALS, Row
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.rules.registry import HARD_RULE_IDS

DASH = "-"


def fixed_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                right: Sequence[bool] | None = None) -> str:
    """A plain-text table: columns padded to their widest cell, ``right`` ones
    right-aligned, a rule under the header."""
    right = list(right) if right is not None else [False] * len(headers)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if r else c.ljust(w)
                         for c, w, r in zip(cells, widths, right, strict=True)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def secs(v: Any) -> str:
    """Seconds: two decimals below 10 s, one below 1000 s."""
    if v is None:
        return DASH
    return f"{v:.2f}" if v < 10 else f"{v:.1f}" if v < 1000 else f"{v:.0f}"


def count(v: Any) -> str:
    """A count: ``812``, ``18.4k``, ``1.25M``."""
    if v is None:
        return DASH
    return str(int(v)) if v < 1000 else f"{v / 1e3:.1f}k" if v < 1e6 else f"{v / 1e6:.2f}M"


def goals(row: Row) -> str:
    """``✓ ✓ ✓ 4.9 43``: each goal proven, or its gap in percent."""
    out = []
    for g in (g.lower() for g in GOALS):
        if row.get(f"{g}_proven") == 1:
            out.append("✓")
        elif row.get(f"{g}_gap") is not None:
            out.append(_gap_pct(100 * row[f"{g}_gap"]))
        elif row.get(f"{g}_objective") is not None:
            out.append("?")
        else:
            out.append(DASH)
    return " ".join(out) if any(x != DASH for x in out) else DASH


def _gap_pct(p: float) -> str:
    return f"{p:.2f}" if p < 0.1 else f"{p:.1f}" if p < 10 else f"{p:.0f}"


def violations(row: Row, top: int = 3) -> str:
    """``0``, or the total and the ``top`` rules broken most: ``812 (S2 500, F1 300)``."""
    total = row.get("hard_total")
    if total is None:
        return DASH
    per = sorted(((row.get(f"v_{r}") or 0, r) for r in HARD_RULE_IDS), key=lambda x: -x[0])
    shown = [f"{r} {n}" for n, r in per[:top] if n]
    return f"{total} ({', '.join(shown)})" if shown else str(total)


def _pct(v: Any) -> str:
    return DASH if v is None else f"{v:.0%}"


def _share(part: Any, whole: Any) -> str:
    return DASH if part is None or not whole else f"{part / whole:.1%}"


def _num(v: Any, fmt: str = "{:.1f}") -> str:
    return DASH if v is None else fmt.format(v)


def _ratio(v: Any) -> str:
    return DASH if v is None else f"×{v:.1f}"


Column = tuple[Msg, Callable[[Row], str], bool]
COLUMNS: tuple[Column, ...] = (
    (Msg("ukuran", "size"), lambda r: str(r["size"]), True),
    (Msg("skenario", "scenario"), lambda r: str(r["scenario"]), False),
    (Msg("metode", "method"), lambda r: str(r["method"]), False),
    (Msg("status", "status"), lambda r: str(r.get("status") or DASH), False),
    (Msg("bagian", "parts"), lambda r: count(r.get("parts")), True),
    (Msg("var/kendala", "vars/cons"),
     lambda r: DASH if r.get("variables") is None else
     f"{count(r['variables'])}/{count(r.get('constraints'))}", True),
    (Msg("baca", "read"), lambda r: secs(r.get("t_read")), True),
    (Msg("bangun", "build"), lambda r: secs(r.get("t_build")), True),
    (Msg("solver", "solve"), lambda r: secs(r.get("t_solve")), True),
    (Msg("periksa", "check"), lambda r: secs(r.get("t_check")), True),
    (Msg("tulis", "write"), lambda r: secs(r.get("t_write")), True),
    (Msg("total", "total"), lambda r: secs(r.get("t_total")), True),
    (Msg("I/O", "I/O"), lambda r: secs(r.get("io_floor")), True),
    (Msg("hitung/IO", "solve/IO"), lambda r: _ratio(r.get("solve_io")), True),
    (Msg("MiB", "MiB"), lambda r: _num(r.get("peak_mib"), "{:.0f}"), True),
    (Msg("Q0 Q1 Q2 Q3 Q4", "Q0 Q1 Q2 Q3 Q4"), goals, False),
    (Msg("hari WFH", "WFH days"), lambda r: count(r.get("wfh_days")), True),
    (Msg("adil maks", "fair max"), lambda r: _num(r.get("fair_max_dev")), True),
    (Msg("≤1 hari", "≤1 day"), lambda r: _pct(r.get("fair_within_1")), True),
    (Msg("hari pilihan", "pref. days"), lambda r: _share(r.get("pref_honoured"),
                                                         r.get("pref_days")), True),
    (Msg("pelanggaran", "violations"), violations, False),
)


def cells(rows: Sequence[Row], lang: Lang) -> tuple[list[str], list[list[str]]]:
    """Headers and formatted cells of ``rows``."""
    return ([m.get(lang) for m, _, _ in COLUMNS],
            [[f(r) for _, f, _ in COLUMNS] for r in rows])


def text_table(rows: Sequence[Row], lang: Lang = "id") -> str:
    """The fixed-width table printed to the terminal."""
    head, body = cells(rows, lang)
    return fixed_table(head, body, [r for _, _, r in COLUMNS])


def markdown_table(rows: Sequence[Row], lang: Lang = "id") -> str:
    """The same table as GitHub markdown."""
    head, body = cells(rows, lang)
    esc = lambda s: s.replace("|", "\\|")  # noqa: E731
    align = ["---:" if r else "---" for _, _, r in COLUMNS]
    return "\n".join("| " + " | ".join(map(esc, line)) + " |"
                     for line in (head, align, *body))


LEGEND = Msg(
    "Waktu dalam detik; MiB = memori puncak (PSS seluruh proses sel). Q0–Q4: ✓ terbukti "
    "optimal di semua bagian, selain itu celah ke batas dalam persen (? = ada bagian yang "
    "melewati tujuan itu; - = tidak ada angka dari bagian mana pun, mis. --effort 0). "
    "adil maks = selisih terbesar dari bagian adil (hari); ≤1 hari = porsi pegawai dalam "
    "1 hari dari bagian adilnya. I/O = baca + tulis; hitung/IO = "
    "(bangun + solver + periksa) / I/O. Metode: parts = mesin (dipecah per bagian), "
    "mono = satu model CP-SAT dengan batas waktu yang sama, highs = model yang sama per "
    "bagian sebagai MILP di HiGHS (pembanding), ab = rotasi A/B buatan tangan "
    "(hanya mutu dan pelanggaran).",
    "Times in seconds; MiB = peak memory (PSS of the cell's whole process tree). Q0–Q4: ✓ "
    "proven optimal in every part, else the gap to the bound in percent (? = a part skipped "
    "that goal; - = no part has a figure for it, e.g. --effort 0). fair max = largest "
    "distance from a fair share (days); ≤1 day = share of staff within one day of "
    "theirs. I/O = read + write; solve/IO = (build + solve + check) "
    "/ I/O. Methods: parts = the engine (decomposed), mono = one CP-SAT model with the same "
    "time limit, highs = the same part models as MILPs on HiGHS (the peer), ab = the "
    "planner's A/B hand split (quality and violations only).")
