"""Split a compiled problem into independent parts.

Units couple only through building seats (B1): every other rule and goal is per person,
per unit, or per team within a unit. Units in one building are solved together only when
the building's capacity can bind — some date on which B1 applies and the most WFO the
units could have (their active staff, less the WFH a P1 ceiling forces) exceeds the seats.
Otherwise each unit is a part of its own.

A binding building with more than ``max_part_staff`` staff would make a part too large to
solve quickly. Such a part is marked ``huge``: the engine first finds one roster of the
whole building that meets every hard rule — the constructive rotation repaired
(:mod:`asn_scheduler.engine.part_check`), or when that still breaks a rule a CP-SAT solve
for Q0 alone — then :func:`split_building` gives each unit a seat quota per date — the WFO
it has in that roster, plus the seats left over shared pro rata to active staff (largest
remainders) — and the units are solved one by one. Every quota admits that roster, so the
split parts are feasible. Seats only ever ask for more WFH: under ``fill`` a unit can add
WFH to its share of that roster without needing a seat, so how much WFH the starting
roster has matters little. Measured at 65,000 staff under PermenPANRB 4/2025 (102 huge
buildings): split from the repaired rotation or from the Q0 probe, the WFH days were the
same (291,291, Q0 proven in every part); a test compares split and whole buildings under
``fill`` and ``none``. A prototype found such pro-rata splits lost nothing on the other
goals either.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

import numpy as np

from asn_scheduler.engine.context import DECIDE, Context, per_unit
from asn_scheduler.engine.rotation import fortnight_slots
from asn_scheduler.engine.settings import DEFAULT
from asn_scheduler.parts.data import PartData, RoleNeed, Seats
from asn_scheduler.rules.quality_defs import pattern_pairs


@dataclass(frozen=True, eq=False)
class Part:
    """Units solved together, with their seat limits. ``huge``: a whole binding building
    to split (see the module doc); ``split`` names the building whose seats were shared
    out (this part holds one unit's quota)."""

    units: tuple[int, ...]
    seats: tuple[Seats, ...] = ()
    split: str | None = None
    huge: bool = False


def max_wfo(ctx: Context) -> np.ndarray:
    """(U, D): the most WFO a unit can have: active staff less the WFH P1 forces."""
    forced = np.where(ctx.ceiling >= 0, np.maximum(ctx.active - ctx.ceiling, 0), 0)
    return ctx.active - forced


def decompose(ctx: Context, max_part_staff: int | None = None) -> list[Part]:
    """The independent parts, largest (most decision cells) first, ties by first unit.
    Units without staff are left out. A binding building with more staff than
    ``max_part_staff`` (default :attr:`Settings.max_part_staff
    <asn_scheduler.engine.settings.Settings.max_part_staff>`) is one part marked ``huge``."""
    if max_part_staff is None:
        max_part_staff = DEFAULT.max_part_staff
    staff = np.bincount(ctx.emp_unit, minlength=len(ctx.problem.units))
    in_building: set[int] = set()
    parts: list[Part] = []
    most = max_wfo(ctx)
    for b, us in enumerate(ctx.building_units):
        us = np.array([u for u in us if staff[u]], dtype=np.intp)
        if not us.size:
            continue
        cap = ctx.b1_cap[b]
        on = (cap >= 0) & ~ctx.pinned_day
        if not (on & (most[us].sum(axis=0) > cap)).any():
            continue
        in_building.update(int(u) for u in us)
        name = ctx.problem.buildings[b].name
        parts.append(Part(tuple(int(u) for u in us), (Seats(name, us, cap.copy()),),
                          huge=bool(staff[us].sum() > max_part_staff)))
    for u in range(len(ctx.problem.units)):
        if staff[u] and u not in in_building:
            parts.append(Part((u,)))
    return sort_parts(ctx, parts)


def whole(ctx: Context) -> Part:
    """Every unit with staff as one part, with every building's seats: the monolithic
    model (a reference for the benchmarks; :func:`decompose` is what the engine uses)."""
    staff = np.bincount(ctx.emp_unit, minlength=len(ctx.problem.units))
    seats = tuple(Seats(ctx.problem.buildings[b].name, us[staff[us] > 0], ctx.b1_cap[b].copy())
                  for b, us in enumerate(ctx.building_units)
                  if us.size and staff[us].any() and (ctx.b1_cap[b] >= 0).any())
    return Part(tuple(int(u) for u in np.flatnonzero(staff)), seats)


def sort_parts(ctx: Context, parts: list[Part]) -> list[Part]:
    """Largest (most decision cells) first, ties by first unit: big parts start early."""
    size = per_unit(ctx, ctx.fixed == DECIDE).sum(axis=1)
    return sorted(parts, key=lambda p: (-int(size[list(p.units)].sum()), p.units[0]))


def f1_room(fixed: np.ndarray, field_duty: np.ndarray, cols: np.ndarray, limit: int) -> int:
    """The most WFH a group of staff (rows of ``fixed``) can have on the dates ``cols`` of
    one ISO week that count towards F1: field-duty staff every open day, the others at
    most ``limit`` (a sound bound for prechecks and seat quotas)."""
    open_days = (fixed[:, cols] == DECIDE).sum(axis=1)
    return int(np.where(field_duty, open_days, np.minimum(open_days, limit)).sum())


def split_building(ctx: Context, part: Part, wfh: np.ndarray) -> list[Part]:
    """One part per unit of the huge building ``part``, each with its seat quota, given
    the probe roster's WFH per unit and date (``wfh``, in ``part.units`` order)."""
    seats = part.seats[0]
    units = np.array(part.units, dtype=np.intp)
    quotas = split_seats(ctx, units, seats.cap, ctx.active[units] - wfh)
    return [Part((int(u),), (Seats(seats.name, np.array([u], dtype=np.intp), q, quota=True),),
                 split=seats.name)
            for u, q in zip(units, quotas, strict=True)]


def split_seats(ctx: Context, units: np.ndarray, cap: np.ndarray, base: np.ndarray
                ) -> list[np.ndarray]:
    """Per unit, a seat quota per date: ``base`` (the WFO each unit has in a feasible
    roster) plus the seats left over pro rata to active staff, never above the most WFO a
    unit can have; −1 where B1 is off. The quotas add up to at most ``cap``."""
    lo = np.asarray(base, dtype=np.int64)
    hi = np.maximum(max_wfo(ctx)[units], lo)
    act = ctx.active[units]
    quota = np.full((len(units), cap.size), -1, dtype=np.int64)
    for d in np.flatnonzero(cap >= 0):
        q = lo[:, d].copy()
        room = hi[:, d] - q
        spare = min(int(cap[d] - q.sum()), int(room.sum()))
        while spare > 0:
            weight = np.where(room > 0, act[:, d], 0).astype(float)
            if weight.sum() == 0:
                weight = (room > 0).astype(float)
            ideal = weight / weight.sum() * spare
            give = np.minimum(np.floor(ideal).astype(np.int64), room)
            left = spare - int(give.sum())
            for i in np.argsort(-(ideal - np.floor(ideal)), kind="stable"):
                if left <= 0:
                    break
                if room[i] > give[i]:
                    give[i] += 1
                    left -= 1
            q += give
            room -= give
            spare -= int(give.sum())
        quota[:, d] = q
    return list(quota)


def part_data(ctx: Context, part: Part, index: int, goals: tuple[str, ...]) -> PartData:
    """The solver's view of ``part``: the context restricted to its units and staff."""
    units = np.array(part.units, dtype=np.intp)
    shared = _shared(ctx)
    local = np.full(len(ctx.problem.units), -1, dtype=np.intp)
    local[units] = np.arange(units.size)
    rows = np.concatenate([ctx.unit_rows[u] for u in units]) if units.size else np.array([], int)
    rows = np.sort(rows)
    team = ctx.team[rows]
    named = np.unique(team[team >= 0])
    roles = [RoleNeed(int(local[rn.unit]), rn.role,
                      np.searchsorted(rows, rn.holders).astype(np.intp), rn.need)
             for rn in shared.roles_of(part.units)]
    seats = [Seats(s.name, local[np.asarray(s.units, dtype=np.intp)], s.cap, s.quota)
             for s in part.seats]
    return PartData(
        index=index,
        unit_codes=tuple(ctx.problem.units[u].code for u in units),
        rows=rows,
        unit_of=local[ctx.emp_unit[rows]],
        fixed=ctx.fixed[rows],
        reason=ctx.reason[rows],
        preferred=ctx.preferred[rows],
        team=np.where(team >= 0, np.searchsorted(named, team), -1).astype(np.int64),
        field_duty=ctx.field_duty[rows],
        working=ctx.working[units],
        active=ctx.active[units],
        cap=ctx.cap[units],
        ceiling=ctx.ceiling[units],
        goal_kind=ctx.goal_kind[units],
        goal_k=ctx.goal_k[units],
        week=ctx.week,
        pairs=shared.pairs,
        roles=roles,
        seats=seats,
        pinned_day=ctx.pinned_day,
        goals=goals,
        max_consecutive=ctx.scenario.max_consecutive_wfh,
        published=None if ctx.published is None else ctx.published[rows],
        pinned_open=None if ctx.pinned_open is None else ctx.pinned_open[rows],
        slot=shared.slot.copy(),
        weekly=tuple(w.take(units, rows) for w in ctx.weekly),
    )


@dataclass(eq=False)
class _Shared:
    """What every part of one context reads alike, worked out once: the 14-day pairs,
    the fortnight slots, and the roles by unit (a part asks for its few units among
    every unit's roles; ~2,000 parts at 65,000 staff)."""

    roles: list[RoleNeed]
    by_unit: dict[int, list[int]]
    pairs: tuple[tuple[int, int], ...]
    slot: np.ndarray

    def roles_of(self, units: tuple[int, ...]) -> list[RoleNeed]:
        """The roles of ``units``, in the context's order."""
        return [self.roles[i] for i in sorted(i for u in units for i in self.by_unit.get(u, ()))]


_SHARED: WeakKeyDictionary[Context, _Shared] = WeakKeyDictionary()


def _shared(ctx: Context) -> _Shared:
    got = _SHARED.get(ctx)
    if got is None or got.roles is not ctx.roles or len(got.roles) != len(ctx.roles):
        by_unit: dict[int, list[int]] = {}
        for i, rn in enumerate(ctx.roles):
            by_unit.setdefault(int(rn.unit), []).append(i)
        got = _SHARED[ctx] = _Shared(ctx.roles, by_unit, tuple(pattern_pairs(ctx.dates)),
                                     fortnight_slots(ctx.dates))
    return got
