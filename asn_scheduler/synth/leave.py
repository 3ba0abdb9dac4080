"""Leave, official travel and training spread over roster periods at realistic rates.

Rates are expected spells per person per 30 days; spells start on working days (Monday to
Friday, not a national holiday) and run over consecutive working days (weekends inside a
spell are part of it, as on a leave form). A person's spells never overlap. Altogether
about 4–6% of person-working-days are absences.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from asn_scheduler.domain.calendar import national_holidays
from asn_scheduler.domain.enums import AbsenceKind
from asn_scheduler.domain.model import Absence, Employee, Period

K = AbsenceKind
# kind, rate (admin, direct), spell length in working days (choices, weights);
# an empty length means the whole period (maternity and long-service leave last months).
RATES: tuple[tuple[AbsenceKind, float, float, tuple[int, ...], tuple[float, ...]], ...] = (
    (K.CUTI_TAHUNAN, 0.17, 0.17, (1, 2, 3, 4, 5), (0.3, 0.25, 0.2, 0.1, 0.15)),
    (K.CUTI_SAKIT, 0.12, 0.12, (1, 2, 3), (0.5, 0.3, 0.2)),
    (K.DINAS_LUAR, 0.10, 0.03, (1, 2, 3, 4), (0.3, 0.3, 0.25, 0.15)),
    (K.DIKLAT, 0.03, 0.02, (3, 4, 5, 8), (0.3, 0.2, 0.3, 0.2)),
    (K.CUTI_ALASAN_PENTING, 0.01, 0.01, (1, 2, 3), (0.4, 0.3, 0.3)),
    (K.CUTI_MELAHIRKAN, 0.004, 0.004, (), ()),
    (K.CUTI_BESAR, 0.001, 0.001, (), ()),
)


def make_absences(rng: np.random.Generator, employees: Sequence[Employee],
                  direct: np.ndarray, periods: Sequence[Period]) -> list[Absence]:
    """Absences of ``employees`` inside each of ``periods``.

    ``direct`` marks staff of direct-service units (less official travel). Maternity leave
    goes to women only (gender digit of the NIP). Output is ordered by employee, then date.
    """
    n = len(employees)
    female = np.array([e.nip[14] == "2" for e in employees], dtype=bool)
    person_l, start_l, end_l, kind_l = [], [], [], []
    kinds = list(AbsenceKind)
    for period in periods:
        days = period.days()
        off = national_holidays(days)
        work = np.array([d.toordinal() for d in days if d.weekday() < 5 and d not in off],
                        dtype=np.int64)
        if not len(work):
            continue
        scale = len(days) / 30
        for kind, rate_admin, rate_direct, lengths, weights in RATES:
            rate = np.where(direct, rate_direct, rate_admin) * scale
            counts = rng.poisson(rate)
            if kind is K.CUTI_MELAHIRKAN:
                counts = np.where(female, np.minimum(counts, 1), 0)
            elif not lengths:
                counts = np.minimum(counts, 1)
            who = np.repeat(np.arange(n), counts)
            s = rng.integers(0, len(work), len(who))
            if lengths:
                length = rng.choice(np.array(lengths), size=len(who), p=np.array(weights))
                e = np.minimum(s + length - 1, len(work) - 1)
                starts, ends = work[s], work[e]
            else:
                starts = np.full(len(who), period.start.toordinal())
                ends = np.full(len(who), period.end.toordinal())
            person_l.append(who)
            start_l.append(starts)
            end_l.append(ends)
            kind_l.append(np.full(len(who), kinds.index(kind)))
    if not person_l:
        return []
    person = np.concatenate(person_l)
    start = np.concatenate(start_l)
    end = np.concatenate(end_l)
    kind_i = np.concatenate(kind_l)
    order = np.lexsort((kind_i, start, person))
    person, start, end, kind_i = person[order], start[order], end[order], kind_i[order]
    # Drop a spell that starts before an earlier spell of the same person ends. Sorted by
    # person, so person·BIG + end increases across groups: its running maximum is the
    # latest end so far within the group.
    big = 10_000_000
    running = np.maximum.accumulate(person * big + end)
    prev = np.r_[-1, running[:-1]]
    keep = (prev // big != person) | (start > prev - person * big)
    out: list[Absence] = []
    for p, a, b, k in zip(person[keep].tolist(), start[keep].tolist(), end[keep].tolist(),
                          kind_i[keep].tolist(), strict=True):
        out.append(Absence(employees[p].nip, date.fromordinal(a), date.fromordinal(b), kinds[k]))
    return out
