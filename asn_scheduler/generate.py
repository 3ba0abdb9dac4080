"""Synthetic Indonesian government agencies, for demos, tests and benchmarks.

:func:`generate_agency` builds a realistic agency as domain objects: units with real
sounding names and unique codes, staff with valid unique NIPs and names from across
Indonesia, structural levels, supervisors, roles and role minimums, teams, preferences,
commutes, leave over the period, and office buildings whose seats bind yet stay feasible
under every shipped scenario. Same arguments, same agency: all randomness comes from one
``numpy.random.Generator(PCG64(seed))`` drawn in a fixed order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from asn_scheduler.domain.enums import PositionLevel, Sector
from asn_scheduler.domain.model import MAX_PERIOD_DAYS, Building, Period, Problem, Unit
from asn_scheduler.scenario.loader import list_scenarios
from asn_scheduler.scenario.model import Scenario
from asn_scheduler.synth import catalog as cat
from asn_scheduler.synth.buildings import assign_buildings, size_capacities
from asn_scheduler.synth.feasibility import MARCH_2026
from asn_scheduler.synth.leave import make_absences
from asn_scheduler.synth.staff import populate, structure
from asn_scheduler.synth.units import (
    Namer,
    UnitPlan,
    default_units,
    head_level,
    role_minimums,
    split_categories,
    tier,
    unit_sizes,
)

MIN_STAFF = 8
MAX_STAFF = 200_000
"""The largest agency :func:`generate_agency` makes: three times the largest real one the
benchmarks use (65,000), and under the reader's row limit."""
OWN_CAPS = (60.0, 70.0, 75.0, 80.0)
"""Unit caps drawn for a few units. At 60% or more they stay compatible with the 50% WFO
ceiling of the SE 58/2020 replay (a lower own cap would forbid the WFH that table forces)."""

_PREFIX = {("admin", "big"): "DIN", ("admin", "mid"): "BID", ("admin", "small"): "SUB",
           ("support", "big"): "SET", ("support", "mid"): "BAG", ("support", "small"): "SBG"}


def generate_agency(
    staff: int,
    *,
    units: int | None = None,
    seed: int = 0,
    regions: Sequence[str] = ("DKI Jakarta",),
    period: Period | None = None,
    name: str = "",
    with_period: bool = True,
    scenarios: Sequence[Scenario] | None = None,
) -> Problem:
    """A synthetic agency of ``staff`` employees.

    Parameters
    ----------
    staff
        Number of employees (at least 8).
    units
        Number of units; default about one per 30 staff. Unit sizes run from 4 to 100, so
        ``staff/100 ≤ units ≤ staff/4``.
    seed
        Same seed (and arguments), same agency.
    regions
        Provinces the units are spread over (the first hosts the agency head's unit).
    period
        Roster dates; leave is drawn inside them and new employees are measured from the
        first day. Default: March 2026.
    name
        The agency's name; default names the province and seed.
    with_period
        Store ``period`` in ``problem.period`` (sheet ``Periode`` when written).
    scenarios
        The scenarios the building capacities must stay feasible under; default every
        shipped scenario. Each is checked on the days it governs: its own window, or
        ``period`` when the window is open-ended (PermenPANRB 4/2025). Outside a
        scenario's window plain office work applies and a binding building cannot seat
        everyone — that is what binding means.

    Returns
    -------
    Problem
        About a third of the staff in direct-service units; every unit headed; the two top
        structural levels present; capacities ≥ the forced office occupancy + a margin.

    Raises
    ------
    ValueError
        Fewer than 8 or more than :data:`MAX_STAFF` staff, a ``units`` count that cannot
        hold them, or a period longer than
        :data:`~asn_scheduler.domain.model.MAX_PERIOD_DAYS`.
    """
    if not MIN_STAFF <= staff <= MAX_STAFF:
        raise ValueError(f"an agency needs at least {MIN_STAFF} and at most {MAX_STAFF} staff "
                         f"(got {staff})")
    regions = list(regions) or ["DKI Jakarta"]
    period = period or MARCH_2026
    if len(period.days()) > MAX_PERIOD_DAYS:
        raise ValueError(f"a period of at most {MAX_PERIOD_DAYS} days (got {period})")
    rng = np.random.Generator(np.random.PCG64(seed))
    plans = plan_units(rng, staff, units if units is not None else default_units(staff), regions)
    employees = populate(plans, rng, period.start)
    direct_units = {p.code for p in plans if p.category is cat.LL}
    direct = np.array([e.unit_code in direct_units for e in employees], dtype=bool)
    absences = make_absences(rng, employees, direct, [period])
    building_names = assign_buildings(plans, rng)
    if not name:
        name = (f"Pemerintah Provinsi {regions[0]} (sintetis, seed {seed})" if len(regions) == 1
                else f"Instansi Sintetis ({len(regions)} provinsi, seed {seed})")
    problem = Problem(
        employees=tuple(employees),
        units=tuple(unit_of(p) for p in plans),
        absences=tuple(absences),
        buildings=tuple(Building(b, staff) for b in building_names),
        period=period,
        name=name,
    )
    shipped = list(scenarios) if scenarios is not None else list_scenarios()
    buildings = size_capacities(problem, rng, shipped, period)
    return problem.replace(buildings=buildings, period=period if with_period else None)


