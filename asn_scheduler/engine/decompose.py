"""Split a compiled problem into independent parts.

Units couple only through building seats (B1): every other rule and goal is per person,
per unit, or per team within a unit. Units in one building are solved together only when
the building's capacity can bind — some date on which B1 applies and the most WFO the
units could have (their active staff, less the WFH a P1 ceiling forces) exceeds the seats.
Otherwise each unit is a part of its own.

A binding building with more than ``max_part_staff`` staff would make a part too large to
solve quickly; its seats are then split among its units per date: each unit first gets the
WFO it cannot avoid (staff held in the office, role cover, what its WFH cap leaves), and
the remaining seats go pro rata to the units' active staff (largest remainders, in unit
order). A prototype found this lost nothing against solving the building whole; if a
unit's share turns out infeasible the engine solves the building whole after all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from asn_scheduler.engine.context import DECIDE, Context, per_unit
from asn_scheduler.engine.part import PartData, RoleNeed, Seats
from asn_scheduler.rules.quality_defs import pattern_pairs

MAX_PART_STAFF = 1500


@dataclass(frozen=True, eq=False)
class Part:
    """Units solved together, with their seat limits. ``split`` names the building whose
    seats were shared out (this part holds one unit's quota)."""

    units: tuple[int, ...]
    seats: tuple[Seats, ...] = ()
    split: str | None = None


def max_wfo(ctx: Context) -> np.ndarray:
    """(U, D): the most WFO a unit can have: active staff less the WFH P1 forces."""
    forced = np.where(ctx.ceiling >= 0, np.maximum(ctx.active - ctx.ceiling, 0), 0)
    return ctx.active - forced


def min_wfo(ctx: Context) -> np.ndarray:
    """(U, D): a lower bound on a unit's WFO: staff held in the office plus the role cover
    the held staff do not give, or what the WFH cap leaves, whichever is more."""
    held = ctx.fixed_wfo_present()
    decisions = ctx.decisions_per_unit()
    floor = np.maximum(held, ctx.active - np.minimum(ctx.cap, decisions + ctx.fixed_wfh()))
    extra = np.zeros_like(floor)
    held_cells = ctx.fixed == 0
    for u, _role, holders, need in ctx.roles:
        have = held_cells[holders].sum(axis=0) if holders.size else 0
        extra[u] = np.maximum(extra[u], need - have)
    return np.maximum(floor, held + np.maximum(extra, 0))


def decompose(ctx: Context, max_part_staff: int | None = None) -> list[Part]:
    """The independent parts, largest (most decision cells) first, ties by first unit.
    Units without staff are left out. A binding building with more staff than
    ``max_part_staff`` (default :data:`MAX_PART_STAFF`) has its seats split."""
    if max_part_staff is None:
        max_part_staff = MAX_PART_STAFF
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
        if staff[us].sum() <= max_part_staff:
            parts.append(Part(tuple(int(u) for u in us), (Seats(name, us, cap.copy()),)))
        else:
            quotas = split_seats(ctx, us, cap)
            for u, q in zip(us, quotas, strict=True):
                seats = Seats(name, np.array([u], dtype=np.intp), q, quota=True)
                parts.append(Part((int(u),), (seats,), split=name))
    for u in range(len(ctx.problem.units)):
        if staff[u] and u not in in_building:
            parts.append(Part((u,)))
    size = per_unit(ctx, ctx.fixed == DECIDE).sum(axis=1)
    parts.sort(key=lambda p: (-int(size[list(p.units)].sum()), p.units[0]))
    return parts


def split_seats(ctx: Context, units: np.ndarray, cap: np.ndarray) -> list[np.ndarray]:
    """Per unit, a seat quota per date summing to at most ``cap`` (see the module doc);
    −1 where B1 is off."""
    lo = min_wfo(ctx)[units]
    hi = np.maximum(max_wfo(ctx)[units], lo)
    act = ctx.active[units]
    quota = np.full((len(units), cap.size), -1, dtype=np.int64)
    for d in np.flatnonzero(cap >= 0):
        q = lo[:, d].copy()
        spare = int(cap[d] - q.sum())
        room = hi[:, d] - q
        while spare > 0 and room.sum() > 0:
            weight = np.where(room > 0, act[:, d], 0).astype(float)
            if weight.sum() == 0:
                weight = (room > 0).astype(float)
            ideal = weight / weight.sum() * min(spare, int(room.sum()))
            give = np.minimum(np.floor(ideal).astype(np.int64), room)
            left = min(spare, int(room.sum())) - int(give.sum())
            order = np.argsort(-(ideal - np.floor(ideal)), kind="stable")
            for i in order:
                if left <= 0:
                    break
                if room[i] > give[i]:
                    give[i] += 1
                    left -= 1
            if give.sum() == 0:
                break
            q += give
            room -= give
            spare -= int(give.sum())
        quota[:, d] = q
    return list(quota)


def part_data(ctx: Context, part: Part, index: int, goals: tuple[str, ...]) -> PartData:
    """The solver's view of ``part``: the context restricted to its units and staff."""
    units = np.array(part.units, dtype=np.intp)
    local = {int(u): i for i, u in enumerate(units)}
    rows = np.concatenate([ctx.unit_rows[u] for u in units]) if units.size else np.array([], int)
    rows = np.sort(rows)
    pos = {int(r): i for i, r in enumerate(rows)}
    team = ctx.team[rows]
    uniq = {t: i for i, t in enumerate(sorted(set(team[team >= 0].tolist())))}
    roles = [RoleNeed(local[u], role, np.array([pos[int(h)] for h in holders], dtype=np.intp),
                      need)
             for u, role, holders, need in ctx.roles if u in local]
    seats = [Seats(s.name, np.array([local[int(u)] for u in s.units], dtype=np.intp),
                   s.cap, s.quota) for s in part.seats]
    return PartData(
        index=index,
        unit_codes=tuple(ctx.problem.units[u].code for u in units),
        rows=rows,
        unit_of=np.array([local[int(u)] for u in ctx.emp_unit[rows]], dtype=np.intp),
        fixed=ctx.fixed[rows],
        reason=ctx.reason[rows],
        preferred=ctx.preferred[rows],
        team=np.array([uniq[t] if t >= 0 else -1 for t in team.tolist()], dtype=np.int64),
        field_duty=ctx.field_duty[rows],
        working=ctx.working[units],
        active=ctx.active[units],
        cap=ctx.cap[units],
        ceiling=ctx.ceiling[units],
        goal_kind=ctx.goal_kind[units],
        goal_k=ctx.goal_k[units],
        f1_counts=ctx.f1_counts[units],
        f1_limit=ctx.f1_limit[units],
        week=ctx.week,
        pairs=tuple(pattern_pairs(ctx.dates)),
        roles=roles,
        seats=seats,
        pinned_day=ctx.pinned_day,
        goals=goals,
        max_consecutive=ctx.scenario.max_consecutive_wfh,
        published=None if ctx.published is None else ctx.published[rows],
        pinned_open=None if ctx.pinned_open is None else ctx.pinned_open[rows],
    )
