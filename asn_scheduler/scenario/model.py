"""Scenarios: one per circular, as data.

A :class:`Scenario` has a :class:`Policy` (every rule parameter of ``spec/rules.md``), an
optional :class:`Window` (date ranges and region scope, rule E1) and a baseline scenario
that applies outside the window. With no baseline, the built-in office baseline applies:
everyone works in the office (Perpres 21/2023), no WFH.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from asn_scheduler.domain.enums import PositionLevel, Sector, ServiceCategory
from asn_scheduler.domain.model import Period, Unit
from asn_scheduler.domain.regions import find_region, is_jawa_bali, within
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario.office_days import describe as describe_office_days

WfhGoal = Literal["fill", "none"] | int

GOAL_IDS: tuple[str, ...] = ("Q0", "Q1", "Q2", "Q3", "Q4")


def _frozen_map(m: Mapping) -> Mapping:
    return m if isinstance(m, MappingProxyType) else MappingProxyType(dict(m))


@dataclass(frozen=True)
class LevelPeriod:
    """A PPKM level for a region (province or kabupaten/kota) over inclusive dates
    (``None``: open on that side)."""

    region: str
    start: date | None
    end: date | None
    level: int

    def applies(self, region: str | None, day: date | None) -> bool:
        """Whether this entry sets the level of a unit in ``region`` on ``day``."""
        if day is not None and ((self.start is not None and day < self.start)
                                or (self.end is not None and day > self.end)):
            return False
        return within(region, self.region)

    @property
    def specific(self) -> bool:
        """A kabupaten/kota entry (it wins over its province's)."""
        r = find_region(self.region)
        return r is not None and r.kabkota is not None


@dataclass(frozen=True)
class WfoMax:
    """Rule P1: the most a unit may have in the office per day, as a % of active staff.

    ``kind="ppkm"``: ``table[sector]["jawa_bali" | "luar_jawa_bali"]`` gives the figure
    for PPKM levels 1..4 (Jawa–Bali from :mod:`asn_scheduler.domain.regions`). A unit's
    level on a day is, first match wins: a ``periods`` entry for its kabupaten/kota, one for
    its province (later entries before earlier ones), ``levels[region]`` (for the whole
    window), ``default_level``. ``kind="zone"``: ``zone_pct[zone]`` for the unit's zone
    ``zones[region]`` or ``default_zone`` (SE 58/2020 as amended by SE 67/2020). Region keys
    are canonical region names. Units of an ``exempt`` service category have no ceiling
    (100%): SE 58/2020 keeps strategic and direct services running in the office, so its
    zone ceiling must not contradict rule S1.

    ``nearest``: sectors whose figure the circular words "WFO *sebanyak* X%" (X% of staff in
    the office: a target the unit should reach, not only a ceiling); their count rounds to
    the nearest whole person, halves up, instead of down (see :func:`pct_nearest`), so a
    one-person unit at 75% is not sent home every day.
    """

    kind: Literal["ppkm", "zone"]
    table: Mapping[Sector, Mapping[str, tuple[float, float, float, float]]] = field(
        default_factory=lambda: MappingProxyType({}))
    levels: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    default_level: int = 1
    zone_pct: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    zones: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    default_zone: str = ""
    exempt: frozenset[ServiceCategory] = frozenset()
    periods: tuple[LevelPeriod, ...] = ()
    nearest: frozenset[Sector] = frozenset()

    def __post_init__(self) -> None:
        for name in ("table", "levels", "zone_pct", "zones"):
            object.__setattr__(self, name, _frozen_map(getattr(self, name)))
        object.__setattr__(self, "exempt", frozenset(self.exempt))
        object.__setattr__(self, "nearest", frozenset(self.nearest))
        object.__setattr__(self, "periods", tuple(self.periods))

    def level_of(self, region: str | None, day: date | None = None) -> int:
        """PPKM level (1..4) of a unit in ``region`` on ``day`` (``None``: ignore dates)."""
        hits = [p for p in self.periods if p.applies(region, day)]
        for specific in (True, False):
            for p in reversed(hits):
                if p.specific == specific:
                    return p.level
        return _by_region(self.levels, region, self.default_level)

    def zone_of(self, region: str | None) -> str:
        """Risk zone of a unit in ``region``."""
        return _by_region(self.zones, region, self.default_zone)

    def pct(self, unit: Unit, day: date | None = None) -> float:
        """The WFO ceiling in % for ``unit`` on ``day``."""
        if unit.category in self.exempt:
            return 100.0
        if self.kind == "zone":
            return float(self.zone_pct[self.zone_of(unit.region)])
        area = "jawa_bali" if is_jawa_bali(unit.region) else "luar_jawa_bali"
        return float(self.table[unit.effective_sector][area][self.level_of(unit.region, day) - 1])

    def rounds_nearest(self, unit: Unit) -> bool:
        """Whether ``unit``'s figure is worded "sebanyak" (rounds to nearest, see above)."""
        return self.kind == "ppkm" and unit.effective_sector in self.nearest


def _by_region(table: Mapping[str, object], region: str | None, default: object):  # type: ignore[no-untyped-def]
    """The entry of ``table`` (keyed by region names) whose region holds ``region``,
    a kabupaten/kota entry before its province's; ``default`` when none does."""
    if not table or region is None:
        return default
    hits = [k for k in table if within(region, k)]
    if not hits:
        return default
    hits.sort(key=lambda k: 0 if (r := find_region(k)) is not None and r.kabkota else 1)
    return table[hits[0]]


SeniorRule = Literal["every", "one_per_level"]
SENIOR_RULES: tuple[str, ...] = ("every", "one_per_level")


def parse_senior_levels(value: object) -> tuple[PositionLevel, ...]:
    """Senior levels named by the agency, highest first, each once.

    ``value`` is a text (``"JPT Pratama; Administrator"``, ``;`` or ``,`` separated, any
    label, alias or eselon form of :class:`PositionLevel`) or a sequence of such texts or
    levels; empty = none named. Raises :class:`ValueError` naming an unknown level or a
    non-structural one (Fungsional and Pelaksana hold no structural post).
    """
    if value is None or value == "":
        return ()
    items = value.replace(",", ";").split(";") if isinstance(value, str) else list(value)  # type: ignore[attr-defined]
    levels: set[PositionLevel] = set()
    for item in items:
        if isinstance(item, str) and not item.strip():
            continue
        level = item if isinstance(item, PositionLevel) else PositionLevel.parse(item)
        if level is None:
            raise ValueError(f"unknown position level {item!r} in senior_levels; use "
                             f"{', '.join(lv.label_id for lv in PositionLevel if lv.structural)}")
        if not level.structural:  # type: ignore[union-attr]
            raise ValueError(f"{level.label_id} is not a structural level; senior_levels "  # type: ignore[union-attr]
                             "takes JPT Utama, JPT Madya, JPT Pratama, Administrator, Pengawas")
        levels.add(level)  # type: ignore[arg-type]
    return tuple(sorted(levels, key=lambda lv: lv.rank))


@dataclass(frozen=True)
class Policy:
    """The rule parameters in force on a day for a unit.

    Parameters (rule IDs of ``spec/rules.md``):

    - ``direct_service_wfo`` (S1): direct-service units are entirely WFO.
    - ``wfh_cap_pct`` (S2): per service category, the most of a unit's active staff that
      may be WFH, in % (a category not listed gets 0). The unit's ``Batas WFH (%)`` also
      applies; the stricter wins. Counts round down: ``floor(pct/100 × active)``.
    - ``senior_levels_wfo`` (L1): officials of the top N structural levels present in the
      agency are senior (0 turns L1 off).
    - ``senior_levels`` (L1): the levels the agency names as senior instead (``Pengaturan``
      or ``--set senior_levels=…``); empty = the top ``senior_levels_wfo`` present.
    - ``senior_rule`` (L1): ``"every"`` official of those levels is WFO, or
      ``"one_per_level"``: at least one official of each level is WFO on every working day,
      across the agency (SE 19/2020's "minimal 2 level … tetap di kantor").
    - ``role_minimums`` (S3), ``building_capacity`` (B1): on or off.
    - ``max_flex_days_per_week`` (F1): WFH days per person per ISO week, ``None`` = no cap.
      Field-duty staff are exempt.
    - ``counts_toward_flex_cap``: whether WFH days under this policy count towards F1
      (event windows: no, unless the scenario says so).
    - ``eligibility``: which of F2, F3, F4 apply; ``new_employee_days`` for F3.
    - ``wfo_max`` (P1): pandemic-era WFO ceiling, or ``None``.
    - ``wfh_goal`` (Q0): ``"fill"`` (use the caps), ``"none"`` (WFH only where a rule forces
      it), or an int k: at most k WFH days per person per ISO week, as many as allowed.
    - ``unit_cap_applies`` (S2): whether a unit's own ``Batas WFH (%)`` applies. Only where
      the instrument lets the agency set the proportion (PermenPANRB 4/2025, the event
      circulars); a table that fixes the figure (the PPKM era) leaves the agency no cap.
    - ``office_days`` (K1): compulsory office days (canonical items of
      :mod:`asn_scheduler.scenario.office_days`): every present person is WFO.
    """

    direct_service_wfo: bool = True
    wfh_cap_pct: Mapping[ServiceCategory, float] = field(
        default_factory=lambda: MappingProxyType({}))
    senior_levels_wfo: int = 2
    senior_levels: tuple[PositionLevel, ...] = ()
    senior_rule: SeniorRule = "every"
    role_minimums: bool = True
    building_capacity: bool = True
    max_flex_days_per_week: int | None = None
    counts_toward_flex_cap: bool = True
    eligibility: frozenset[str] = frozenset({"F2", "F3", "F4"})
    new_employee_days: int = 365
    wfo_max: WfoMax | None = None
    wfh_goal: WfhGoal = "fill"
    unit_cap_applies: bool = True
    office_days: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "wfh_cap_pct", _frozen_map(self.wfh_cap_pct))
        object.__setattr__(self, "eligibility", frozenset(self.eligibility))
        object.__setattr__(self, "office_days", frozenset(self.office_days))
        object.__setattr__(self, "senior_levels", parse_senior_levels(self.senior_levels))
        if self.senior_rule not in SENIOR_RULES:
            raise ValueError(f"senior_rule is one of {', '.join(SENIOR_RULES)}, "
                             f"not {self.senior_rule!r}")

    def cap_pct(self, unit: Unit) -> float:
        """The WFH cap in % for ``unit`` (scenario and unit cap, the stricter)."""
        if self.direct_service_wfo and unit.category is ServiceCategory.LAYANAN_LANGSUNG:
            return 0.0
        pct = float(self.wfh_cap_pct.get(unit.category, 0.0))
        if unit.max_wfh_pct is not None and self.unit_cap_applies:
            pct = min(pct, float(unit.max_wfh_pct))
        return pct

    def replace(self, **changes: object) -> Policy:
        """A copy with ``changes``."""
        return dataclasses.replace(self, **changes)


