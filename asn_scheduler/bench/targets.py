"""The performance targets of issue 5, asserted by the bench (never by timed tests).

Each target applies to the engine's rows (method ``parts``) of one agency size, in every
scenario measured. A row without a checked roster (any status other than OPTIMAL or
FEASIBLE, or a hard violation) misses every target that applies to it. The bench exits 1
when any applicable target is missed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from asn_scheduler.bench.rows import Row
from asn_scheduler.i18n import Lang, Msg

GAP_TOLERANCE = 0.005
"""Q0 and Q1: proven, or within 0.5% of the bound."""


@dataclass(frozen=True)
class Target:
    """A target: its ID, the agency size it applies to, what it asks, and the test
    (``row`` → (met, what was measured))."""

    id: str
    size: int
    text: Msg
    test: Callable[[Row], tuple[bool, str]]


@dataclass(frozen=True)
class Verdict:
    """One target on one row."""

    target: Target
    row: Row
    met: bool
    measured: str


def _at_most(column: str, limit: float, unit: str) -> Callable[[Row], tuple[bool, str]]:
    def test(row: Row) -> tuple[bool, str]:
        v = row.get(column)
        if v is None:
            return False, "—"
        return v <= limit, f"{v:.1f} {unit}".strip()
    return test


def _proven_q0_q1(row: Row) -> tuple[bool, str]:
    shown, ok = [], True
    for g in ("q0", "q1"):
        gap = row.get(f"{g}_gap")
        if row.get(f"{g}_proven") == 1:
            shown.append(f"{g.upper()} ✓")
        elif gap is None:
            ok = False
            shown.append(f"{g.upper()} ?")
        else:
            ok = ok and gap <= GAP_TOLERANCE
            shown.append(f"{g.upper()} {gap:.2%}")
    return ok, ", ".join(shown)


def _solve_within_io(row: Row) -> tuple[bool, str]:
    r = row.get("solve_io")
    return (False, "—") if r is None else (r <= 1.0, f"×{r:.2f}")


TARGETS: tuple[Target, ...] = (
    Target("T1", 65_000, Msg("ujung ke ujung ≤ 60 s", "end to end ≤ 60 s"),
           _at_most("t_total", 60.0, "s")),
    Target("T2", 65_000, Msg("memori puncak ≤ 2 GiB", "peak memory ≤ 2 GiB"),
           _at_most("peak_mib", 2048.0, "MiB")),
    Target("T3", 65_000, Msg("Q0 dan Q1 terbukti optimal atau dalam 0,5% dari batas",
                             "Q0 and Q1 proven optimal or within 0.5% of the bound"),
           _proven_q0_q1),
    Target("T4", 65_000, Msg("bangun+selesaikan+periksa ≤ lantai I/O (baca+tulis)",
                             "build+solve+check ≤ the I/O floor (read+write)"),
           _solve_within_io),
    Target("T5", 1_000, Msg("ujung ke ujung ≤ 3 s", "end to end ≤ 3 s"),
           _at_most("t_total", 3.0, "s")),
)


def checked(row: Row) -> bool:
    """The row has a roster the checker found compliant."""
    return row.get("status") in ("OPTIMAL", "FEASIBLE") and row.get("hard_total") == 0


def evaluate(rows: Sequence[Row], targets: Sequence[Target] | None = None) -> list[Verdict]:
    """Every target (default :data:`TARGETS`) that applies to a measured engine row, in
    target then row order."""
    out = []
    for t in TARGETS if targets is None else targets:
        for row in rows:
            if row.get("method") != "parts" or row.get("size") != t.size:
                continue
            if not checked(row):
                why = f"status {row.get('status')}"
                if row.get("hard_total"):
                    why += f", {row['hard_total']} hard violations"
                if row.get("note"):
                    why += f" ({row['note']})"
                out.append(Verdict(t, row, False, why))
                continue
            met, measured = t.test(row)
            out.append(Verdict(t, row, met, measured))
    return out


_HEAD = Msg("Target (mesin ini)", "Targets (this machine)")
_NONE = Msg("Tidak ada target untuk ukuran yang diukur (target berlaku untuk {s} pegawai).",
            "No target applies to the sizes measured (targets apply to {s} staff).")
_ALL = Msg("Semua {n} target terpenuhi.", "All {n} targets met.")
_MISSED = Msg("{k} dari {n} target tidak terpenuhi.", "{k} of {n} targets missed.")


def targets_text(verdicts: Sequence[Verdict], lang: Lang = "id",
                 targets: Sequence[Target] | None = None) -> str:
    """The PASS/FAIL section: one line per verdict, then a total; without verdicts, the
    sizes the ``targets`` (default :data:`TARGETS`) apply to."""
    lines = [_HEAD.get(lang)]
    if not verdicts:
        sizes = sorted({t.size for t in (TARGETS if targets is None else targets)})
        lines.append(_NONE.format(s=", ".join(f"{s:,}" for s in sizes)).get(lang))
        return "\n".join(lines)
    for v in verdicts:
        r = v.row
        lines.append(f"  {'PASS' if v.met else 'FAIL'}  {v.target.id}  {r['size']:>6} "
                     f"{r['scenario']:<20} {v.target.text.get(lang)}: {v.measured}")
    missed = sum(not v.met for v in verdicts)
    lines.append((_MISSED.format(k=missed, n=len(verdicts)) if missed
                  else _ALL.format(n=len(verdicts))).get(lang))
    return "\n".join(lines)
