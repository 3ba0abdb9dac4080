"""Planning the units of a synthetic agency: sizes, categories, names, codes, roles.

A :class:`UnitPlan` is a unit before it has staff. :func:`plan_units` draws them for
:func:`asn_scheduler.generate.generate_agency`; the bundled sample builds its plans by hand.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from asn_scheduler.domain.enums import PositionLevel, Sector, ServiceCategory
from asn_scheduler.synth import catalog as cat
from asn_scheduler.synth.places import places, roman

MIN_SIZE, MAX_SIZE = 4, 100
SPLIT_TRIALS = 16


@dataclass
class UnitPlan:
    """A unit before it has staff.

    ``roles`` maps a role tag to (minimum in office, holders). ``head`` is the level of
    the unit's head; ``agency_head`` marks the unit that hosts the head of the agency
    (whose level is then ``head``).
    """

    code: str
    name: str
    kind: cat.UnitKind
    size: int
    head: PositionLevel
    region: str
    sector: Sector | None = None
    operating_days: frozenset[int] = cat.MON_FRI
    roles: dict[str, tuple[int, int]] = field(default_factory=dict)
    max_wfh_pct: float | None = None
    building: str | None = None
    agency_head: bool = False

    @property
    def category(self) -> ServiceCategory:
        """The unit's service category (from its kind)."""
        return self.kind.category


def default_units(staff: int) -> int:
    """About thirty staff per unit, at least three units (one per category) when possible."""
    lo, hi = math.ceil(staff / MAX_SIZE), staff // MIN_SIZE
    return max(lo, min(hi, max(3, round(staff / 30))))


def unit_sizes(rng: np.random.Generator, staff: int, units: int) -> np.ndarray:
    """``units`` sizes in [MIN_SIZE, MAX_SIZE] summing to ``staff`` (log-normal skew:
    many small units, a few large ones)."""
    if not MIN_SIZE * units <= staff <= MAX_SIZE * units:
        raise ValueError(f"{staff} staff cannot fill {units} units of {MIN_SIZE}–{MAX_SIZE} staff"
                         f" (use between {math.ceil(staff / MAX_SIZE)} and "
                         f"{staff // MIN_SIZE} units)")
    w = rng.lognormal(0.0, 0.9, units)
    room = MAX_SIZE - MIN_SIZE
    alloc = np.zeros(units, dtype=np.int64)
    remaining = staff - MIN_SIZE * units
    for _ in range(20):
        free = alloc < room
        if remaining == 0 or not free.any():
            break
        share = np.where(free, w, 0.0)
        add = np.minimum(np.floor(share / share.sum() * remaining).astype(np.int64), room - alloc)
        if add.sum() == 0:
            break
        alloc += add
        remaining -= int(add.sum())
    while remaining > 0:
        free = np.flatnonzero(alloc < room)
        free = free[np.argsort(-w[free], kind="stable")][:remaining]
        alloc[free] += 1
        remaining -= len(free)
    return alloc + MIN_SIZE


def head_level(size: int) -> PositionLevel:
    """Head of a unit by size: dinas/badan-level units a JPT Pratama, middle ones an
    Administrator, small ones a Pengawas."""
    if size >= cat.HEAD_BIG:
        return PositionLevel.JPT_PRATAMA
    if size >= cat.HEAD_SMALL:
        return PositionLevel.ADMINISTRATOR
    return PositionLevel.PENGAWAS


def tier(size: int) -> str:
    """``big``, ``mid`` or ``small``."""
    return {PositionLevel.JPT_PRATAMA: "big", PositionLevel.ADMINISTRATOR: "mid"}.get(
        head_level(size), "small")


def split_categories(rng: np.random.Generator, sizes: np.ndarray) -> list[ServiceCategory]:
    """Direct service for about a third of the staff, the rest about three quarters
    administration and a quarter leadership support; each category present when there are
    at least three units."""
    n = len(sizes)
    cats = [cat.ADM] * n
    if n == 1:
        return cats
    target, k_max = sizes.sum() / 3, n - 1 if n < 3 else n - 2
    best: tuple[float, np.ndarray, int] | None = None
    for _ in range(SPLIT_TRIALS):   # a few random orders: with few units one may miss the third
        trial = rng.permutation(n)
        cum = np.cumsum(sizes[trial])
        k = min(max(int(np.argmin(np.abs(cum - target))) + 1, 1), k_max)
        err = abs(float(cum[k - 1]) - target)
        if best is None or err < best[0]:
            best = (err, trial, k)
    assert best is not None
    _, order, k = best
    for i in order[:k]:
        cats[i] = cat.LL
    rest = order[k:]
    if len(rest) >= 2:
        n_support = max(1, round(0.25 * len(rest)))
        for i in rest[:n_support]:
            cats[i] = cat.DUK
    return cats