OFFICE_POLICY = Policy(wfh_cap_pct={}, wfh_goal="none", counts_toward_flex_cap=True)
"""Normal office work (Perpres 21/2023): no WFH for anyone."""


@dataclass(frozen=True)
class Window:
    """Where and when a scenario's own policy applies (rule E1).

    ``ranges`` are inclusive date ranges (``end=None``: open-ended); ``regions`` are
    canonical region names (:mod:`asn_scheduler.domain.regions`: provinces or
    kabupaten/kota), empty for national scope.
    """

    ranges: tuple[tuple[date, date | None], ...]
    regions: frozenset[str] = frozenset()

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in one of the ranges."""
        return any(a <= day and (b is None or day <= b) for a, b in self.ranges)

    def covers_region(self, region: str | None) -> bool:
        """Whether a unit in ``region`` is in scope (a unit without region is not, for a
        region-scoped scenario: the engine warns about such units)."""
        return not self.regions or any(within(region, r) for r in self.regions)

    @property
    def period(self) -> Period | None:
        """First start to last end, when every range is closed."""
        if any(b is None for _, b in self.ranges):
            return None
        return Period(min(a for a, _ in self.ranges), max(b for _, b in self.ranges))  # type: ignore[type-var]


@dataclass(frozen=True)
class Override:
    """One parameter set for a run: ``key`` as in the scenario files (``office_days``,
    ``wfh_cap_pct.administrasi_pemerintahan``), the ``value`` as typed, and where it came
    from (``cli`` for ``--set``, ``sheet`` for the workbook's ``Pengaturan``)."""

    key: str
    value: str
    source: str = "cli"
    row: int | None = None


@dataclass(frozen=True)
class Scenario:
    """One circular as data: its policy, window, baseline and goal order.

    ``goals`` is the lexicographic order of the soft goals (a higher one is never traded
    for a lower one); ``max_consecutive_wfh`` is the Q3 run limit. ``basis_url`` points to
    the official text (JDIH); ``basis_url_secondary`` to reports that quote it.
    ``revoked``: the date the regime ended (its window must end before it).
    ``overrides``: parameters set for this run (``--set``, sheet ``Pengaturan``), already
    applied to the policies; listed for the summary, the Info Run sheet and the hash.
``rule_basis`` maps a
    rule ID to the legal basis this scenario applies it on, where it differs from the
    registry's (the compliance sheet cites it).
    """

    id: str
    title: Msg
    basis: str
    policy: Policy
    window: Window | None = None
    baseline: Scenario | None = None
    description: Msg = field(default_factory=lambda: Msg("", ""))
    basis_url: str = ""
    goals: tuple[str, ...] = GOAL_IDS
    max_consecutive_wfh: int = 2
    suggested_period: Period | None = None
    basis_url_secondary: tuple[str, ...] = ()
    revoked: date | None = None
    overrides: tuple[Override, ...] = ()
    rule_basis: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "rule_basis", _frozen_map(self.rule_basis))

    def in_scope(self, region: str | None, day: date) -> bool:
        """Whether this scenario's own policy applies to a unit in ``region`` on ``day``."""
        return self.window is None or (
            self.window.contains(day) and self.window.covers_region(region))

    def policy_for(self, region: str | None, day: date) -> Policy:
        """The policy in force for a unit in ``region`` on ``day`` (rule E1)."""
        if self.in_scope(region, day):
            return self.policy
        if self.baseline is not None:
            return self.baseline.policy_for(region, day)
        return OFFICE_POLICY

    @property
    def default_period(self) -> Period | None:
        """The roster dates a scenario with a fixed legal window supplies: its
        ``suggested_period`` (for windows of many months, a first month), else the window."""
        if self.suggested_period is not None:
            return self.suggested_period
        return self.window.period if self.window is not None else None

    def with_params(self, **params: object) -> Scenario:
        """A what-if variant of the scenario's own policy.

        Accepts any :class:`Policy` field, plus shortcuts: ``wfh_cap=pct`` (every
        non-direct category), ``ppkm_level=n`` (every province), ``zone=name`` (every
        province), ``max_consecutive_wfh``, ``goals``.
        """
        policy = self.policy
        top: dict[str, object] = {}
        for key, value in params.items():
            if key == "wfh_cap":
                caps = {c: float(value) for c in ServiceCategory  # type: ignore[arg-type]
                        if c is not ServiceCategory.LAYANAN_LANGSUNG}
                policy = policy.replace(wfh_cap_pct=caps)
            elif key in ("ppkm_level", "zone"):
                if policy.wfo_max is None:
                    raise ValueError(f"scenario {self.id} has no P1 table to set {key}")
                if key == "ppkm_level":
                    wm = dataclasses.replace(policy.wfo_max, levels={}, periods=(),
                                             default_level=int(value))  # type: ignore[arg-type]
                else:
                    wm = dataclasses.replace(policy.wfo_max, zones={}, default_zone=str(value))
                policy = policy.replace(wfo_max=wm)
            elif key in ("max_consecutive_wfh", "goals"):
                top[key] = value
            elif key in {f.name for f in dataclasses.fields(Policy)}:
                policy = policy.replace(**{key: value})
            else:
                raise ValueError(f"unknown scenario parameter {key!r}")
        suffix = ",".join(f"{k}={v}" for k, v in sorted(params.items()))
        return dataclasses.replace(self, policy=policy, id=f"{self.id}[{suffix}]", **top)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        """Every parameter, resolved, as plain JSON-able data (baseline included)."""
        return {
            "id": self.id,
            "title": self.title.id,
            "basis": self.basis,
            "window": None if self.window is None else {
                "ranges": [[a.isoformat(), b.isoformat() if b else None]
                           for a, b in self.window.ranges],
                "regions": sorted(self.window.regions),
            },
            "policy": _policy_dict(self.policy),
            "goals": list(self.goals),
            "max_consecutive_wfh": self.max_consecutive_wfh,
            "rule_basis": dict(sorted(self.rule_basis.items())),
            "baseline": self.baseline.to_dict() if self.baseline else "kantor",
            # the effective overrides (later wins), not where they came from: the same
            # settings from the sheet, --set or a roster's Info Run give the same hash
            **({"overrides": dict(sorted({o.key: o.value for o in self.overrides}.items()))}
               if self.overrides else {}),
        }

    @property
    def hash(self) -> str:
        """A short SHA-256 of every resolved parameter: two runs with the same hash used
        the same rules."""
        blob = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _policy_dict(p: Policy) -> dict[str, object]:
    wm = p.wfo_max
    return {
        "direct_service_wfo": p.direct_service_wfo,
        "wfh_cap_pct": {c.value: v for c, v in sorted(p.wfh_cap_pct.items(),
                                                       key=lambda kv: kv[0].value)},
        "senior_levels_wfo": p.senior_levels_wfo,
        "senior_levels": [lv.value for lv in p.senior_levels],
        "senior_rule": p.senior_rule,
        "role_minimums": p.role_minimums,
        "building_capacity": p.building_capacity,
        "max_flex_days_per_week": p.max_flex_days_per_week,
        "counts_toward_flex_cap": p.counts_toward_flex_cap,
        "eligibility": sorted(p.eligibility),
        "new_employee_days": p.new_employee_days,
        "wfh_goal": p.wfh_goal,
        **({} if p.unit_cap_applies else {"unit_cap_applies": False}),
        **({"office_days": describe_office_days(p.office_days)} if p.office_days else {}),
        "wfo_max": None if wm is None else {
            "kind": wm.kind,
            "table": {s.value: {k: list(v) for k, v in sorted(t.items())}
                      for s, t in sorted(wm.table.items(), key=lambda kv: kv[0].value)},
            "levels": dict(sorted(wm.levels.items())),
            "default_level": wm.default_level,
            "zone_pct": dict(sorted(wm.zone_pct.items())),
            "zones": dict(sorted(wm.zones.items())),
            "default_zone": wm.default_zone,
            "exempt": sorted(c.value for c in wm.exempt),
            **({"periods": [[x.region, x.start and x.start.isoformat(),
                             x.end and x.end.isoformat(), x.level] for x in wm.periods]}
               if wm.periods else {}),
            **({"nearest": sorted(x.value for x in wm.nearest)} if wm.nearest else {}),
        },
    }
