"""Office buildings of a synthetic agency: which units share one, and seats that bind
but stay feasible.

Units with their own premises (hospitals, clinics, fire and patrol posts) are not placed
in a building. The rest share buildings within their province, several units each. A
building's capacity is the most people the hard rules force into it on any day of any
scenario (:mod:`asn_scheduler.synth.feasibility`) plus a margin of a few seats; such a
capacity is below the building's staff (it binds) yet every scenario stays feasible. A
share of buildings gets room for everyone instead (not binding), as real offices do.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from asn_scheduler.domain.enums import normalise
from asn_scheduler.domain.model import Building, Period, Problem
from asn_scheduler.scenario.model import Scenario
from asn_scheduler.synth.feasibility import check_periods, wfo_floor
from asn_scheduler.synth.places import places
from asn_scheduler.synth.units import UnitPlan

NON_BINDING_SHARE = 0.2
_LETTERS = "ABCDEFGH"


def _names(region: str) -> list[str]:
    if normalise(region) == normalise("DKI Jakarta"):
        first = [f"Gedung Balai Kota Blok {c}" for c in _LETTERS]
    else:
        first = [f"Kantor Gubernur {region} Gedung {c}" for c in _LETTERS]
    return first + [f"Gedung Perkantoran {k} Blok {c}" for k in places(region).kota
                    for c in _LETTERS]


def assign_buildings(plans: Sequence[UnitPlan], rng: np.random.Generator) -> list[str]:
    """Put the units that work in offices into shared buildings (sets ``plan.building``);
    returns the building names in order of first use."""
    used: list[str] = []
    for region in dict.fromkeys(p.region for p in plans):
        members = [p for p in plans if p.region == region and p.kind.in_building]
        members = [members[i] for i in rng.permutation(len(members))]
        pool = _names(region)
        first, i = len(used), 0
        while i < len(members):
            target = 150 + rng.random() * 450
            j, staff = i, 0
            while j < len(members) and (staff < target or j - i < 3):
                staff += members[j].size
                j += 1
            if len(members) - j < 2:   # do not leave one unit alone in a last building
                j = len(members)
            k = len(used) - first
            name = pool[k] if k < len(pool) else f"Gedung Perkantoran {region} {k + 1}"
            used.append(name)
            for p in members[i:j]:
                p.building = name
            i = j
    return used


def size_capacities(problem: Problem, rng: np.random.Generator,
                    scenarios: Sequence[Scenario], fallback: Period,
                    non_binding_share: float = NON_BINDING_SHARE) -> tuple[Building, ...]:
    """Capacities for ``problem.buildings`` (their current capacities are ignored).

    Binding buildings get their peak forced occupancy over every scenario's governing
    days (:func:`~asn_scheduler.synth.feasibility.check_periods`) plus 2–8% and at least
    two seats. At least one building binds whenever one can.
    """
    names = [b.name for b in problem.buildings]
    need = dict.fromkeys(names, 0)
    for scenario, period in check_periods(problem, scenarios, fallback):
        floors = wfo_floor(problem, scenario, period).building_floor(problem)
        for name in names:
            need[name] = max(need[name], int(floors[name].max(initial=0)))
    staff = dict.fromkeys(names, 0)
    size = {u.code: 0 for u in problem.units}
    for e in problem.employees:
        size[e.unit_code] += 1
    for u in problem.units:
        if u.building is not None:
            staff[u.building] += size[u.code]
    caps: dict[str, int] = {}
    draws = rng.random((len(names), 2))
    for k, name in enumerate(names):
        tight = need[name] + max(2, math.ceil(need[name] * (0.02 + 0.06 * draws[k, 0])))
        roomy = max(need[name], math.ceil(staff[name] / 10) * 10)
        caps[name] = roomy if draws[k, 1] < non_binding_share or tight >= staff[name] else tight
    if all(caps[n] >= staff[n] for n in names):
        candidates = [n for n in names
                      if need[n] + max(2, math.ceil(need[n] * 0.02)) < staff[n]]
        if candidates:
            n = max(candidates, key=lambda x: (staff[x], -names.index(x)))
            caps[n] = need[n] + max(2, math.ceil(need[n] * 0.02))
    return tuple(Building(n, caps[n]) for n in names)
