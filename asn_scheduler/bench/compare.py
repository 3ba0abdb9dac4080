"""A run against a previous one (``--against OLD.csv``): new figures as ratios of the old.

``×0.80`` under a time means the new run took 80% of the old one's time. Rows are matched
by (size, scenario, method); rows in only one run are listed as new or gone. Quality is
compared too: WFH days as a ratio, hard violations and status as ``old→new``, and the
roster itself (``=`` the same codes in every cell, ``≠`` changed; by ``roster_sha``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from asn_scheduler.bench.rows import Row, by_key
from asn_scheduler.bench.table import fixed_table
from asn_scheduler.i18n import Lang, Msg

RATIOS: tuple[tuple[str, Msg], ...] = (
    ("t_total", Msg("total", "total")),
    ("t_read", Msg("baca", "read")),
    ("t_build", Msg("bangun", "build")),
    ("t_solve", Msg("selesaikan", "solve")),
    ("t_check", Msg("periksa", "check")),
    ("t_write", Msg("tulis", "write")),
    ("peak_mib", Msg("memori", "memory")),
    ("wfh_days", Msg("hari WFH", "WFH days")),
)
"""Figures compared as new/old."""


@dataclass(frozen=True)
class Comparison:
    """One matched row: the key, new/old ratio per :data:`RATIOS` column (``None`` when
    either side lacks the figure or the old one is 0), old/new status and hard violations,
    and whether the roster is the same (``None`` when a side has no roster)."""

    key: tuple[Any, ...]
    ratios: dict[str, float | None]
    status: tuple[Any, Any]
    hard: tuple[Any, Any]
    same_roster: bool | None = None


def ratio(new: Any, old: Any) -> float | None:
    """``new / old``, or ``None`` when it cannot be formed."""
    if not isinstance(new, int | float) or not isinstance(old, int | float) or old == 0:
        return None
    return new / old


def compare(new: Sequence[Row], old: Sequence[Row]
            ) -> tuple[list[Comparison], list[tuple], list[tuple]]:
    """(matched rows in the new run's order, keys only in the new run, keys only in the
    old run)."""
    old_by, new_by = by_key(old), by_key(new)
    matched = []
    for k, r in new_by.items():
        if k not in old_by:
            continue
        o = old_by[k]
        shas = (o.get("roster_sha"), r.get("roster_sha"))
        matched.append(Comparison(
            k, {c: ratio(r.get(c), o.get(c)) for c, _ in RATIOS},
            (o.get("status"), r.get("status")), (o.get("hard_total"), r.get("hard_total")),
            None if None in shas else shas[0] == shas[1]))
    return (matched, [k for k in new_by if k not in old_by],
            [k for k in old_by if k not in new_by])


_HEAD = Msg("Dibanding {p} (angka baru ÷ lama; ×0,80 = 20% lebih cepat/kecil):",
            "Against {p} (new ÷ old; ×0.80 = 20% faster/smaller):")
_ONLY_NEW = Msg("Hanya di run ini: {k}", "Only in this run: {k}")
_ONLY_OLD = Msg("Hanya di run lama: {k}", "Only in the old run: {k}")
_NOTHING = Msg("Tidak ada baris yang sama.", "No row in common.")
_SAME = {True: "=", False: "≠"}


def _arrow(pair: tuple[Any, Any]) -> str:
    old, new = ("—" if v is None else str(v) for v in pair)
    return new if old == new else f"{old}→{new}"


def compare_text(new: Sequence[Row], old: Sequence[Row], previous: str,
                 lang: Lang = "id") -> str:
    """The comparison section printed by ``--against``."""
    matched, only_new, only_old = compare(new, old)
    lines = [_HEAD.format(p=previous).get(lang)]
    if matched:
        head = [Msg("ukuran", "size").get(lang), Msg("skenario", "scenario").get(lang),
                Msg("metode", "method").get(lang), "status",
                *(m.get(lang) for _, m in RATIOS), Msg("pelanggaran", "violations").get(lang),
                Msg("jadwal", "roster").get(lang)]
        body = [[f"{c.key[0]}", str(c.key[1]), str(c.key[2]), _arrow(c.status),
                 *("—" if c.ratios[col] is None else f"×{c.ratios[col]:.2f}" for col, _ in RATIOS),
                 _arrow(c.hard), _SAME.get(c.same_roster, "—")] for c in matched]
        right = [True, False, False, False, *(True for _ in RATIOS), True, False]
        lines.append(fixed_table(head, body, right))
    else:
        lines.append(_NOTHING.get(lang))
    name = lambda k: " ".join(str(x) for x in k)  # noqa: E731
    if only_new:
        lines.append(_ONLY_NEW.format(k=", ".join(map(name, only_new))).get(lang))
    if only_old:
        lines.append(_ONLY_OLD.format(k=", ".join(map(name, only_old))).get(lang))
    return "\n".join(lines)
