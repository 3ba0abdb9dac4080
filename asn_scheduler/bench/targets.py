"""The performance targets of issue 22, asserted by the bench (never by timed tests).

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

Q2_GAP = 0.02
"""Q2 (preferred days) within 2% of its bound at 65,000 staff."""
GOALS = ("q0", "q1", "q2", "q3", "q4")


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


def _proven(goals: tuple[str, ...]) -> Callable[[Row], tuple[bool, str]]:
    """Every goal of ``goals`` the row has a figure for is proven in every part."""
    def test(row: Row) -> tuple[bool, str]:
        shown, ok = [], True
        for g in goals:
            if row.get(f"{g}_objective") is None and row.get(f"{g}_proven") is None:
                continue  # the scenario does not have this goal
            if row.get(f"{g}_proven") == 1:
                shown.append(f"{g.upper()} ✓")
                continue
            ok = False
            gap = row.get(f"{g}_gap")
            shown.append(f"{g.upper()} " + ("?" if gap is None else f"{gap:.2%}"))
        return ok, ", ".join(shown) or "—"
    return test


def _every_goal_bounded(row: Row) -> tuple[bool, str]:
    """No ``?``: every goal with a figure has a bound (a gap), summed over parts."""
    loose = [g.upper() for g in GOALS
             if row.get(f"{g}_objective") is not None and row.get(f"{g}_gap") is None]
    return not loose, ("? " + " ".join(loose)) if loose else "Q0–Q4"


def _q2_gap(row: Row) -> tuple[bool, str]:
    if row.get("q2_proven") == 1:
        return True, "Q2 ✓"
    gap = row.get("q2_gap")
    return (False, "Q2 ?") if gap is None else (gap <= Q2_GAP, f"Q2 {gap:.2%}")


def _fresh_command(row: Row) -> tuple[bool, str]:
    """Interpreter start-up and imports plus read → write: the planner's fresh command."""
    start, total = row.get("t_startup"), row.get("t_total")
    if start is None or total is None:
        return False, "—"
    return start + total <= 1.5, f"{start + total:.2f} s"


TARGETS: tuple[Target, ...] = (
    Target("T1", 65_000, Msg("ujung ke ujung ≤ 30 s", "end to end ≤ 30 s"),
           _at_most("t_total", 30.0, "s")),
    Target("T2", 65_000, Msg("memori puncak ≤ 1 GiB", "peak memory ≤ 1 GiB"),
           _at_most("peak_mib", 1024.0, "MiB")),
    Target("T3", 65_000, Msg("Q0 dan Q1 terbukti optimal di setiap bagian",
                             "Q0 and Q1 proven optimal in every part"),
           _proven(("q0", "q1"))),
    Target("T4", 65_000, Msg("setiap tujuan dilaporkan dengan batas (tanpa ?)",
                             "every goal reported with a bound (no ?)"),
           _every_goal_bounded),
    Target("T5", 65_000, Msg("Q2 dalam 2% dari batasnya", "Q2 within 2% of its bound"),
           _q2_gap),
    Target("T6", 1_000, Msg("baca → tulis ≤ 1,0 s (proses hangat)",
                            "read → write ≤ 1.0 s (a warm process)"),
           _at_most("t_total", 1.0, "s")),
    Target("T7", 1_000, Msg("perintah baru (mulai + baca → tulis) ≤ 1,5 s",
                            "a fresh command (start-up + read → write) ≤ 1.5 s"),
           _fresh_command),
    Target("T8", 1_000, Msg("setiap tujuan terbukti optimal", "every goal proven optimal"),
           _proven(GOALS)),
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