class Namer:
    """Unique unit names and codes, drawn from the catalogue in a seeded order."""

    def __init__(self, rng: np.random.Generator, multi_region: bool):
        self.rng = rng
        self.multi = multi_region
        self.used: set[str] = set()
        self.pools: dict[tuple[str, str, str], Iterator[str]] = {}
        self.counters: dict[str, int] = {}

    def code(self, prefix: str) -> str:
        """The next code with ``prefix`` (``RSUD-001`` …)."""
        n = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = n
        return f"{prefix}-{n:03d}"

    def name(self, kind: cat.UnitKind, size_tier: str, region: str) -> str:
        """A name not used before, for a unit of ``kind`` and tier in ``region``."""
        key = (kind.key, size_tier, region)
        if key not in self.pools:
            self.pools[key] = self._pool(self._candidates(kind, size_tier, region))
        for candidate in self.pools[key]:
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate
        raise AssertionError("unreachable: the pool is endless")

    @staticmethod
    def _pool(candidates: list[str]) -> Iterator[str]:
        yield from candidates
        for k in range(2, 40):
            for base in candidates:
                yield f"{base} {roman(k)}"
        k = 40
        while True:
            for base in candidates:
                yield f"{base} {k}"
            k += 1

    def _shuffled(self, items: Sequence[str]) -> list[str]:
        return [items[i] for i in self.rng.permutation(len(items))]

    def _candidates(self, kind: cat.UnitKind, size_tier: str, region: str) -> list[str]:
        p = places(region)
        suffix = f" Provinsi {region}" if self.multi else ""
        if kind.key == "admin":
            return self._admin(size_tier, p.kota, p.kecamatan, suffix)
        if kind.key == "support":
            base = {"big": cat.SUPPORT_BIG, "mid": cat.SUPPORT_MID,
                    "small": cat.SUPPORT_SMALL}[size_tier]
            first = self._shuffled([b + suffix for b in base])
            more = self._shuffled([f"{b} {k}" for b in base for k in p.kota])
            if size_tier == "big":
                more = self._shuffled([f"Sekretariat Kota {k}" for k in p.kota]) + more
            elif size_tier == "mid":
                more += self._shuffled([f"Sekretariat Kecamatan {c}" for c in p.kecamatan])
            else:
                more += self._shuffled([f"Sekretariat Kelurahan {c}" for c in p.kecamatan])
            return first + more
        templates = getattr(kind, {"big": "big", "mid": "mid", "small": "small"}[size_tier])
        return self._shuffled([t.format(kota=k, kec=c) for t in templates
                               for k in p.kota for c in p.kecamatan
                               if ("{kec}" in t or c == p.kecamatan[0])
                               and ("{kota}" in t or k == p.kota[0])])

    def _admin(self, size_tier: str, kota: Sequence[str], kecamatan: Sequence[str],
               suffix: str) -> list[str]:
        if size_tier == "big":
            first = self._shuffled([d + suffix for d in cat.DINAS])
            branch = "Suku" if not self.multi and "Jakarta Pusat" in kota else "Cabang"
            return first + self._shuffled([f"{branch} {d} {k}" for d in cat.DINAS for k in kota])
        if size_tier == "mid":
            first = [f"Bidang {t} {abbr}" for abbr, ts in cat.BIDANG for t in ts]
            first += [*cat.INSPEKTORAT_MID, *cat.BIRO_ADMIN]
            first = self._shuffled([f + suffix for f in first])
            return (first + self._shuffled([f"{f} {k}" for f in first for k in kota])
                    + self._shuffled([f"Kantor Kecamatan {c}" for c in kecamatan]))
        first = self._shuffled([f"{s} {abbr}{suffix}" for s in cat.SUB_ADMIN
                                for abbr, _ in cat.BIDANG])
        return (first + self._shuffled([f"{f} {k}" for f in first for k in kota])
                + self._shuffled([f"Kantor Kelurahan {c}" for c in kecamatan]))


def role_minimums(kind: cat.UnitKind, size: int, non_structural: int,
                  rng: np.random.Generator) -> dict[str, tuple[int, int]]:
    """Role minimums and holder counts for a unit; a minimum never exceeds its holders,
    and holders leave one spare for leave wherever the unit is big enough."""
    out: dict[str, tuple[int, int]] = {}
    budget = non_structural
    for i, (role, base) in enumerate(kind.roles):
        if kind.category is cat.LL:
            minimum = base + size // 40
        elif (i == 0 and size >= 6) or (i == 1 and size >= 12 and rng.random() < 0.5):
            minimum = base
        else:
            continue
        holders = min(minimum + 1 + size // 25, budget)
        minimum = min(minimum, holders - 1 if holders >= 2 else holders)
        if minimum < 1:
            continue
        out[role] = (minimum, holders)
        budget -= holders
    return out
