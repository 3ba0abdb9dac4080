"""Staff for planned units: levels, job titles, NIPs, names and every optional attribute.

Everything per person is drawn as numpy arrays in a fixed order, so one seed gives one
agency; only the last step builds :class:`~asn_scheduler.domain.model.Employee` objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from asn_scheduler.domain.enums import Discipline, PositionLevel
from asn_scheduler.domain.model import Employee
from asn_scheduler.synth import catalog as cat
from asn_scheduler.synth.names import person_names
from asn_scheduler.synth.nips import make_nips
from asn_scheduler.synth.units import UnitPlan

LEVELS: tuple[PositionLevel, ...] = tuple(PositionLevel)
R_MADYA, R_PRATAMA, R_ADMIN, R_PENG, R_FUNG, R_PEL = (
    PositionLevel.JPT_MADYA.rank, PositionLevel.JPT_PRATAMA.rank,
    PositionLevel.ADMINISTRATOR.rank, PositionLevel.PENGAWAS.rank,
    PositionLevel.FUNGSIONAL.rank, PositionLevel.PELAKSANA.rank)

AGE_RANGE = {0: (52, 58), R_MADYA: (50, 58), R_PRATAMA: (45, 58), R_ADMIN: (40, 56),
             R_PENG: (33, 55), R_FUNG: (23, 57), R_PEL: (21, 57)}
FEMALE_SHARE = {"satpol": 0.2, "damkar": 0.1, "rsud": 0.65, "puskesmas": 0.7}
PELAKSANA_WEIGHTS = (0.2, 0.15, 0.15, 0.12, 0.1, 0.1, 0.06, 0.05, 0.04, 0.03)
WEEKDAY_WEIGHTS = np.array([0.22, 0.14, 0.15, 0.17, 0.32])  # Fridays and Mondays are popular
NEW_SHARE = 0.08            # new in their position (TMT Jabatan within the last year)
PPPK_SHARE = 0.10           # of non-structural staff, when the period allows (PPPK since 2021)
DISCIPLINE_SHARE = 0.006
PREFERENCE_SHARE = 0.5
ASISTEN = ("Asisten Pemerintahan", "Asisten Perekonomian dan Pembangunan",
           "Asisten Administrasi Umum")


def structure(plan: UnitPlan) -> list[int]:
    """Ranks of the unit's structural officials, head first."""
    size, head = plan.size, plan.head
    seq = [head.rank]
    if head is PositionLevel.JPT_MADYA:
        seq += [R_PRATAMA] * (2 if size >= 25 else 1 if size >= 12 else 0)
    if head in (PositionLevel.JPT_MADYA, PositionLevel.JPT_PRATAMA):
        seq += [R_ADMIN] * min(6, max(1, round(size / 14))) + [R_PENG] * round(size / 8)
    elif head is PositionLevel.ADMINISTRATOR and size >= 8:
        seq += [R_PENG] * min(3, round(size / 10))
    return seq[: max(1, size - max(2, size // 3))]


def _head_title(name: str) -> str:
    if name.startswith("RSUD"):
        return "Direktur " + name
    if name.startswith("Sekretariat "):
        return "Sekretaris " + name.removeprefix("Sekretariat ")
    if name.startswith("Inspektorat"):
        return "Inspektur" + name.removeprefix("Inspektorat")
    if name.startswith("Inspektur"):
        return name
    return "Kepala " + name


def _structural_titles(plan: UnitPlan, ranks: list[int]) -> list[str]:
    titles = [_head_title(plan.name)]
    n_asisten = n_admin = 0
    for r in ranks[1:]:
        if r == R_PRATAMA:
            titles.append(ASISTEN[n_asisten % len(ASISTEN)])
            n_asisten += 1
        elif r == R_ADMIN:
            if plan.kind.key == "rsud":
                titles.append("Wakil Direktur" if n_admin == 0 else "Kepala Bidang Pelayanan")
            elif plan.kind.key == "support" or plan.name.startswith(("Biro", "Sekretariat")):
                titles.append("Kepala Bagian")
            else:
                titles.append("Sekretaris" if n_admin == 0 else "Kepala Bidang")
            n_admin += 1
        else:
            titles.append("Kepala Subbagian" if plan.kind.key in ("admin", "support")
                          else "Kepala Seksi" if plan.size >= cat.HEAD_SMALL
                          else "Kepala Satuan Pelaksana")
    return titles


def _span(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A uniform day in [lo, hi] (``datetime64[D]``), ``lo`` where the span is empty."""
    width = np.maximum((hi - lo).astype(np.int64), 0)
    return lo + (rng.random(len(lo)) * (width + 1)).astype(np.int64).astype("timedelta64[D]")


def populate(plans: Sequence[UnitPlan], rng: np.random.Generator, ref: date) -> list[Employee]:
    """Staff for ``plans`` (units in order, each head first), relative to ``ref`` (the
    roster's first day: ages, TMT and the new-employee share are measured from it).

    Gives each role of ``plan.roles`` to its number of holders among the non-structural
    staff (fewer when the unit has fewer), and, in administration and leadership-support
    units only, lowers whatever would make more than half the unit compulsory office
    staff (the SE 58/2020 replay allows at most 50% WFO). ``plan.roles`` is updated.
    """
    unit_of: list[int] = []
    rank_l: list[int] = []
    titles: list[str] = []
    for u, plan in enumerate(plans):
        ranks = structure(plan)
        unit_of += [u] * plan.size
        rank_l += ranks + [-1] * (plan.size - len(ranks))
        titles += _structural_titles(plan, ranks) + [""] * (plan.size - len(ranks))
    n = len(unit_of)
    unit = np.array(unit_of, dtype=np.int64)
    rank = np.array(rank_l, dtype=np.int64)
    kinds = [p.kind for p in plans]
    fung_share = np.array([k.fungsional for k in kinds])[unit]
    non_struct = rank < 0
    rank[non_struct] = np.where(rng.random(int(non_struct.sum())) < fung_share[non_struct],
                                R_FUNG, R_PEL)
    structural = ~non_struct
    head = np.zeros(n, dtype=bool)
    head[np.cumsum([0] + [p.size for p in plans[:-1]])] = True

    # job titles of non-structural staff
    job_pick = rng.random(n)
    pel_cum = np.cumsum(PELAKSANA_WEIGHTS)
    for i in np.flatnonzero(non_struct):
        if rank[i] == R_FUNG:
            jobs = kinds[unit[i]].jobs
            titles[i] = jobs[int(job_pick[i] * len(jobs))]
        else:
            titles[i] = cat.PELAKSANA_JOBS[min(int(np.searchsorted(pel_cum, job_pick[i])),
                                               len(pel_cum) - 1)]

    female = rng.random(n) < np.array([FEMALE_SHARE.get(k.key, 0.5) for k in kinds])[unit]
    female |= np.array([t.startswith("Bidan") for t in titles], dtype=bool)  # midwives
    lo = np.array([AGE_RANGE[r][0] for r in range(7)])[rank]
    hi = np.array([AGE_RANGE[r][1] for r in range(7)])[rank]
    age = lo + rng.random(n) * (hi - lo)
    ref64 = np.datetime64(ref, "D")
    birth = ref64 - (age * 365.25).astype(np.int64).astype("timedelta64[D]")
    app_age = 19 + rng.random(n) * (np.minimum(35.0, age - 0.5) - 19)
    appointed = birth + (app_age * 365.25).astype(np.int64).astype("timedelta64[D]")
    pppk = non_struct & (rng.random(n) < PPPK_SHARE)
    pppk_year = rng.integers(2021, max(2022, ref.year), n)
    pppk_date = (pppk_year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + 59
    pppk &= (ref.year >= 2022) & (pppk_date - birth >= np.timedelta64(int(19 * 365.25), "D"))
    appointed = np.where(pppk, pppk_date, appointed)
    nips = make_nips(birth, appointed, female, pppk)

    new = rng.random(n) < NEW_SHARE
    year, day = np.timedelta64(365, "D"), np.timedelta64(1, "D")
    start_lo = np.maximum(appointed, np.where(new, ref64 - year + day, ref64 - 12 * year))
    start_hi = np.where(new, ref64 - day, ref64 - year - day)
    start = _span(rng, start_lo, start_hi)
    start = np.maximum(start, appointed)

    direct = np.array([k.category is cat.LL for k in kinds])[unit]
    nonflex = np.isin(np.array(titles, dtype=object), list(cat.NON_FLEX_JOBS)).astype(bool)
    nonflex |= direct & (rank == R_FUNG) & (rng.random(n) < 0.6)
    nonflex |= non_struct & (rng.random(n) < 0.01)
    disc_draw = rng.random(n)
    discipline = (rank >= R_ADMIN) & (disc_draw < DISCIPLINE_SHARE)
    serving = disc_draw < DISCIPLINE_SHARE / 2
    field = non_struct & (rng.random(n) < np.array([k.field_duty for k in kinds])[unit])

    prefers = rng.random(n) < PREFERENCE_SHARE
    two = rng.random(n) < 0.4
    gumbel = np.log(WEEKDAY_WEIGHTS)[None, :] - np.log(-np.log(rng.random((n, 5))))
    top = np.argsort(-gumbel, axis=1, kind="stable")[:, :2]
    commute = np.clip(np.round(rng.lognormal(np.log(13.0), 0.65, n), 1), 0.5, 120.0)

    regions = [plans[u].region for u in unit_of]
    degree = rng.random(n) < np.where(structural, 0.95, np.where(rank == R_FUNG, 0.8, 0.25))
    names = person_names(rng, female, regions, degree, structural)

    present = sorted({int(r) for r in rank[structural]})
    senior = np.isin(rank, present[:2])
    roles, teams = _roles_and_teams(plans, rng, unit, non_struct, head)
    _relax_for_half_office(plans, unit, senior, nonflex, discipline, roles)

    head_idx = np.flatnonzero(head).tolist()
    agency_head = next((head_idx[u] for u, p in enumerate(plans) if p.agency_head), None)
    disc = np.where(~discipline, 0, np.where(serving, 2, 1)).tolist()
    disc_enum = (Discipline.TIDAK, Discipline.DALAM_PROSES, Discipline.SEDANG_MENJALANI)
    start_l = [date.fromordinal(d + _EPOCH) for d in start.astype(np.int64).tolist()]
    n_pref = np.where(prefers, np.where(two, 2, 1), 0).tolist()
    top_l = top.tolist()
    unit_l, rank_l2 = unit.tolist(), rank.tolist()
    head_l, flex_l = head.tolist(), (~nonflex).tolist()
    field_l, commute_l = field.tolist(), commute.tolist()
    out: list[Employee] = []
    for i in range(n):
        u = unit_l[i]
        boss = agency_head if head_l[i] else head_idx[u]
        out.append(Employee(
            nip=nips[i], name=names[i], unit_code=plans[u].code,
            position_type=LEVELS[rank_l2[i]], position=titles[i],
            flex_eligible=flex_l[i], discipline=disc_enum[disc[i]],
            position_start=start_l[i],
            roles=roles.get(i, frozenset()),
            preferred_wfh_days=frozenset(top_l[i][: n_pref[i]]),
            team=teams.get(i),
            supervisor_nip=None if boss is None or boss == i else nips[boss],
            field_duty=field_l[i], commute_km=commute_l[i],
        ))
    return out


_EPOCH = date(1970, 1, 1).toordinal()


def _roles_and_teams(plans: Sequence[UnitPlan], rng: np.random.Generator, unit: np.ndarray,
                     non_struct: np.ndarray, head: np.ndarray
                     ) -> tuple[dict[int, frozenset[str]], dict[int, str]]:
    roles: dict[int, frozenset[str]] = {}
    teams: dict[int, str] = {}
    bounds = np.r_[0, np.cumsum([p.size for p in plans])]
    for u, plan in enumerate(plans):
        members = np.arange(bounds[u], bounds[u + 1])
        pool = list(members[non_struct[members]][rng.permutation(int(non_struct[members].sum()))])
        for role, (minimum, holders) in list(plan.roles.items()):
            got = [int(i) for i in pool[:holders]]
            pool = pool[holders:]
            if not got:
                del plan.roles[role]
                continue
            plan.roles[role] = (min(minimum, len(got)), len(got))
            for i in got:
                roles[i] = roles.get(i, frozenset()) | {role}
        share = 0.7 if plan.category is not cat.LL else 0.4
        if plan.size < 6 or rng.random() >= share:
            continue
        others = members[~head[members]][rng.permutation(plan.size - 1)]
        others = others[: max(3, int(len(others) * (0.7 + 0.25 * rng.random())))]
        topics = rng.permutation(len(cat.TEAM_TOPICS))
        k = pos = 0
        while len(others) - pos >= 3:
            size = int(rng.integers(3, 9))
            if len(others) - pos - size < 3 and len(others) - pos <= 8:
                size = len(others) - pos
            round_, t = divmod(k, len(topics))
            topic = cat.TEAM_TOPICS[topics[t]] + (f" {round_ + 1}" if round_ else "")
            tag = f"Tim {topic} {plan.code}"
            for i in others[pos:pos + size]:
                teams[int(i)] = tag
            pos += size
            k += 1
    return roles, teams


def _relax_for_half_office(plans: Sequence[UnitPlan], unit: np.ndarray, senior: np.ndarray,
                           nonflex: np.ndarray, discipline: np.ndarray,
                           roles: dict[int, frozenset[str]]) -> None:
    """Keep compulsory office staff of each administration / leadership-support unit
    (senior officials, no-flex jobs, discipline cases, role minimums) within half the unit,
    so a 50% WFO ceiling (SE 58/2020 zone replay) stays satisfiable."""
    forced = senior | nonflex | discipline
    per_unit = np.bincount(unit[forced], minlength=len(plans))
    for u, plan in enumerate(plans):
        if plan.category is cat.LL:
            continue
        limit = plan.size // 2
        if per_unit[u] + sum(m for m, _ in plan.roles.values()) <= limit:
            continue
        members = np.flatnonzero(unit == u)
        relax = members[~senior[members]]
        nonflex[relax] = False
        discipline[relax] = False
        n_forced = int(senior[members].sum())
        for role in sorted(plan.roles, key=lambda r: -plan.roles[r][0]):
            minimum, holders = plan.roles[role]
            while minimum > 0 and n_forced + sum(m for m, _ in plan.roles.values()) > limit:
                minimum -= 1
                plan.roles[role] = (minimum, holders)
            if minimum == 0:
                del plan.roles[role]
                for i in members:
                    if role in roles.get(int(i), ()):
                        roles[int(i)] = roles[int(i)] - {role}
                        if not roles[int(i)]:
                            del roles[int(i)]
