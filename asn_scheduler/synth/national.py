"""A national set of agencies: how many staff each, where, with which seed.

Indonesia has about 4.3 million civil servants in some 600 agencies (ministries and
national agencies, provinces, regencies and cities) of 50 to 65,000 staff: most are a
few hundred to a few thousand strong, a long tail of ministries and big provinces much
larger. :func:`national_sizes` gives that shape as a log-normal spread of sizes (the same
spread at any scale) clipped to the range, scaled so the sizes add up to the total asked
for; :func:`national_plan` names and places each agency. Same arguments, same plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

PROVINCES: tuple[str, ...] = (
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi",
    "Sumatera Selatan", "Kepulauan Bangka Belitung", "Bengkulu", "Lampung", "DKI Jakarta",
    "Jawa Barat", "Banten", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur", "Bali",
    "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Barat", "Kalimantan Tengah",
    "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara",
    "Gorontalo", "Sulawesi Tengah", "Sulawesi Barat", "Sulawesi Selatan", "Sulawesi Tenggara",
    "Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Barat Daya", "Papua Selatan",
    "Papua Tengah", "Papua Pegunungan")
"""The 38 provinces (2024)."""
FULL_AGENCIES = 600
FULL_STAFF = 4_300_000
SIGMA = 1.3
"""Spread of log(size): with 600 agencies and 4.3 million staff it puts the median agency
near 3,300 staff, a quarter under 1,400 and the largest at the 65,000 cap."""
MIN_SIZE, MAX_SIZE = 50, 65_000
SMALLEST = 12
"""A scaled-down set never goes below this (the generator needs a head, a counter and
units to rotate)."""


@dataclass(frozen=True, slots=True)
class AgencySpec:
    """One agency of the plan: file-safe ID, name, province, staff, generator seed."""

    agency: str
    name: str
    region: str
    staff: int
    seed: int


def national_sizes(agencies: int, total: int, *, sigma: float = SIGMA,
                   low: int = MIN_SIZE, high: int = MAX_SIZE) -> list[int]:
    """``agencies`` sizes, largest first, summing to about ``total``: the quantiles of a
    log-normal of spread ``sigma`` clipped to ``[low, high]`` (and never below
    :data:`SMALLEST`), its median found by bisection.

    Raises
    ------
    ValueError
        ``total`` cannot be reached within the clip (e.g. fewer than ``total / high``
        agencies).
    """
    if not agencies * max(low, SMALLEST) <= total <= agencies * high:
        raise ValueError(f"{agencies} agencies of {low}..{high} staff cannot total {total}")
    z = [NormalDist().inv_cdf((i + 0.5) / agencies) for i in range(agencies)]

    def sizes(median: float) -> list[int]:
        return [max(SMALLEST, low, min(high, round(median * math.exp(sigma * q)))) for q in z]

    lo, hi = 1.0, float(high)
    for _ in range(100):
        mid = math.sqrt(lo * hi)
        lo, hi = (mid, hi) if sum(sizes(mid)) < total else (lo, mid)
    return sorted(sizes(hi), reverse=True)


def national_plan(agencies: int, total: int, seed: int = 0) -> list[AgencySpec]:
    """The agencies of a national set: sizes from :func:`national_sizes`, each placed in a
    province (round robin over a shuffled list), named by kind (a few ministries, the
    rest regional governments) and given its own generator seed."""
    rng = np.random.Generator(np.random.PCG64(seed))
    regions = list(PROVINCES)
    rng.shuffle(regions)
    out = []
    for i, staff in enumerate(national_sizes(agencies, total)):
        region = regions[i % len(regions)]
        kind = "Kementerian" if i < max(1, agencies // 8) else (
            "Pemerintah Provinsi" if i % 7 == 0 else "Pemerintah Kabupaten/Kota")
        out.append(AgencySpec(f"instansi-{i + 1:04d}", f"{kind} Sintetis {i + 1} ({region})",
                              region, staff, seed * 100_003 + i))
    return out
