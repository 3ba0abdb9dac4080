"""What a published roster shows, independent of the file it is printed to.

A :class:`Publication` is the roster plus everything a printed page, a PDF or a personal
calendar needs and the bare ``Jadwal`` sheet does not hold: the agency's name, unit
names, the scenario's title and legal basis, the holidays of the period and the
signatory. The roster workbook carries it (a hidden sheet, see
:mod:`asn_scheduler.excel.roster_publication`), so ``asn-scheduler publish`` works from
that workbook alone. Plain data: no I/O library is imported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from types import MappingProxyType

from asn_scheduler.domain.roster import Roster
from asn_scheduler.i18n import Msg
from asn_scheduler.publish._text import safe_text

#: ``Problem.settings`` keys (sheet ``Pengaturan``) that fill an :class:`Imprint`.
SETTING_KEYS: Mapping[str, str] = MappingProxyType({
    "agency_name": "agency", "sign_place": "place", "sign_date": "sign_date",
    "sign_title": "title", "sign_name": "name", "sign_nip": "nip",
})


@dataclass(frozen=True)
class Imprint:
    """The agency's name and the signature block of a printed roster.

    Every field is text as the planner typed it; a blank field prints as a dotted line
    to fill in by hand (place, date, the approving official's title, name and NIP).
    """

    agency: str = ""
    place: str = ""
    sign_date: str = ""
    title: str = ""
    name: str = ""
    nip: str = ""

    @classmethod
    def from_settings(cls, settings: Mapping[str, str]) -> Imprint:
        """The imprint from ``Problem.settings`` (canonical keys in :data:`SETTING_KEYS`);
        other keys are ignored."""
        values = {attr: str(settings[key]).strip() for key, attr in SETTING_KEYS.items()
                  if settings.get(key) not in (None, "")}
        return cls(**values)

    def over(self, base: Imprint) -> Imprint:
        """``base`` with every non-blank field of ``self`` taking precedence."""
        return replace(base, **{f.name: getattr(self, f.name) for f in fields(self)
                                if getattr(self, f.name)})

    def as_settings(self) -> dict[str, str]:
        """The imprint as ``Problem.settings``-style keys (blank fields included)."""
        return {key: getattr(self, attr) for key, attr in SETTING_KEYS.items()}


@dataclass(frozen=True, slots=True)
class Person:
    """One row of the roster: NIP, name and unit code, as on sheet ``Jadwal``."""

    nip: str
    name: str
    unit_code: str


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """A unit as printed: its code and name (the name falls back to the code)."""

    code: str
    name: str


@dataclass(frozen=True)
class Publication:
    """A roster ready to print and publish.

    ``people[i]`` is row ``i`` of ``roster``; ``units`` lists every unit with staff, in
    the order the units are given (input order), then any unit code only seen on a row.
    ``holidays`` maps a date of the roster to its name (national holidays, *cuti
    bersama* and the agency's extra days off). ``title`` is the scenario's title in both
    languages; ``scenario`` its ID and ``basis`` its legal basis.
    """

    imprint: Imprint
    scenario: str
    title: Msg
    basis: str
    roster: Roster
    people: tuple[Person, ...]
    units: tuple[UnitInfo, ...]
    holidays: Mapping[date, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if len(self.people) != len(self.roster.nips):
            raise ValueError(f"{len(self.people)} people for {len(self.roster.nips)} roster rows")
        # every text a page or a calendar shows passes the project's escaping path once
        t = safe_text
        object.__setattr__(self, "people", tuple(
            Person(t(p.nip), t(p.name), t(p.unit_code)) for p in self.people))
        object.__setattr__(self, "units", tuple(UnitInfo(t(u.code), t(u.name))
                                                for u in self.units))
        object.__setattr__(self, "imprint", Imprint(**{
            f.name: t(getattr(self.imprint, f.name)) for f in fields(self.imprint)}))
        object.__setattr__(self, "title", Msg(t(self.title.id), t(self.title.en)))
        object.__setattr__(self, "basis", t(self.basis))
        object.__setattr__(self, "holidays", {d: t(n) for d, n in self.holidays.items()})
        labels = self.roster.other_labels
        if any(t(v) is not v for v in labels.values()):
            object.__setattr__(self, "roster", Roster(
                self.roster.nips, self.roster.dates, self.roster.codes,
                {k: t(v) for k, v in labels.items()}))
        codes = {u.code for u in self.units}
        missing = sorted({p.unit_code for p in self.people} - codes)
        if missing:
            object.__setattr__(self, "units", self.units + tuple(UnitInfo(c, c) for c in missing))
        if not isinstance(self.holidays, MappingProxyType):
            object.__setattr__(self, "holidays", MappingProxyType(dict(self.holidays)))

    @property
    def dates(self) -> tuple[date, ...]:
        """The roster's dates, ascending."""
        return self.roster.dates

    def rows_of(self, unit_code: str) -> list[int]:
        """Roster rows of the unit's staff, in roster order."""
        return [i for i, p in enumerate(self.people) if p.unit_code == unit_code]

    def staffed_units(self) -> list[UnitInfo]:
        """The units that have at least one person on the roster, in :attr:`units` order."""
        staffed = {p.unit_code for p in self.people}
        return [u for u in self.units if u.code in staffed]

    def unit_name(self, code: str) -> str:
        """The unit's name (its code when the name is unknown)."""
        return next((u.name for u in self.units if u.code == code), code)
