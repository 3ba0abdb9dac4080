"""Which published days a roster carries from the one before it (pure date logic).

A roster chains from the published roster(s) before its period (``solve --previous``,
``check --previous``; rules.md "Weeks"): the run of consecutive published dates that ends
the day before the period, at most a horizon of them. Used alike by the engine (which
solves with those days pinned) and the independent checker (which audits the seam).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from types import MappingProxyType

import numpy as np

from asn_scheduler.domain.roster import Roster
from asn_scheduler.i18n import Msg

MSG_GAP = Msg(
    "Jadwal sebelumnya berakhir {last}, bukan sehari sebelum periode ({want}): tidak "
    "dilanjutkan. Berikan jadwal yang berakhir {want}, atau mulai periode {next}.",
    "The previous roster ends on {last}, not the day before the period ({want}): not "
    "chained. Give the roster that ends on {want}, or start the period on {next}.")
MSG_OVERLAP = Msg(
    "Jadwal sebelumnya juga memuat {n} tanggal di dalam periode ({a}..{b}); tanggal itu "
    "diabaikan dan dijadwalkan ulang.",
    "The previous roster also holds {n} dates inside the period ({a}..{b}); they are "
    "ignored and rostered again.")

def carried_span(prev_dates: Sequence[date], dates: Sequence[date], horizon_days: int
                   ) -> tuple[tuple[date, ...], list[Msg]]:
    """The previous roster's dates to carry: the run of consecutive dates of
    ``prev_dates`` that ends the day before ``dates[0]``, at most ``horizon_days`` of them,
    and notes for the planner (dates inside the period are ignored; a gap means nothing is
    carried)."""
    notes: list[Msg] = []
    start = dates[0]
    inside = [d for d in prev_dates if start <= d <= dates[-1]]
    if inside:
        notes.append(MSG_OVERLAP.format(n=len(inside), a=inside[0].isoformat(),
                                        b=inside[-1].isoformat()))
    before = sorted(d for d in prev_dates if d < start)
    if not before:
        return (), notes
    if before[-1] != start - timedelta(days=1):
        notes.append(MSG_GAP.format(last=before[-1].isoformat(),
                                    want=(start - timedelta(days=1)).isoformat(),
                                    next=(before[-1] + timedelta(days=1)).isoformat()))
        return (), notes
    run = [before[-1]]
    for d in reversed(before[:-1]):
        if d != run[-1] - timedelta(days=1) or len(run) >= horizon_days:
            break
        run.append(d)
    return tuple(reversed(run[:horizon_days])), notes




def join(before: Roster, after: Roster) -> Roster:
    """``before``'s columns then ``after``'s, for the same staff (rows as ``after``'s);
    ``before``'s dates must all precede ``after``'s."""
    if before.nips != after.nips:
        raise ValueError("rosters of different staff cannot be joined")
    k = len(before.dates)
    other = dict(before.other_labels)
    other.update({(i, j + k): lab for (i, j), lab in after.other_labels.items()})
    return Roster(after.nips, (*before.dates, *after.dates),
                  np.concatenate([before.codes, after.codes], axis=1),
                  MappingProxyType(other))
