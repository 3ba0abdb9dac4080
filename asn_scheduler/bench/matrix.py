"""The benchmark matrix: which agencies, scenarios and methods are measured, over which
dates, and the cached input workbooks they read.

A *cell* is one (size, scenario, method). Methods: ``parts`` (the engine, decomposed:
what ``asn-scheduler solve`` runs), ``mono`` (the same rules as one monolithic CP-SAT model
with the same time limit), ``highs`` (the same parts and goals as MILPs on HiGHS, the
peer) and ``ab`` (the planner's A/B hand split, quality only).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from asn_scheduler._version import __version__
from asn_scheduler.domain.calendar import Calendar
from asn_scheduler.domain.model import Period
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario.model import Scenario

SIZES: tuple[int, ...] = (1_000, 10_000, 65_000)
"""The fixed matrix of agency sizes (staff)."""
SCENARIOS: tuple[str, ...] = ("se-17-2023", "permenpanrb-4-2025")
METHODS: tuple[str, ...] = ("parts", "mono", "highs", "ab")
REFERENCES: tuple[str, ...] = ("ab", "mono", "highs")
"""The reference methods ``--references`` may name."""
QUICK_SIZE = 150
"""The small size ``--quick`` runs (and the test suite, so the bench cannot rot)."""
QUICK_TIME_LIMIT = 3.0
REGION = "DKI Jakarta"
"""Where generated agencies sit: inside SE 17/2023's region, so its window applies."""

PERIODS: dict[str, Period] = {
    # the Ramadan/Lebaran month: holidays and cuti bersama included, the hard realistic case
    "permenpanrb-4-2025": Period(date(2026, 3, 2), date(2026, 3, 31)),
    # one month from the KTT ASEAN window's first day; its 50% regime covers 9 working days
    "se-17-2023": Period(date(2023, 8, 28), date(2023, 9, 27)),
}
FALLBACK_START = date(2026, 3, 2)

# a fixed creation time makes the cached input workbooks byte-for-byte reproducible
_CREATED = datetime(2026, 1, 1)
_GENERATOR_SOURCES = ("generate.py", "synth", "schema.py", "excel/input_writer.py")


@dataclass(frozen=True, slots=True)
class Cell:
    """One measurement: an agency of ``size`` staff under ``scenario`` by ``method``."""

    size: int
    scenario: str
    method: str

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.size, self.scenario, self.method)

    @property
    def stem(self) -> str:
        """A file-name stem for this cell (a scenario given as a path is flattened)."""
        return re.sub(r"[^\w.-]+", "_", f"{self.size}-{self.scenario}-{self.method}")


def matrix(sizes: tuple[int, ...] = SIZES, scenarios: tuple[str, ...] = SCENARIOS,
           references: tuple[str, ...] = REFERENCES) -> list[Cell]:
    """The cells to run, size by size (smallest first), then scenario, then ``parts``
    before its references (``mono``, ``highs``, then ``ab``).

    Raises
    ------
    ValueError
        A reference that is not in :data:`REFERENCES`, or a size below 8.
    """
    bad = [r for r in references if r not in REFERENCES]
    if bad:
        raise ValueError(f"unknown reference(s) {', '.join(bad)}; use {', '.join(REFERENCES)}")
    if any(s < 8 for s in sizes):
        raise ValueError("an agency needs at least 8 staff")
    methods = [m for m in METHODS if m == "parts" or m in references]
    return [Cell(size, sc, m) for size in sorted(dict.fromkeys(sizes))
            for sc in dict.fromkeys(scenarios) for m in methods]


def one_month(start: date) -> Period:
    """``start`` to the day before the same day next month."""
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    try:
        nxt = start.replace(year=year, month=month)
    except ValueError:  # 31 January → 28/29 February: end on the month's last day
        nxt = date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)
    return Period(start, nxt - timedelta(days=1))


def bench_period(scenario: Scenario) -> Period:
    """One month of dates for ``scenario``: :data:`PERIODS` for the matrix's scenarios,
    else a month from the scenario's own window start (or from 2 March 2026)."""
    if scenario.id in PERIODS:
        return PERIODS[scenario.id]
    window = scenario.default_period
    return one_month(window.start if window is not None else FALLBACK_START)


_NOTE = Msg("{s} · {a}..{b}: {w} hari kerja (Senin–Jumat tanpa libur nasional dan cuti "
            "bersama); aturan skenario berlaku pada {k} di antaranya{rest}.",
            "{s} · {a}..{b}: {w} working days (Monday–Friday less national holidays and "
            "cuti bersama); the scenario's own regime applies on {k} of them{rest}.")
_REST = Msg(", sisanya kerja di kantor (baseline skenario)",
            ", the rest is office work (the scenario's baseline)")


def period_note(scenario: Scenario, period: Period) -> Msg:
    """What the month means under ``scenario``: working days and how many of them the
    scenario's own regime covers (in :data:`REGION`)."""
    days = period.days()
    cal = Calendar(days)
    work = [d for d in days if d.weekday() < 5 and not cal.is_holiday(d)]
    own = sum(scenario.in_scope(REGION, d) for d in work)
    rest = _REST if own < len(work) else Msg("", "")
    fields = dict(s=scenario.id, a=period.start.isoformat(), b=period.end.isoformat(),
                  w=len(work), k=own)
    return Msg(_NOTE.id.format(**fields, rest=rest.id), _NOTE.en.format(**fields, rest=rest.en))


def generator_digest() -> str:
    """A short hash of the package version and the sources that shape a generated input
    workbook, so a cached input is rebuilt when any of them changes."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(__version__.encode())
    for name in _GENERATOR_SOURCES:
        p = root / name
        files = sorted(p.rglob("*.py")) if p.is_dir() else [p]
        for f in files:
            if f.is_file():
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:10]


def input_path(cache: Path, size: int, seed: int, period: Period) -> Path:
    """Where the input workbook of (``size``, ``seed``, ``period``) is cached."""
    return cache / (f"agency-{size}-seed{seed}-{period.start:%Y%m%d}-{period.end:%Y%m%d}-"
                    f"{generator_digest()}.xlsx")


def ensure_input(cache: Path, size: int, seed: int, period: Period) -> tuple[Path, bool]:
    """The cached input workbook, generated and written first when missing.

    Returns the path and whether it was generated now. Generation and writing are not
    part of any measured stage. Same arguments, same bytes.
    """
    from asn_scheduler.excel.input_writer import write_input_workbook
    from asn_scheduler.generate import generate_agency

    path = input_path(cache, size, seed, period)
    if path.is_file():
        return path, False
    os.makedirs(cache, exist_ok=True)
    problem = generate_agency(size, seed=seed, period=period, regions=(REGION,))
    write_input_workbook(problem, path, created=_CREATED)
    return path, True