def unit_of(plan: UnitPlan) -> Unit:
    """The domain :class:`Unit` of a plan."""
    return Unit(code=plan.code, name=plan.name, category=plan.category, sector=plan.sector,
                region=plan.region, building=plan.building, max_wfh_pct=plan.max_wfh_pct,
                role_minimums={r: m for r, (m, _) in plan.roles.items()},
                operating_days=plan.operating_days)


def plan_units(rng: np.random.Generator, staff: int, n_units: int,
               regions: Sequence[str]) -> list[UnitPlan]:
    """Units for ``staff`` people: sizes, categories, kinds, heads, names, codes, sectors,
    regions, role minimums and a few own WFH caps. The agency head's unit comes first,
    the rest in code order."""
    sizes = unit_sizes(rng, staff, n_units)
    cats = split_categories(rng, sizes)
    by_size = np.argsort(-sizes, kind="stable")
    host = next((int(i) for want in (cat.DUK, cat.ADM) for i in by_size if cats[i] is want),
                int(by_size[0]))
    weights = np.array([0.4] + [0.6 / (len(regions) - 1)] * (len(regions) - 1)) \
        if len(regions) > 1 else np.ones(1)
    region_of = rng.choice(len(regions), size=n_units, p=weights)
    region_of[host] = 0
    namer = Namer(rng, multi_region=len(regions) > 1)
    direct_kind_pick = rng.random(n_units)
    own_cap = rng.random(n_units)
    plans: list[UnitPlan] = []
    others_big = any(s >= cat.HEAD_BIG for i, s in enumerate(sizes) if i != host)
    for i, size in enumerate(sizes.tolist()):
        region = regions[int(region_of[i])]
        t = tier(size)
        if cats[i] is cat.LL:
            w = np.cumsum(cat.DIRECT_WEIGHTS[t])
            kind = cat.DIRECT_KINDS[min(int(np.searchsorted(w / w[-1], direct_kind_pick[i])),
                                        len(w) - 1)]
        else:
            kind = cat.ADMIN_KIND if cats[i] is cat.ADM else cat.SUPPORT_KIND
        if i == host:
            head = PositionLevel.JPT_MADYA if others_big else PositionLevel.JPT_PRATAMA
            unit_name = "Sekretariat Daerah" + (f" Provinsi {region}" if len(regions) > 1 else "")
            namer.used.add(unit_name)
            code = namer.code("SETDA")
        else:
            head = head_level(size)
            unit_name = namer.name(kind, t, region)
            code = namer.code(kind.prefix or _PREFIX[(kind.key, t)])
        if kind.sector is not None:
            sector = kind.sector
        elif any(d in unit_name for d in cat.ESENSIAL_DINAS) or any(
                a in unit_name for a in ("BPKAD", "Bapenda", "Diskominfotik")):
            sector = Sector.ESENSIAL
        else:
            sector = Sector.NON_ESENSIAL
        plan = UnitPlan(code=code, name=unit_name, kind=kind, size=size, head=head,
                        region=region, sector=sector, operating_days=kind.days,
                        agency_head=i == host)
        plan.roles = role_minimums(kind, size, size - len(structure(plan)), rng)
        if kind.category is not cat.LL and size >= 6 and own_cap[i] < 0.1:
            plan.max_wfh_pct = OWN_CAPS[int(own_cap[i] * 10 * len(OWN_CAPS)) % len(OWN_CAPS)]
        plans.append(plan)
    head_plan = plans[host]
    return [head_plan, *sorted((p for p in plans if p is not head_plan), key=lambda p: p.code)]
